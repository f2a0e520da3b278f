"""An alignment of a reading to a serial, and the alignment of a literal reading by string comparison.

The operations an examiner's reading can hold (``OPS``), how one character is read as another
(``_sub_kind``), and ``_literal``: a literal reading as long as the serial, compared position by position
as strings. ``channel`` builds every other alignment on these; the explanations' lines word the same
notes (``lines._differences``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from armstrace.serials import ANY, HARD_CHARACTERS, Element, confusable, lookalike

__all__ = ["OPS", "Alignment"]

#: Operation kinds counted by an alignment (and re-estimated by EM).
OPS = ("match", "confusable", "lookalike", "substitute", "recast", "delete", "insert", "transpose")
_ERRORS = OPS[1:]


@dataclass(frozen=True)
class Alignment:
    """Counts of each operation, how many errors touched a hard character, and readable notes."""

    counts: tuple[int, ...]  # in OPS order
    hard: int
    notes: tuple[str, ...]

    @property
    def errors(self) -> int:
        return sum(self.counts[1:])

    def log_likelihood(self, log_p: dict[str, float], log_hard: float) -> float:
        return sum(c * log_p[op] for c, op in zip(self.counts, OPS, strict=True) if c) + self.hard * log_hard


@lru_cache(maxsize=65536)
def _sub_kind(read: str, true: str) -> str:
    if read == true:
        return "match"
    if confusable(read, true):
        return "confusable"
    if lookalike(read, true):
        return "lookalike"
    return "substitute" if read.isdigit() == true.isdigit() else "recast"


_RANK = {"match": 0, "confusable": 1, "lookalike": 2, "substitute": 3, "recast": 4}  # most to least likely


def _kind(e: Element, ch: str) -> str | None:
    """How a reading element reads the serial's character: None when it costs nothing (``?``, a set
    holding it); a set that does not hold it reads it as its most likely member would."""
    if e is ANY:
        return None
    if isinstance(e, frozenset):
        return None if ch in e else min((_sub_kind(x, ch) for x in e), key=_RANK.__getitem__)
    return _sub_kind(str(e), ch)


# the kinds of misread in words a court follows: how alike the two characters look
_LOOKS = {"confusable": "near-identical shapes", "lookalike": "similar shapes"}


def _noun(ch: str) -> str:
    return "digit" if ch.isdigit() else "letter" if ch.isalpha() else "character"


@lru_cache(maxsize=65536)
def sub_note(true: str, read: str, kind: str, at: int) -> str:
    """One misread character in plain words: "0 read as O (near-identical shapes) at 3", "6 read as 4 (another
    digit) at 2", "the digit 1 read as the letter O at 8" (``read`` is a set's text, "[38]", when one was read)."""
    if kind == "recast" and len(read) == 1:
        return f"the {_noun(true)} {true} read as the {_noun(read)} {read} at {at}"
    why = _LOOKS.get(kind) or (f"another {_noun(true)}" if kind == "substitute" else "a digit for a letter or back")
    return f"{true} read as {read} ({why}) at {at}"


def _text(e: Element) -> str:
    return "[" + "".join(sorted(e)) + "]" if isinstance(e, frozenset) else str(e)


_OP_INDEX = {op: k for k, op in enumerate(OPS)}
_TRANSPOSE = OPS.index("transpose")


def _literal(q: str, s: str, skip: int = -1, offset: int = 0) -> Alignment | None:
    """``_positional`` of a literal reading (its characters as one string, as long as ``s``): the same
    alignment from string comparisons, without the per-element checks a wildcard or a set needs."""
    n = len(s)
    if q == s:
        return Alignment((n, 0, 0, 0, 0, 0, 0, 0), 0, ())
    found = _literal_ops(q, s)
    if found is None:
        return None
    counts, hard, ops = found
    return Alignment(tuple(counts), hard, _literal_notes(q, s, ops, skip, offset))


def _literal_ops(q: str, s: str) -> tuple[list[int], int, list[tuple[int, str]]] | None:
    """``_literal``'s operation counts, hard-character errors and operations (position, kind; "" for a
    swap of the position and the next), without the notes (``_shifted`` words only the place it keeps)."""
    n = len(s)
    diffs = [p for p in range(n) if q[p] != s[p]]
    if len(diffs) > 3:
        return None
    counts = [n - len(diffs), 0, 0, 0, 0, 0, 0, 0]
    ops: list[tuple[int, str]] = []
    hard = 0
    i = 0
    while i < len(diffs):
        p = diffs[i]
        if i + 1 < len(diffs) and diffs[i + 1] == p + 1 and q[p] == s[p + 1] and q[p + 1] == s[p]:
            counts[_TRANSPOSE] += 1
            ops.append((p, ""))
            hard += (s[p] in HARD_CHARACTERS) + (s[p + 1] in HARD_CHARACTERS)
            i += 2
            continue
        kind = _sub_kind(q[p], s[p])
        counts[_OP_INDEX[kind]] += 1
        ops.append((p, kind))
        hard += s[p] in HARD_CHARACTERS
        i += 1
    return counts, hard, ops


def _literal_notes(q: str, s: str, ops: list[tuple[int, str]], skip: int, offset: int) -> tuple[str, ...]:
    notes = []
    for p, kind in ops:
        at = offset + p + 1 + (0 <= skip <= p)
        if kind:
            notes.append(sub_note(s[p], q[p], kind, at))
        else:
            notes.append(f"{s[p : p + 2]} read as {q[p]}{q[p + 1]} (swapped) at {at}")
    return tuple(notes)
