"""Vectorised helpers: counter-based random numbers and serial formatting.

Per-item attributes (status, missing fields, duplicates) come from a hash of (seed, item index, salt)
instead of a stateful generator, so that the registry writer (in chunks) and the recovery sampler (in
any order) see the same item the same way, and the output does not depend on the chunk size.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .catalogue import Series

__all__ = ["format_serials", "uniform"]

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def uniform(seed: int, index: np.ndarray, salt: int) -> np.ndarray:
    """Uniform floats in [0, 1), one per index: splitmix64 of (seed, salt, index)."""
    with np.errstate(over="ignore"):
        x = index.astype(np.uint64) * _GOLDEN
        x ^= np.uint64((seed * 0x632BE59BD9B4E019 + salt * 0xD6E8FEB86659FD93) & 0xFFFFFFFFFFFFFFFF)
        x ^= x >> np.uint64(30)
        x *= _M1
        x ^= x >> np.uint64(27)
        x *= _M2
        x ^= x >> np.uint64(31)
    return (x >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def format_serials(series: Series, numbers: np.ndarray) -> pa.Array:
    """Serial strings for numbers in one series (a pyarrow string array, same order)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    digits = pc.utf8_lpad(pa.array(numbers % 10**series.digits).cast(pa.string()), series.digits, "0")
    parts: list[pa.Array | str] = []
    if series.prefix:
        parts.append(series.prefix)
    if series.letters:
        base = len(series.alphabet)
        alphabet = pa.array(list(series.alphabet))
        rest = numbers // 10**series.digits
        letters = []
        for _ in range(series.letters):
            letters.append(pc.take(alphabet, pa.array(rest % base)))
            rest = rest // base
        parts.extend(reversed(letters))
    parts.append(digits)
    if series.suffix:
        parts.append(series.suffix)
    if len(parts) == 1:
        return digits
    return pc.binary_join_element_wise(*parts, "")


def format_serial(series: Series, number: int) -> str:
    """One serial (the scalar form of format_serials)."""
    return str(format_serials(series, np.array([number]))[0].as_py())
