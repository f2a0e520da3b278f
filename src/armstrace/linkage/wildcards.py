"""Wildcard queries' elements as the index walks and checks them: leading elements, code bytes and tables, regex."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from armstrace.serials import ANY, STAR, Element

from .keys import char_codes

__all__ = ["element_chars", "element_codes", "fixed_matches", "leading", "pattern_regex"]


def element_chars(e: Element) -> list[bytes]:
    if isinstance(e, str):
        return [char_codes(e)]
    return [char_codes(c) for c in e]  # type: ignore[union-attr]


def leading(elements: Sequence[Element]) -> list[Element]:
    out: list[Element] = []
    for e in elements:
        if e is STAR:
            break
        out.append(e)
    return out


def pattern_regex(elements: Sequence[Element]) -> re.Pattern[bytes]:
    parts: list[bytes] = []
    for e in elements:
        if e is STAR:
            parts.append(b".*")
        elif e is ANY:
            parts.append(b".")
        elif isinstance(e, str):
            parts.append(re.escape(char_codes(e)))
        else:
            parts.append(b"(?:" + b"|".join(re.escape(c) for c in sorted(element_chars(e))) + b")")
    return re.compile(b"".join(parts), re.DOTALL)


@lru_cache(maxsize=4096)
def element_codes(e: Element) -> np.ndarray:
    """The code bytes of a wildcard element's characters, sorted (the order a walk grows them in); worked
    out once an element (read only: shared by every reading holding it)."""
    codes = np.array([c[0] for c in sorted(element_chars(e))], dtype=np.uint8)
    codes.flags.writeable = False
    return codes


@lru_cache(maxsize=4096)
def _element_table(e: Element) -> np.ndarray:
    """Which of the 256 code bytes a wildcard element allows (read only)."""
    table = np.zeros(256, dtype=bool)
    table[element_codes(e)] = True
    table.flags.writeable = False
    return table


def fixed_matches(keys: np.ndarray, elements: Sequence[Element]) -> np.ndarray:
    """Which keys (an ``S`` array, NUL padded) match star-free elements: as long as them, and each
    character one its element allows (``pattern_regex``'s ``fullmatch``, a column at a time)."""
    width = keys.dtype.itemsize
    n = len(elements)
    if n > width or len(keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    grid = keys.view(np.uint8).reshape(len(keys), width)
    keep = grid[:, n] == 0 if n < width else np.ones(len(keys), dtype=bool)
    for j, e in enumerate(elements):
        if e is ANY:
            keep &= grid[:, j] != 0
        else:
            keep &= _element_table(e)[grid[:, j]]
    return keep
