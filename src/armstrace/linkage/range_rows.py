"""What a registry row's ``serial`` … ``serial_end`` means: a range of numbered serials (a prefix and a number
part of fixed width, W1004000–W1004999), and why a row cannot be one the index holds (a number part int64 cannot
hold, or more numbers than one record of transfers plausibly lists: ARMSTRACE_MAX_RANGE_ITEMS).
"""

from __future__ import annotations

from .number_variants import MAX_WIDTH

__all__ = ["MAX_WIDTH", "TOO_WIDE", "range_fault", "split_range", "too_many"]

#: why a range row is refused (a user's mistake: one clear line, never an overflow deep in the index)
TOO_WIDE = f"range too wide to index (its number part has more than {MAX_WIDTH} digits): split it or list its serials"


def split_range(start: str, end: str) -> tuple[str, int, int, int] | None:
    """(prefix, first number, last number, width) of a normalised range, or None if not a range."""
    i = len(start)
    while i > 0 and start[i - 1].isdigit():
        i -= 1
    prefix, digits = start[:i], start[i:]
    if not digits or len(end) != len(start) or not end.startswith(prefix):
        return None
    tail = end[len(prefix) :]
    if not tail.isdigit():
        return None
    lo, hi = int(digits), int(tail)
    if hi < lo:
        return None
    return prefix, lo, hi, len(digits)


def too_many(numbers: int, limit: int) -> str:
    """Why a range row claiming ``numbers`` serials (more than ``limit``) is refused, and what to do."""
    return (
        f"range of {numbers:,} serial numbers, more than the {limit:,} one range row may hold: check its last "
        "serial, or split it into the ranges actually transferred; raise the limit with ARMSTRACE_MAX_RANGE_ITEMS "
        "if the record is right"
    )


def range_fault(start: str, end: str, limit: int | None) -> str | None:
    """Why normalised ``start`` … ``end`` cannot be a range row (too wide to index, or more than ``limit``
    numbers: None, no limit), or None when it is a usable range or no range at all."""
    parts = split_range(start, end)
    if parts is None or parts[1] == parts[2]:
        return None
    if parts[3] > MAX_WIDTH:
        return TOO_WIDE
    numbers = parts[2] - parts[1] + 1
    return too_many(numbers, limit) if limit is not None and numbers > limit else None
