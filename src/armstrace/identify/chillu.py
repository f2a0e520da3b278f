"""Malayalam's chillu letters, the vowelless final consonants ൻ ൽ ർ ൾ ൺ, as text written before Unicode 5.1 spells
them: the consonant, a virama and a zero-width joiner (ന്‍), or the joiner dropped at a word's end (ന്). News sites and
older pages keep that spelling (`പാക്കിസ്ഥാന്‍`), the CLDR names and the tables the atomic letter (`പാക്കിസ്ഥാൻ`); read
both as one so a name meets its row. https://www.unicode.org/versions/Unicode5.1.0/#Malayalam_Chillu_Characters
"""

from __future__ import annotations

import re

__all__ = ["old_chillu"]

_CHILLU = {"ണ": "ൺ", "ന": "ൻ", "ര": "ർ", "ല": "ൽ", "ള": "ൾ"}
# With the joiner anywhere (the joiner says a chillu is meant); without it only where the word ends, since a
# consonant and virama before another letter inside a word is a conjunct (ന്റ), not a chillu.
_WITH_JOINER = re.compile("([ണനരലള])\u0d4d\u200d")
_AT_END = re.compile("([ണനരലള])\u0d4d(?![\u0d00-\u0d7f\u200c\u200d])")


def old_chillu(text: str) -> str:
    """`പാക്കിസ്ഥാന്‍` and `പാക്കിസ്ഥാന്` → `പാക്കിസ്ഥാൻ`; text without such a spelling unchanged."""
    text = _WITH_JOINER.sub(lambda m: _CHILLU[m.group(1)], text)
    return _AT_END.sub(lambda m: _CHILLU[m.group(1)], text)
