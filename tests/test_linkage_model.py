"""The error model a batch estimates: misreads are not evidence of absence, bounds, and where it is kept."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.noise import make_recoveries
from benchmarks.registry_gen import generate_registry

from armstrace.cli import run
from armstrace.exceptions import NotFoundError
from armstrace.linkage import Matcher, xref_files
from armstrace.linkage.descriptor import LOG_PARTIAL_MAX, log_lr
from armstrace.linkage.scoring import ScoringModel
from armstrace.linkage.wording import how_often as _how_often
from armstrace.linkage.xref import cross_check, model_path
from armstrace.model import Item, Source


@pytest.fixture(scope="module")
def registry() -> pa.Table:
    return generate_registry(20_000, seed=5)


@pytest.fixture(scope="module")
def batch(registry: pa.Table) -> tuple[pa.Table, pa.Table]:
    mix = {"exact": 0.4, "format": 0.1, "confusable": 0.1, "insertion": 0.15, "deletion": 0.1, "absent": 0.15}
    return make_recoveries(registry, 600, seed=3, mix=mix)


@pytest.fixture(scope="module")
def checked(registry: pa.Table, batch: tuple[pa.Table, pa.Table]) -> tuple[Matcher, object]:
    matcher = Matcher.from_table(registry)
    return matcher, cross_check(matcher, batch[0], limit=10, min_probability=0.0)


def test_an_extra_character_is_a_misread_not_evidence_of_absence(
    batch: tuple[pa.Table, pa.Table], checked: tuple[Matcher, object]
) -> None:
    # before: the model put absent weapons a fifth on random serials, and a reading one character longer
    # than a registry serial looked like one of those (P(not in registry) 0.99, rank 1 right 3 times in 4)
    _, result = checked
    truth = {t["recovery_id"]: t for t in batch[1].to_pylist()}
    top: dict[str, tuple[str, float]] = {}
    for row in result.rows:  # type: ignore[attr-defined]
        if row["rank"] == 1:
            top[row["recovery_id"]] = (row["record_id"], row["probability"])
    ins = [rid for rid, t in truth.items() if t["fault"] == "insertion"]
    p = np.array([top[r][1] if r in top else 0.0 for r in ins])
    right = np.array([r in top and top[r][0] == truth[r]["record_id"] for r in ins])
    assert right.mean() > 0.5
    assert abs(p.mean() - right.mean()) < 0.2
    absent = [top[r][1] if r in top else 0.0 for r, t in truth.items() if t["fault"] == "absent"]
    assert np.mean(np.asarray(absent) >= 0.5) < 0.1  # and absent weapons are still not matched


def test_the_batch_estimates_the_absent_weapons_kinds_within_bounds(checked: tuple[Matcher, object]) -> None:
    _, result = checked
    model = result.model  # type: ignore[attr-defined]
    prior = ScoringModel()
    assert model.source == "em"
    # the batch's absent weapons are all neighbours of registry serials: β rises from its prior
    assert prior.near_registry < model.near_registry <= 0.995
    # no transpositions in the batch: the rate falls, but never below half the prior (a rate at zero
    # would make that misread look like evidence of absence, and the batch would confirm it)
    assert prior.p_transpose / 2 <= model.p_transpose < prior.p_transpose
    assert model.p_insert > prior.p_insert  # 15% of readings have an extra character


def test_near_miss_only_for_a_reading_one_last_digit_from_a_registry_serial() -> None:
    serials = [f"W1004{n:03d}" for n in range(100)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(100)], "serial": serials}))
    one_digit = m.score(m.parse("W1004150"), {})
    leading = m.score(m.parse("W1009050"), {})  # one digit from W1004050, but 5,000 numbers from its series
    extra = m.score(m.parse("W10040505"), {})
    swapped = m.score(m.parse("W1000450"), {})  # W1004050 with 4 and 0 swapped: two digits from any serial
    # one digit from W1004005, though its best candidate is W1004050 read with 0 and 5 swapped
    swapped_near = m.score(m.parse("W1004505"), {})
    assert one_digit.miss > 0 and swapped_near.miss > 0
    assert extra.miss == 0 and swapped.miss == 0 and leading.miss == 0


def test_the_estimates_are_kept_with_the_output_and_printed(
    registry: pa.Table, batch: tuple[pa.Table, pa.Table], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    reg, rec, out = tmp_path / "reg.parquet", tmp_path / "rec.csv", tmp_path / "out.csv"
    pq.write_table(registry, reg)
    pcsv.write_csv(batch[0].slice(0, 200), rec)
    summary = xref_files(reg, rec, out, limit=3)
    kept = json.loads(model_path(out).read_text(encoding="utf-8"))
    assert model_path(out) == tmp_path / "out.model.json" and summary["model_file"] == str(model_path(out))
    assert kept == summary["model"] and kept["source"] == "em"
    again = ScoringModel.from_dict(kept)
    assert again.as_dict() == kept
    deep = tmp_path / ("a-folder-whose-name-is-long-" * 3) / "out.csv"  # the line runs past any console's width
    deep.parent.mkdir()
    assert run(["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(deep)]) == 0
    printed = capsys.readouterr().out
    assert "model (em): P(in registry)" in printed and "insert" in printed
    assert f"kept in {model_path(deep)}" in printed and f"→ {deep}" in printed  # paths never broken by a newline


def test_the_file_form_lists_improbable_candidates_up_to_the_limit(tmp_path: Path) -> None:
    # the default used to drop candidates below 0.001: a misread digit landing on a registered neighbour
    # then left the true record out of the top 10 although it was a candidate
    reg, rec, out = tmp_path / "reg.csv", tmp_path / "rec.csv", tmp_path / "out.csv"
    # the read make agrees with the exact record only, so its neighbours are improbable (a neighbour's serial
    # alone weighs about p_substitute / 9 of the exact record's, 0.0011 under the prior)
    makes = ["Colt" if i == 7 else "Glock" for i in range(200)]
    reg.write_text("record_id,serial,manufacturer\n" + "".join(f"{i},W1004{i:03d},{m}\n" for i, m in enumerate(makes)),
                   encoding="utf-8")  # fmt: skip
    rec.write_text("recovery_id,serial,manufacturer\nR2,W1004007,Colt\n", encoding="utf-8")
    assert run(["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out), "--limit", "5"]) == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5 and min(float(r["probability"]) for r in rows) < 0.001
    assert run(["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out), "--limit", "5",
                "--min-probability", "0.001"]) == 0  # fmt: skip
    with out.open(encoding="utf-8") as fh:
        assert all(float(r["probability"]) >= 0.001 for r in csv.DictReader(fh))


def test_explanations_say_how_often_in_words() -> None:
    assert "1 time in 0" not in _how_often(0.4) and "as easily" in _how_often(0.4)
    assert _how_often(2_400) == "under the model, a weapon not in the registry would be read so about 1 time in 2,400"
    assert _how_often(4.3e14).endswith("1 time in 430.0 trillion")
    bounded = _how_often(1e16, 200_000, "a registry of 200,000 serials")
    assert bounded.endswith("less than 1 time in 200,000, the rarest figure a registry of 200,000 serials supports")
    assert "never" not in bounded and "trillion" not in bounded


def test_partial_agreement_weighs_at_most_the_documented_bound() -> None:
    # "COLT HARTFORD CONN ~ COLT": the value as read is in no record (u tiny); it used to weigh 66,886
    assert log_lr("partial", 0.95, 1e-7, 1e-7) == LOG_PARTIAL_MAX == math.log(10.0)
    assert log_lr("agree", 0.95, 1e-3, 1e-3) > LOG_PARTIAL_MAX  # a rare value agreeing still weighs more


def test_partial_agreement_never_weighs_more_than_a_full_one() -> None:
    # "92 ~ BERETTA92" weighed 10 where "BERETTA92 = BERETTA92" (13% of the registry) weighed 5.6: a partial
    # agreement is judged by the share of the registry agreeing in part, and bounded by a full agreement
    common = 0.13
    assert log_lr("partial", 0.9, 1e-6, common) < log_lr("agree", 0.9, common, 1e-6)
    assert log_lr("partial", 0.9, 0.4, 1e-6) <= log_lr("agree", 0.9, 0.4, 1e-6)


def test_workspace_searches_use_the_last_estimates(workspace: object) -> None:
    from armstrace.linkage.workspace import _keep_model, last_model, workspace_matcher

    ws = workspace
    agency = ws.agency(None)  # type: ignore[attr-defined]
    assert last_model(ws, agency.id) is None  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="import a registry"):  # an empty registry used to crash
        workspace_matcher(ws)  # type: ignore[arg-type]
    with ws.session() as s:  # type: ignore[attr-defined]
        source = Source(agency_id=agency.id, name="registry", kind="registry")
        s.add(source)
        s.flush()
        s.add(Item(agency_id=agency.id, source_id=source.id, record_id="R1", serial="W1004340",
                   serial_norm="W1004340", row_hash=1))  # fmt: skip
    assert workspace_matcher(ws).model == ScoringModel()  # type: ignore[arg-type]  # the prior before any xref
    estimated = ScoringModel(prior_in_registry=0.9, p_insert=0.02, near_registry=0.97, source="em")
    _keep_model(ws, agency.id, estimated)  # type: ignore[arg-type]
    _keep_model(ws, agency.id, estimated.with_(p_delete=0.01))  # type: ignore[arg-type]  # replaced, not added
    got = workspace_matcher(ws).model  # type: ignore[arg-type]
    assert got.source == "em" and got.p_insert == 0.02 and got.p_delete == 0.01 and got.near_registry == 0.97


@pytest.mark.parametrize(
    ("field", "read", "recorded"),
    [
        ("calibre", "9 mm Parabellum", "9x19"),
        ("calibre", "9mm Luger", "9 mm NATO"),
        ("calibre", "7,62x39", "7.62x39mm"),
        ("calibre", "5.56 NATO", "5.56x45mm"),
        ("manufacturer", "China North", "NORINCO"),
        ("manufacturer", "NORINCO 66", "Norinco"),
        ("manufacturer", "Colt's Mfg Co Hartford Conn", "COLT"),
    ],
)
def test_descriptive_fields_compare_on_identifications_names(field: str, read: str, recorded: str) -> None:
    # the identify hook was never called (``from armstrace import identify`` is the function), so these
    # were compared as spellings: "calibre 9PARABELLUM ≠ 9X19 (disagree)"
    from armstrace.identify import standard_name
    from armstrace.linkage.descriptor import compare, standardise

    assert standard_name(field, read) == standard_name(field, recorded)
    assert compare(field, standardise(field, read), standardise(field, recorded)) == "agree"
