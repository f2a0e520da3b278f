"""The words of explanation lines: the registry's serial quoted as recorded, misreads in plain words, one
notation for likelihood ratios, the competition said where it applies, and search scoring with a batch's
estimates. Both places that write lines (the evidence objects and the batch's ``lines``) are held to them."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from armstrace.cli import run
from armstrace.linkage import Matcher
from armstrace.linkage.explanation import format_lr
from armstrace.linkage.scoring import ScoringModel
from armstrace.linkage.wording import consecutive, consecutive_rows, lr_words
from armstrace.web.pages.rendering import lr_text


def _matcher(serials: list[str]) -> Matcher:
    ids = [f"R{i}" for i in range(len(serials))]
    return Matcher.from_table(pa.table({"record_id": ids, "serial": serials, "manufacturer": ["MKE"] * len(serials)}))


def _lines(m: Matcher, query: str) -> list[tuple[str, str]]:
    """(record id, line) of a search's candidates, from the evidence objects and from the batch's arrays."""
    found = m.search(query, limit=5)
    evidence = [(c.record_id, "; ".join(_evidence_line(c))) for c in found]
    scored = m.score_many([m.parse(query)], [{}])
    batch = [(r[0], r[4]) for r in m.output_rows_many(scored, m.model, 5)[0]]
    assert [r for r, _ in batch] == [r for r, _ in evidence]
    return batch + [(r, c.explanation_text()) for r, c in zip([c.record_id for c in found], found, strict=True)]


def _evidence_line(c: object) -> list[str]:
    return [e.text for e in c.explanation if e.name == "serial"]  # type: ignore[attr-defined]


def test_the_registry_serial_is_quoted_as_recorded() -> None:
    m = _matcher(["T0620-88609", "T0620-11111", "72771258"])
    for record, line in _lines(m, "T0320-88609"):
        if record == "R0":
            assert "vs registry 'T0620-88609' (compared as T062088609; positions count in this form): " in line
            assert "at 3" in line and "'T062088609'" not in line
    for record, line in _lines(m, "72771258"):
        if record == "R2":  # recorded as compared: quoted once, nothing added
            assert "vs registry '72771258': agrees exactly" in line and "compared as" not in line


def test_misreads_in_plain_words() -> None:
    m = _matcher(["K1234567", "W1004340"])
    lines = dict(_lines(m, "K123456X")) | dict(_lines(m, "W1OO4340"))
    assert "the digit 7 read as the letter X at 8" in lines["R0"]
    assert "0 read as O (near-identical shapes) at 3" in lines["R1"]
    for line in lines.values():
        assert not re.search(r"\((recast|confusable|lookalike|substitute)\)", line)


@pytest.mark.parametrize("weight", [-7.3, -3.3, -1.2, -0.82, -0.3, -0.01, 0.0, 0.5, 2.5, 7.0])
def test_one_notation_for_likelihood_ratios(weight: float) -> None:
    text = format_lr(weight)
    assert "in" not in text
    assert float(text.replace(",", "")) == pytest.approx(10.0**weight, rel=0.06)


@pytest.mark.parametrize("lr", [5e-8, 0.025, 0.15, 0.9, 1.0, 3.2, 1200.0, 3.2e7])
def test_web_pages_write_ratios_in_the_same_notation(lr: float) -> None:
    assert lr_text(lr) == format_lr(math.log10(lr))
    assert "in" not in lr_text(lr)


def test_consecutive_serials_named_only_where_they_are() -> None:
    consecutive = _matcher([f"A{n}" for n in range(100, 111)])
    lines = _lines(consecutive, "A10?")
    assert all("consecutive serials" in line for _, line in lines)
    scattered = _matcher(["ABC12X", "ABC17X", "QQ3", "ZZ97"])
    lines = _lines(scattered, "ABC1?X")
    assert any("other registry records" in line for _, line in lines)
    assert not any("consecutive serials" in line for _, line in lines)


def test_a_lower_rank_says_what_rank_1_takes() -> None:
    m = _matcher([f"B{n}" for n in range(2000, 2010)])
    found = m.search("B2005", limit=3)
    assert found[0].serial == "B2005" and "rank 1 takes" not in found[0].explanation_text()
    for c in found[1:]:
        text = c.explanation_text()
        top = re.search(r"rank 1 takes ([0-9.]+) of the probability, this record ([0-9.]+|less than 0\.001)", text)
        assert top is not None, text
        assert float(top.group(1)) == pytest.approx(found[0].probability, abs=5e-4)


def test_search_scores_with_the_batch_estimates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "reg.csv"
    reg.write_text("record_id,serial\n" + "".join(f"R{n},C{n}\n" for n in range(300, 340)), encoding="utf-8")
    model = tmp_path / "out.model.json"
    model.write_text(json.dumps(ScoringModel(prior_in_registry=0.93, source="em").as_dict()), encoding="utf-8")
    assert run(["search", "C31?", "--registry", str(reg)]) == 0
    default = capsys.readouterr().out
    assert "default prior" in default and "P(in this registry) = 0.50" in default
    assert run(["search", "C31?", "--registry", str(reg), "--model-file", str(model), "--json"]) == 0
    estimated = json.loads(capsys.readouterr().out)
    assert "P(in this registry) = 0.93" in estimated["scoring"] and str(model) in estimated["scoring"]
    assert run(["search", "C31?", "--registry", str(reg), "--model-file", str(model)]) == 0
    assert "P(in this registry) = 0.93" in capsys.readouterr().out.replace("\n", " ")


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"prior_in_registry": 2}', '{"records": 3}'])
def test_a_file_that_is_not_a_model_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    reg = tmp_path / "reg.csv"
    reg.write_text("record_id,serial\nR1,C300\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert run(["search", "C300", "--registry", str(reg), "--model-file", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(bad) in err and "not a matching model file" in err and len(err.splitlines()) == 1


def test_search_with_a_batch_model_gives_the_batch_probabilities(tmp_path: Path) -> None:
    """A reading searched with the model its batch wrote gets the probability of its row in OUT.csv (up to
    the model file's rounding), not the default prior's."""
    import csv

    import pyarrow.csv as pacsv
    from benchmarks.noise import REALISTIC_MIX, make_recoveries
    from benchmarks.registry_gen import generate_registry

    from armstrace.linkage import xref_files

    registry = generate_registry(3000, seed=3)
    batch, _ = make_recoveries(registry, 120, seed=5, mix=REALISTIC_MIX)
    reg, rec, out = tmp_path / "reg.csv", tmp_path / "rec.csv", tmp_path / "out.csv"
    pacsv.write_csv(registry, reg)
    pacsv.write_csv(batch, rec)
    xref_files(reg, rec, out, limit=1)
    estimates = ScoringModel.from_file(tmp_path / "out.model.json")
    assert estimates.source == "em" and abs(estimates.prior_in_registry - 0.5) > 0.02
    with out.open(encoding="utf-8") as fh:
        first = {r["recovery_id"]: float(r["probability"]) for r in csv.DictReader(fh)}
    m = Matcher.from_file(reg)
    fields = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")
    moved = 0
    for row in batch.to_pylist()[:40]:
        if row["recovery_id"] not in first:
            continue
        observed = {f: row.get(f) for f in fields}
        mine = m.search(row["serial"], **observed, limit=1, estimates=estimates)
        default = m.search(row["serial"], **observed, limit=1)
        assert mine[0].probability == pytest.approx(first[row["recovery_id"]], abs=2e-3)
        moved += abs(default[0].probability - first[row["recovery_id"]]) > 2e-3
    assert moved  # the default prior gives other numbers: the comparison means something


@pytest.mark.parametrize(("weight", "bound"), [(-0.3, -2.96), (0.5, -1.2), (4.0, 3.18), (2.0, None), (-1.0, -0.5)])
def test_a_bounded_ratio_reads_as_a_bound_only_above_1(weight: float, bound: float | None) -> None:
    """Over a bound of 1 or more the ratio is said "over" it; a bound under 1 ("LR over 0.0011" would read as
    evidence against) is said after the model's ratio; a weight within its bound is said as it is."""
    said = lr_words(weight, bound)
    if bound is None or weight <= bound:
        assert said == f"LR {format_lr(weight)}"
    elif bound >= 0:
        assert said == f"LR over {format_lr(bound)}"
    else:
        assert said.startswith(f"LR {format_lr(weight)} under the model;") and "over" not in said
        assert said.endswith(f"the rarest figure the data support, {format_lr(bound)}")


def test_consecutive_from_the_codes_says_what_the_strings_say() -> None:
    """The neighbours worked out on the rows' codes (carries, borrows, zeros and nines, a serial longer than
    the widest key, letters and Cyrillic) against ``consecutive`` on the serials themselves."""
    serials = ["A100", "A099", "A101", "A0999", "A1000", "B9", "B10", "C000", "C001", "D999", "E12X", "E13X",
               "Ж41", "Ж40", "", "7", "8", "Q" * 30 + "12", "Q" * 30 + "13", "Q" * 31 + "5", "Q" * 31 + "6",
               "ZZ0009", "ZZ0010", "ZZ0008"]  # fmt: skip
    m = _matcher(serials)
    rows = np.arange(len(serials), dtype=np.int64)
    pools = [rows[:12], rows[12:], rows[::2]]
    owner = np.array([0] * 12 + [1] * (len(serials) - 12), dtype=np.int64)
    owner[::5] = 2
    normalised = m.norm.take(pa.array(rows)).to_pylist()
    expected = consecutive(m, normalised, owner.tolist(), pools)
    assert consecutive_rows(m, rows, normalised, owner, pools) == expected
    assert any(expected) and not all(expected)
    reordered = rows[::-1].copy()
    assert consecutive_rows(m, reordered, normalised[::-1], owner[::-1], pools) == expected[::-1]
