"""Ammunition lots: a recovered lot number or headstamp/year matched to the lot transfers it can belong to.

Ammunition carries no serials; registries and transfers carry lots and quantities. A recovered box or
cartridge gives a lot number as read (from the packaging label), a headstamp (maker's code and year,
identified by ``armstrace.identify``), a calibre and a quantity. Each lot record (a transfer of a lot, or
a registry lot with no transfer on file) is weighed like a serial candidate:

* the lot as read is aligned with the record's lot, character by character, after ``serials.normalise``
  (the same normalisation as serials: lot numbers are stamped and misread the same way). An exact
  character weighs P(read right)/P(chance); a confusable one (``0/O``, ``1/I``, ``8/B`` —
  ``serials.confusable``) or a weaker lookalike (``serials.lookalike``) a smaller ratio; another
  character, a missing or an extra one, a ratio below one. ``?`` is a character that could not be read
  (neutral);
* calibre, maker and production year agree or not (agreement on a value the records rarely hold weighs
  more: its chance probability is its share of the records);
* a transfer dated after the recovery, or fewer rounds transferred than were recovered, weighs against.

Each weight is a log10 likelihood ratio against chance. The "not in these records" hypothesis (prior
``ABSENT``) is weighed as the better of chance and an unrecorded neighbour lot, one among ``NEIGHBOURS``
per recorded lot: a lot like the best records but with the reading's own character wherever the reading
has one that is no misreading of theirs and of the same kind, digit or letter (``LC-12-E-047`` read,
``-045`` and ``-046`` on file: 7 for 5 is no misreading, so an unrecorded ``-047`` is the likelier source).
An exact reading of a lot on file is about 30 times likelier to be that lot than an unrecorded one; a
confusable misreading stays with its lot; a reading that fits no record goes to "not in these records".
The probabilities of one reading (the records and "none") sum to one.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from armstrace.exceptions import InputError
from armstrace.identify import identify, standard_name
from armstrace.serials import confusable, lookalike, normalise

from .explanation import Evidence

__all__ = [
    "ABSENT",
    "NEIGHBOURS",
    "LotCandidate",
    "LotMatch",
    "LotReading",
    "LotRecord",
    "lot_weight",
    "match_lot",
]

#: prior probability that a recovered lot is in none of the records searched
ABSENT = 0.25
#: unrecorded lots per recorded lot that a reading could fit as well as it fits the best record (the
#: records of a lot family are incomplete: LC-12-E-045 on file makes an unrecorded LC-12-E-047 likely)
NEIGHBOURS = 10
#: per-character probabilities of reading a stamped or printed lot character
P_RIGHT, P_CONFUSABLE, P_LOOKALIKE, P_OTHER, P_GAP = 0.96, 0.02, 0.006, 0.001, 0.002
#: probability that a recorded value (calibre, maker, year) is recorded right
P_AGREE = 0.97


@dataclass(frozen=True)
class LotReading:
    """What was read on recovered ammunition or its packaging; None where nothing was read."""

    lot: str | None = None
    headstamp: str | None = None
    calibre: str | None = None
    year: int | None = None
    manufacturer: str | None = None
    quantity: int | None = None
    recovered_on: dt.date | None = None
    packaging: str | None = None  # the label text as read

    def identified(self) -> LotReading:
        """The reading with maker, calibre and year taken from the headstamp (identify) where not given."""
        if not self.headstamp:
            return self
        found = identify(self.headstamp)
        return replace(
            self,
            manufacturer=self.manufacturer or found.manufacturer,
            calibre=self.calibre or found.calibre,
            year=self.year or found.year,
        )


@dataclass(frozen=True)
class LotRecord:
    """A lot as the records know it: one transfer of a lot, or a registry lot without a transfer on file."""

    key: str  # transfer:<id> or item:<id>
    lot: str | None
    calibre: str | None = None
    year: int | None = None
    manufacturer: str | None = None
    quantity: int | None = None
    from_holder: str | None = None
    to_holder: str | None = None
    to_country: str | None = None
    date: dt.date | None = None
    document_ref: str | None = None
    synthetic: bool = False


@dataclass
class LotCandidate:
    record: LotRecord
    probability: float
    weight: float  # log10 likelihood ratio, all evidence
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "; ".join(e.text for e in self.evidence if e.weight or e.name == "lot")

    def as_dict(self) -> dict[str, Any]:
        return {
            "record": {k: getattr(self.record, k) for k in self.record.__dataclass_fields__},
            "probability": round(self.probability, 4),
            "weight": round(self.weight, 3),
            "evidence": [e.as_dict() for e in self.evidence],
            "text": self.text,
        }


@dataclass
class LotMatch:
    reading: LotReading
    candidates: list[LotCandidate]
    absent_probability: float
    searched: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "reading": {k: getattr(self.reading, k) for k in self.reading.__dataclass_fields__},
            "candidates": [c.as_dict() for c in self.candidates],
            "not_in_records": round(self.absent_probability, 4),
            "records_searched": self.searched,
        }


def _chance(ch: str) -> float:
    return 0.1 if ch.isdigit() else 1 / 26 if ch.isalpha() else 1 / 40


@lru_cache(maxsize=4096)
def _char(r: str, t: str) -> tuple[float, str]:
    """log10 ratio of reading ``r`` where ``t`` is stamped, against reading ``r`` by chance; and what happened."""
    if r == "?":
        return 0.0, "unread"
    if r == t:
        return math.log10(P_RIGHT / _chance(r)), "same"
    if confusable(r, t):
        return math.log10(P_CONFUSABLE / _chance(r)), f"{r}/{t} confusable"
    if lookalike(r, t):
        return math.log10(P_LOOKALIKE / _chance(r)), f"{r}/{t} lookalike"
    return math.log10(P_OTHER / _chance(r)), f"{r} for {t}"


_GAP = math.log10(P_GAP)


@lru_cache(maxsize=262144)
def _score(read: str, recorded: str) -> float:
    """The weight of ``lot_weight`` alone (two rows, no trace): what ranking every record needs."""
    prev = [j * _GAP for j in range(len(recorded) + 1)]
    for i, r in enumerate(read, 1):
        row = [i * _GAP]
        for j, t in enumerate(recorded, 1):
            row.append(max(prev[j - 1] + _char(r, t)[0], prev[j] + _GAP, row[j - 1] + _GAP))
        prev = row
    return prev[-1]


def lot_weight(read: str, recorded: str) -> tuple[float, str]:
    """log10 likelihood ratio of a lot read as ``read`` being ``recorded`` (both normalised), and why.

    The best alignment (Viterbi) under the per-character reading model; ``?`` in ``read`` is unreadable.
    """
    weight, why, _gain = _alignment(read, recorded)
    return weight, why


@lru_cache(maxsize=4096)
def _alignment(read: str, recorded: str) -> tuple[float, str, float]:
    """``lot_weight`` and the neighbour gain: how much more the reading would weigh for a lot that differs
    from ``recorded`` exactly where the reading has a character that is not a misreading of it."""
    n, m = len(read), len(recorded)
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int, str, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == neg:
                continue
            if i < n and j < m:
                w, kind = _char(read[i], recorded[j])
                # a neighbour lot keeps the family's shape: a digit where the record has a digit
                other = kind.endswith(f" for {recorded[j]}") and read[i].isdigit() == recorded[j].isdigit()
                gain = _char(read[i], read[i])[0] - w if other else 0.0
                if here + w > best[i + 1][j + 1]:
                    best[i + 1][j + 1], step[i + 1][j + 1] = here + w, (i, j, kind, gain)
            if i < n and here + _GAP > best[i + 1][j]:
                best[i + 1][j], step[i + 1][j] = here + _GAP, (i, j, f"extra {read[i]}", 0.0)
            if j < m and here + _GAP > best[i][j + 1]:
                best[i][j + 1], step[i][j + 1] = here + _GAP, (i, j, f"missing {recorded[j]}", 0.0)
    notes, gain, i, j = [], 0.0, n, m
    while (i, j) != (0, 0):
        prev = step[i][j]
        assert prev is not None
        if prev[2] != "same":
            notes.append(prev[2])
        gain += prev[3]
        i, j = prev[0], prev[1]
    notes.reverse()
    return best[n][m], ", ".join(notes), gain


@lru_cache(maxsize=4096)
def _calibre(value: str | None) -> str | None:
    if not value:
        return None
    return standard_name("calibre", value) or normalise(value).replace("MM", "")


@lru_cache(maxsize=4096)
def _maker(value: str | None) -> str | None:
    if not value:
        return None
    return standard_name("manufacturer", value) or normalise(value)


class _Shares:
    """How often each calibre, maker and year occurs in the records: the chance of agreeing by accident."""

    def __init__(self, records: Sequence[LotRecord]) -> None:
        self.total = len(records)
        self.counts: dict[str, Counter[Any]] = {
            "calibre": Counter(_calibre(r.calibre) for r in records if r.calibre),
            "manufacturer": Counter(_maker(r.manufacturer) for r in records if r.manufacturer),
            "year": Counter(r.year for r in records if r.year),
        }

    def share(self, name: str, value: Any) -> float:
        counts = self.counts[name]
        return (counts.get(value, 0) + 1) / (sum(counts.values()) + len(counts) + 1)


def _agree(name: str, observed: Any, expected: Any, shares: _Shares) -> Evidence | None:
    if observed is None or expected is None:
        return None
    share = shares.share(name, expected)
    if observed == expected:
        w = math.log10(P_AGREE / share)
        return Evidence(
            name=name, observed=str(observed), expected=str(expected), weight=w, text=f"{name} {expected} agrees"
        )
    if name == "year" and abs(int(observed) - int(expected)) == 1:
        w = math.log10(0.02 / share)
        return Evidence(
            name=name,
            observed=str(observed),
            expected=str(expected),
            weight=w,
            text=f"year {observed} read, {expected} recorded (one off)",
        )
    w = math.log10((1 - P_AGREE) / max(1e-6, 1 - share))
    return Evidence(
        name=name,
        observed=str(observed),
        expected=str(expected),
        weight=w,
        text=f"{name} {observed} read, {expected} recorded",
    )


def _evidence(reading: LotReading, lot_read: str | None, rec: LotRecord, shares: _Shares) -> list[Evidence]:
    found: list[Evidence] = []
    if lot_read and rec.lot:
        found.append(
            Evidence(
                name="lot", observed=reading.lot, expected=rec.lot, weight=_score(lot_read, normalise(rec.lot)), text=""
            )
        )
    elif lot_read:
        found.append(
            Evidence(name="lot", observed=reading.lot, expected=None, weight=0.0, text="the record names no lot")
        )
    for name, observed, expected in (
        ("calibre", _calibre(reading.calibre), _calibre(rec.calibre)),
        ("manufacturer", _maker(reading.manufacturer), _maker(rec.manufacturer)),
        ("year", reading.year, rec.year),
    ):
        e = _agree(name, observed, expected, shares)
        if e is not None:
            found.append(e)
    if reading.recovered_on and rec.date and rec.date > reading.recovered_on:
        found.append(
            Evidence(
                name="date",
                observed=str(reading.recovered_on),
                expected=str(rec.date),
                weight=-2.0,
                text=f"transferred {rec.date}, after the recovery on {reading.recovered_on}",
            )
        )
    if reading.quantity and rec.quantity and reading.quantity > rec.quantity:
        why = f"{reading.quantity:,} rounds recovered, the transfer held {rec.quantity:,}"
        found.append(
            Evidence(
                name="quantity",
                observed=str(reading.quantity),
                expected=str(rec.quantity),
                weight=math.log10(0.2),
                text=why,
            )
        )
    return found


def _explained(e: Evidence, lot_read: str | None) -> Evidence:
    """The lot evidence of a candidate that is shown, with the alignment that explains its weight."""
    if e.name != "lot" or e.text or not lot_read or e.expected is None:
        return e
    w, why = lot_weight(lot_read, normalise(e.expected))
    text = f"lot {e.expected}" + (f" read as {e.observed} ({why})" if why else " as read")
    return Evidence(name="lot", observed=e.observed, expected=e.expected, weight=w, text=text)


def match_lot(
    reading: LotReading, records: Sequence[LotRecord], *, limit: int = 10, absent: float = ABSENT
) -> LotMatch:
    """The lot records ``reading`` can belong to, most probable first, with the probability it is in none."""
    reading = reading.identified()
    lot_read = normalise(reading.lot) if reading.lot else None
    if reading.lot and "?" in reading.lot:
        lot_read = "".join("?" if c == "?" else normalise(c) for c in reading.lot if c == "?" or normalise(c))
    if not (lot_read or reading.calibre or reading.manufacturer or reading.year):
        raise InputError("give a lot number, a headstamp, a calibre, a maker or a production year to match")
    shares = _Shares(records)
    scored = []
    for rec in records:
        found = _evidence(reading, lot_read, rec, shares)
        scored.append((sum(e.weight for e in found), rec, found))
    if not scored:
        return LotMatch(reading, [], 1.0, 0)
    top = max(w for w, _r, _e in scored)
    with_lots = sum(1 for r in records if r.lot) if lot_read else len(records)
    # "Not in these records": an unrecorded lot next to the best records, which the reading fits without
    # the characters that are no misreading of theirs, one among NEIGHBOURS per recorded lot.
    neighbour = top
    if lot_read:
        for w, rec, _found in heapq.nlargest(5, scored, key=lambda x: x[0]):
            if rec.lot:
                neighbour = max(neighbour, w + _alignment(lot_read, normalise(rec.lot))[2])
    absent_weight = max(0.0, neighbour - math.log10(NEIGHBOURS * max(1, with_lots)))
    each = (1 - absent) / len(scored)
    scale = max(top, absent_weight)
    masses = [each * 10 ** (w - scale) for w, _r, _e in scored]
    absent_mass = absent * 10 ** (absent_weight - scale)
    total = sum(masses) + absent_mass
    ranked = sorted(zip(masses, scored, strict=True), key=lambda x: -x[0])[:limit]
    candidates = [LotCandidate(rec, mass / total, w, [_explained(e, lot_read) for e in found])
                  for mass, (w, rec, found) in ranked]  # fmt: skip
    return LotMatch(reading, candidates, absent_mass / total, len(scored))
