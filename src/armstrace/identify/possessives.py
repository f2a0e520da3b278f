"""A name with a possessive or a case suffix written onto it, read as the bare name: English `Glock's`,
`Zastava’s`, Turkish `Tisaş'ın`, `MKEK'in` (a suffix after the apostrophe of a proper name).

Reports name a maker as the owner of its arms ("Glock's compact pistols", "Canik'in tabancası") far more often than
a stamp does, and the normalised word (`GLOCKS`, `TISASIN`) names nothing the tables hold. The bare words are one
more reading of the text, scanned only where a word was changed (see `Scan.find`).
"""

from __future__ import annotations

import re

from .text import normalise, tokenise

__all__ = ["owner_words"]

# A capitalised word, an apostrophe, and a possessive or case suffix in lower case: English 's, Turkish 'ın,
# 'nin, 'un, 'e, 'den, 'da, 'ya... (https://en.wiktionary.org/wiki/-%27s, https://en.wiktionary.org/wiki/-%C4%B1n)
_APOSTROPHE_SUFFIX = re.compile(r"(?<![\w'’])([^\W\d_][\w&.-]*?[\w&])['’ʼ`´]([a-zçğıöşü]{1,6})(?![\w'’])")
# Contractions that are no owner's name ("it's", "let's", "that's").
_NOT_NAMES = frozenset({"IT", "HE", "SHE", "THAT", "WHAT", "THERE", "HERE", "LET", "WHO", "WHERE", "THIS", "ONE"})


def _bare(match: re.Match[str], possessive_only: bool = False) -> str:
    name, suffix = match.group(1), match.group(2)
    if not name[0].isupper() or normalise(name) in _NOT_NAMES or (possessive_only and suffix.lower() != "s"):
        return match.group(0)
    if suffix != "s" and not any(ch in "çğıöşü" for ch in suffix) and len(suffix) > 4:
        return match.group(0)  # a longer Latin word after an apostrophe is no suffix ("Manufacture d'Armes")
    return name


def owner_words(text: str, words: list[str], possessive_only: bool = False) -> list[str]:
    """The text's words with possessive and case suffixes taken off its names (the words themselves where none
    is, or where taking them off would not keep one word for one word). ``possessive_only``: only the English
    's, for names other than makers' — a place's case ending says where to or from (Turkish `Libya'ya`, to Libya),
    which the bare name would read as where the item was made."""
    out = list(words)
    if "'" in text or "’" in text or "ʼ" in text or "`" in text or "´" in text:
        stripped = _APOSTROPHE_SUFFIX.sub(lambda m: _bare(m, possessive_only), text)
        if stripped != text:
            bare = [t.text for t in tokenise(stripped)]
            plain = [t.text for t in tokenise(text)]
            if len(bare) == len(words) == len(plain):
                out = [b if b != p else w for b, p, w in zip(bare, plain, words, strict=True)]
    return out
