"""The numbers of a given width one edit from a reading's number (a digit dropped, put in, changed, or two
swapped): what a range record must hold for a misread serial to be one of its weapons. As arithmetic on the
digits, for one tail or a batch of tails of one length at once."""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_WIDTH", "digit_variants", "digit_variants_many", "number_variants"]

MAX_WIDTH = 18  # digits of a number that int64 holds
_DIGITS = "0123456789"


def number_variants(tail: str, width: int) -> list[int] | np.ndarray:
    """Numbers of ``width`` digits one edit from the reading's tail (digits inserted, dropped, changed),
    ascending. A tail of ASCII digits (most readings) has them as arithmetic on its number
    (``digit_variants``); others go through the strings."""
    fast = max(len(tail), width) <= MAX_WIDTH and abs(len(tail) - width) <= 1
    if fast and tail.isascii() and tail.isdigit():
        return digit_variants(tail, width)
    out: set[str] = set()
    if len(tail) == width + 1:
        out = {tail[:i] + tail[i + 1 :] for i in range(len(tail))}
    elif len(tail) == width - 1:
        out = {tail[:i] + d + tail[i:] for i in range(len(tail) + 1) for d in _DIGITS}
    elif len(tail) == width:
        out = {tail[:i] + d + tail[i + 1 :] for i in range(width) for d in _DIGITS}
        out |= {tail[:i] + tail[i + 1] + tail[i] + tail[i + 2 :] for i in range(width - 1)}
    return sorted(int(v) for v in out if v.isdigit() and len(v) == width)


def digit_variants(tail: str, width: int) -> np.ndarray:
    """``number_variants`` of a tail of ASCII digits, one digit longer, shorter or as long as ``width``:
    as numbers (int64), sorted and once each: each digit dropped; a digit 0–9 put in at each place; each
    digit replaced by 0–9 and each adjacent pair swapped."""
    n = len(tail)
    digits = np.frombuffer(tail.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    head = np.array([int(tail[:i] or 0) for i in range(n + 1)], dtype=np.int64)  # the first i digits' number
    rest = np.array([int(tail[i:] or 0) for i in range(n + 1)], dtype=np.int64)  # the number from digit i on
    at = np.arange(n + 1, dtype=np.int64)
    if n == width + 1:  # digit i dropped
        found = head[:n] * 10 ** (width - at[:n]) + rest[1:]
    elif n == width - 1:  # digit d put in before digit i
        added = np.arange(10, dtype=np.int64)[None, :] * 10 ** (width - 1 - at)[:, None]
        found = ((head * 10 ** (width - at) + rest)[:, None] + added).ravel()
    else:
        place = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
        changed = head[n] + (np.arange(10, dtype=np.int64)[None, :] - digits[:, None]) * place[:, None]
        swapped = head[n] + (digits[1:] - digits[:-1]) * (place[:-1] - place[1:])
        found = np.concatenate([changed.ravel(), swapped])
    return np.unique(found)


def digit_variants_many(tails: list[str], width: int) -> list[np.ndarray]:
    """``digit_variants`` of many tails of ASCII digits of one length: the same arithmetic on a row of
    digits per tail, each row sorted and its repeats dropped (``np.unique``'s numbers)."""
    n, rows = len(tails[0]), len(tails)
    digits = np.frombuffer("".join(tails).encode("ascii"), dtype=np.uint8).astype(np.int64).reshape(rows, n) - 48
    head = np.zeros((rows, n + 1), dtype=np.int64)  # the first i digits' number
    rest = np.zeros((rows, n + 1), dtype=np.int64)  # the number from digit i on
    for i in range(n):
        head[:, i + 1] = head[:, i] * 10 + digits[:, i]
    for i in range(n - 1, -1, -1):
        rest[:, i] = digits[:, i] * 10 ** (n - 1 - i) + rest[:, i + 1]
    at = np.arange(n + 1, dtype=np.int64)
    if n == width + 1:  # digit i dropped
        found = head[:, :n] * 10 ** (width - at[:n]) + rest[:, 1:]
    elif n == width - 1:  # digit d put in before digit i
        added = np.arange(10, dtype=np.int64)[None, :] * 10 ** (width - 1 - at)[:, None]
        found = ((head * 10 ** (width - at) + rest)[:, :, None] + added[None]).reshape(rows, -1)
    else:
        place = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
        ten = np.arange(10, dtype=np.int64)[None, None, :]
        changed = head[:, n, None, None] + (ten - digits[:, :, None]) * place[None, :, None]
        swapped = head[:, n, None] + (digits[:, 1:] - digits[:, :-1]) * (place[:-1] - place[1:])[None, :]
        found = np.concatenate([changed.reshape(rows, -1), swapped], axis=1)
    found.sort(axis=1)
    fresh = np.ones(found.shape, dtype=bool)
    fresh[:, 1:] = found[:, 1:] != found[:, :-1]
    return [row[keep] for row, keep in zip(found, fresh, strict=True)]
