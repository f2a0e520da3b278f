"""Control and invisible characters in a transcription: text saved as UTF-16 and read byte by byte (a NUL after
every letter), a byte-order mark, zero-width joiners pasted inside a word. None is a mark; left in, they split or
join words so that a confident wrong reading comes out (`AKM 7.62` as UTF-16 read as a fuze's designation).
"""

from __future__ import annotations

import re

__all__ = ["strip_controls"]

# zero-width joiners shape Persian and Indic words (ZWNJ in هفت‌تیر): removed only between Latin letters or digits
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\x00]|(?<=[A-Za-z0-9])[\u200c\u200d](?=[A-Za-z0-9])")
_BYTE_ORDER_MARKS = ("\xff\xfe", "\xfe\xff")  # a UTF-16 byte-order mark read as Latin-1


def strip_controls(text: str) -> str:
    """The text with UTF-16 read as single bytes decoded again, and NUL, BOM and zero-width characters removed."""
    if "\x00" in text and text.count("\x00") * 5 >= len(text):
        raw = text.encode("latin-1", errors="ignore")
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                decoded = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\x00" not in decoded:
                return _INVISIBLE.sub("", decoded)
        text = text.removeprefix(_BYTE_ORDER_MARKS[0]).removeprefix(_BYTE_ORDER_MARKS[1])
    return _INVISIBLE.sub("", text)
