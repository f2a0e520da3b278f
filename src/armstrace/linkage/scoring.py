"""Scoring: the parameters of the matching model and the probability of a reading under "not in registry".

The probability that candidate record r *is* the recovered weapon is a posterior over the registry plus
one more hypothesis, "not in this registry"::

    weight(r)      = prior_in / N_items * P(reading | r's serial) * prod_f LR_f(r)
    weight(absent) = (1 - prior_in)     * P(reading | a random serial of this form)
    P(r) = weight(r) / (sum of all candidate weights + weight(absent))

so the candidates of one recovery sum to at most 1 and the rest is "not in this registry". Three things
the brief asks for fall out of this form rather than being bolted on: a short or common serial has a
large P(reading | random serial) and so proves little; a dense consecutive range puts several registry
serials one misread digit away, and they share the probability; and duplicate registry serials split it.

Where the numbers come from (``ScoringModel.source``):

* ``"prior"`` — documented defaults. The confusion classes and lookalikes are those of stamped and
  restored characters; B, N, G, Q, S (the characters examiners most often misread when restoring
  filed-off serials) get twice the error rate. Rates are per character read: confusable 2%,
  lookalike 0.5%, another character of the same kind 1% (a digit for a digit, spread over the 9 other
  digits: a registry serial one digit from an exact reading weighs p_substitute / 9 of it), of the
  other kind 0.2%,
  a dropped character 0.4%, an extra one 0.4%, a swap 0.3%; the prior
  that a recovered weapon is in the registry at all is 0.5; m-probabilities of the descriptive fields
  (the chance the field as read agrees with the registry for the *same* weapon) are 0.9–0.95.
* Serials are unique within a maker's series, so a weapon *not* in the registry rarely carries the very
  serial of one that is: when the reading equals a registry serial (up to confusable characters), the
  "random serial" term keeps only ``collision`` (5%: another maker's series, a re-used series) plus the
  chance that an absent neighbour was misread into it.
* ``"em"`` — re-estimated from a batch of recoveries by expectation–maximisation, as Fellegi–Sunter
  linkers do (``armstrace.linkage.xref``), starting from the prior and shrunk towards it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import numpy as np

from armstrace.exceptions import InputError
from armstrace.serials import CONFUSION_CLASSES, STAR, Element, skeleton_char

from .channel import OPS
from .keys import char_codes, decode_codes

__all__ = ["DESCRIPTIVE_FIELDS", "Background", "ScoringModel", "Spans"]

#: Descriptive fields compared as evidence (never as filters).
DESCRIPTIVE_FIELDS = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")

_DEFAULT_M = {
    "manufacturer": 0.95,
    "model": 0.9,
    "calibre": 0.95,
    "weapon_type": 0.95,
    "country": 0.9,
    "year": 0.85,
}


@dataclass(frozen=True)
class ScoringModel:
    """Parameters of the reading channel, the prior and the descriptive evidence."""

    prior_in_registry: float = 0.5
    p_confusable: float = 0.02  # per character: read as a member of its confusion class
    p_lookalike: float = 0.005  # read as a weaker lookalike
    p_substitute: float = 0.01  # read as another character of the same kind (digit for digit)
    p_recast: float = 0.002  # read as a character of the other kind (letter for digit)
    p_delete: float = 0.004  # not read at all
    p_insert: float = 0.004  # an extra character read (per position)
    p_transpose: float = 0.003  # swapped with its neighbour
    hard_factor: float = 2.0  # error rates multiply by this on B, N, G, Q, S
    collision: float = 0.05  # chance a weapon not in the registry carries the very serial of one that is
    near_registry: float = 0.8  # share of absent weapons from the registry's own series (unrecorded neighbours)
    near_miss: float = 0.15  # of those, the share whose serial is one digit off a registry serial anywhere
    m: dict[str, float] = field(default_factory=lambda: dict(_DEFAULT_M))
    source: str = "prior"

    @property
    def p_error(self) -> float:
        return (
            self.p_confusable
            + self.p_lookalike
            + self.p_substitute
            + self.p_recast
            + self.p_delete
            + self.p_insert
            + self.p_transpose
        )

    def log_p(self) -> dict[str, float]:
        """Natural-log probability of each operation on one character (a specific wrong character)."""
        return {
            "match": math.log(max(1e-9, 1.0 - self.p_error)),
            "confusable": math.log(self.p_confusable / 1.5),  # classes have 1-3 partners
            "lookalike": math.log(self.p_lookalike / 2.0),
            "substitute": math.log(self.p_substitute / 9.0),  # spread over the 9 other digits (see below)
            "recast": math.log(self.p_recast / 20.0),
            "delete": math.log(self.p_delete),
            "insert": math.log(self.p_insert / 36.0),
            "transpose": math.log(self.p_transpose),
        }

    def op_cost(self) -> np.ndarray:
        """``log_p`` as a vector in OPS order (for counts @ op_cost)."""
        log_p = self.log_p()
        return np.array([log_p[o] for o in OPS], dtype=np.float64)

    def with_(self, **changes: object) -> ScoringModel:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ScoringModel:
        """The model ``as_dict`` wrote (the estimates kept with an OUT.csv or in a workspace); unknown
        keys are ignored and missing ones keep the prior, so an older file still loads."""
        names = {f.name for f in fields(cls)} - {"m"}
        kwargs: dict[str, object] = {k: (str(v) if k == "source" else float(v)) for k, v in data.items()
                                     if k in names and isinstance(v, (int, float, str))}  # fmt: skip
        m = data.get("m")
        if isinstance(m, dict):
            kwargs["m"] = {**_DEFAULT_M, **{str(k): float(v) for k, v in m.items()}}
        return cls(**kwargs)  # type: ignore[arg-type]

    @classmethod
    def from_file(cls, path: str | Path) -> ScoringModel:
        """The model a batch's ``xref`` wrote beside its OUT.csv (``OUT.model.json``), loaded as a workspace's
        last estimates are (``from_dict``); an InputError naming the file when it is not such a model (any
        JSON would otherwise load as the prior, and a search would silently score with it)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not JSON"
            raise InputError(f"{path}: not a matching model file ({reason})") from None
        prior = data.get("prior_in_registry") if isinstance(data, dict) else None
        rates = [data.get(f"p_{op}") for op in OPS[1:]] if isinstance(data, dict) else []
        numbers = [prior, *rates]
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 1 for x in numbers) or not (
            0 < prior < 1  # type: ignore[operator]
        ):
            raise InputError(
                f"{path}: not a matching model file (expected the OUT.model.json that `armstrace xref` writes, "
                "with prior_in_registry and the p_ rates)"
            )
        return cls.from_dict(data)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "prior_in_registry": round(self.prior_in_registry, 4),
            "near_registry": round(self.near_registry, 4),
            "near_miss": round(self.near_miss, 4),
            **{f"p_{op}": round(getattr(self, f"p_{op}"), 5) for op in OPS[1:]},
            "m": {k: round(v, 4) for k, v in self.m.items()},
        }


def _skeleton_chars(codes: np.ndarray) -> str:
    """The skeleton characters of one-byte character codes (code 0, padding, left out)."""
    return "".join(sorted({skeleton_char(decode_codes(bytes([int(b)]))) for b in codes if b}))


class Background:
    """How serials of the registry look: P(length) and P(character | length, position).

    Used for P(reading | a random serial): the probability that a weapon *not* in the registry, with a
    serial drawn like the registry's, would be read this way. Smoothed (add one half) so that an unseen
    character or length is rare, never impossible; one pseudo-count per symbol and position keeps a small
    registry (say, one consignment) from claiming that every weapon in the world has a serial like its own.

    Counted over items, as the prior ``prior_in / N_items`` is: each number of a range record is one serial
    (``spans``). Counting a range once, by its first serial, made "absent" too unlikely next to a registry
    whose wide ranges make N large (a 1e7-number range took an exact reading's probability from 0.97 to 0.80).
    A range's digits are counted per position in closed form (``_digit_counts``), never by listing it.
    """

    def __init__(self, keys: np.ndarray, spans: Spans | None = None):
        """``keys``: normalised serials as one-byte codes (``keys.code_column``), a numpy ``S`` array;
        ``spans``: the range records as (first serial's codes, first number, last number, width), each
        counted as every serial it holds (``RangeIndex.spans``)."""
        width = keys.dtype.itemsize
        lengths = np.char.str_len(keys) if len(keys) else np.zeros(0, dtype=np.int64)
        self.total = len(keys)
        self.length_counts = np.bincount(lengths, minlength=width + 1).astype(np.float64)
        grid = keys.view(np.uint8).reshape(-1, width) if len(keys) else np.zeros((0, width), np.uint8)
        self.by_length: dict[int, np.ndarray] = {}
        for length in np.flatnonzero(self.length_counts).tolist():
            if length == 0:
                continue
            rows = grid[lengths == length][:, :length]
            counts = np.zeros((length, 256), dtype=np.float64)
            for pos in range(length):
                counts[pos] = np.bincount(rows[:, pos], minlength=256)
            self.by_length[length] = counts
        if spans is not None and len(spans[0]):
            self._add_spans(*spans)
        overall = np.zeros(256, dtype=np.float64)
        for counts in self.by_length.values():
            overall += counts.sum(axis=0)
        self.overall = overall

    def _add_spans(self, first: np.ndarray, lo: np.ndarray, hi: np.ndarray, widths: np.ndarray) -> None:
        """Count every serial of these ranges: the prefix's characters once per number, the number's digits
        position by position (``_digit_counts``)."""
        lo, hi, widths = (np.asarray(a, dtype=np.int64) for a in (lo, hi, widths))
        numbers = (hi - lo + 1).astype(np.float64)
        self.total += sum((hi - lo + 1).tolist())
        lengths = np.char.str_len(first).astype(np.int64)
        if len(self.length_counts) <= lengths.max():
            self.length_counts = np.pad(self.length_counts, (0, int(lengths.max()) + 1 - len(self.length_counts)))
        self.length_counts += np.bincount(lengths, weights=numbers, minlength=len(self.length_counts))
        grid = first.view(np.uint8).reshape(len(first), first.dtype.itemsize)
        for length in np.unique(lengths).tolist():
            sel = lengths == length
            rows, n, a, b = grid[sel][:, :length], numbers[sel], lo[sel], hi[sel]
            digit_from = length - widths[sel]  # the number's digits fill the serial's last ``width`` places
            counts = self.by_length.setdefault(length, np.zeros((length, 256), dtype=np.float64))
            for pos in range(length):
                fixed = pos < digit_from
                if fixed.any():
                    counts[pos] += np.bincount(rows[fixed, pos], weights=n[fixed], minlength=256)
                if not fixed.all():
                    place = length - 1 - pos
                    held = _digit_counts(b[~fixed], place) - _digit_counts(a[~fixed] - 1, place)  # exact, per range
                    counts[pos, 48:58] += held.astype(np.float64).sum(axis=0)

    def positions(self, length: int) -> list[str] | None:
        """The skeleton characters registry serials of this length carry at each position (None when no
        serial has this length): what an unknown character ``?`` of a reading that long can stand for."""
        cached: dict[int, list[str] | None] = self.__dict__.setdefault("_positions", {})
        if length not in cached:
            counts = self.by_length.get(length)
            cached[length] = None if counts is None else [_skeleton_chars(np.flatnonzero(row)) for row in counts]
        return cached[length]

    @staticmethod
    def _prob(counts: np.ndarray, ch: str) -> float:
        # one pseudo-count per symbol: a small registry says little about the serials of the world
        code = char_codes(ch)[0] if ch else 0
        return float((counts[code] + 1.0) / (counts.sum() + 36.0))

    def _frequencies(self, counts: np.ndarray, e: Element, where: tuple[int, int]) -> tuple[float, float]:
        """(the character's frequency, its confusable partners') for a character; (the set's, 0) for a set:
        what ``log_p`` weighs at one position, the same for every reading, so worked out once per
        (``where``: length or -1, position) and element."""
        seen: dict[tuple[int, int, Element], tuple[float, float]] = self.__dict__.setdefault("_seen", {})
        key = (*where, e)
        found = seen.get(key)
        if found is None:
            if isinstance(e, str):
                partners = [c for cls in CONFUSION_CLASSES if e in cls for c in cls if c != e]
                found = (self._prob(counts, e), sum(self._prob(counts, c) for c in partners))
            elif isinstance(e, frozenset):
                # fsum: the same sum whatever order an equal set iterates in (the cache keys on the set)
                found = (min(1.0, math.fsum(self._prob(counts, c) for c in e)), 0.0)
            else:
                raise TypeError(f"no frequency for {e!r}")  # ``log_p`` asks for characters and sets only
            seen[key] = found
        return found

    def log_p(self, elements: tuple[Element, ...], model: ScoringModel) -> float:
        """log P(reading | a random serial shaped like the registry's), through the same channel."""
        p_match = 1.0 - model.p_error
        per_conf = model.p_confusable / 1.5
        per_sub = (model.p_substitute + model.p_recast) / 34.0
        star = any(e is STAR for e in elements)
        fixed = [e for e in elements if e is not STAR]
        length = len(fixed)
        by_pos = None if star else self.by_length.get(length)
        total = 0.0
        if not star:
            total += math.log((self.length_counts[length] if length < len(self.length_counts) else 0) + 1.0)
            total -= math.log(self.total + 40.0)
        shape = -1 if by_pos is None else length  # the frequencies of a position: kept per (shape, position)
        for pos, e in enumerate(fixed):
            counts = self.overall if by_pos is None else by_pos[pos]
            if isinstance(e, str):
                same, conf = self._frequencies(counts, e, (shape, pos))
                p = same * p_match + conf * per_conf + max(0.0, 1.0 - same - conf) * per_sub
            elif isinstance(e, frozenset):
                inside = self._frequencies(counts, e, (shape, pos))[0]
                p = inside + (1.0 - inside) * per_sub
            else:  # ANY
                p = 1.0
            total += math.log(max(p, 1e-300))
        return total


# a range record for ``Background``: first serial's codes, first number, last number, width
Spans = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _digit_counts(top: np.ndarray, place: int) -> np.ndarray:
    """How often each digit 0-9 stands at ``place`` (a power of ten) among the zero-padded numbers 0 … top,
    one row per top (a top below 0: none): the whole cycles of 10^(place+1) above the place, then the part
    of the last cycle, without listing a number. int64, exact up to 18 digits."""
    step = 10**place
    high, cur, low = top // (10 * step), (top // step) % 10, top % step
    d = np.arange(10)
    part = np.where(d < cur[:, None], step, np.where(d == cur[:, None], (low + 1)[:, None], 0))
    return np.where((top >= 0)[:, None], (high * step)[:, None] + part, 0)
