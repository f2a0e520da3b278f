"""Words of the scripts written without spaces between words (Thai, Lao, Burmese, Khmer), found by the longest
known word: `ปืนไทยประดิษฐ์` is `ปืน ไทย ประดิษฐ์` (gun, Thai, invented), so the words tables' kind, craft and country
words are found in it as they are in a spaced language.

The dictionary is the words tables' own words in these scripts (`words` registers them when it loads), so a word
added to a table is also a word the segmenter knows. Maximal matching from the left: where no known word starts,
the letter joins the unknown stretch before it. A word never ends before a combining mark (a vowel sign or tone
mark belongs to the letter before it), so a known word is not cut out of a longer one at a letter's middle.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

__all__ = ["UNSPACED", "lexicon_digest", "on_register", "register", "segment"]

# Thai, Lao, Burmese (Myanmar) and Khmer letters and marks
UNSPACED = re.compile(r"[\u0e01-\u0e4e\u0e81-\u0ecd\u1000-\u1049\u1050-\u109f\u1780-\u17d3]+")
_LEXICON: set[str] = set()
_LONGEST = [0]
_LISTENERS: list[Callable[[], None]] = []


def on_register(forget: Callable[[], None]) -> None:
    """Call ``forget`` when words are added: a cache of texts already segmented would otherwise keep old splits."""
    _LISTENERS.append(forget)


def register(words: Iterable[str]) -> None:
    """Add the words (or the runs of them, a phrase's spaces dropped) written wholly in these scripts."""
    added = False
    for word in words:
        run = "".join(word.split())
        if run and UNSPACED.fullmatch(run):
            _LEXICON.add(run)
            _LONGEST[0] = max(_LONGEST[0], len(run))
            added = True
    if added:
        _split.cache_clear()
        for forget in _LISTENERS:
            forget()


def lexicon_digest() -> str:
    """A hash of the words registered so far: what a text is split into depends on them (``index_store``)."""
    return hashlib.sha256("\n".join(sorted(_LEXICON)).encode()).hexdigest()


def _mark(ch: str) -> bool:
    return unicodedata.category(ch) in {"Mn", "Mc"}


@functools.lru_cache(maxsize=4096)  # a text's runs are split again each time a line or clause of it is normalised
def _split(run: str) -> tuple[str, ...]:
    """The known words of one run, longest first from the left; unknown letters kept together between them."""
    out: list[str] = []
    unknown = ""
    i = 0
    while i < len(run):
        found = 0
        if not _mark(run[i]):
            for size in range(min(_LONGEST[0], len(run) - i), 0, -1):
                end = i + size
                if run[i:end] in _LEXICON and not (end < len(run) and _mark(run[end])):
                    found = size
                    break
        if found:
            if unknown:
                out.append(unknown)
                unknown = ""
            out.append(run[i : i + found])
            i += found
        else:
            unknown += run[i]
            i += 1
    if unknown:
        out.append(unknown)
    return tuple(out)


def segment(text: str) -> str:
    """The text with a space between the known words of every Thai, Lao, Burmese or Khmer run."""
    if not _LEXICON:
        return text
    return UNSPACED.sub(lambda m: f" {' '.join(_split(m.group(0)))} ", text)
