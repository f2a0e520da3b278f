"""The synthetic scenario generator: formats, determinism, the story it tells, and the truth it keeps."""

from __future__ import annotations

import csv
import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from armstrace.cli import run
from armstrace.synth import FAULTS, SCHEMAS, generate
from armstrace.synth.catalogue import CONFUSABLE_CLASSES, LATIN_TO_CYRILLIC, SERIES
from armstrace.synth.faults import apply_fault
from armstrace.synth.numbering import format_serial

DOCS = Path(__file__).resolve().parents[1] / "docs" / "formats.md"
TRUTH_COLUMNS = ["recovery_id", "record_id", "fault", "last_legal_holder", "last_legal_holder_country",
                 "last_legal_date", "diverted_at"]  # fmt: skip
ITEMS = 4000


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    return generate(tmp_path_factory.mktemp("synth"), items=ITEMS, seed=7)


@pytest.fixture(scope="module")
def rows(scenario) -> dict[str, list[dict[str, str]]]:
    return {name: read(path) for name, path in scenario.paths.items()}


def documented_columns() -> dict[str, list[str]]:
    """Column names per section of docs/formats.md, in the documented order."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        head = re.match(r"## (registry|transfers|incidents|recoveries)\b", line)
        if head:
            current = head.group(1)
            sections[current] = []
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| ") and not line.startswith("| column") and "---" not in line:
            cell = line.split("|")[1]
            sections[current].extend(c.strip().strip("`") for c in cell.split(","))
    return sections


# ---- formats -------------------------------------------------------------------------------------


def test_columns_are_exactly_the_documented_ones(scenario):
    documented = documented_columns()
    assert set(documented) == {"registry", "transfers", "incidents", "recoveries"}
    for name, columns in documented.items():
        with scenario.paths[name].open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header == columns, name
    with scenario.paths["truth"].open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == TRUTH_COLUMNS


def test_every_row_is_synthetic_and_identifiers_are_unique(rows):
    for name in ("registry", "transfers", "incidents", "recoveries"):
        assert rows[name] and all(r["synthetic"] == "true" for r in rows[name]), name
    for name, key in (("registry", "record_id"), ("transfers", "transfer_id"), ("incidents", "incident_id"),
                      ("recoveries", "recovery_id"), ("truth", "recovery_id")):  # fmt: skip
        ids = [r[key] for r in rows[name]]
        assert len(ids) == len(set(ids)), name


def test_references_resolve(rows):
    records = {r["record_id"] for r in rows["registry"]}
    incidents = {r["incident_id"] for r in rows["incidents"]}
    assert {r["incident_id"] for r in rows["recoveries"]} <= incidents
    assert [r["recovery_id"] for r in rows["truth"]] == [r["recovery_id"] for r in rows["recoveries"]]
    for t in rows["truth"]:
        assert (t["record_id"] in records) if t["fault"] != "absent" else t["record_id"] == ""
        assert t["fault"] in FAULTS
    assert {r["record_id"] for r in rows["transfers"] if r["record_id"]} <= records
    for r in rows["recoveries"]:
        assert r["serial"] or r["obliterated"] == "true"


def test_parquet_holds_the_same_rows(tmp_path, scenario):
    other = generate(tmp_path, items=ITEMS, seed=7, fmt="parquet")
    for name, path in other.paths.items():
        assert path.suffix == ".parquet"
        data = pq.read_table(path)
        assert data.schema.names == SCHEMAS[name].names
        assert data.num_rows == scenario.counts[f"{name}_rows"]


# ---- determinism and scale -----------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path, scenario):
    again = generate(tmp_path / "again", items=ITEMS, seed=7)
    for name, path in scenario.paths.items():
        assert path.read_bytes() == again.paths[name].read_bytes(), name
    other = generate(tmp_path / "other", items=ITEMS, seed=8)
    assert other.paths["registry"].read_bytes() != scenario.paths["registry"].read_bytes()


@pytest.mark.parametrize("items", [1000, 9000])
def test_counts_scale_with_items(tmp_path, items):
    s = generate(tmp_path, items=items, seed=1)
    registry = read(s.paths["registry"])
    itemised = sum(1 for r in registry if not r["record_id"].startswith(("DUP-", "USA-R")))
    ranged = sum(int(r["quantity"]) for r in registry if r["record_id"].startswith("USA-R"))
    assert itemised + ranged == items
    assert s.counts["recoveries_rows"] == max(60, items // 20)


def test_too_small_or_too_large_is_a_clear_input_error(tmp_path, capsys):
    assert run(["synth", "--out", str(tmp_path), "--items", "10"]) == 2
    assert "--items must be at least 100" in capsys.readouterr().err
    assert run(["synth", "--out", str(tmp_path), "--items", "500", "--format", "xlsx"]) == 2
    assert run(["synth", "--out", str(tmp_path), "--items", "100000000"]) == 2


def test_cli_writes_the_files_and_reports_json(tmp_path, capsys):
    assert run(["synth", "--out", str(tmp_path), "--items", "500", "--seed", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["recoveries_rows"] == 60
    assert sorted(Path(p).name for p in report["paths"].values()) == [
        "incidents.csv", "recoveries.csv", "registry.csv", "transfers.csv", "truth.csv"]  # fmt: skip


# ---- the story -----------------------------------------------------------------------------------


def test_jaffar_express_and_the_public_record_rifle(rows):
    je = next(r for r in rows["incidents"] if r["incident_id"] == "JE25")
    assert (je["date"], je["country"], je["admin1"]) == ("2025-03-11", "PK", "Balochistan")
    assert abs(float(je["latitude"]) - 29.58) < 0.2 and abs(float(je["longitude"]) - 67.40) < 0.2
    assert "Jaffar Express" in je["title"]
    first = rows["recoveries"][0]
    assert (first["recovery_id"], first["serial"]) == ("JE25-R001", "W1004340")
    assert "M4A1" in first["markings"] and "PROPERTY OF U.S. GOVT" in first["markings"]
    truth = rows["truth"][0]
    record = next(r for r in rows["registry"] if r["record_id"] == truth["record_id"])
    assert record["serial"] == "W1004340" and truth["diverted_at"] == "2021-08-15"
    shipped = [t for t in rows["transfers"] if t["document_ref"].startswith("DD1149") and t["date"] == "2018-01-09"]
    assert any(t["serial"] <= "W1004340" <= t["serial_end"] for t in shipped)
    assert sum(r["incident_id"] == "JE25" for r in rows["recoveries"]) >= 5


def test_dense_ranges_and_range_records(rows):
    range_rows = [r for r in rows["registry"] if r["serial_end"]]
    assert range_rows and all(int(r["quantity"]) > 1 for r in range_rows)
    colt = sorted(int(r["serial"][1:]) for r in rows["registry"] if re.fullmatch(r"W\d{7}", r["serial"]))
    runs, run_len = [], 1
    for a, b in itertools.pairwise(colt):
        run_len = run_len + 1 if b == a + 1 else 1 if b != a else run_len
        runs.append(run_len)
    assert max(runs) >= 100  # a consignment of consecutive serials


def test_registry_defects_like_the_audit_found(rows):
    registry = rows["registry"]
    us = [r for r in registry if r["record_id"].startswith(("USA-", "DUP-"))]
    counts = Counter(r["serial"] for r in us if not r["serial_end"])
    assert 2 in counts.values() and 3 in counts.values()
    assert any(r["record_id"].startswith("DUP-") for r in us)
    missing_date = sum(not r["date"] for r in us) / len(us)
    assert 0.05 < missing_date < 0.3
    assert any(not r["holder"] for r in us) and any(not r["model"] for r in us)
    statuses = Counter(r["status"] for r in registry)
    assert statuses["in_inventory"] > statuses["lost"] > 0 and statuses["stolen"] > 0


def test_custody_chain_and_illicit_legs(rows):
    transfers = rows["transfers"]
    holders = {t["to_holder"] for t in transfers}
    assert "CSTC-A, Kabul" in holders and any("Kandak" in h for h in holders)
    assert any(re.search(r"\b2\d\dth Corps|201st|203rd", h) for h in holders)
    illicit = [t for t in transfers if t["legal"] == "false"]
    assert illicit and all(t["serial"] and t["record_id"] for t in illicit)
    assert all(t["legal"] in ("true", "false") for t in transfers)


def test_recovered_weapons_come_from_leaking_stock(rows):
    kinds = Counter(t["fault"] for t in rows["truth"])
    assert kinds["absent"] > 0 and kinds["exact"] > kinds["confusable"] > 0
    for t in rows["truth"]:
        if t["fault"] == "absent":
            continue
        assert t["last_legal_holder"] and t["last_legal_date"] <= t["diverted_at"]


# ---- faults are what the truth says --------------------------------------------------------------

_CLASS = {ch: cls for cls in CONFUSABLE_CLASSES for ch in cls}
_LOOKALIKE = {**{v: k for k, v in LATIN_TO_CYRILLIC.items()}}


def _plain(s: str) -> str:
    return "".join(ch for ch in s if ch.isalnum()).upper()


def fault_holds(fault: str, true: str, reading: str, obliterated: bool) -> bool:
    """Does `reading` differ from `true` exactly in the way `fault` says?"""
    if fault in ("exact", "absent"):
        return reading == true
    if fault == "obliterated":
        pattern = re.escape(reading).replace(r"\?", ".").replace(r"\[", "[").replace(r"\]", "]")
        return obliterated and (reading == "" or re.fullmatch(pattern, true) is not None)
    if reading == true or obliterated:
        return False
    if fault == "confusable":
        return len(reading) == len(true) and all(
            a == b or (a in _CLASS and _CLASS.get(b) == _CLASS[a]) for a, b in zip(reading, true, strict=True)
        )
    if fault == "cyrillic":

        def latin(s: str) -> str:
            return "".join(_LOOKALIKE.get(ch, ch) for ch in s)

        return latin(reading) == latin(true)
    if fault == "separator":
        return _plain(reading) == _plain(true)
    if fault in ("edit1", "edit2"):
        return Levenshtein.distance(reading, true) == int(fault[-1])
    if fault == "transposition":
        diff = [i for i, (a, b) in enumerate(zip(reading, true, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and reading[diff[0]] == true[diff[1]]
    if fault.startswith("unknown"):
        return reading.count("?") == int(fault[-1]) and all(
            a == b for a, b in zip(reading, true, strict=True) if a != "?"
        )
    if fault == "prefix_unknown":
        return reading.startswith("*") and true.endswith(reading[1:]) and len(reading) <= len(true)
    raise AssertionError(fault)


def test_each_recovery_reading_matches_its_truth(rows):
    by_id = {r["record_id"]: r for r in rows["registry"]}
    serials = {r["serial"] for r in rows["registry"]}
    checked = Counter()
    for rec, t in zip(rows["recoveries"], rows["truth"], strict=True):
        obliterated = rec["obliterated"] == "true"
        if t["fault"] == "absent":
            assert rec["serial"] not in serials and not obliterated
            checked["absent"] += 1
            continue
        record = by_id[t["record_id"]]
        if record["serial_end"]:
            continue  # a range record: the exact serial inside it is not in the truth file
        assert fault_holds(t["fault"], record["serial"], rec["serial"], obliterated), (t, rec["serial"])
        checked[t["fault"]] += 1
    assert set(checked) >= {"exact", "confusable", "separator", "edit1", "unknown1", "obliterated", "absent"}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SERIES)), st.integers(0, 10**6), st.sampled_from(FAULTS), st.integers(0, 2**32))
def test_apply_fault_always_tells_the_truth(series, offset, fault, seed):
    spec = SERIES[series]
    true = format_serial(spec, spec.start + offset)
    reading, obliterated, applied = apply_fault(fault, true, random.Random(seed))
    assert applied in (fault, "separator")
    assert fault_holds(applied, true, reading, obliterated), (true, reading, applied)


def test_faults_agree_with_the_matchers_normalisation(rows):
    """What the generator calls confusable/separator/cyrillic is what armstrace.serials treats as such."""
    serials = pytest.importorskip("armstrace.serials")
    by_id = {r["record_id"]: r for r in rows["registry"]}
    for rec, t in zip(rows["recoveries"], rows["truth"], strict=True):
        record = by_id.get(t["record_id"])
        if record is None or record["serial_end"]:
            continue
        true, reading = record["serial"], rec["serial"]
        if t["fault"] in ("exact", "separator", "cyrillic"):
            assert serials.normalise(reading) == serials.normalise(true), (t["fault"], true, reading)
        elif t["fault"] == "confusable":
            assert serials.skeleton(reading) == serials.skeleton(true), (true, reading)
        elif t["fault"] in ("edit1", "edit2", "transposition"):
            assert serials.skeleton(reading) != serials.skeleton(true), (t["fault"], true, reading)
