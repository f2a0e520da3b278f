"""Output rows worded from a batch's arrays (``lines``) say what the evidence objects say, and OUT.csv is
written as ``csv.writer`` writes it."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from benchmarks.noise import FAULTS, make_recoveries
from benchmarks.registry_gen import generate_registry

from armstrace.exceptions import QuerySyntaxError
from armstrace.linkage import Matcher, channel, lines, out_rows
from armstrace.linkage.files import write_rows


def test_a_batchs_rows_are_worded_as_the_evidence_says() -> None:
    """Every row of a batch of every fault kind (``output_rows_many``, worded from the batch's arrays) is,
    character for character, the line its candidate's evidence objects give, with the same record,
    rank and probability; a batch small enough to be scored reading by reading too."""
    registry = generate_registry(3000, seed=31)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 200, seed=32, mix={f: 1.0 for f in FAULTS})
    columns = [f for f in ("manufacturer", "model", "calibre", "year") if f in batch.column_names]
    queries, observed = [], []
    for i, text in enumerate(batch.column("serial").to_pylist()):
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
        observed.append({f: batch.column(f)[i].as_py() for f in columns})
    scored = m.score_many(queries, observed)
    checked = differing = 0
    for part in (scored, scored[:3]):
        rows = m.output_rows_many(part, m.model, 10)
        candidates = m.candidates_many(part, m.model, 10)
        for got, want in zip(rows, candidates, strict=True):
            assert len(got) == len(want)
            for (record_id, rank, probability, same_as, text), c in zip(got, want, strict=True):
                c.text = None  # worded from the evidence objects
                assert (record_id, rank, probability, same_as) == (c.record_id, c.rank, c.probability, c.same_as)
                assert text == c.explanation_text()
                checked += 1
                differing += "differs:" in text
    assert checked > 1000 and differing > 300


def test_the_one_or_two_differences_hint_is_checked_on_the_strings() -> None:
    """``_differences`` words a literal reading that differs from the serial at the positions given exactly
    as ``channel._literal`` does (a swap of neighbours is one note), and refuses positions that are not
    the only differences (one-byte codes can collide: the hint is never trusted blindly)."""
    rng = random.Random(3)
    worded = 0
    for _ in range(3000):
        serial = rng.choice(["", "KA", "ЧП"]) + "".join(rng.choice("0123456789OSB") for _ in range(rng.randint(3, 9)))
        reading = list(serial)
        for _ in range(rng.randint(1, 2)):
            j = rng.randrange(len(reading))
            if rng.random() < 0.5 and j + 1 < len(reading):
                reading[j], reading[j + 1] = reading[j + 1], reading[j]
            else:
                reading[j] = rng.choice("0123456789OSBЗ")
        q = "".join(reading)
        diffs = [p for p in range(len(q)) if q[p] != serial[p]]
        if not 1 <= len(diffs) <= 2:
            continue
        want = channel._literal(q, serial)
        assert want is not None
        second = diffs[1] if len(diffs) == 2 else -1
        assert lines._differences(q, serial, diffs[0], second) == ", ".join(want.notes)
        worded += 1
    assert worded > 1500
    assert lines._differences("AB1", "AC2", 1, -1) is None  # a difference left out
    assert lines._differences("AB12", "AC12", 1, 3) is None  # a position that does not differ
    assert lines._differences("AB1", "AB1", 0, -1) is None


def test_out_csv_is_written_as_csv_writer_writes_it(tmp_path: Path) -> None:
    """Commas, quotes, line breaks, empty and non-ASCII fields: the same bytes as ``csv.writer``."""
    rows = [
        {"recovery_id": rid, "rank": rank, "record_id": rec, "probability": p, "same_as": same, "explanation": text}
        for rid, rank, rec, p, same, text in [
            ("X1", 1, "R1", 0.949084, None, "serial read 'A1' vs registry 'A1': agrees exactly; P(absent) = 0.000"),
            ("X,2", 2, 'R"2"', 0.1234565, 1, 'model M4 ≠ "M16" (disagree); a, b'),
            ("", 10, "R3\nnext", 1e-7, None, "line\r\nbreak"),
            ("Ж-7", 3, "", 1.0, 2, ""),
        ]
    ]
    for some in (rows, rows[:1], rows[3:]):  # ids that need quoting, and columns that need none
        out = tmp_path / "out.csv"
        write_rows(out, some)
        expected = io.StringIO(newline="")
        writer = csv.writer(expected)
        writer.writerow(("recovery_id", "rank", "record_id", "probability", "same_as", "explanation"))
        writer.writerows(
            (r["recovery_id"], r["rank"], r["record_id"], f"{r['probability']:.6f}", r["same_as"], r["explanation"])
            for r in some
        )
        assert out.read_bytes() == expected.getvalue().encode("utf-8")


def test_a_readings_lines_are_the_rows_lines() -> None:
    """``reading_lines`` (one recovery's candidates, probabilities unrounded) writes what ``row_lines`` writes of
    the rows with their probabilities rounded to six places, quoting and halfway probabilities included."""
    rng = random.Random(5)
    probabilities = [0.1234565, 0.9999995, 5e-7, 2.5e-6, 0.0, 1.0, 1e-300] + [rng.random() for _ in range(2000)]
    texts = ["plain", "a, b", 'say "so"', "line\r\nbreak", ""]
    for rid in ("X1", "X,2", 'Q"3'):
        cands = [
            (rng.choice(["R1", "R,2", 'R"3"', ""]), k + 1, p, rng.choice([None, 1, 2]), texts[k % len(texts)])
            for k, p in enumerate(probabilities)
        ]
        rows = [(rid, rank, rec, round(p, 6), same, text) for rec, rank, p, same, text in cands]
        assert out_rows.reading_lines(rid, cands) == out_rows.row_lines(rows)
