"""What a line states as fact: the serial's "1 time in N" from the serial alone and never rarer than the data
support, and a weapon recorded twice counted once in every column, sum and count (OUT.csv, search, Spark)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pyarrow as pa
import pytest

from armstrace.cli import run
from armstrace.linkage import Matcher
from armstrace.linkage.out_rows import OUT_COLUMNS, OUT_SCHEMA
from armstrace.linkage.wording import format_lr, serial_bound

_HOW_OFTEN = re.compile(r"would be read so (about|less than) 1 time in ([0-9.,]+)( million| billion| trillion)?")
_SCALE = {"": 1.0, " million": 1e6, " billion": 1e9, " trillion": 1e12}


def _series(n: int = 300, *, twin: bool = False) -> pa.Table:
    """A dense consignment of 8-character serials (a Colt series) and a few other makers' serials."""
    serials = [f"D{750000 + k:06d}U" for k in range(n)] + ["WYZ316", "561576749", "A12"]
    makers = ["Colt"] * n + ["Glock", "Norinco", "FN Herstal"]
    if twin:  # one weapon recorded twice: the same serial and make
        serials.append(serials[40])
        makers.append("Colt")
    return pa.table(
        {
            "record_id": [f"R{k}" for k in range(len(serials))],
            "serial": serials,
            "manufacturer": makers,
            "calibre": ["5.56x45mm" if m == "Colt" else "9x19mm" for m in makers],
        }
    )


def _how_often(line: str) -> tuple[str, float]:
    found = _HOW_OFTEN.search(line)
    assert found is not None, line
    return found.group(1), float(found.group(2).replace(",", "")) * _SCALE[found.group(3) or ""]


def _serial_sentence(line: str) -> str:
    return line.split("; manufacturer")[0].split("; calibre")[0]


def test_the_serial_sentence_is_the_serials_alone() -> None:
    """The same reading with another description: the serial's sentence and ratio do not move (the
    description is said on its own lines), and the ratios still add up to the candidate's odds."""
    m = Matcher.from_table(_series())
    said = set()
    for maker, calibre in (("Colt", "5.56"), ("Glock", "9mm"), (None, None)):
        found = m.search("D750041U", manufacturer=maker, calibre=calibre, limit=3)
        serial = next(e for e in found[0].explanation if e.name == "serial")
        said.add((serial.text, round(serial.weight, 9)))
        assert _serial_sentence(found[0].explanation_text()).startswith(serial.text)
        # the weights (prior, serial, fields, an unrecorded neighbour's description) are the odds against absence
        observed = {"manufacturer": maker, "calibre": calibre}
        _, _, p_absent = m.score(m.parse("D750041U"), observed).probabilities(m.model, m.n_items)
        weights = sum(e.weight for e in found[0].explanation)
        # (a piece under 0.05 is not said: at most the neighbour's and a missing field's)
        assert math.isclose(weights, math.log10(found[0].probability / p_absent), abs_tol=0.1)
    assert len(said) == 1, said


@pytest.mark.parametrize("reading", ["D750041U", "WYZ316", "561576749", "5615767", "A12", "D75004?U"])
def test_the_serial_frequency_is_never_rarer_than_the_data_support(reading: str) -> None:
    """ "1 time in N" is a statement under the model, with N at most the registry's items and the number of
    serials of the reading's form; a figure the model makes rarer is said as a bound, and its ratio "over"."""
    m = Matcher.from_table(_series())
    bound, _ = serial_bound(m.parse(reading), m.n_items)
    assert bound <= m.n_items
    for c in m.search(reading, limit=5):
        line = c.explanation_text()
        assert "under the model, a weapon not in the registry" in line and "practically never" not in line
        kind, n = _how_often(line)
        assert n <= bound * 1.001
        serial = next(e for e in c.explanation if e.name == "serial")
        if kind == "less than":
            assert serial.bound is not None
            if serial.bound >= 0:
                assert f"(LR over {format_lr(serial.bound)})" in line
            else:  # a bound under 1 is not said "over": the model's ratio, then the bound's
                model, at = format_lr(serial.weight), format_lr(serial.bound)
                assert f"(LR {model} under the model; at the rarest figure the data support, {at})" in line
            assert serial.as_dict()["likelihood_ratio_supported"] < serial.as_dict()["likelihood_ratio"]


def test_a_short_serials_bound_is_the_strings_of_its_form() -> None:
    """A letter and two digits: 2,600 strings of that form, fewer than the registry's items."""
    m = Matcher.from_table(_series(3000))
    bound, why = serial_bound(m.parse("A12"), m.n_items)
    assert bound == 2600 and why == "a form of 2,600 serials"
    line = m.search("A12", limit=1)[0].explanation_text()
    assert "less than 1 time in 2,600, the rarest figure a form of 2,600 serials supports" in line


def _write(path: Path, table: pa.Table) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(table.column_names)
        w.writerows(zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True))
    return path


def test_one_weapon_recorded_twice_is_counted_once(tmp_path: Path) -> None:
    """OUT.csv names the rank a duplicate record repeats; the rows of a recovery without ``same_as`` sum
    (with P(not in this registry)) to at most 1; a lower rank's line counts the weapon once."""
    reg = _write(tmp_path / "reg.csv", _series(twin=True))
    rec = _write(
        tmp_path / "rec.csv",
        pa.table({"recovery_id": ["X1", "X2"], "serial": ["D750040U", "D75004OU"], "manufacturer": ["Colt", ""]}),
    )
    out = tmp_path / "out.csv"
    assert run(["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out), "--limit", "4"]) == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(OUT_COLUMNS)
    for rid in ("X1", "X2"):
        mine = [r for r in rows if r["recovery_id"] == rid]
        twins = [r for r in mine if r["same_as"]]
        assert len(twins) == 1 and {mine[0]["record_id"], twins[0]["record_id"]} == {"R40", "R303"}
        first = mine[int(twins[0]["same_as"]) - 1]
        assert first["probability"] == twins[0]["probability"] and not first["same_as"]
        p_absent = float(mine[0]["explanation"].rsplit("P(not in this registry) = ", 1)[1])
        assert sum(float(r["probability"]) for r in mine if not r["same_as"]) + p_absent <= 1.0005
        third = mine[2]["explanation"]
        assert "1 fits better" in third, third  # the weapon, not its two records
        rest = float(re.search(r"together they take ([0-9.]+)", third).group(1))  # type: ignore[union-attr]
        assert math.isclose(rest, 1.0 - p_absent - float(mine[2]["probability"]), abs_tol=2e-3)
        assert "same weapon as rank 1" in twins[0]["explanation"]


def test_search_says_which_rows_are_one_weapon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``search --json`` gives ``same_as``; the table marks the row and its "P(not among these)" counts the
    weapon once (never below 0)."""
    reg = _write(tmp_path / "reg.csv", _series(twin=True))
    assert run(["search", "D750040U", "-r", str(reg), "--manufacturer", "Colt", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["candidates"]
    assert [c["same_as"] for c in found[:2]] == [None, 1] and all(c["same_as"] is None for c in found[2:])
    assert run(["search", "D750040U", "-r", str(reg), "--manufacturer", "Colt", "--limit", "3"]) == 0
    text = capsys.readouterr().out
    assert "same weapon as #1" in text
    rest = float(re.search(r"P\(not among these\) = ([0-9.]+)", text).group(1))  # type: ignore[union-attr]
    once = 1.0 - found[0]["probability"] - found[2]["probability"]
    assert math.isclose(rest, once, abs_tol=2e-3)


def test_the_spark_schema_has_the_files_columns() -> None:
    """Spark's Parquet output is declared with OUT.csv's columns, in order."""
    assert [c.split()[0] for c in OUT_SCHEMA.split(", ")] == list(OUT_COLUMNS)
