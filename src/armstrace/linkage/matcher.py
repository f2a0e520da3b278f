"""The Matcher: a registry indexed for serial search, and the scoring of what it finds.

    m = Matcher.from_file("registry.csv")            # or Matcher.from_table(pyarrow_table)
    for c in m.search("W10?43[0O]*", manufacturer="Colt"):
        print(c.rank, c.record_id, c.matched_serial, c.probability, c.explanation_text())

Search = retrieval from the index (exact, confusion-equivalent, within 1–2 edits, wildcards, ranges),
then scoring (``scoring`` explains the model), then the top ``limit`` with their explanations.
Descriptive fields given to ``search`` are evidence, never filters: a misidentified make must not hide
the right record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.exceptions import InputError
from armstrace.serials import Query, parse_query
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS
from armstrace.values import MAX_CELL_LENGTH

from .absence import Absence
from .block import _group_argmax as _group_argmax  # tests reach it here
from .block import scored_block
from .density import Density
from .descriptor import FieldCodes
from .explanation import Candidate, _shared
from .index import SerialIndex
from .input_checks import refuse_bad_rows
from .inputs import REGISTRY_REQUIRED
from .keys import code_column, normalise_column, skeleton_codes
from .lines import Explanations, explanation_lines
from .pairs import classify, retrieve
from .range_rows import range_fault, split_range
from .ranges import RangeIndex
from .record_codes import field_codes, record_items, serial_codes, strip_embedded
from .scored import Scored, score_batch
from .scoring import DESCRIPTIVE_FIELDS, Background, ScoringModel
from .tables import as_string_table, read_table
from .wording import same_weapon
from .xref import cross_check

__all__ = ["REGISTRY_REQUIRED", "Matcher", "Scored"]


#: Threads a registry's index is built with (``Matcher(threads=...)``): most of the build runs in NumPy and
#: Arrow without the GIL, beside the Python work of naming the descriptor values. Six: two of the jobs wait
#: (the descriptor codes for the reference tables, the items for the codes), and the index's four sorts start
#: beside the density and background models instead of queueing behind them.
BUILD_THREADS = 6
#: Registries with fewer rows keep their item ids as int32 (``Matcher.items``), larger ones as int64; 2**30, not
#: 2**31, so a difference of two ids (``groups - low`` in scoring) cannot wrap around in int32.
_T = TypeVar("_T")


class Matcher:
    """A registry indexed for serial search (the API the CLI, the web and the benchmarks use)."""

    _source: Path | None = None  # the registry file, when read from one (``from_file``): named in errors

    def __init__(
        self,
        table: pa.Table,
        *,
        model: ScoringModel | None = None,
        ignore_embedded_letters: bool = False,
        max_edits: int = 2,
        threads: int = BUILD_THREADS,
        max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
    ):
        """``threads``: workers that build the descriptor codes, the serial index and the density model beside
        each other (1: one after the other, in this thread); the result is the same. ``max_range_items``: the
        most numbers a range row may claim (a wider row is refused as bad input; None: rows checked already)."""
        self._build(
            as_string_table(table, REGISTRY_REQUIRED, "registry"),
            model=model,
            ignore_embedded_letters=ignore_embedded_letters,
            max_edits=max_edits,
            threads=threads,
            max_range_items=max_range_items,
        )

    @classmethod
    def _from_clean(cls, table: pa.Table, source: Path | None = None, **options: Any) -> Matcher:
        """A matcher over a table ``read_table`` gave (already strings, trimmed, "" as null): not cleaned twice."""
        matcher = cls.__new__(cls)
        matcher._source = source
        matcher._build(table, **options)
        return matcher

    def _build(
        self,
        table: pa.Table,
        *,
        model: ScoringModel | None = None,
        ignore_embedded_letters: bool = False,
        max_edits: int = 2,
        threads: int = BUILD_THREADS,
        max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
    ) -> None:
        table = table.combine_chunks()
        if table.num_rows == 0:
            raise InputError("the registry has no records: nothing to search or match against")
        self.table = table
        self.model = model or ScoringModel()
        self.ignore_embedded_letters = ignore_embedded_letters
        self.max_edits = max_edits
        self.max_range_items = max_range_items
        pool: Executor = ThreadPoolExecutor(max_workers=threads) if threads > 1 else _inline()
        try:
            # the descriptor columns are Python work (naming a make may prime identification): started first,
            # beside the serial columns, the index sorts and the density parse, which run without the GIL
            # (one job: identification's lookups are built once, not by two threads at a time)
            fields = pool.submit(field_codes, table)
            items, index, density = self._build_serials(table, pool, fields)
            self.fields = fields.result()
            self.items, singles = items.result()
            self.n_items = singles + self.ranges.items
            self.density = density.result()
            self.density.n_items = max(self.n_items, 1)
            self.index = index
        except BaseException:
            # Ctrl-C (or an error) mid-build: drop the queued jobs rather than wait for every one of them
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        self.absence = Absence(self.index, self.ranges, self.density, self.background)
        self._columns = frozenset(table.column_names)
        self._compiled = False  # the compiled look-up loaded (``search``, from _COMPILED_RECORDS records)
        self._searches = 0

    def _build_serials(
        self, table: pa.Table, pool: Executor, fields: Future[dict[str, FieldCodes]]
    ) -> tuple[Future[tuple[np.ndarray, int]], SerialIndex, Future[Density]]:
        """Normalised serials, their one-byte codes, the ranges and the index (its sorts run in ``pool``) here; a
        code per distinct serial and the items they make with the makes (``fields``' job; ``record_codes``), the
        density model and the background model submitted to ``pool``, the items before the index's sorts so that
        they are numbered beside them. Returns the items' job, the index and the density's job."""
        n = table.num_rows
        norm = normalise_column(table.column("serial"))
        if self.ignore_embedded_letters:
            norm = strip_embedded(norm)
        self.norm = norm
        single = np.ones(n, dtype=bool)
        single[~pc.greater(pc.utf8_length(norm), 0).to_numpy(zero_copy_only=False)] = False
        ranges: list[tuple[int, str, int, int, int]] = []
        self._range_prefix: dict[int, tuple[str, int]] = {}
        if "serial_end" in table.column_names:
            # only the rows with an end are normalised: most records are single serials, their end null
            column = table.column("serial_end")
            end_rows = np.flatnonzero(single & column.is_valid().to_numpy(zero_copy_only=False))
            end = normalise_column(column.take(pa.array(end_rows, type=pa.int64())))
            if self.ignore_embedded_letters:
                end = strip_embedded(end)
            has_end = pc.greater(pc.utf8_length(end), 0).to_numpy(zero_copy_only=False)
            for at, row in zip(np.flatnonzero(has_end).tolist(), end_rows[has_end].tolist(), strict=True):
                start, stop = norm[row].as_py(), end[at].as_py()
                # a workspace's rows were checked by its import (no limit here): an end an older import admitted
                # that no series continues stays its first serial alone
                fault = range_fault(start, stop, self.max_range_items, shape=self.max_range_items is not None)
                if fault is not None:
                    raise InputError(f"{self._where(table, row)}, field serial_end: {fault}")
                parts = split_range(start, stop)
                if parts is None or parts[1] == parts[2]:
                    continue
                prefix, lo, hi, width = parts
                ranges.append((row, prefix, lo, hi, width))
                self._range_prefix[row] = (prefix, width)
                single[row] = False
        single_rows = np.flatnonzero(single).astype(np.int32)
        self.codes = code_column(norm)  # one byte per character, for vectorised scoring
        self.lengths = (
            (self.codes.view(np.uint8).reshape(n, self.codes.dtype.itemsize) != 0).sum(axis=1).astype(np.uint8)
        )
        serials = pool.submit(serial_codes, norm, self.codes, self.lengths)
        # queued after the jobs it waits for: a thread takes it once they are taken (no pool thread waits on a
        # job no other thread runs)
        items = pool.submit(record_items, fields, single, serials)
        single_skel = skeleton_codes(self.codes[single_rows])
        self.ranges = RangeIndex(ranges)
        # the item count is known once the makes are: the density's share per item is set then
        density = pool.submit(Density, single_skel, self.ranges, 1)
        span_rows, *numbers = self.ranges.spans()  # each number of a range one serial, as N counts it
        background = pool.submit(Background, self.codes[single], (self.codes[span_rows], *numbers))
        # its four sorted arrays built by the pool's threads (here, one after the other, when there are none)
        index = SerialIndex(single_skel, single_rows, None if isinstance(pool, _inline) else pool, self.codes)
        self.background = background.result()
        return items, index, density

    def _where(self, table: pa.Table, row: int) -> str:
        """Where a registry row came from, for a one-line error: the file's line (a CSV's header is line 1)."""
        rid = table.column("record_id")[row].as_py()
        source = self._source
        if source is None:
            return f"registry row {row + 1} (record_id {rid})"
        place = f"row {row + 1}" if source.suffix.lower() in (".parquet", ".pq") else f"line {row + 2}"
        return f"registry file {source}, {place} (record_id {rid})"

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def from_table(cls, table: pa.Table, **options: Any) -> Matcher:
        """A matcher over a pyarrow Table with at least ``record_id`` and ``serial``."""
        return cls(table, **options)

    @classmethod
    def from_file(cls, path: str | Path, **options: Any) -> Matcher:
        """A matcher over a registry file (CSV or Parquet, columns as in docs/formats.md)."""
        table = read_table(path, REGISTRY_REQUIRED, "registry")
        refuse_bad_rows(table, "record_id", Path(path), "registry")
        return cls._from_clean(table, Path(path), **options)

    def __len__(self) -> int:
        return int(self.table.num_rows)

    @property
    def index_bytes(self) -> int:
        """Memory of the search structures, beyond the serial strings themselves."""
        extra = sum(g.starts.nbytes * 3 + g.rows.nbytes for g in self.ranges.groups.values())
        return int(self.index.nbytes + extra + self.density.nbytes + self.items.nbytes + self.lengths.nbytes)

    # -- search --------------------------------------------------------------------------------------
    def parse(self, text: str | Query) -> Query:
        query = text if isinstance(text, Query) else parse_query(text)
        return query.without_embedded_letters() if self.ignore_embedded_letters else query

    def search(
        self,
        query: str | Query,
        manufacturer: str | None = None,
        model: str | None = None,
        calibre: str | None = None,
        weapon_type: str | None = None,
        country: str | None = None,
        year: str | int | None = None,
        limit: int = 10,
        max_edits: int | None = None,
        *,
        estimates: ScoringModel | None = None,
    ) -> list[Candidate]:
        """The registry records this reading can be, most probable first (at most ``limit``). ``estimates``:
        the model a batch estimated (``OUT.model.json``); the reading is then scored as the batch scores its
        readings, under this matcher's model, and weighed with the estimates, so the search gives the batch's
        numbers for it."""
        observed = {
            "manufacturer": manufacturer,
            "model": model,
            "calibre": calibre,
            "weapon_type": weapon_type,
            "country": country,
            "year": year,
        }
        for name, value in observed.items():
            if isinstance(value, str) and len(value) > MAX_CELL_LENGTH:  # a document: minutes to identify
                raise InputError(f"{name}: {len(value):,} characters (at most {MAX_CELL_LENGTH:,})")
        self._searches += 1
        if not self._compiled and self._searches > _COMPILED_AFTER and len(self.index) >= _COMPILED_RECORDS:
            self.index.compile_verify()  # once: a long-lived process (the server) wins numba's load back
            self._compiled = True
        scored = self.score(self.parse(query), observed, max_edits)
        return self.candidates(scored, estimates or self.model, limit)

    def _retrieve(
        self, queries: list[Query], max_edits: int | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
        """``pairs.retrieve``: (reading, registry row, serials of it that fit, inside-range serial by pair index)."""
        return retrieve(self, queries, max_edits)

    def score(
        self,
        query: Query,
        observed: Mapping[str, Any] | None = None,
        max_edits: int | None = None,
        model: ScoringModel | None = None,
    ) -> Scored:
        """The candidates of one reading and everything scoring needs about them."""
        return self.score_many([query], [observed or {}], max_edits, model)[0]

    def score_many(
        self,
        queries: list[Query],
        observed: Sequence[Mapping[str, Any]],
        max_edits: int | None = None,
        model: ScoringModel | None = None,
    ) -> list[Scored]:
        """``score`` for many readings at once: one index lookup and one classification for all."""
        model = model or self.model
        owner, rows, multiplicity, inside = retrieve(self, queries, max_edits)
        counts, hard = classify(self, queries, owner, rows, inside, model)
        return scored_block(self, queries, observed, owner, rows, counts, hard, multiplicity, inside, model)

    def matched(self, row: int, inside: str | None = None) -> str:
        """The normalised serial a candidate row was compared with (inside a range: that serial)."""
        return inside if inside is not None else str(self.norm[row].as_py() or "")

    def candidates(
        self, scored: Scored, model: ScoringModel, limit: int, min_probability: float = 0.0
    ) -> list[Candidate]:
        """Posterior probabilities and explanations of the best ``limit`` candidates (none below
        ``min_probability``)."""
        return self.candidates_many([scored], model, limit, min_probability)[0]

    def candidates_many(
        self, scored: Sequence[Scored], model: ScoringModel, limit: int, min_probability: float = 0.0
    ) -> list[list[Candidate]]:
        """``candidates`` for many readings: one read of the registry's records for all of them (a read
        per reading cost more than the scoring)."""
        return self._candidates_of(self._picked(scored, model, limit, min_probability), model)

    def output_rows_many(
        self, scored: Sequence[Scored], model: ScoringModel, limit: int, min_probability: float = 0.0
    ) -> list[list[tuple[str, int, float, int | None, str]]]:
        """(record id, rank, probability, same_as, one-line explanation) of ``candidates_many``'s candidates: what a
        row of OUT.csv needs, without the candidates' records (their serials and descriptive fields, read
        and copied for 10 candidates a reading, cost more than the rows' own work)."""
        picked = self._picked(scored, model, limit, min_probability)
        taken = [s.rows[order] for s, order, _, _ in picked]
        all_rows = pa.array(np.concatenate(taken) if taken else np.zeros(0, dtype=np.int64), type=pa.int64())
        ids = self.table.column("record_id").take(all_rows).to_pylist() if len(all_rows) else []
        compared = self.norm.take(all_rows).to_pylist() if len(all_rows) else []  # the serials explained
        lines = explanation_lines(self, picked, model, compared)
        out: list[list[tuple[str, int, float, int | None, str]]] = []
        at = 0
        for (s, order, prob, _), texts in zip(picked, lines, strict=True):
            n = len(order)
            probs = prob[order].tolist()
            same = same_weapon(s.groups[order])
            out.append([(str(ids[at + k]), k + 1, float(probs[k]), same[k], texts[k]) for k in range(n)])
            at += n
        return out

    def _picked(
        self, scored: Sequence[Scored], model: ScoringModel, limit: int, min_probability: float
    ) -> list[tuple[Scored, np.ndarray, np.ndarray, float]]:
        """Per reading: (its ``Scored``, the chosen candidates in rank order, every candidate's probability,
        P(absent)); a batch is scored as one (``score_batch``)."""
        picked: list[tuple[Scored, np.ndarray, np.ndarray, float]] = []
        if len(scored) < _BATCH_MIN:  # a single search: the batch's set-up costs more than it saves
            for s in scored:
                if not len(s.rows):
                    picked.append((s, np.zeros(0, dtype=np.int64), np.zeros(0), 1.0))
                    continue
                prob, w, p_absent = s.probabilities(model, self.n_items)
                order = np.lexsort((-w, -prob))[:limit]
                picked.append((s, order[prob[order] >= min_probability], prob, p_absent))
            return picked
        batch = score_batch(list(scored), model, self.n_items)
        memo: dict[Any, Any] = self.__dict__.setdefault("_shared_memo", {})  # ``_shared``'s, block to block
        for k, (s, order) in enumerate(zip(scored, batch.top(limit, min_probability), strict=True)):
            lo, hi = int(batch.bounds[k]), int(batch.bounds[k + 1])
            prob = batch.prob[lo:hi]
            if len(order):
                lrs = [batch.field_lr[f][lo:hi] for f in s.fields]
                _shared(self, s, model, float(batch.log_absent[k]), lrs, memo)
            picked.append((s, order, prob, float(batch.p_absent[k])))
        return picked

    def _candidates_of(
        self, picked: list[tuple[Scored, np.ndarray, np.ndarray, float]], model: ScoringModel
    ) -> list[list[Candidate]]:
        """Candidates of (reading, chosen local rows, probabilities, P(absent)), with one registry read."""
        taken = [s.rows[order] for s, order, _, _ in picked]
        all_rows = np.concatenate(taken) if taken else np.zeros(0, dtype=np.int64)
        names = [c for c in ("record_id", "serial", "serial_end", *DESCRIPTIVE_FIELDS) if c in self._columns]
        taken_rows = pa.array(all_rows, type=pa.int64())
        # column by column: a dict per record cost more than the candidates' own work
        taken_table = self.table.select(names).take(taken_rows) if len(all_rows) else None
        cols = {c: taken_table.column(c).to_pylist() if taken_table is not None else [] for c in names}
        ids, serials, ends = cols["record_id"], cols["serial"], cols.get("serial_end")
        described = [(f, cols[f]) for f in DESCRIPTIVE_FIELDS if f in cols]
        compared = self.norm.take(taken_rows).to_pylist() if len(all_rows) else []  # the serials explained
        out: list[list[Candidate]] = []
        at = 0
        for s, order, prob, p_absent in picked:
            mine: list[Candidate] = []
            words = Explanations(self, s, model, order, prob, p_absent, compared[at : at + len(order)])
            same = same_weapon(s.groups[order])
            for rank, i in enumerate(order.tolist(), start=1):
                row = int(s.rows[i])
                serial = str(serials[at])
                mine.append(
                    Candidate(
                        record_id=str(ids[at]),
                        serial=serial,
                        serial_end=ends[at] if ends is not None else None,
                        matched_serial=s.range_serials.get(row, serial),
                        probability=float(prob[i]),
                        rank=rank,
                        evidence=partial(words, rank - 1),
                        text=partial(words.text, rank - 1),
                        fields={f: values[at] for f, values in described},
                        row=row,
                        same_as=same[rank - 1],
                    )
                )
                at += 1
            out.append(mine)
        return out

    # -- batch ---------------------------------------------------------------------------------------
    def xref(
        self,
        recoveries: pa.Table,
        limit: int = 5,
        min_probability: float = 0.001,
        *,
        estimate: bool = True,
        progress: Any = None,
        workers: int = 1,
    ) -> Iterator[dict[str, Any]]:
        """Rows ``recovery_id, rank, record_id, probability, same_as, explanation`` for a table of recoveries."""
        result = cross_check(
            self,
            recoveries,
            limit=limit,
            min_probability=min_probability,
            estimate=estimate,
            progress=progress,
            workers=workers,
        )
        yield from result.rows


_COMPILED_RECORDS = 500_000  # indexed records from which a search loads the compiled look-up (kernels)
# searches of one Matcher before it does: loading costs ~0.9 CPU s, ~1 ms a search wins back, so a one-shot
# `armstrace search` never pays it and a server does after its first few dozen
_COMPILED_AFTER = 50
_BATCH_MIN = 8  # readings from which candidates are scored as one batch (scored.score_batch)


class _inline(Executor):
    """An executor that runs each job at once, in the calling thread (``threads=1``)."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        job: Future[_T] = Future()
        try:
            job.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            job.set_exception(exc)
        return job
