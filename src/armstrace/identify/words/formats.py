"""The three ways the word lists are written: words in a string, `CC: WORD | WORD` lines, `PHRASE | PHRASE` lines.

Lists kept as text read like the sources they come from, and grow a line at a time.
"""

from __future__ import annotations

__all__ = ["phrase_tuple", "word_set", "word_table"]


def word_set(text: str) -> frozenset[str]:
    """Words separated by spaces → the set of them."""
    return frozenset(text.split())


def word_table(text: str) -> dict[str, str]:
    """`CC: WORD | WORD` lines → {WORD: CC}."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        code, _, words = line.partition(":")
        for word in words.split("|"):
            out[word.strip()] = code.strip()
    return out


def phrase_tuple(text: str) -> tuple[str, ...]:
    """`PHRASE | PHRASE` lines → the phrases in order."""
    return tuple(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())
