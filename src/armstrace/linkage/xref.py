"""Batch cross-check of recoveries against a registry, with the model re-estimated from the batch.

Every recovery is searched once (the index, not a scan); its candidates' features are kept as flat
arrays, from which expectation–maximisation (``em``) re-estimates the model from the batch itself. The
final probabilities use the estimated model; ``estimate=False`` keeps the prior. Large batches fork
workers that share the index copy-on-write (``_forked_check``).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from armstrace.exceptions import ArmstraceError, InputError, QuerySyntaxError

from . import kernels
from .descriptor import standardise
from .em import _ITERATIONS, _MIN_BATCH, _part_features, add_stats, em_stats, estimate_model, m_step
from .inputs import RECOVERY_REQUIRED
from .out_rows import OUT_COLUMNS, Row, reading_lines
from .scoring import DESCRIPTIVE_FIELDS, ScoringModel
from .tables import as_string_table

if TYPE_CHECKING:
    from armstrace.serials import Query

    from .matcher import Matcher
    from .scored import Scored

__all__ = ["OUT_COLUMNS", "RECOVERY_REQUIRED", "XrefResult", "cross_check", "model_path"]

Progress = Callable[[int, int], None]

# the batch's work (readings × registry records) from which the index verifies candidates with numba's loops,
# loaded before the workers fork (~0.9 CPU s: about 10,000 readings at a million records win it back)
_COMPILED_WORK = 10**10
# readings from which EM's parts are large enough for its compiled sums (``em._COMPILED_ROWS`` candidate rows
# a part: a reading brings a hundred or so)
_EM_COMPILED_READINGS = 20_000


@dataclass
class XrefResult:
    rows: list[dict[str, Any]]
    model: ScoringModel
    recoveries: int
    matched: int  # recoveries whose best candidate is above 0.5
    seconds: float
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (recovery_id, reason)
    # with ``as_text``: OUT.csv's lines (``out_rows.row_lines``) of each part, in order, and ``rows`` empty
    lines: list[str] = field(default_factory=list)
    candidates: int = 0  # output rows (in ``rows`` or in ``lines``)

    def summary(self) -> dict[str, Any]:
        return {
            "recoveries": self.recoveries,
            "candidates": self.candidates,
            "matched": self.matched,
            "invalid": len(self.invalid),
            "seconds": round(self.seconds, 3),
            "model": self.model.as_dict(),
        }


def cross_check(
    matcher: Matcher,
    recoveries: pa.Table,
    *,
    limit: int = 5,
    min_probability: float = 0.0,
    estimate: bool = True,
    progress: Progress | None = None,
    workers: int = 1,
    as_text: bool = False,
) -> XrefResult:
    """Candidates for every recovery (at most ``limit`` each, none below ``min_probability``).

    ``workers`` > 1 forks that many processes (POSIX) that share the index copy-on-write: each searches
    and writes the rows of its own readings (``_forked_check``), the model estimation runs in this process.
    ``as_text``: the rows as OUT.csv's lines (``XrefResult.lines``), each part's formatted where it was made.
    """
    if limit < 1:
        raise InputError(f"--limit must be at least 1 (got {limit})")
    if not 0.0 <= min_probability <= 1.0:
        raise InputError(f"--min-probability must be between 0 and 1 (got {min_probability})")
    started = time.perf_counter()
    table = as_string_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    ids = ["" if v is None else str(v) for v in table.column("recovery_id").to_pylist()]
    serials = table.column("serial").to_pylist()
    observed_cols = {f: table.column(f).to_pylist() for f in DESCRIPTIVE_FIELDS if f in table.column_names}
    total = len(ids)
    # each distinct observed value is named once, here: forked workers inherit the answers instead of each
    # working out the same ones (a value identification has not seen builds its phrase indexes)
    for f, col in observed_cols.items():
        for value in dict.fromkeys(col):
            standardise(f, None if value is None else str(value))
    if len(matcher) * total >= _COMPILED_WORK:
        matcher.index.compile_verify()
    global _JOB
    _JOB = _Job(matcher, ids, serials, observed_cols, matcher.model, limit, min_probability, [], as_text)
    # a batch makes millions of short-lived objects and next to no garbage cycles: the collector's passes
    # over them (~3% of its CPU) wait until it ends, here and in the workers, which fork with it off
    collecting = gc.isenabled()
    gc.disable()
    try:
        if _workers(workers, total) > 1:
            model, out, invalid = _forked_check(total, _workers(workers, total), estimate, progress)
        else:
            parts = _run(_score_chunk, total, progress)
            scored: list[tuple[int, Scored]] = [x for part in parts for x in part[0]]
            invalid = [x for part in parts for x in part[1]]
            model = matcher.model
            if estimate and len(scored) >= _MIN_BATCH:
                model = estimate_model(matcher, [s for _, s in scored], model)
            _JOB.model = model
            _JOB.scored = scored
            out = _run(_rows_chunk, len(scored), None)
    finally:
        _JOB = None
        if collecting:
            gc.enable()
    rows = [r for part in out if not isinstance(part[0], str) for r in part[0]]
    lines = [part[0] for part in out if isinstance(part[0], str)]
    matched = sum(part[2] for part in out)
    seconds = time.perf_counter() - started
    return XrefResult(rows, model, total, matched, seconds, invalid, lines, sum(part[1] for part in out))


def preload(records: int, readings: int) -> threading.Thread | None:
    """A thread that loads numba's loops a batch of ``readings`` against ``records`` will use (``kernels.preload``),
    started now: beside the registry's build it takes the core the build leaves idle (None: a batch too small)."""
    if records * readings < _COMPILED_WORK:
        return None
    thread = threading.Thread(target=_preload, args=(readings >= _EM_COMPILED_READINGS,), daemon=True)
    thread.start()
    return thread


def _preload(em: bool) -> None:
    """``kernels.preload`` in a thread: an error is left to ``compile_verify``, which raises it in the batch."""
    with contextlib.suppress(Exception):
        kernels.preload(em)


def _workers(workers: int, total: int) -> int:
    """Processes worth forking for ``total`` readings (one where fork is not available)."""
    if "fork" not in mp.get_all_start_methods():
        return 1
    return max(1, min(workers, total // 256 or 1))


def _forked_check(
    total: int, workers: int, estimate: bool, progress: Progress | None
) -> tuple[ScoringModel, list[_Rows], list[tuple[str, str]]]:
    """``cross_check`` over ``workers`` processes, each on its own consecutive readings from search to
    rows (``_part``). Each keeps its part's EM features and works out their E step (``em_stats``) for the
    model this process sends; the parts' statistics add up exactly (``add_stats``: integers), so the M step
    here gets the whole batch's sums to the last bit, and no features (nor ``Scored`` readings) cross
    between processes: only a model each way and a few integers back, per iteration."""
    job = _JOB
    assert job is not None
    bounds = np.linspace(0, total, workers + 1).astype(int).tolist()
    context = mp.get_context("fork")
    links: list[Any] = []
    processes: list[Any] = []
    gc.freeze()  # the parent's objects stay out of the workers' garbage collections (copy-on-write pages)
    try:
        for w in range(1, workers):
            here, there = context.Pipe()
            process = context.Process(target=_part, args=(there, bounds[w], bounds[w + 1]), daemon=True)
            process.start()
            there.close()
            links.append(here)
            processes.append(process)
        report = None if progress is None else (lambda done, _: progress(done, total))
        scored, invalid = _score_chunk(bounds[0], bounds[1], report)
        own = _part_features([s for _, s in scored])
        valid, candidates = len(scored), len(own.owner)
        for w, link in enumerate(links, start=1):
            n_valid, bad, n_rows = _received(link)
            valid += n_valid
            candidates += n_rows
            invalid += bad
            if progress is not None:
                progress(bounds[w + 1], total)
        start = model = job.matcher.model
        if estimate and valid >= _MIN_BATCH and candidates:
            for _ in range(_ITERATIONS):
                for link in links:
                    link.send(("stats", model))
                stats = em_stats(own, model, job.matcher.n_items)
                for link in links:
                    stats = add_stats(stats, _received(link))
                model = m_step(stats, model, start)
        del own
        for link in links:
            link.send(("rows", model))
        job.model, job.scored = model, scored
        out = [_rows_chunk(0, len(scored), None), *(_received(link) for link in links)]
    finally:
        gc.unfreeze()
        for link in links:
            link.close()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return model, out, invalid


def _part(link: Any, lo: int, hi: int) -> None:
    """A forked worker of ``_forked_check``: readings [lo, hi) searched and scored; the E step of their
    features for each model received; their rows, under the batch's final model, sent."""
    job = _JOB
    assert job is not None
    try:
        scored, invalid = _score_chunk(lo, hi, None)
        feats = _part_features([s for _, s in scored])
        link.send((len(scored), invalid, len(feats.owner)))
        kind, model = link.recv()
        while kind == "stats":
            link.send(em_stats(feats, model, job.matcher.n_items))
            kind, model = link.recv()
        del feats
        job.model, job.scored = model, scored
        link.send(_rows_chunk(0, len(scored), None))
    except BaseException as exc:  # the parent raises it: a worker's error is the batch's
        try:
            link.send(_Failed(exc))
        except Exception:  # an error that will not pickle still reaches the parent, as its text
            link.send(_Failed(RuntimeError(f"a cross-check worker failed: {exc!r}")))
    finally:
        link.close()


@dataclass
class _Failed:
    error: BaseException


def _received(link: Any) -> Any:
    """The next message of a worker (its error raised here)."""
    try:
        message = link.recv()
    except (EOFError, OSError) as exc:  # killed (out of memory, SIGKILL) before it could say why
        raise ArmstraceError(
            "a cross-check worker ended without an answer (killed, perhaps out of memory): run again with "
            "--workers 1, or with more memory"
        ) from exc
    if isinstance(message, _Failed):
        raise message.error
    return message


@dataclass
class _Job:
    """The batch being cross-checked; forked workers inherit it (and the index) copy-on-write."""

    matcher: Matcher
    ids: list[str]
    serials: list[Any]
    observed: dict[str, list[Any]]
    model: ScoringModel
    limit: int
    min_probability: float
    scored: list[tuple[int, Scored]]
    as_text: bool = False  # rows as OUT.csv's lines (``cross_check``)


_JOB: _Job | None = None


def _run(fn: Callable[[int, int, Progress | None], Any], total: int, progress: Progress | None) -> list[Any]:
    """fn over [0, total) in this process (one part; ``_forked_check`` runs the parts of many processes)."""
    return [fn(0, total, progress)]


_SCORE_BATCH = 512  # readings scored together (one index lookup, one classification)


def _score_chunk(lo: int, hi: int, progress: Progress | None) -> tuple[list[tuple[int, Scored]], list[tuple[str, str]]]:
    job = _JOB
    assert job is not None
    matcher = job.matcher
    scored: list[tuple[int, Scored]] = []
    invalid: list[tuple[str, str]] = []
    for start in range(lo, hi, _SCORE_BATCH):
        if progress is not None:
            progress(start, hi)
        batch: list[tuple[int, Query]] = []
        for i in range(start, min(hi, start + _SCORE_BATCH)):
            text = job.serials[i]
            if not text:
                invalid.append((job.ids[i], "no serial"))
                continue
            try:
                batch.append((i, matcher.parse(text)))
            except QuerySyntaxError as exc:
                invalid.append((job.ids[i], str(exc)))
        observed = [{f: col[i] for f, col in job.observed.items()} for i, _ in batch]
        found = matcher.score_many([q for _, q in batch], observed)
        scored += [(i, s) for (i, _), s in zip(batch, found, strict=True)]
    if progress is not None:
        progress(hi, hi)
    return scored, invalid


# a part's output rows: (its rows as dicts, or its OUT.csv lines with ``as_text``; how many; how many readings matched)
_Rows = tuple[list[dict[str, Any]] | str, int, int]


def _rows_chunk(lo: int, hi: int, progress: Progress | None) -> _Rows:
    job = _JOB
    assert job is not None
    rows: list[Row] = []
    lines: list[str] = []  # with ``as_text``: each reading's lines, formatted as its candidates come
    matched = count = 0
    for start in range(lo, hi, _SCORE_BATCH):
        block = job.scored[start : min(hi, start + _SCORE_BATCH)]
        found = job.matcher.output_rows_many([s for _, s in block], job.model, job.limit, job.min_probability)
        for (i, _), cands in zip(block, found, strict=True):
            if not cands:
                continue
            if cands[0][2] > 0.5:
                matched += 1
            count += len(cands)
            rid = job.ids[i]
            if job.as_text:
                lines.append(reading_lines(rid, cands))
            else:
                rows += [(rid, rank, record_id, round(p, 6), same, text) for record_id, rank, p, same, text in cands]
    if job.as_text:
        return "".join(lines), count, matched
    return [dict(zip(OUT_COLUMNS, row, strict=True)) for row in rows], count, matched


def model_path(out: str | Path) -> Path:
    """Where the model a batch estimated is kept next to its OUT.csv (``out.csv`` -> ``out.model.json``):
    the probabilities in the file mean what they mean under that model, so it travels with them."""
    path = Path(out)
    return path.with_name(path.stem + ".model.json")
