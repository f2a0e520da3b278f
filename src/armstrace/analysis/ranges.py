"""Which weapon of a range record a reading names: the serials inside ``W1001023``–``W1001480`` that fit it.

A range record stands for many weapons, and its transfer lines split the consignment between units;
a chain of custody is about one weapon. The serial as read — with confusable characters (``RA10Q0452``),
unknown ones (``?10?1083``, ``RA1000?9?``) or one misread, dropped or transposed character (``104016``) —
is fitted against every serial of the range:

* exactly one serial fits: the chain follows that weapon (its sub-range, its own illicit transfers);
* several fit: the chain keeps only what they all share — the transfer lines that cover every fitting
  serial — so it never mixes the custody of other weapons of the consignment into this one;
* none fits, or the range is too wide to try: only the lines about the whole range are kept.

Readings are compared in the confusion-class space of ``armstrace.serials`` (0/O/D/Q, 1/I/L, 2/Z, 5/S,
6/G, 8/B, U/V); one edit is tried only when nothing fits exactly and the reading has no wildcard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from armstrace.exceptions import QuerySyntaxError
from armstrace.serials import ANY, CONFUSION_CLASSES, STAR, Element, parse_query, skeleton

from .lookup import basic_norm, split_serial

__all__ = ["MAX_RANGE_TRIED", "RangeFit", "fit_in_range"]

#: Ranges wider than this are not enumerated (the reading then fits "cannot tell": whole-range lines only).
MAX_RANGE_TRIED = 200_000

_CLASS = {c: cls for cls in CONFUSION_CLASSES for c in cls}


@dataclass(frozen=True)
class RangeFit:
    """The serials of one range record a reading fits: how many, the lowest and the highest (normalised)."""

    count: int
    first: str | None = None
    last: str | None = None
    exact: bool = True  # False: they fit only with one edit (a misread, dropped or transposed character)

    @property
    def serial(self) -> str | None:
        """The one weapon the reading names, when exactly one serial fits."""
        return self.first if self.count == 1 else None


NO_FIT = RangeFit(0)


def _element_pattern(e: Element) -> str:
    if e is STAR:
        return ".*"
    if e is ANY:
        return "."
    chars = {e} if isinstance(e, str) else set(e)  # type: ignore[arg-type]
    alike = {x for c in chars for x in _CLASS.get(c, c)}
    return "[" + "".join(re.escape(c) for c in sorted(alike)) + "]"


@lru_cache(maxsize=1024)
def _pattern(reading: str) -> tuple[re.Pattern[str], bool] | None:
    """The reading as a regular expression over normalised serials, and whether it is literal (no wildcard)."""
    try:
        query = parse_query(reading)
    except QuerySyntaxError:
        return None
    return re.compile("".join(_element_pattern(e) for e in query.elements)), query.is_literal


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substitution, insertion, deletion or adjacent transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def fit_in_range(reading: str | None, start: str | None, end: str | None, *, limit: int = MAX_RANGE_TRIED) -> RangeFit:
    """The serials of the range ``start``–``end`` that the reading (a serial as read, or a query) can be."""
    lo, hi = split_serial(basic_norm(start)), split_serial(basic_norm(end))
    if not reading or lo is None or hi is None or lo.key != hi.key or hi.number < lo.number:
        return NO_FIT
    compiled = _pattern(reading)
    if compiled is None:
        return NO_FIT
    pattern, literal = compiled

    def serial(n: int) -> str:
        return f"{lo.prefix}{n:0{lo.width}d}{lo.suffix}"

    if literal:  # the common case: a serial read whole, at most with confusable characters
        skel = skeleton(reading)
        head, tail = skeleton(lo.prefix), skeleton(lo.suffix)
        body = skel[len(head) : len(skel) - len(tail)] if tail else skel[len(head) :]
        if (
            skel.startswith(head)
            and skel.endswith(tail)
            and len(body) == lo.width
            and body.isdigit()
            and lo.number <= int(body) <= hi.number
        ):
            found = serial(int(body))
            return RangeFit(1, found, found)
    if hi.number - lo.number + 1 > limit:
        return NO_FIT
    fits = [n for n in range(lo.number, hi.number + 1) if pattern.fullmatch(serial(n))]
    exact = True
    if not fits and literal:
        skel = skeleton(reading)
        fits = [n for n in range(lo.number, hi.number + 1) if _one_edit(skeleton(serial(n)), skel)]
        exact = False
    if not fits:
        return NO_FIT
    return RangeFit(len(fits), serial(fits[0]), serial(fits[-1]), exact)
