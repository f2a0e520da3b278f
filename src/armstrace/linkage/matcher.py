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

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.serials import ANY, STAR, Element, Query, parse_query, skeleton, skeleton_char

from .channel import Alignment, align
from .descriptor import FieldCodes, compare, log_lr, standardise
from .explanation import Candidate, explain
from .index import SerialIndex, _variants, allowed_edits
from .keys import fixed_width, normalise_column, skeleton_column
from .ranges import RangeIndex, split_range
from .scoring import DESCRIPTIVE_FIELDS, Background, ScoringModel
from .tables import as_string_table, read_table

__all__ = ["REGISTRY_REQUIRED", "Matcher", "Scored"]

REGISTRY_REQUIRED = ("record_id", "serial")
_DIGITS = tuple(str(d).encode() for d in range(10))


@dataclass
class Scored:
    """Everything scoring needs about one reading's candidates (kept as arrays for EM)."""

    query: Query
    rows: np.ndarray  # registry rows
    matched: list[str]  # the serial (or the serial inside a range) each candidate was compared with
    alignments: list[Alignment]
    levels: dict[str, list[str]]  # field -> agreement level per candidate
    log_u: dict[str, float]  # field -> log u of the observed value
    observed: dict[str, str]  # standardised observed descriptive values
    background: float  # log P(reading | random serial) under the model used
    known: int  # known characters in the reading
    multiplicity: np.ndarray  # serials of each candidate that fit the reading (>1: a range + wildcards)

    def log_weights(self, model: ScoringModel, n_items: int) -> tuple[np.ndarray, float]:
        """Natural-log weight of each candidate and of "not in this registry"."""
        log_p = model.log_p()
        log_hard = math.log(model.hard_factor)
        base = math.log(model.prior_in_registry) - math.log(max(n_items, 1))
        w = np.array([base + a.log_likelihood(log_p, log_hard) for a in self.alignments], dtype=np.float64)
        w += np.log(self.multiplicity)
        for f, levels in self.levels.items():
            u = math.exp(self.log_u[f])
            w += np.array([log_lr(level, model.m.get(f, 0.9), u) for level in levels])
        absent = math.log(1.0 - model.prior_in_registry) + self.background
        return w, absent


class Matcher:
    """A registry indexed for serial search (the API the CLI, the web and the benchmarks use)."""

    def __init__(
        self,
        table: pa.Table,
        *,
        model: ScoringModel | None = None,
        ignore_embedded_letters: bool = False,
        max_edits: int = 2,
    ):
        table = as_string_table(table, REGISTRY_REQUIRED, "registry")
        self.table = table
        self.model = model or ScoringModel()
        self.ignore_embedded_letters = ignore_embedded_letters
        self.max_edits = max_edits
        n = table.num_rows
        norm = normalise_column(table.column("serial"))
        if ignore_embedded_letters:
            norm = _strip_embedded(norm)
        self.norm = norm
        single = np.ones(n, dtype=bool)
        single[~pc.greater(pc.utf8_length(norm), 0).to_numpy(zero_copy_only=False)] = False
        ranges: list[tuple[int, str, int, int, int]] = []
        self._range_prefix: dict[int, tuple[str, int]] = {}
        if "serial_end" in table.column_names:
            end = normalise_column(table.column("serial_end"))
            if ignore_embedded_letters:
                end = _strip_embedded(end)
            has_end = pc.greater(pc.utf8_length(end), 0).to_numpy(zero_copy_only=False)
            for row in np.flatnonzero(has_end & single).tolist():
                start, stop = norm[row].as_py(), end[row].as_py()
                parts = split_range(start, stop)
                if parts is None or parts[1] == parts[2]:
                    continue  # not a usable range: index the first serial as a single one
                prefix, lo, hi, width = parts
                ranges.append((row, prefix, lo, hi, width))
                self._range_prefix[row] = (prefix, width)
                single[row] = False
        single_rows = np.flatnonzero(single).astype(np.int32)
        self.index = SerialIndex(skeleton_column(norm.take(pa.array(single_rows))), single_rows)
        self.ranges = RangeIndex(ranges)
        self.n_items = len(single_rows) + self.ranges.items
        self.background = Background(fixed_width(norm.filter(pa.array(single | _mask(n, ranges)))))
        self.fields = {f: FieldCodes.build(f, table.column(f)) for f in DESCRIPTIVE_FIELDS if f in table.column_names}
        self._alphabet = tuple(sorted(set(self.index.alphabet) | set(_DIGITS)))

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def from_table(cls, table: pa.Table, **options: Any) -> Matcher:
        """A matcher over a pyarrow Table with at least ``record_id`` and ``serial``."""
        return cls(table, **options)

    @classmethod
    def from_file(cls, path: str | Path, **options: Any) -> Matcher:
        """A matcher over a registry file (CSV or Parquet, columns as in docs/formats.md)."""
        return cls(read_table(path, REGISTRY_REQUIRED, "registry"), **options)

    def __len__(self) -> int:
        return self.table.num_rows

    @property
    def index_bytes(self) -> int:
        """Memory of the search structures, beyond the serial strings themselves."""
        extra = sum(g.starts.nbytes * 3 + g.rows.nbytes for g in self.ranges.groups.values())
        return self.index.nbytes + extra

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
    ) -> list[Candidate]:
        """The registry records this reading can be, most probable first (at most ``limit``)."""
        observed = {
            "manufacturer": manufacturer,
            "model": model,
            "calibre": calibre,
            "weapon_type": weapon_type,
            "country": country,
            "year": year,
        }
        scored = self.score(self.parse(query), observed, max_edits)
        return self.candidates(scored, self.model, limit)

    def retrieve(self, query: Query, max_edits: int | None = None) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Candidate rows, the serial each is compared with, and how many of its serials fit."""
        k = self.max_edits if max_edits is None else max_edits
        elements = _skeleton_elements(query.elements)
        found: dict[int, str] = {}
        if query.is_literal:
            skel = skeleton(query.literal)
            rows, dist = self.index.fuzzy(skel, k)
            variants: list[str] = []
            if self.ranges.plausible(len(skel)) and allowed_edits(len(skel), k):
                variants = [v.decode(errors="ignore") for v in _variants(skel.encode(), self._alphabet)]
            hits = self.ranges.search(skel, variants) if self.ranges.groups else []
            # Each extra edit costs a factor of about a thousand: beyond the best tier + 1 the candidates
            # cannot move a probability, so they are not scored (dense registries have hundreds).
            best = min([h.edits for h in hits] + ([int(dist.min())] if len(dist) else []), default=0)
            rows = rows[dist <= best + 1]
            hits = [h for h in hits if h.edits <= best + 1]
        else:
            rows = self.index.pattern(elements)
            hits = self.ranges.pattern(elements)
        for row in rows.tolist():
            found[row] = self.norm[row].as_py()
        counts: dict[int, int] = {}
        for hit in hits:
            prefix, width = self._range_prefix[hit.row]
            if hit.row not in found:
                found[hit.row] = prefix + str(hit.number).zfill(width)
                counts[hit.row] = hit.count
        keys = list(found)
        multiplicity = np.array([counts.get(r, 1) for r in keys], dtype=np.float64)
        return np.array(keys, dtype=np.int64), [found[r] for r in keys], multiplicity

    def score(
        self,
        query: Query,
        observed: Mapping[str, Any] | None = None,
        max_edits: int | None = None,
        model: ScoringModel | None = None,
    ) -> Scored:
        model = model or self.model
        rows, matched, multiplicity = self.retrieve(query, max_edits)
        log_p = model.log_p()
        alignments = [align(query.elements, s, log_p) for s in matched]
        levels: dict[str, list[str]] = {}
        log_u: dict[str, float] = {}
        obs_std: dict[str, str] = {}
        for f, value in (observed or {}).items():
            codes = self.fields.get(f)
            std = standardise(f, None if value is None else str(value))
            if std is None or codes is None:
                continue
            obs_std[f] = std
            log_u[f] = math.log(codes.u(std))
            expected = [codes.values[c] if c >= 0 else None for c in codes.codes[rows].tolist()]
            levels[f] = [compare(f, std, e) for e in expected]
        background = self.background.log_p(query.elements, model)
        if query.is_literal and any(a.errors == a.counts[1] for a in alignments):
            # the reading is a registry serial up to confusable characters: uniqueness of serials
            taken = model.collision + min(1.0, len(query.elements) * model.p_error)
            background += math.log(min(1.0, taken))
        return Scored(
            query,
            rows,
            matched,
            alignments,
            levels,
            log_u,
            obs_std,
            background,
            query.known,
            multiplicity,
        )

    def candidates(self, scored: Scored, model: ScoringModel, limit: int) -> list[Candidate]:
        """Posterior probabilities and explanations of the best ``limit`` candidates."""
        if not len(scored.rows):
            return []
        w, absent = scored.log_weights(model, self.n_items)
        top = max(float(w.max()), absent)
        total = float(np.exp(w - top).sum() + math.exp(absent - top))
        prob = np.exp(w - top) / total
        order = np.argsort(-prob, kind="stable")[:limit]
        return [
            self._candidate(scored, model, int(i), float(prob[i]), rank, prob, absent, top, total)
            for rank, i in enumerate(order.tolist(), start=1)
        ]

    def _candidate(
        self,
        scored: Scored,
        model: ScoringModel,
        i: int,
        p: float,
        rank: int,
        prob: np.ndarray,
        absent: float,
        top: float,
        total: float,
    ) -> Candidate:
        row = int(scored.rows[i])
        rec = {c: self.table.column(c)[row].as_py() for c in self.table.column_names}
        evidence = explain(self, scored, model, i, p, prob, math.exp(absent - top) / total)
        return Candidate(
            record_id=str(rec["record_id"]),
            serial=str(rec["serial"]),
            serial_end=rec.get("serial_end"),
            matched_serial=scored.matched[i] if row in self._range_prefix else str(rec["serial"]),
            probability=p,
            rank=rank,
            explanation=evidence,
            fields={f: rec.get(f) for f in DESCRIPTIVE_FIELDS if f in rec},
            row=row,
        )

    # -- batch ---------------------------------------------------------------------------------------
    def xref(
        self,
        recoveries: pa.Table,
        limit: int = 5,
        min_probability: float = 0.001,
        *,
        estimate: bool = True,
        progress: Any = None,
    ) -> Iterator[dict[str, Any]]:
        """Rows ``recovery_id, rank, record_id, probability, explanation`` for a table of recoveries."""
        from .xref import cross_check

        result = cross_check(
            self, recoveries, limit=limit, min_probability=min_probability, estimate=estimate, progress=progress
        )
        yield from result.rows


def _mask(n: int, ranges: Iterable[tuple[int, str, int, int, int]]) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    for row, *_ in ranges:
        out[row] = True
    return out


def _skeleton_elements(elements: tuple[Element, ...]) -> list[Element]:
    out: list[Element] = []
    for e in elements:
        if e is STAR or e is ANY:
            out.append(e)
        elif isinstance(e, str):
            out.append(skeleton_char(e))
        else:
            chars = frozenset(skeleton_char(c) for c in e)  # type: ignore[union-attr]
            out.append(next(iter(chars)) if len(chars) == 1 else chars)
    return out


def _strip_embedded(column: pa.Array) -> pa.Array:
    """Letters between digits removed (RE2 has no look-around, so repeat a capturing replace)."""
    out = column
    for _ in range(4):
        out = pc.replace_substring_regex(out, pattern=r"([0-9])[A-Z]+([0-9])", replacement=r"\1\2")
    return out
