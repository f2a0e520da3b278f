"""Ordnance and explosive designations of thin series (dataP2): the loader reads the rows, and a plain marking of
each kind and country is identified as that item, kind and country.

The rows fill series the tables lacked: mines of smaller producers (Vietnam, South Africa, Pakistan, Czechoslovakia,
East Germany, Ukraine, Italy's Tecnovar), German, British, US, Japanese, Italian, French, Austro-Hungarian and Soviet
ordnance of both world wars, Russian cluster bombs and submunitions, fuzes, Iranian, North Korean, Palestinian,
Lebanese and Yemeni missiles, rockets and drones named in news reports, and commercial explosives of Colombian,
Peruvian and Chilean makers.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference

# (plain marking, model row, kind, country of the designation)
SAMPLE = [
    ("TM-41 anti-tank mine", "TM-41 mine", "ordnance", "RU"),
    ("PT-Mi-D", "PT-Mi-D", "ordnance", "CZ"),
    ("PMP-71 mine", "PMP-71 mine", "ordnance", "DE"),
    ("MD-82 mine", "MD-82 mine", "ordnance", "VN"),
    ("No. 8 anti-tank mine", "No. 8 anti-tank mine (South Africa)", "ordnance", "ZA"),
    ("MATS mine", "MATS mine", "ordnance", "IT"),
    ("P3 Mk2 mine", "P3 Mk2 mine", "ordnance", "PK"),
    ("VNP-50", "VNP-50", "ordnance", "UA"),
    ("NVU-P Okhota", "NVU-P Okhota", "ordnance", "RU"),
    ("SC 50 bomb", "SC 50 bomb", "ordnance", "DE"),
    ("EL.Z. (17)", "Elektrischer Zeitzünder (17)", "ordnance", "DE"),
    ("Stockmine 43", "Stockmine 43", "ordnance", "DE"),
    ("AN-M41A1 fragmentation bomb", "AN-M41 fragmentation bomb", "ordnance", "US"),
    ("FUZE NO 119", "No. 119 fuze", "ordnance", "GB"),
    ("Blacker Bombard", "Blacker Bombard", "ordnance", "GB"),
    ("Type 99 magnetic mine", "Type 99 magnetic mine", "ordnance", "JP"),
    ("Mortaio da 81/14", "Mortaio da 81/14 Mod. 35", "ordnance", "IT"),
    ("Grenade P1", "Grenade P1", "ordnance", "FR"),
    ("Zeitzünderhandgranate", "Zeitzünderhandgranate M.1914", "ordnance", "AT"),
    ("RBK-500 SPBE-D", "RBK-500 SPBE-D", "ordnance", "RU"),
    ("KPT-150", "KPT-150", "ordnance", "RS"),
    ("OZOK el bombası", "OZOK grenade", "ordnance", "TR"),
    ("HE 36M grenade", "HE 36M grenade (India)", "ordnance", "IN"),
    ("GL-302 CS", "Condor GL-302", "ordnance", "BR"),
    ("Dezful ballistic missile", "Dezful missile", "ordnance", "IR"),
    ("Bulsae-2", "Bulsae-2", "ordnance", "KP"),
    ("Ayyash-250", "Ayyash-250", "ordnance", "PS"),
    ("Badr-1 missile", "Badr-1 missile", "ordnance", "YE"),
    ("Burkan rocket", "Burkan rocket (Hezbollah)", "ordnance", "LB"),
    ("RPG-7 MX2 launcher", "RPG 7 MX 2", "ordnance", "BA"),
    ("Indugel", "Indugel", "explosive", "CO"),
    ("EMULNOR 3000", "Emulnor", "explosive", "PE"),
    ("Tronex Plus", "Tronex Plus", "explosive", "CL"),
    ("Sprengkörper 28", "Sprengkörper 28", "explosive", "DE"),
]


def test_the_series_rows_load_with_sources_and_known_makers() -> None:
    ref = load_reference()
    models = {m.model: m for m in ref.models}
    makers = {m.manufacturer_id for m in ref.manufacturers}
    for _, name, kind, country in SAMPLE:
        row = models[name]
        assert row.kind == kind and row.country == country and row.source.startswith("http")
        assert not row.manufacturer_id or row.manufacturer_id in makers


def test_the_new_makers_load_with_their_country() -> None:
    makers = {m.manufacturer_id: m for m in load_reference().manufacturers}
    for maker_id, country in [
        ("exsa_pe", "PE"),
        ("famesa_pe", "PE"),
        ("keltech_energies", "IN"),
        ("ideal_industrial_explosives", "IN"),
        ("trz_hadzici", "BA"),
    ]:
        assert makers[maker_id].country == country


@pytest.mark.parametrize(("text", "model", "kind", "country"), SAMPLE)
def test_a_plain_marking_names_the_item_its_kind_and_country(text: str, model: str, kind: str, country: str) -> None:
    r = identify(text)
    assert (r.model, r.kind, r.country) == (model, kind, country)


@pytest.mark.parametrize(
    "text",
    [
        "We drove from Dezful to Ahvaz and Hoveyzeh, then on to Khorramshahr.",
        "Nasr and Badr were brothers; Yasin came later with Fattah.",
        "The soldiers stood near the Nebelkerze and the Sprengbüchse in the museum hall.",
        "Das Zemledeliye-Ministerium, ЗЕМЛЕДЕЛИЕ в деревне.",
        "A volcano (burkan) erupted near the Palestine border.",
    ],
)
def test_prose_reads_no_series_designation(text: str) -> None:
    r = identify(text)
    assert r.model not in {
        "Dezful missile",
        "Hoveyzeh cruise missile",
        "Khorramshahr missile",
        "Badr-1 missile",
        "Yasin launcher",
        "Fattah missile",
        "Nasr-1 anti-ship missile",
        "Nebelkerze 39",
        "Sprengbüchse 24",
        "ISDM Zemledeliye",
        "Burkan rocket (Hezbollah)",
        "Palestine-2 missile",
    }


def test_the_north_korean_f7_stays_the_existing_rocket_row() -> None:
    assert identify("F-7 rocket").model == "PG-7 (North Korea)"
