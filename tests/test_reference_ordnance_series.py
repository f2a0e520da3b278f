"""Ordnance and explosive designations by national series (dataP): the loader reads the rows, and a plain marking of
each kind and country is identified as that item, kind and country.

The rows fill series the tables lacked: British `No. N` grenades, German, Italian, French, Spanish and Japanese
grenades of both world wars, mines of smaller producers (East Germany, Poland, Sweden, Argentina, Spain, France),
bombs and cluster submunitions (US AN-M and BLU, German SC and SD, British JP233 and RBL755, Swedish BK 90), mortar
bombs, fuzes and commercial explosives and detonators with their makers.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference

# (plain marking, model row, kind, country of the designation)
SAMPLE = [
    ("Grenade, Hand, No. 69 Mk I", "No. 69 grenade", "ordnance", "GB"),
    ("No. 1 Mk III hand grenade", "No. 1 grenade", "ordnance", "GB"),
    ("No. 77 WP grenade", "No. 77 grenade", "ordnance", "GB"),
    ("Hawkins grenade No. 75", "No. 75 Hawkins grenade", "ordnance", "GB"),
    ("Kugelhandgranate", "Kugelhandgranate", "ordnance", "DE"),
    ("SC 250 bomb, unexploded", "SC 250 bomb", "ordnance", "DE"),
    ("Stielgranate 41", "Stielgranate 41", "ordnance", "DE"),
    ("OTO Mod. 35 hand grenade", "OTO Mod. 35 grenade", "ordnance", "IT"),
    ("TS/6.1 anti-tank mine", "TS/6.1", "ordnance", "IT"),
    ("Citron Foug grenade", "Citron Foug grenade", "ordnance", "FR"),
    ("MIACAH F1", "MIACAH F1", "ordnance", "FR"),
    ("Granada Lafitte", "Lafitte grenade", "ordnance", "ES"),
    ("P-4-B mine", "P-4-B mine", "ordnance", "ES"),
    ("Type 98 stick grenade", "Type 98 grenade", "ordnance", "JP"),
    ("Type 4 ceramic grenade", "Type 4 ceramic grenade", "ordnance", "JP"),
    ("AN-M64 500 lb bomb", "AN-M64 bomb", "ordnance", "US"),
    ("BLU-36/B bomblet", "BLU-36/B", "ordnance", "US"),
    ("M6A1 mine", "M6 anti-tank mine", "ordnance", "US"),
    ("Type 72 AT mine", "Type 72 anti-tank mine", "ordnance", "CN"),
    ("PPM-2 AP mine", "PPM-2 mine", "ordnance", "DE"),
    ("MN-121 anti-tank mine", "MN-121 mine", "ordnance", "PL"),
    ("FFV 013 mine", "FFV 013", "ordnance", "SE"),
    ("FMK-5 mine", "FMK-5 anti-tank mine", "ordnance", "AR"),
    ("HB876 minelet", "HB876", "ordnance", "GB"),
    ("ЯМ-5", "YaM-5", "ordnance", "RU"),
    ("Nazeat-10 rocket", "Nazeat rocket", "ordnance", "IR"),
    ("ZUS 40 fuze", "ZUS 40", "ordnance", "DE"),
    ("Nobel 808 plastic explosive", "Nobel 808", "explosive", "GB"),
    ("Riomex E", "Riomex", "explosive", "ES"),
    ("Daveytronic detonator", "Daveytronic", "explosive", "FR"),
    ("Switch No. 10 time pencil", "Switch No. 10 time pencil", "explosive", "GB"),
    ("Grenade MP7 lacrymogène, GR 56 FUM LAC MP7", "MP7", "ordnance", "FR"),
    ("CM3 CS GR 40 FUM LAC", "Alsetex CM3", "ordnance", "FR"),
    ("MM-2 mine", "MM-2 mine", "ordnance", "MM"),
]


def test_the_series_rows_load_with_sources_and_known_makers() -> None:
    ref = load_reference()
    models = {m.model: m for m in ref.models}
    makers = {m.manufacturer_id for m in ref.manufacturers}
    for _, name, kind, country in SAMPLE:
        row = models[name]
        assert row.kind == kind and row.country == country and row.source.startswith("http")
        assert not row.manufacturer_id or row.manufacturer_id in makers


@pytest.mark.parametrize(("text", "model", "kind", "country"), SAMPLE)
def test_a_plain_marking_names_the_item_its_kind_and_country(text: str, model: str, kind: str, country: str) -> None:
    r = identify(text)
    assert (r.model, r.kind, r.country) == (model, kind, country)


@pytest.mark.parametrize(
    "text",
    [
        "He carried an M14 rifle and an M47 launcher.",  # AN-M14, AN-M47 are written only with their suffix or noun
        "The Zuni pueblo lies in New Mexico; we drove past Malkara in Tekirdağ.",
        "Prices rose by 2 ppm 2 years ago; the SH 55 highway was closed.",
    ],
)
def test_prose_reads_no_series_designation(text: str) -> None:
    r = identify(text)
    assert r.model not in {"AN-M14 TH3 incendiary grenade", "AN-M47 incendiary bomb", "Zuni rocket", "Malkara missile"}
    assert r.model not in {"PPM-2 mine", "SH-55 mine"}


def test_the_mp7_gun_stays_the_gun() -> None:
    assert identify("Heckler & Koch MP7").model == "HK MP7"


def test_a_shared_no_1_mk_iii_stays_the_rifle_without_a_grenade_word() -> None:
    assert identify("Rifle No. 1 Mk III").model == "Lee-Enfield No. 1 Mk III"
    assert identify("No. 1 Mk III").kind == "firearm"
