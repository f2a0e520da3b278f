"""Reference tables: every row of every table validates (source, country codes, links)."""

from __future__ import annotations

from pathlib import Path

import pytest

import armstrace.reference
from armstrace.exceptions import InputError
from armstrace.identify.text import compact
from armstrace.reference import COUNTRY_CODES, HISTORIC_COUNTRY_CODES, TABLES, load_reference, load_table


def test_every_table_present_and_every_row_cites_a_source() -> None:
    ref = load_reference()
    assert ref.missing == ()
    for name in TABLES:
        rows = getattr(ref, name)
        assert rows, f"{name} is empty"
        for row in rows:
            assert row.source.strip(), f"{name}: {row} has no source"


def test_country_codes_are_iso_alpha2() -> None:
    ref = load_reference()
    valid = COUNTRY_CODES | HISTORIC_COUNTRY_CODES
    for name in TABLES:
        for row in getattr(ref, name):
            country = getattr(row, "country", "")
            if country:
                assert country in valid, f"{name}: {row}"


def test_cross_table_links_resolve() -> None:
    assert load_reference().check_links() == []


def test_enough_makers_models_and_calibres() -> None:
    counts = load_reference().counts()
    assert counts["manufacturers"] >= 150
    assert counts["models"] >= 100
    assert counts["calibres"] >= 40


def test_load_is_cached() -> None:
    assert load_reference() is load_reference()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calibres.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_source_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "calibre,aliases,kind,source\n7.62x39mm,7.62X39,rifle,\n")
    with pytest.raises(InputError, match=r"calibres.csv:2: field 'source'"):
        load_table(path, "calibres")


def test_bad_country_code_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "nsn_countries.csv"
    path.write_text("code,country,country_name,source\n01,USA,United States,https://example.org\n", "utf-8")
    with pytest.raises(InputError, match="not an ISO 3166-1 alpha-2"):
        load_table(path, "nsn_countries")


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "calibre,aliases,kind,source\nA,,rifle,s\nA,,rifle,s\n")
    with pytest.raises(InputError, match="already defined on line 2"):
        load_table(path, "calibres")


def test_extra_directory_adds_rows(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "calibre,aliases,kind,source\n6.5 Creedmoor,6.5 CM|6.5 CREEDMOOR,rifle,https://en.wikipedia.org/wiki/6.5mm_Creedmoor\n",
    )
    ref = load_reference(extra=[tmp_path])
    assert "6.5 Creedmoor" in {c.calibre for c in ref.calibres}
    assert len(ref.calibres) == len(load_reference().calibres) + 1


def test_row_with_more_fields_than_the_header_is_rejected(tmp_path: Path) -> None:
    # a source URL with an unquoted comma: the cells after it would be lost without a word
    path = _write(tmp_path, "calibre,aliases,kind,source\nA,,rifle,https://example.org/a,b\n")
    with pytest.raises(InputError, match=r"calibres.csv:2: 5 fields where the header has 4: quote a cell"):
        load_table(path, "calibres")


def test_second_row_for_one_designation_and_maker_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "models.csv"
    path.write_text(
        "model,aliases,manufacturer_id,source\nT1,,acme,https://example.org/a\nT1,X,acme,https://example.org/b\n",
        "utf-8",
    )
    with pytest.raises(InputError, match=r"models.csv:3: field 'model': 'T1' of 'acme' already defined on line 2"):
        load_table(path, "models")


# Names or variants two maker rows share that predate the check (fixQ): each pair is a company and its owner,
# successor or namesake (Nammo and Raufoss, Denel and Vektor), or two states' bodies with one name (the Military
# Industry Corporations of Iraq and Sudan). A new row must not take another row's name; relate the two in
# maker_relations.csv instead.
_SHARED_MAKER_NAMES = {
    "FFV": {"carl_gustaf", "ffv"},
    "INDEP": {"fbp_portugal", "indep"},
    "INDUSTRIAMILITAR": {"indumil", "sedena_mexico"},
    "LAPUA": {"lapua", "nammo"},
    "NAMMOLAPUA": {"lapua", "nammo"},
    "NAMMORAUFOSS": {"nammo", "raufoss"},
    "RAUFOSS": {"nammo", "raufoss"},
    "LYTTELTONENGINEERINGWORKS": {"denel", "lew"},
    "MAC": {"mac", "mac_military_armament"},
    "MAREMONT": {"maremont", "saco_defense"},
    "MAREMONTCORP": {"maremont", "saco_defense"},
    "MIC": {"mic_sudan", "saudi_mic"},
    "PYRKAL": {"hds_greece", "pyrkal"},
    "ΠΥΡΚΑΛ": {"hds_greece", "pyrkal"},
    "ROMARM": {"cugir", "romarm"},
    "VEKTOR": {"denel", "vektor"},
    "هيئةالتصنيعالحربي": {"mic_iraq", "mic_sudan"},
    # the Oviedo factory's own name, and a variant of Santa Bárbara, its successor since 1960 (maker_relations.csv)
    "FABRICADEARMASDEOVIEDO": {"fa_oviedo", "santa_barbara"},
    # the IZh prefix both Izhevsk plants mark (IZh-43 shotguns, IZh-70 pistols); LIW, Lyttelton Engineering Works,
    # the works Denel Land Systems grew from
    "IZH": {"izhmash", "izhmekh"},
    "LIW": {"denel", "lew"},
}


def test_no_two_maker_rows_claim_one_name_variant_or_alias() -> None:
    # an alias counts too: `Kahr Arms` as Auto-Ordnance's alias left `Kahr Arms CW9` with no maker
    owners: dict[str, set[str]] = {}
    for m in load_reference().manufacturers:
        for name in (m.name, *m.variants, *m.aliases):
            owners.setdefault(compact(name), set()).add(m.manufacturer_id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert {k: v for k, v in shared.items() if _SHARED_MAKER_NAMES.get(k) != v} == {}


def test_maker_relations_are_unique_and_lf() -> None:
    rows = [(r.manufacturer_id, r.related_id, r.relation) for r in load_reference().maker_relations]
    assert len(rows) == len(set(rows)), [r for r in rows if rows.count(r) > 1]
    path = Path(armstrace.reference.__file__).parent / "maker_relations.csv"
    assert b"\r" not in path.read_bytes()
