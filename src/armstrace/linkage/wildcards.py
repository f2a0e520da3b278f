"""Wildcard queries' elements as the index walks and checks them: leading elements, code bytes, regex."""

from __future__ import annotations

import re
from collections.abc import Sequence

from armstrace.serials import ANY, STAR, Element

from .keys import char_codes

__all__ = ["element_chars", "leading", "pattern_regex"]


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
