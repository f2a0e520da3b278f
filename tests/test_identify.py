"""Identification engine: fields from markings, importer never maker, unknown stays unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armstrace.cli import run
from armstrace.identify import identify, identify_record, related, standard_name
from armstrace.identify.evaluation import evaluate, load_cases
from armstrace.identify.text import normalise

BLIND = Path(__file__).parent / "data" / "markings_blind.yaml"
MARKINGS = Path(__file__).parent / "data" / "markings.yaml"


def test_colt_m4a1_full_description() -> None:
    r = identify("COLT'S PT. F.A. MFG. CO. HARTFORD, CONN. U.S.A.\nM4A1 CARBINE CAL 5.56MM\nW1004340")
    assert (r.manufacturer, r.country, r.model, r.calibre) == (
        "Colt's Manufacturing Company",
        "US",
        "M4A1",
        "5.56x45mm NATO",
    )
    assert r.serial == "W1004340"
    assert r.kind == "firearm"
    assert any(e.table == "manufacturers" and e.row == "colt" for e in r.evidence)


def test_importer_is_never_the_manufacturer() -> None:
    r = identify("NORINCO MADE IN CHINA\nCENTURY ARMS GEORGIA VT\n56S 1234567")
    assert (r.manufacturer, r.country) == ("Norinco", "CN")
    assert r.importer is not None and r.import_country == "US"
    assert r.country != "GE"  # GEORGIA here is the US state in the importer's address


def test_word_boundaries_us_not_inside_russia() -> None:
    r = identify("MADE IN RUSSIA")
    assert r.country == "RU"
    assert all(e.text != "US" for e in r.evidence)


def test_unknown_stays_unknown() -> None:
    r = identify("lorem ipsum dolor")
    assert (r.manufacturer, r.country, r.model, r.calibre, r.kind) == (None, None, None, None, None)
    assert r.confidence == 0.0


def test_designer_name_in_calibre_is_not_the_maker() -> None:
    r = identify("RUGER GP100 .38 S&W SPECIAL CTG")
    assert r.manufacturer != "Smith & Wesson"
    assert r.calibre == ".38 Special"
    assert r.kind == "firearm"


def test_factory_code_in_triangle_gives_china() -> None:
    r = identify("66 in triangle / 56式 / 10121943")
    assert r.country == "CN"
    assert r.model == "Type 56"


def test_cyrillic_marking() -> None:
    r = identify("ИЖМАШ АК-74 1986г. №123456")
    assert r.country == "RU"
    assert r.model == "AK-74"
    assert r.year == 1986
    assert r.serial == "123456"


def test_nsn_country_and_kind() -> None:
    r = identify("NSN 1005-01-382-0953")
    assert r.nsn == "1005-01-382-0953"
    assert r.kind == "firearm"
    assert r.country == "US"


def test_standard_names_and_relations() -> None:
    assert standard_name("manufacturer", "COLT'S MFG CO") == standard_name("manufacturer", "Colt")
    assert standard_name("calibre", "5,56x45") == "5.56x45mm NATO"
    assert standard_name("model", "AK 47") == "AK-47"
    assert standard_name("manufacturer", "nobody at all") is None
    assert related("manufacturer", "COLT'S MFG CO", "Colt") == 1.0
    assert related("model", "Type 56", "AK-pattern 7.62x39mm") == 0.5
    assert related("model", "Type 56", "M16A2") == 0.0
    assert related("calibre", "unknown thing", "5.56mm") is None


def test_identify_record_standardises_fields() -> None:
    out = identify_record(
        {"manufacturer": "COLT", "model": "M-4A1", "calibre": "5.56", "markings": "PROPERTY OF US GOVT"}
    )
    assert out["manufacturer"] == "Colt's Manufacturing Company"
    assert out["model"] == "M4A1"
    assert out["calibre"] == "5.56x45mm NATO"
    assert out["identification"]["confidence"] > 0.5


def test_test_set_has_sources_and_reaches_accuracy() -> None:
    cases = load_cases(MARKINGS)
    assert all(c.source.startswith("http") for c in cases)
    acc = evaluate(cases).accuracy()
    assert acc["manufacturer"] >= 0.8
    assert acc["country"] >= 0.8


def test_blind_set_is_apart_has_sources_and_reaches_accuracy() -> None:
    blind = load_cases(BLIND)
    assert len(blind) >= 60
    assert all(c.source.startswith("http") for c in blind)
    # kept apart from the development set: no page quoted in both
    assert not {c.source for c in blind} & {c.source for c in load_cases(MARKINGS)}
    acc = evaluate(blind).accuracy()
    assert acc["manufacturer"] >= 0.8
    assert acc["country"] >= 0.8


def test_cli_json_and_evaluate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["identify", "GLOCK 17 AUSTRIA 9x19", "--json"]) == 0
    assert '"manufacturer": "Glock"' in capsys.readouterr().out
    assert run(["identify", "evaluate", "--set", str(MARKINGS), "--no-misses"]) == 0
    assert run(["identify", "tables"]) == 0


def test_cli_bad_test_set_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "set.yaml"
    bad.write_text("- text: COLT\n  expected: {manufacturer: Colt}\n", encoding="utf-8")
    assert run(["identify", "evaluate", "--set", str(bad)]) == 2
    assert "field 'source'" in capsys.readouterr().err


def test_cli_file_of_markings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "m.csv"
    f.write_text("recovery_id,markings\nR1,COLT M16A2\nR2,NORINCO TYPE 56\n", encoding="utf-8")
    assert run(["identify", "--file", str(f), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"id": "R1"' in out and '"Norinco"' in out


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_identifies_without_error(text: str) -> None:
    r = identify(text)
    assert 0.0 <= r.confidence <= 1.0
    assert r.kind in (None, "firearm", "ammunition", "ordnance", "explosive", "packaging")
    assert r.country is None or len(r.country) == 2


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    ("text", "manufacturer", "country"),
    [
        # demonyms and "X-made" phrasing, in English and other languages
        ("Russian-made AKM, 1978", None, "RU"),
        ("Un kalashinikov russo di fabbricazione cinese (modello AK-TYPE 56 calibro 7.62)", None, "CN"),
        # a country word inside a maker's name is not a country of manufacture
        ("NEW ENGLAND WESTINGHOUSE COMPANY 1915", "New England Westinghouse Company", "US"),
        # one stamped name transcribed over several lines
        ("NEW ENGLAND / WESTINGHOUSE / COMPANY / 1915 / NO 855138", "New England Westinghouse Company", "US"),
        # national designations say where a rifle was made; the family's own design does not
        ("East German MPi-KM", None, "DE"),
        ("Type 68 rifle", None, "KP"),
        ("AKM", None, None),
        # a domestic maker that also imports: the maker unless a foreign country is marked
        ("SPRINGFIELD ARMORY GENESEO IL / M1A / MADE IN USA", "Springfield Armory, Inc.", "US"),
        ("BERETTA U.S.A. CORP ACCOKEEK MD / U.S. 9MM M9-BER", "Beretta USA", "US"),
        ("PIETRO BERETTA GARDONE V.T. MADE IN ITALY / 92FS / BERETTA U.S.A. CORP ACCOKEEK MD", "Beretta", "IT"),
        # OCR slips, accents, words that are only words
        ("CO1T M4A1 CARBINE", "Colt's Manufacturing Company", "US"),
        ("Carl Gustafs Stads Gevarsfaktori 1905", "Carl Gustafs stads gevärsfaktori", "SE"),
        ("made in italy", None, "IT"),
        # German 1940-45 maker codes before a year; AR 15 is not the Borsigwalde code
        ("byf 43 / K98k", "Mauser", "DE"),
        ("P38 696 e ac 44", "Carl Walther GmbH", "DE"),
        # factory marks described in other languages
        ("Beschusszeichen: in zwei konzentrischen Kreisen eingeschriebene 10", "Arsenal AD", "BG"),
        # a strong maker mark outweighs a place named in the description
        ('Vietnam bring-back Chinese SKS; "26 in triangle" marking on the left side of the receiver', None, "CN"),
    ],
)
def test_general_rules(text: str, manufacturer: str | None, country: str | None) -> None:
    r = identify(text)
    if manufacturer is not None:
        assert r.manufacturer == manufacturer
    assert r.country == country


def test_weapon_type_words_choose_the_model() -> None:
    assert identify("Type 56 (RPD) Light Machine Gun").model == "RPD"
    assert identify("Type 56 rifle").model == "Type 56"


def test_generic_words_alone_are_not_makers() -> None:
    assert identify("the Izhevsk arsenal mark").manufacturer != "Arsenal AD"
    assert identify("AR 15 rifle").manufacturer is None
    assert identify("ARSENAL / SLR-95 / BULGARIA").country == "BG"


def test_maker_name_after_another_nation_is_a_design() -> None:
    assert identify("Türkische Mauser M38 / TC ASFA ANKARA").country == "TR"
    assert identify("Swedish Mauser m/96").manufacturer != "Mauser"
    assert identify("German Mauser K98k byf 43").manufacturer == "Mauser"


def test_family_origin_is_its_own_design() -> None:
    assert identify("TT-33").country is None  # copied everywhere: the design alone says nothing
    assert identify("Chinese Tokarev Type 54").country == "CN"


def test_made_by_and_gunmaking_towns() -> None:
    r = identify('#4 Mk1 Enfield rifle made by the Savage Arms Company; stamped "US Property"')
    assert (r.manufacturer, r.country) == ("Savage Arms", "US")
    assert identify("Alex'r Henry, Edinburgh Patent No 8").country == "GB"
    assert identify("Soviet AK-74 Izhevsk").manufacturer == "Izhmash (Kalashnikov Concern)"


def test_short_marks_and_licensed_copies() -> None:
    # two letters in a serial are not a maker; a symbol that is a word needs a second mark
    assert identify("Bulgarian Makarov; serial number IK-25-1777; red-star Bakelite grips").country == "BG"
    assert identify("FN").manufacturer is None
    assert identify("HK G3 rifle").manufacturer == "Heckler & Koch"
    # a design marked as made elsewhere is a licensed copy, not the designer's product
    r = identify("FM / FAL / INDUSTRIA ARGENTINA")
    assert r.country == "AR" and r.manufacturer != "FN Herstal"
    # "X-imported Y": Y is the maker, not the importer
    r = identify("Action Arms-imported IMI UZI Model B Carbine")
    assert (r.manufacturer, r.importer) == ("Israel Military Industries", "Action Arms")


def test_public_api_is_explicit_and_complete() -> None:
    import armstrace.identify as pkg

    assert set(pkg.__all__) == {
        "Alternative",
        "Evidence",
        "Identification",
        "canonical",
        "canonical_calibre",
        "canonical_country",
        "canonical_maker",
        "canonical_model",
        "identify",
        "identify_record",
        "related",
        "standard_name",
    }
    assert all(callable(getattr(pkg, name)) for name in pkg.__all__)


def test_design_the_item_copies_is_not_its_model_maker_or_country() -> None:
    r = identify("It was a Chinese CQ, an M-16 knockoff")
    assert (r.model, r.country) == ("CQ", "CN")
    r = identify("FEG pistol, a copy of the Walther PP, 9x17")
    assert r.manufacturer == "FÉG" and r.country == "HU"
    assert any("copies" in e.note for e in r.evidence if e.field == "manufacturer")
    r = identify("Type 54 pistol, an exact copy of the Soviet TT-33")
    assert (r.model, r.country) == ("Type 54 pistol", "CN")


def test_copied_design_alone_is_the_pattern_but_not_the_maker() -> None:
    r = identify("copy of the Walther P38")
    assert r.model == "Walther P38"  # the pattern, weakly
    assert r.manufacturer is None and r.country is None


def test_national_designation_wins_over_the_family_design() -> None:
    r = identify("AK-47 Misr assault rifle")
    assert (r.model, r.country) == ("Misr", "EG")


def test_designer_name_before_its_design_is_weak_and_quoted_codes_count() -> None:
    r = identify("Mauser Karabiner 98k; serial 8925; the 'bnz.' inscription")
    assert (r.manufacturer, r.country) == ("Steyr Mannlicher", "AT")
    assert identify("Mauser Karabiner 98k").manufacturer is None  # a design's name alone is not a maker
    assert identify("MAUSER OBERNDORF A/N Karabiner 98k").manufacturer == "Mauser"


def test_a_number_next_to_a_month_is_a_date_not_a_headstamp() -> None:
    r = identify("Type 54 pistol struck by a 5.56mm rifle bullet on 3 December 1967")
    assert r.kind == "firearm"
    assert r.manufacturer is None


def test_demonym_after_an_importer_address_is_the_origin() -> None:
    r = identify("Century International Arms, Delray Beach, FL, is offering Romanian TTC Tokarev pistols")
    assert (r.country, r.importer) == ("RO", "Century Arms")
    assert identify("ROMANIA CAI GEORGIA VT").country == "RO"  # origin first, then the importer's address
    assert identify("NORINCO / CENTURY ARMS GEORGIA VT USA").country == "CN"


def test_italian_and_czech_words() -> None:
    assert identify("Beretta mod. 34 cal. 9 corto").calibre == ".380 ACP"
    assert identify("la ungherese FEG").country == "HU"
    assert identify("Ceskoslovenska Zbrojovka vz. 52").country == "CZ"


# Issue 4: rules found on the blind set, each tested on its own wording (not the set's texts).


def test_country_of_a_user_or_destination_is_not_the_origin() -> None:
    out = identify("Mosin-Nagant rifle, 1942 Izhevsk, captured by Finland, Finnish SA property mark").to_dict()
    assert out["country"] == "RU"
    assert identify("Type 56 rifle supplied to Zimbabwe").to_dict()["country"] == "CN"


def test_made_in_phrase_qualifying_another_design_is_a_comparison() -> None:
    out = identify("The IWI Tavor outsells the American-made M-16 in some armies").to_dict()
    assert out["country"] == "IL"
    # the same phrase about the item's own design still counts
    assert identify("a Russian-made AK-47 rifle").to_dict()["country"] == "RU"


def test_marked_country_decides_between_makers() -> None:
    text = "M249 adapted from the FN Minimi of FN Herstal; manufactured in the United States by FN Manufacturing LLC"
    out = identify(text).to_dict()
    assert out["manufacturer"] == "FN America"
    # a maker with no rival keeps its name when its other plant is marked
    assert identify("GLOCK 19 MADE IN USA").to_dict()["manufacturer"] == "Glock"


def test_country_names_in_possessive_inflected_and_full_forms() -> None:
    assert identify("Makarov pistol, Russia's service sidearm").to_dict()["country"] == "RU"
    assert identify("Produced in the Democratic People's Republic of Korea").to_dict()["country"] == "KP"
    assert identify("carabina di produzione rumena").to_dict()["country"] == "RO"
    assert identify("румынская винтовка").to_dict()["country"] == "RO"
    assert identify("an early Sino-Soviet SKS with soviet tooling").to_dict()["country"] == "CN"


def test_designs_named_as_models_copied_or_types_are_not_the_maker() -> None:
    out = identify("FEG pistol, Hungarian, that feels like the Walther PPK that it mimics").to_dict()
    assert out["manufacturer"] == "FÉG"
    assert identify("a Mauser-type rifle made by Zbrojovka Brno").to_dict()["manufacturer"] == "Zbrojovka Brno"
    assert identify("NORINCO TYPE 56").to_dict()["manufacturer"] == "Norinco"  # a model number, not "a type"


def test_persons_name_and_repeated_weak_name_are_weak() -> None:
    out = identify("the Iraqi version of the Kalashnikov, made in its own Kalashnikov plant; Tabuk").to_dict()
    # the designer's name repeated is no maker; the Tabuk's one maker (its model row) is
    assert out["manufacturer"] == "Al-Qadissiya Establishments"
    assert out["country"] == "IQ"
    assert identify("pistol designed by John Browning").to_dict()["manufacturer"] is None


def test_kind_of_a_pistol_described_with_ammunition_words() -> None:
    assert identify("FEG PA-63 pistol; fed all rounds, from 9x18 ball to hollow points").to_dict()["kind"] == "firearm"
    assert identify("Tula ammunition: the projectile has a steel jacket").to_dict()["kind"] == "ammunition"
    assert identify("munizioni Barnaul, bossolo in acciaio").to_dict()["kind"] == "ammunition"


def test_field_text_recovery_place_ocr_and_no_marking() -> None:
    # where the item was recovered or seized is not where it was made
    assert identify("rifle recovered in Pakistan, serial filed off").to_dict()["country"] is None
    out = identify("seized by police in Germany: a Zastava M70 marked MADE IN YUGOSLAVIA").to_dict()
    assert (out["manufacturer"], out["country"]) == ("Zastava Arms", "RS")
    # a digit read for a letter, as I or as L
    out = identify("NOR1NCO MADE IN CH1NA").to_dict()
    assert (out["manufacturer"], out["country"]) == ("Norinco", "CN")
    # text with no marking invents nothing
    for text in ("rifle recovered near Kabul. no markings visible. wooden stock", "hello world", "serial 123456"):
        out = identify(text).to_dict()
        assert out["manufacturer"] is None and out["country"] is None
