"""Further ordnance designations met in Ukraine, Russia and Sudan (mine closers, a mine cassette of a 220 mm
rocket, Ukrainian and Italian launchers, self-propelled howitzers, an Iranian 120 mm mortar bomb, a Bulgarian
thermobaric round and launcher, a Grad warhead, a Chinese mortar and air-defence system, a Serbian drone-dropped
bomb): written as a report's sentence or as a stencil, each text is read to its row's model, maker, country and kind.

The texts are written for these rows (no case of any test set).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify

CASES = [
    # text, model, manufacturer_id (None: no maker on the row), country, kind
    ("Сапери знайшли касету КПФМ-М з головної частини ракети", "KPFM-M cassette", None, "RU", "ordnance"),
    ("KPFM-M CASSETTE", "KPFM-M cassette", None, "RU", "ordnance"),
    ("Вибрационный замыкатель ВЗ-1 под шпалой", "VZ-1 vibration closer", None, "RU", "ordnance"),
    ("Electrochemical closer EKHZ recovered from a road mine", "EKhZ closer", None, "RU", "ordnance"),
    ("A Buran MLRS was struck near Pokrovsk", "Buran MLRS", "shepetivka_repair_plant", "UA", "ordnance"),
    ("РСЗО БУРАН", "Buran MLRS", "shepetivka_repair_plant", "UA", "ordnance"),
    ("Prototype 2S18 Pat-S howitzer on display", "2S18 Pat-S", "kurganmashzavod", "RU", "ordnance"),
    ("САУ 2С18 ПАТ-С", "2S18 Pat-S", "kurganmashzavod", "RU", "ordnance"),
    ("Soldiers received 120mm M48 mortar bombs made in Iran", "M48 120mm mortar bomb (Iran)", None, "IR", "ordnance"),
    ("MINA 120MM M48 LOT 2022", "M48 120mm mortar bomb (Iran)", None, "IR", "ordnance"),
    ("A 2S35 Koalitsiya-SV was filmed near the front", "2S35 Koalitsiya-SV", None, "RU", "ordnance"),
    ("AHS Krab destroyed near Antonovka", "AHS Krab", "huta_stalowa_wola", "PL", "ordnance"),
    ("САУ 2С3 Акация", "2S3 Akatsiya", None, "RU", "ordnance"),
    ("Rockets fired from a FIROS launcher", "FIROS", None, "IT", "ordnance"),
    ("TB-7V thermobaric rounds found at the position", "TB-7V (Bulgaria)", "vmz_sopot", "BG", "ordnance"),
    ("Bulspike-AT launcher abandoned in a trench", "Bulspike-AT", None, "BG", "ordnance"),
    ("TBG-7V thermobaric grenade", "TBG-7V", "bazalt", "RU", "ordnance"),  # guard: the Russian round stays Russian
    ("Type PP87 mortar munitions were found with the RSF", "Type PP87 mortar", None, "CN", "ordnance"),
    ("An FK-2000 system shot down the transport aircraft", "FK-2000", None, "CN", "ordnance"),
    ("Боевая часть 9Н51 реактивного снаряда", "9N51 warhead", None, "RU", "ordnance"),
    (
        "The downed drone carried 120mm TB thermobaric air drop shells",
        "120mm TB air-drop bomb (Yugoimport)",
        "yugoimport",
        "RS",
        "ordnance",
    ),
]


def test_a_bare_calibre_and_type_is_no_model() -> None:
    # a generic 120 mm bomb names no row: the air-drop round needs its own words
    r = identify("120mm HE mortar bomb")
    assert r.model != "120mm TB air-drop bomb (Yugoimport)"
    assert r.kind == "ordnance"


@pytest.mark.parametrize(("text", "model", "maker", "country", "kind"), CASES)
def test_a_sentence_or_stencil_reads_to_the_row(
    text: str, model: str, maker: str | None, country: str, kind: str
) -> None:
    r = identify(text)
    assert (r.model, r.country, r.kind) == (model, country, kind)
    if maker is not None:
        assert r.manufacturer_id == maker


def test_a_bare_common_word_is_not_the_launcher() -> None:
    # "Buran" alone names a snowmobile and a spacecraft too: only the launcher's own phrases give the row
    assert identify("Снегоход Буран в гараже").model != "Buran MLRS"
    # "акация" is a tree: the howitzer needs its index or the SP-gun abbreviation
    assert identify("Акация цветёт у дороги").model != "2S3 Akatsiya"
