"""Cartridges named after a maker or a designer (`7.65x53mm Mauser`, `.32 S&W Long`): the words after a calibre's
dimensions that complete the calibre's own name belong to the calibre, not to a maker of the item.
"""

from __future__ import annotations

import functools
import re

from .scan import Scan
from .text import Hit, tokenise

__all__ = ["complete_calibre_names", "numbers_apart"]


@functools.lru_cache(maxsize=2048)
def _name_words(calibre: str) -> tuple[str, ...]:
    """The words of a calibre's name after its dimensions: `7.65x53mm Mauser` → (MAUSER,), `7.62x54mmR` → ()."""
    words = [t.text for t in tokenise(calibre)]
    first = next((i for i, w in enumerate(words) if not any(c.isdigit() for c in w)), len(words))
    return tuple(words[first:]) if first else ()


def complete_calibre_names(scan: Scan, hits: list[Hit]) -> list[Hit]:
    """Each calibre hit, extended over the words right after it that complete that calibre's name (`7.65x53 Mauser`,
    `.32 S&W`): with a case head described as `cartridge cases 7.65x53 Mauser`, Mauser names the cartridge, and
    reads as the maker no more than the `British` of `.303 British` reads as the country. Only the calibre's own
    name completes it: `9mm Beretta` is a Beretta in 9 mm."""
    out = []
    for h in hits:
        end = h.end
        for p in h.payloads:
            name = _name_words(str(getattr(p, "calibre", "")))
            for k in range(len(name), 0, -1):  # `.32 S&W` of `.32 S&W Long`: a prefix of the name's words will do
                if tuple(scan.words[h.end : h.end + k]) == name[:k] and all(w.isalpha() or w == "&" for w in name[:k]):
                    end = max(end, h.end + k)
                    break
        out.append(h if end == h.end else Hit(h.start, end, h.key, h.text, h.payloads))
    return out


def numbers_apart(scan: Scan, hit: Hit) -> bool:
    """True when a calibre was read across numbers written apart (`3 80`: a code and a year, not .380)."""
    words = [t.raw for t in scan.tokens[hit.start : hit.end]]
    if len(words) < 2 or not all(w.isdigit() for w in words):
        return False
    apart = r"(?<![\d.,])" + r"\s+".join(words) + r"(?!\d)"  # `.30-06`, `7,62` are one calibre as written
    return re.search(apart, scan.text) is not None
