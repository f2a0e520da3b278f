"""Ordnance named the way reports name it: an anti-tank or air-defence missile written in Arabic letters (with the
conjunction و written onto it, or Arabic punctuation after it), a design whose only other producer is a licensee
listed on its row (the licensor's country, weakly), and grenades by the spellings finds are reported under
(`FMK 2`, `Mark 2 hand grenade`, `Mills grenade`).

The texts are written for these rules and rows (no case of any test set).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.scan import Scan, indexes
from armstrace.identify.second_sources import licensees_only, model_row, other_producers
from armstrace.reference import load_reference

ARABIC = [
    # text, model, country
    ("عثرت القوات على صاروخين وكونكورس في المخزن", "9M113 Konkurs", "RU"),
    ("ضبط ثلاث قذائف كونكورس، ومعها ذخائر", "9M113 Konkurs", "RU"),
    ("مستودع فيه قاذفات وفاغوت مضادة للدروع", "9M111 Fagot", "RU"),
    ("مخزن يضم صواريخ كورنيت؛ وأسلحة خفيفة", "9M133 Kornet", "RU"),
    ("استلم الجيش صواريخ جافلين أمريكية", "FGM-148 Javelin", "US"),
    ("منظومة ستينغر محمولة على الكتف", "FIM-92 Stinger", "US"),
    ("صاروخ سام 7 مضاد للطائرات في الحقل", "9K32 Strela-2", "RU"),
    ("قاذف صواريخ تاو على سيارة", "BGM-71 TOW", "US"),
]


@pytest.mark.parametrize(("text", "model", "country"), ARABIC)
def test_missiles_in_arabic_letters(text: str, model: str, country: str) -> None:
    result = identify(text)
    assert (result.model, result.country, result.kind) == (model, country, "ordnance")


def test_a_longer_word_is_not_the_name_inside_it() -> None:
    """`كونكورسات` is not `كونكورس` with something after it: the name ends where the Arabic word ends."""
    assert identify("كونكورسات").model is None


LICENSED = [
    # text, model, country: the licensee's plant is on the row, so the bare name is the licensor's design
    ("Two 9M113 Konkurs launch tubes lay beside the road", "9M113 Konkurs", "RU"),
    ("An HJ-8 anti-tank missile was captured", "HJ-8", "CN"),
]


@pytest.mark.parametrize(("text", "model", "country"), LICENSED)
def test_a_design_made_elsewhere_only_under_licence_is_the_licensors(text: str, model: str, country: str) -> None:
    result = identify(text)
    assert (result.model, result.country) == (model, country)
    why = next(e.note for e in result.evidence if e.field == "country" and e.value == country)
    assert "under licence" in why


def test_the_licensee_named_is_the_maker() -> None:
    result = identify("HJ-8 missile, Pakistan Ordnance Factories")
    assert (result.model, result.country) == ("HJ-8", "PK")


def test_copies_under_the_same_name_still_leave_the_country_open() -> None:
    """Bulgaria's OG-7M row shares the OG-7 series: an OG-7 round alone may be either state's."""
    result = identify("OG-7 fragmentation round")
    assert result.model == "OG-7V" and result.country is None


def test_licensees_only_reads_the_row_makers() -> None:
    ref = load_reference()
    scan = Scan("9M113 Konkurs", indexes(ref))
    row = model_row(scan, "9M113 Konkurs")
    states = other_producers(ref, row, "9M113 Konkurs")
    assert states and licensees_only(ref, row, states)
    og7 = model_row(scan, "OG-7V")
    assert not licensees_only(ref, og7, other_producers(ref, og7, "OG-7"))
    assert not licensees_only(ref, row, ())


SPELLINGS = [
    # text, model, country
    ("Se halló una granada de mano FMK 2 en un baldío", "GME-FMK2-MO", "AR"),
    ("granada FMK-2 sin espoleta", "GME-FMK2-MO", "AR"),
    ("a rusted Mark II grenade in a cellar", "Mk 2 grenade", "US"),
    ("old Mark 2 hand grenade handed in to police", "Mk 2 grenade", "US"),
    ("bomb squad removed a Mills grenade from an allotment", "Mills bomb", "GB"),
]


@pytest.mark.parametrize(("text", "model", "country"), SPELLINGS)
def test_grenades_by_the_spellings_finds_are_reported_under(text: str, model: str, country: str) -> None:
    result = identify(text)
    assert (result.model, result.country, result.kind) == (model, country, "ordnance")


NATIONAL = [
    # text, model, manufacturer name (None: no maker on the row), country
    ("A live C13 grenade was left on the range", "C13 grenade", None, "CA"),
    ("granada de mão M312 encontrada num quintal", "M312 grenade", None, "PT"),
    ("Handgranate DM41 bei Bauarbeiten entdeckt", "DM41 grenade", "Diehl Defence", "DE"),
]


@pytest.mark.parametrize(("text", "model", "maker", "country"), NATIONAL)
def test_national_versions_of_the_m26_and_m67(text: str, model: str, maker: str | None, country: str) -> None:
    result = identify(text)
    assert (result.model, result.manufacturer, result.country, result.kind) == (model, maker, country, "ordnance")


def test_the_grenade_is_not_the_cartridge_of_the_same_number() -> None:
    """`DM41` alone stays the German 7.62 mm ball it always was; the grenade needs its noun."""
    assert identify("7.62 DM41 ball").kind == "ammunition"
