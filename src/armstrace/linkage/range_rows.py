"""What a registry row's ``serial`` … ``serial_end`` means: a range of numbered serials (a prefix and a number
part of fixed width, W1004000–W1004999), and why a row cannot be one the index holds (an end that does not
continue the first serial's series, a number part int64 cannot hold, or more numbers than one record of
transfers plausibly lists: ARMSTRACE_MAX_RANGE_ITEMS). An end the index cannot read is refused, never indexed
as the first serial alone: the weapons after it would be silently missing from every search.
"""

from __future__ import annotations

from .number_variants import MAX_WIDTH

__all__ = ["MAX_WIDTH", "TOO_WIDE", "not_a_range", "range_fault", "split_range", "too_many"]

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


def not_a_range(start: str, end: str) -> str:
    """Why normalised ``end`` cannot close a range opening at ``start``, and what to do (one reason per kind of
    mistake, so that an import's thousands of such rows group under a few reasons)."""
    i = len(start)
    while i > 0 and start[i - 1].isdigit():
        i -= 1
    prefix, digits = start[:i], start[i:]
    tail = end[len(prefix) :] if end.startswith(prefix) else ""
    if digits and tail.isdigit() and len(tail) == len(digits):
        return "the range's last serial comes before its first: swap serial and serial_end if the row is right"
    if digits and tail.isdigit():
        return (
            "the range's last serial has a number part of another width than its first: write both with the same "
            "number of digits (leading zeros, W1004000 … W1004999), or list the serials one per row"
        )
    return (
        "serial_end does not continue the series of serial: a range row gives its first and last serials with the "
        "same prefix and a number part of the same width (W1004000 … W1004999); correct serial_end, or list the "
        "serials one per row"
    )


def range_fault(start: str, end: str, limit: int | None, *, shape: bool = True) -> str | None:
    """Why normalised ``start`` … ``end`` cannot be a range row (an end that does not continue the first
    serial's series, unless ``shape`` is False; too wide to index; more than ``limit`` numbers, None: no limit),
    or None when it is a usable range or no range at all (no end, or the end repeating the first serial)."""
    if not start or not end or end == start:
        return None
    parts = split_range(start, end)
    if parts is None:
        return not_a_range(start, end) if shape else None
    if parts[3] > MAX_WIDTH:
        return TOO_WIDE
    numbers = parts[2] - parts[1] + 1
    return too_many(numbers, limit) if limit is not None and numbers > limit else None
