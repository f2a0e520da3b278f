"""OCR and transcription slips read back: digits for letters (0/O, 1/I/L, 5/S, 8/B), RN for M, and the
slips of a "MADE IN" phrase, so a slipped word still finds its table row.
"""

from __future__ import annotations

import re

from .text import PhraseIndex, Token

__all__ = ["OCR_DIGITS", "OCR_DIGITS_I", "RN_MIN", "deocr", "made_slips", "redigit", "unrn"]


# letters an OCR engine or a worn stamp confuses, as (read, meant): MAOE, NADE, MAD3 IN CHINA are MADE IN CHINA
_MADE_SLIPS = frozenset({("O", "D"), ("0", "D"), ("N", "M"), ("F", "E"), ("3", "E"), ("4", "A")})


def made_slips(words: list[str], tokens: list[Token], countries: PhraseIndex) -> list[str]:
    """The words with MADE read with one confused letter (`MAOE IN CHINA`, `NADE IN`) put right, when IN and a
    country name follow it on its line; other words as they are."""
    out = list(words)
    for i, word in enumerate(words[:-2]):
        if len(word) != 4 or word == "MADE" or words[i + 1] != "IN" or tokens[i + 2].line != tokens[i].line:
            continue
        diff = [(a, b) for a, b in zip(word, "MADE", strict=True) if a != b]
        if len(diff) == 1 and diff[0] in _MADE_SLIPS and countries.scan(tokens[i + 2 : i + 6], words[i + 2 : i + 6]):
            out[i] = "MADE"
    return out


OCR_DIGITS = str.maketrans({"0": "O", "1": "L", "5": "S", "8": "B", "6": "G"})


OCR_DIGITS_I = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G"})


_LETTER_DIGIT = {"O": "0", "I": "1", "L": "1"}


# letters a worn stamp or an OCR engine also gives for digits, tried only when nothing else was read: many real
# designations end in them (CZ 75B, M70B1, P226S), so they are the last resort and one designation must fit
_LOOSE_LETTER_DIGIT = _LETTER_DIGIT | {"S": "5", "B": "8", "G": "6", "Z": "2"}


def redigit(word: str, loose: bool = False) -> str:
    """A designation with O, I and L read as 0 and 1 where they touch a digit or end it (`M7O` → `M70`,
    `M16AL` → `M16A1`); with `loose`, S, B, G and Z too (`S6` → `56`, `5B` → `58`); words without digits are
    left alone."""
    if not any(ch.isdigit() for ch in word) or sum(ch.isalpha() for ch in word) > 4:
        return word
    table = _LOOSE_LETTER_DIGIT if loose else _LETTER_DIGIT
    chars = list(word)
    for i, ch in enumerate(chars):
        if ch in table:
            touches = (i and chars[i - 1].isdigit()) or (i + 1 < len(chars) and chars[i + 1].isdigit())
            if touches or (i == len(chars) - 1 and i and chars[i - 1].isalpha()):
                chars[i] = table[ch]
    return "".join(chars)


RN_MIN = 7  # the shortest name an RN-for-M slip may be read as (IZHMASH, ARMALITE)


_RN = re.compile(r"(?<=[A-Z])RN(?=[A-Z])")


def unrn(word: str) -> str:
    """A word with RN inside it read as M (`IZHRNASH` → `IZHMASH`, `ARRNALITE` → `ARMALITE`), the commonest slip of
    optical reading; only for words of five letters or more, and looked up only as a slip (the word as written first).
    """
    if len(word) < 5 or not word.isalpha():
        return word
    return _RN.sub("M", word)


def deocr(word: str, table: dict[int, str] | None = None) -> str:
    """A word with digits read as the letters they are mistaken for, when it is mostly letters (CO1T)."""
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if letters < 2 or not digits or digits > 2 or digits * 2 > letters:
        return word
    return word.translate(table or OCR_DIGITS)
