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

from .channel import OPS, align, classify
from .density import Density
from .descriptor import FieldCodes, level_codes, log_lr_levels, standardise
from .explanation import Candidate, explain
from .index import SerialIndex, _variants, allowed_edits
from .keys import char_codes, code_column, normalise_column, skeleton_column
from .ranges import RangeIndex, split_range
from .scoring import DESCRIPTIVE_FIELDS, Background, ScoringModel
from .tables import as_string_table, read_table

__all__ = ["REGISTRY_REQUIRED", "Matcher", "Scored", "absent_weight"]

REGISTRY_REQUIRED = ("record_id", "serial")
_DIGITS = tuple(str(d).encode() for d in range(10))


@dataclass
class Scored:
    """Everything scoring needs about one reading's candidates, as arrays (EM stacks them)."""

    query: Query
    rows: np.ndarray  # registry rows (int64)
    range_serials: dict[int, str]  # range rows: the serial inside the range the reading was compared with
    counts: np.ndarray  # (n, len(OPS)) operations of the most likely alignment
    hard: np.ndarray  # (n,) errors on B, N, G, Q, S
    multiplicity: np.ndarray  # serials of each candidate that fit the reading (>1: a range + wildcards)
    groups: np.ndarray  # (n,) item of each record: duplicate records of one weapon share it
    fields: tuple[str, ...]  # descriptive fields observed
    levels: np.ndarray  # (n, len(fields)) agreement level codes (descriptor.LEVELS)
    log_u: np.ndarray  # (len(fields),) log frequency of each observed value
    observed: dict[str, str]  # standardised observed values
    background: float  # log P(reading | a random serial of the registry's form)
    local: float  # P(reading | an absent neighbour of the registry's series), before the share near_registry
    known: int  # known characters in the reading
    near: int = -1  # the candidate whose neighbourhood ``local`` describes (its make, model… too)

    def __len__(self) -> int:
        return len(self.rows)

    def log_weights(self, model: ScoringModel, n_items: int) -> tuple[np.ndarray, float]:
        """Natural-log weight of each candidate record and of "not in this registry"."""
        base = math.log(model.prior_in_registry) - math.log(max(n_items, 1))
        w = base + self.counts @ model.op_cost() + self.hard * math.log(model.hard_factor)
        w += np.log(self.multiplicity)
        desc = np.zeros(len(w))
        for j, f in enumerate(self.fields):
            desc += log_lr_levels(self.levels[:, j], model.m.get(f, 0.9), math.exp(self.log_u[j]))
        w += desc
        # an unrecorded neighbour belongs to the same series: it shares the candidates' make and model
        local = self.local * float(np.exp(desc).mean()) if self.near >= 0 else self.local
        return w, absent_weight(model, self.background, local)

    def probabilities(self, model: ScoringModel, n_items: int) -> tuple[np.ndarray, np.ndarray, float]:
        """Probability of each candidate (duplicates of one item share their item's), log weights, P(absent).

        Records of one item (the same serial and make recorded twice) are one weapon: the item's weight
        is its best record's, and every record of it carries the item's probability.
        """
        w, absent = self.log_weights(model, n_items)
        if not len(w):
            return w, w, 1.0
        uniq, inverse = np.unique(self.groups, return_inverse=True)
        item_w = np.full(len(uniq), -np.inf)
        np.maximum.at(item_w, inverse, w)
        top = max(float(item_w.max()), absent)
        total = float(np.exp(item_w - top).sum()) + math.exp(absent - top)
        prob = np.exp(item_w - top)[inverse] / total
        return prob, w, math.exp(absent - top) / total


def absent_weight(model: ScoringModel, background: float, local: float) -> float:
    """log weight of "not in this registry": a random serial of the registry's form, or a neighbour."""
    beta = model.near_registry
    p = (1.0 - beta) * math.exp(background) + beta * local
    return math.log(1.0 - model.prior_in_registry) + math.log(max(p, 1e-300))


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
        single_skel = skeleton_column(norm.take(pa.array(single_rows)))
        self.index = SerialIndex(single_skel, single_rows)
        self.ranges = RangeIndex(ranges)
        self.codes = code_column(norm)  # one byte per character, for vectorised scoring
        self.lengths = pc.utf8_length(pc.fill_null(norm, "")).to_numpy(zero_copy_only=False).astype(np.uint8)
        self.fields = {f: FieldCodes.build(f, table.column(f)) for f in DESCRIPTIVE_FIELDS if f in table.column_names}
        self.items = self._items(single)
        self.n_items = len(np.unique(self.items[single])) + self.ranges.items
        self.background = Background(self.codes[single | _mask(n, ranges)])
        self.density = Density(single_skel, self.ranges, self.n_items)
        self._alphabet = tuple(sorted(set(self.index.alphabet) | set(_DIGITS)))
        self._columns = frozenset(table.column_names)

    def _items(self, single: np.ndarray) -> np.ndarray:
        """Item of each record: records with the same serial and make are one weapon recorded twice."""
        key = pc.fill_null(self.norm, "")
        maker = self.fields.get("manufacturer")
        if maker is not None:
            key = pc.binary_join_element_wise(key, pa.array(maker.codes.astype(str)), "\x1f")
        encoded = pc.dictionary_encode(key)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        items = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        items[~single] = -1 - np.flatnonzero(~single)  # range records are items of their own
        return items

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
        return self.index.nbytes + extra + self.density.nbytes + self.items.nbytes + self.lengths.nbytes

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

    def retrieve(self, query: Query, max_edits: int | None = None) -> tuple[np.ndarray, dict[int, str], np.ndarray]:
        """Candidate rows, the serial inside each range candidate, and how many of its serials fit."""
        k = self.max_edits if max_edits is None else max_edits
        elements = _skeleton_elements(query.elements)
        if query.is_literal:
            skel = skeleton(query.literal)
            rows, _ = self.index.fuzzy(skel, k)
            variants: list[str] = []
            if self.ranges.groups and self.ranges.plausible(len(skel)) and allowed_edits(len(skel), k):
                variants = [v.decode(errors="ignore") for v in _variants(skel.encode(), self._alphabet)]
            hits = self.ranges.search(skel, variants) if self.ranges.groups else []
        else:
            rows = self.index.pattern(elements)
            hits = self.ranges.pattern(elements) if self.ranges.groups else []
        rows = rows.astype(np.int64)
        inside: dict[int, str] = {}
        counts: list[int] = []
        for hit in hits:
            prefix, width = self._range_prefix[hit.row]
            inside[hit.row] = prefix + str(hit.number).zfill(width)
            counts.append(hit.count)
        multiplicity = np.ones(len(rows) + len(hits), dtype=np.float64)
        if hits:
            rows = np.concatenate([rows, np.array([h.row for h in hits], dtype=np.int64)])
            multiplicity[-len(hits) :] = counts
        return rows, inside, multiplicity

    def _candidate_codes(self, rows: np.ndarray, inside: dict[int, str]) -> tuple[np.ndarray, np.ndarray]:
        codes = self.codes[rows]
        lengths = self.lengths[rows].astype(np.int64)
        if inside:
            width = codes.dtype.itemsize
            for i in np.flatnonzero(np.isin(rows, list(inside))).tolist():
                c = char_codes(inside[int(rows[i])])[: width - 1]
                codes[i] = c
                lengths[i] = len(c)
        width = codes.dtype.itemsize
        return codes.view(np.uint8).reshape(len(rows), width), lengths

    def score(
        self,
        query: Query,
        observed: Mapping[str, Any] | None = None,
        max_edits: int | None = None,
        model: ScoringModel | None = None,
    ) -> Scored:
        model = model or self.model
        rows, inside, multiplicity = self.retrieve(query, max_edits)
        op_cost, hard_cost = model.op_cost(), math.log(model.hard_factor)
        if query.has_star:
            log_p = model.log_p()
            found = [align(query.elements, self.matched(int(r), inside), log_p) for r in rows.tolist()]
            counts = np.array([a.counts for a in found], dtype=np.float64).reshape(len(rows), len(OPS))
            hard = np.array([a.hard for a in found], dtype=np.float64)
        else:
            cand, lengths = self._candidate_codes(rows, inside)
            counts, hard = classify(_element_codes(query.elements), cand, lengths, op_cost, hard_cost)
        fields: list[str] = []
        levels: list[np.ndarray] = []
        log_u: list[float] = []
        obs_std: dict[str, str] = {}
        for f, value in (observed or {}).items():
            codes = self.fields.get(f)
            std = standardise(f, None if value is None else str(value))
            if std is None or codes is None:
                continue
            obs_std[f] = std
            fields.append(f)
            log_u.append(math.log(codes.u(std)))
            levels.append(level_codes(codes, std)[codes.codes[rows]])
        background = self.background.log_p(query.elements, model)
        errors = counts[:, 2:].sum(axis=1)  # anything but a confusable character
        taken = bool(len(rows)) and bool((errors == 0).any()) and not query.has_star
        if query.is_literal and taken:
            # the reading is a registry serial up to confusable characters: uniqueness of serials
            # short serials are re-used by many makers: the chance of a collision grows as 10 ** (6 - length)
            length = len(query.elements)
            collide = model.collision * 10.0 ** max(0, 6 - length) + min(1.0, length * model.p_error)
            background += math.log(min(1.0, collide))
        local, near = self._local(query, rows, inside, counts, hard, multiplicity, model, taken)
        return Scored(
            query,
            rows,
            inside,
            counts,
            hard,
            multiplicity,
            self.items[rows],
            tuple(fields),
            np.stack(levels, axis=1) if levels else np.zeros((len(rows), 0), dtype=np.int8),
            np.array(log_u, dtype=np.float64),
            obs_std,
            background,
            local,
            query.known,
            near,
        )

    def _local(
        self,
        query: Query,
        rows: np.ndarray,
        inside: dict[int, str],
        counts: np.ndarray,
        hard: np.ndarray,
        multiplicity: np.ndarray,
        model: ScoringModel,
        taken: bool,
    ) -> tuple[float, int]:
        """P(reading | an absent weapon from the registry's series), at the best candidate's place.

        The absent weapon's serial is a *free* one (not a registry serial) near the registry's. It is read
        as this reading either correctly (when the reading itself is free) or by one misread digit from a
        free neighbour. Registry serials that the reading matches exactly are therefore excluded.
        """
        if not len(rows) or query.has_star:
            return 0.0, -1
        ll = counts @ model.op_cost() + hard * math.log(model.hard_factor)
        best = int(np.argmax(ll))
        # where an absent weapon would be: at the reading itself, or (a misread of it) near the best
        # candidate; the geometric mean of the two densities (wildcards: the best candidate's)
        near_best = self.density.log_density(skeleton(self.matched(int(rows[best]), inside)))
        if query.is_literal:
            at_reading = self.density.log_density(skeleton(query.literal))
            log_dens = 0.5 * (near_best + at_reading) if at_reading > -math.inf else near_best - 2 * math.log(10)
        else:
            log_dens = near_best
        if log_dens == -math.inf:
            return 0.0, -1
        log_p = model.log_p()
        # reading the reading's confusable characters from a serial without them (O for 0 …)
        conf = float(counts[best, 1])
        correct = math.exp(query.known * log_p["match"] + conf * (log_p["confusable"] - log_p["match"]))
        errors = counts[:, 1:].sum(axis=1)
        if query.is_literal:
            free_self = 0.0 if taken else 1.0
            one_sub = (errors == 1) & ((counts[:, 3] == 1) | (counts[:, 2] == 1))
            digits = sum(1 for e in query.elements if isinstance(e, str) and e.isdigit())
            free_subs = max(0.0, 9.0 * digits - float(one_sub.sum()))
            p = free_self * correct + free_subs * math.exp(log_p["substitute"] - log_p["match"]) * correct
        else:
            options = 1.0
            for e in query.elements:
                if e is ANY:
                    options *= 10.0
                elif isinstance(e, frozenset):
                    options *= len(e)
            exact = float(multiplicity[errors[: len(multiplicity)] == 0].sum())
            p = max(0.0, options - exact) * correct
        return math.exp(log_dens) * p, best

    def matched(self, row: int, inside: Mapping[int, str] | None = None) -> str:
        """The normalised serial a candidate row was compared with (inside a range: that serial)."""
        if inside and row in inside:
            return inside[row]
        return str(self.norm[row].as_py() or "")

    def candidates(self, scored: Scored, model: ScoringModel, limit: int) -> list[Candidate]:
        """Posterior probabilities and explanations of the best ``limit`` candidates."""
        if not len(scored.rows):
            return []
        prob, w, p_absent = scored.probabilities(model, self.n_items)
        order = np.lexsort((-w, -prob))[:limit]
        return [
            self._candidate(scored, model, int(i), float(prob[i]), rank, prob, p_absent)
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
        p_absent: float,
    ) -> Candidate:
        row = int(scored.rows[i])
        names = ("record_id", "serial", "serial_end", *DESCRIPTIVE_FIELDS)
        rec = {c: self.table.column(c)[row].as_py() for c in names if c in self._columns}
        evidence = explain(self, scored, model, i, p, prob, p_absent)
        return Candidate(
            record_id=str(rec["record_id"]),
            serial=str(rec["serial"]),
            serial_end=rec.get("serial_end"),
            matched_serial=scored.range_serials[row] if row in scored.range_serials else str(rec["serial"]),
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
        workers: int = 1,
    ) -> Iterator[dict[str, Any]]:
        """Rows ``recovery_id, rank, record_id, probability, explanation`` for a table of recoveries."""
        from .xref import cross_check

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


def _element_codes(elements: tuple[Element, ...]) -> list[int | frozenset[int] | None]:
    """Reading elements (no ``*``) as one-byte codes: a literal, a set of codes, or None for ``?``."""
    out: list[int | frozenset[int] | None] = []
    for e in elements:
        if e is ANY:
            out.append(None)
        elif isinstance(e, str):
            out.append(char_codes(e)[0])
        else:
            out.append(frozenset(char_codes(c)[0] for c in e))  # type: ignore[union-attr]
    return out


def _strip_embedded(column: pa.Array) -> pa.Array:
    """Letters between digits removed (RE2 has no look-around, so repeat a capturing replace)."""
    out = column
    for _ in range(4):
        out = pc.replace_substring_regex(out, pattern=r"([0-9])[A-Z]+([0-9])", replacement=r"\1\2")
    return out
