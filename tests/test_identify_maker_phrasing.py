"""Makers named in other scripts and by "made by" phrasing in other languages (identY, issue 14): Greek names read
with their accents folded and in Latin transliteration (the tables hold `ELLINIKI VIOMICHANIA OPLON`), and the firm
a design was made by — "fabricada por", "prodotto da", "κατασκευή ... από την", "picked up by" — taken over the
design's maker named beside it.

The texts are written for the rules (no case of any test set); each failed before them, except the guards marked.
"""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.alphabets import transliterate
from armstrace.identify.text import normalise


def test_greek_accents_fold_and_greek_transliterates() -> None:
    assert normalise("Βιομηχανία Όπλων") == "ΒΙΟΜΗΧΑΝΙΑ ΟΠΛΩΝ"
    assert [transliterate(w) for w in ["ΕΛΛΗΝΙΚΗ", "ΒΙΟΜΗΧΑΝΙΑ", "ΟΠΛΩΝ", "ΠΥΡΚΑΛ"]] == [
        "ELLINIKI",
        "VIOMICHANIA",
        "OPLON",
        "PYRKAL",
    ]
    assert transliterate("ИЖМАШ") == "IZHMASH" and transliterate("COLT") == "COLT"  # guards


def test_a_greek_maker_written_in_greek_is_found() -> None:
    r = identify("Ελληνική Βιομηχανία Όπλων")
    assert (r.manufacturer, r.country) == ("Hellenic Arms Industry (EBO)", "GR")


def test_the_firm_a_design_was_made_by_in_other_languages_is_the_maker() -> None:
    r = identify("τυφέκιο G3, κατασκευή από την Ελληνική Βιομηχανία Όπλων (άδεια Heckler & Koch)")
    assert (r.manufacturer, r.country) == ("Hellenic Arms Industry (EBO)", "GR")
    assert (identify("pistola Walther P38 fabricada por Manurhin").manufacturer or "").startswith("Manurhin")
    assert identify("fucile Beretta BM59 prodotto da Pindad").manufacturer == "Pindad"


def test_picked_up_by_names_the_maker_over_the_pattern_named() -> None:
    r = identify("prototype carbine with a Walther MPK magazine, picked up by Milkor")
    assert (r.manufacturer, r.country) == ("Milkor", "ZA")
    assert identify("submachine gun on the Walther MPL pattern, taken up by Milkor").manufacturer == "Milkor"


def test_a_design_named_with_by_and_no_word_of_making_keeps_its_maker() -> None:  # guards (right before too)
    assert identify("Beretta 92 pistol carried by a Pindad employee").manufacturer == "Beretta"
    assert identify("Walther P38 licence by Manurhin").manufacturer is not None


def test_the_plant_a_design_was_assembled_at_is_the_maker() -> None:
    assert identify("súng Galil ACE 32, lắp ráp tại Z111 (IWI)").country == "VN"
    r = identify("Galil ACE rifle assembled at Z111, IWI markings")
    assert (r.manufacturer, r.country) == ("Z111 Factory (Vietnam Defence Industry)", "VN")
    assert identify("Negev machine gun made at the IWI plant").manufacturer == "Israel Weapon Industries"  # guard
