"""Serial numbers: normalisation, confusion classes, the skeleton key and the query syntax.

A serial is kept verbatim as read; everything here produces *derived* forms used for comparison:

* ``normalise`` — NFKC, Unicode and Cyrillic/Greek lookalikes mapped to Latin (``М`` → ``M``),
  any Unicode decimal digit to ASCII, upper case, separators dropped: ``"w 100-4340"`` → ``"W1004340"``.
* ``skeleton`` — the normalised form with every character replaced by its confusion-class
  representative (``0 O D Q`` → ``0``, ``1 I L`` → ``1``, ``2 Z``, ``5 S``, ``6 G``, ``8 B``, ``U V``), so
  two readings that differ only by confusable characters have the same skeleton.
* ``strip_embedded_letters`` — the US crime-gun rule: letters between digits are ignored
  (``369J257`` → ``369257``).
* ``parse_query`` — the query syntax: ``?`` one unknown character, ``*`` any run of unknown characters,
  ``[38]`` one of the listed characters (``[0-9]`` ranges allowed). ``W10?43[0O]*`` is valid; a
  malformed query raises QuerySyntaxError naming the 1-based position.

The classes are deliberately tight (an equivalence relation must be transitive); weaker lookalikes
(``N/M``, ``3/8``, ``7/1``…) are in ``LOOKALIKE_PAIRS`` and used by the scoring model, not by the key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from armstrace.exceptions import QuerySyntaxError

__all__ = [
    "ANY",
    "CONFUSION_CLASSES",
    "CYRILLIC_SKELETON",
    "HARD_CHARACTERS",
    "LOOKALIKE_PAIRS",
    "MAX_SERIAL_LENGTH",
    "STAR",
    "Query",
    "confusable",
    "lookalike",
    "normalise",
    "normalise_char",
    "parse_query",
    "skeleton",
    "skeleton_char",
    "strip_embedded_letters",
]

#: Confusion classes; the first member is the representative used in the skeleton key.
CONFUSION_CLASSES: tuple[str, ...] = ("0ODQ", "1IL", "2Z", "5S", "6G", "8B", "UV")

#: Weaker lookalike pairs (not in the skeleton): common misreadings of stamped or restored characters.
LOOKALIKE_PAIRS: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        "38",
        "3B",
        "17",
        "7T",
        "1T",
        "1J",
        "4A",
        "CG",
        "C0",
        "MN",
        "HN",
        "EF",
        "PR",
        "KX",
        "VY",
        "9G",
        "6B",
        "5B",
        "0C",
        "QG",
        "2S",
        "U0",
    )
)

#: Characters examiners most often misread when restoring filed-off serials (published restoration
#: studies: B, N, G, Q and S); the scoring model doubles their error rates.
HARD_CHARACTERS: frozenset[str] = frozenset("BNGQS")

# Cyrillic and Greek capitals and small letters that look like Latin ones, and a few digit lookalikes.
_LOOKALIKES = {
    # Cyrillic
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    "З": "3",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Ү": "Y",
    "Ӏ": "I",
    "а": "A",
    "в": "B",
    "е": "E",
    "к": "K",
    "м": "M",
    "н": "H",
    "о": "O",
    "р": "P",
    "с": "C",
    "т": "T",
    "х": "X",
    "у": "Y",
    "і": "I",
    "ј": "J",
    "ѕ": "S",
    "з": "3",
    "б": "6",
    "ԛ": "Q",
    "ԝ": "W",
    # Greek
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "O",
    "ν": "V",
    "κ": "K",
    "τ": "T",
    "ι": "I",
    # others read as letters or digits
    "Ø": "0",
    "ø": "0",
    "ß": "B",
    "№": "",
    "Ɩ": "1",
    "ǀ": "1",
}
#: Cyrillic letters without a Latin twin, keyed to the Latin letter they resemble or transliterate to,
#: so that the skeleton (and the byte-level index built on it) stays one ASCII byte per character.
CYRILLIC_SKELETON = {
    "Б": "6",
    "Г": "G",
    "Д": "D",
    "Ж": "J",
    "И": "N",
    "Й": "N",
    "Л": "L",
    "П": "P",
    "У": "Y",
    "Ф": "F",
    "Ц": "C",
    "Ч": "4",
    "Ш": "W",
    "Щ": "W",
    "Ъ": "8",
    "Ы": "8",
    "Ь": "8",
    "Э": "E",
    "Ю": "U",
    "Я": "R",
    "Ё": "E",
    "Є": "E",
    "Ї": "I",
    "Ґ": "G",
}
_SKELETON = {c: cls[0] for cls in CONFUSION_CLASSES for c in cls[1:]}
for _c, _latin in CYRILLIC_SKELETON.items():
    _SKELETON[_c] = _SKELETON.get(_latin, _latin)
_SKELETON_TABLE = str.maketrans(_SKELETON)
_CLASS_OF = {c: cls for cls in CONFUSION_CLASSES for c in cls}
_EMBEDDED = re.compile(r"(?<=[0-9])[A-Z]+(?=[0-9])")
#: Characters a reader may use to separate groups; dropped by normalise and by the query parser.
# the longest serial read or registered: real formats run to about 20 characters with their separators
# (`T0620-88609`, `LE3800044`, an NSN-like `1005-01-123-4567`); twice that leaves room for prefixes and
# suffixes, while a key's probes grow with its length (a pasted paragraph would take minutes and gigabytes)
MAX_SERIAL_LENGTH = 40

_SEPARATORS = frozenset(" \t\r\n-‐‑‒–—―/\\.,_:;'\"`|+#=~()")


@lru_cache(maxsize=4096)
def normalise_char(ch: str) -> str:
    """One character as an upper-case Latin letter or ASCII digit; "" for separators and symbols."""
    if ch.isascii():
        return ch.upper() if ch.isalnum() else ""
    mapped = _LOOKALIKES.get(ch)
    if mapped is not None:
        return mapped
    for c in unicodedata.normalize("NFKC", ch):
        if c.isascii():
            return c.upper() if c.isalnum() else ""
        for form in (c, c.upper()):
            mapped = _LOOKALIKES.get(form)
            if mapped is not None:
                return mapped
        digit = unicodedata.digit(c, None)
        if digit is not None:
            return str(digit)
        if c.isalnum():
            up = c.upper()
            return up if len(up) == 1 else c
    return ""


def normalise(text: str | None) -> str:
    """The comparison form of a serial: upper-case Latin letters and digits, no separators."""
    if not text:
        return ""
    if text.isascii():
        return "".join(c for c in text.upper() if c.isalnum())
    return "".join(normalise_char(c) for c in text)


def skeleton_char(ch: str) -> str:
    """The representative of a normalised character's confusion class (itself when it has none)."""
    return _SKELETON.get(ch, ch)


def skeleton(text: str | None) -> str:
    """The confusion-class key: equal for readings that differ only by confusable characters."""
    return normalise(text).translate(_SKELETON_TABLE)


def confusable(a: str, b: str) -> bool:
    """True when two normalised characters are in the same confusion class."""
    return a != b and _SKELETON.get(a, a) == _SKELETON.get(b, b)


def lookalike(a: str, b: str) -> bool:
    """True when two normalised characters are a weaker lookalike pair (N/M, 3/8, 7/1 …)."""
    return frozenset((a, b)) in LOOKALIKE_PAIRS


def strip_embedded_letters(text: str | None) -> str:
    """Normalise and drop letters between digits (US crime-gun practice: 369J257 matches 369257)."""
    return _EMBEDDED.sub("", normalise(text))


class _Star:
    __slots__ = ()

    def __repr__(self) -> str:
        return "STAR"

    def __reduce__(self) -> str:
        return "STAR"  # unpickled as the module's singleton, so `e is STAR` holds across processes


class _Any:
    __slots__ = ()

    def __repr__(self) -> str:
        return "ANY"

    def __reduce__(self) -> str:
        return "ANY"


#: Query elements: a literal character (str), a set of characters (frozenset), ANY (``?``), STAR (``*``).
STAR = _Star()
ANY = _Any()
Element = str | frozenset[str] | _Any | _Star


@dataclass(frozen=True)
class Query:
    """A parsed serial query: the verbatim text and its elements in order."""

    text: str
    elements: tuple[Element, ...]

    @property
    def is_literal(self) -> bool:
        """True when every element is a known character (an ordinary serial, no wildcards)."""
        return all(isinstance(e, str) for e in self.elements)

    @property
    def literal(self) -> str:
        """The normalised key of a literal query (wildcards written back in query syntax otherwise)."""
        return "".join(_element_text(e) for e in self.elements)

    @property
    def has_star(self) -> bool:
        return any(e is STAR for e in self.elements)

    @property
    def known(self) -> int:
        """Number of positions whose character is known (literals)."""
        return sum(1 for e in self.elements if isinstance(e, str))

    @property
    def min_length(self) -> int:
        return sum(1 for e in self.elements if e is not STAR)

    def without_embedded_letters(self) -> Query:
        """The query with literal letters between literal digits removed (the embedded-letter rule)."""
        els = list(self.elements)
        keep = [True] * len(els)
        i = 0
        while i < len(els):
            e = els[i]
            if isinstance(e, str) and e.isalpha():
                j = i
                while j < len(els) and isinstance(els[j], str) and els[j].isalpha():  # type: ignore[union-attr]
                    j += 1
                before = els[i - 1] if i > 0 else None
                after = els[j] if j < len(els) else None
                if isinstance(before, str) and before.isdigit() and isinstance(after, str) and after.isdigit():
                    for k in range(i, j):
                        keep[k] = False
                i = j
            else:
                i += 1
        return Query(self.text, tuple(e for e, k in zip(els, keep, strict=True) if k))

    def __str__(self) -> str:
        return self.literal


def _element_text(e: Element) -> str:
    if isinstance(e, str):
        return e
    if e is STAR:
        return "*"
    if e is ANY:
        return "?"
    return "[" + "".join(sorted(e)) + "]"  # type: ignore[arg-type]


def parse_query(text: str) -> Query:
    """Parse a serial as read, with ``?``, ``*`` and ``[..]``; raise QuerySyntaxError with the position."""
    if text is None or not str(text).strip():
        raise QuerySyntaxError("empty serial query")
    text = str(text)
    if len(text) > MAX_SERIAL_LENGTH:
        raise QuerySyntaxError(f"a serial of {len(text):,} characters (at most {MAX_SERIAL_LENGTH})")
    elements: list[Element] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "[":
            j = i + 1
            members: set[str] = set()
            prev: str | None = None
            while j < n and text[j] != "]":
                c = text[j]
                if c in "[*?":
                    raise QuerySyntaxError(
                        f"unexpected {c!r} inside the character set opened at position {i + 1} "
                        f"(position {j + 1}) in {text!r}"
                    )
                if c == "-" and prev is not None and j + 1 < n and text[j + 1] not in "]":
                    hi = normalise_char(text[j + 1])
                    if not hi or not (prev.isdigit() == hi.isdigit()) or hi < prev:
                        raise QuerySyntaxError(
                            f"bad character range {prev}-{text[j + 1]} at position {j + 1} in {text!r}"
                        )
                    members.update(chr(k) for k in range(ord(prev), ord(hi) + 1))
                    prev = None
                    j += 2
                    continue
                norm = normalise_char(c)
                if norm:
                    members.add(norm)
                    prev = norm
                elif c not in _SEPARATORS:
                    raise QuerySyntaxError(f"unexpected character {c!r} at position {j + 1} in {text!r}")
                j += 1
            if j >= n:
                raise QuerySyntaxError(f"character set opened at position {i + 1} is not closed in {text!r}")
            if not members:
                raise QuerySyntaxError(f"empty character set at position {i + 1} in {text!r}")
            elements.append(next(iter(members)) if len(members) == 1 else frozenset(members))
            i = j + 1
            continue
        if ch == "]":
            raise QuerySyntaxError(f"']' at position {i + 1} closes no character set in {text!r}")
        if ch == "?":
            elements.append(ANY)
        elif ch == "*":
            if not elements or elements[-1] is not STAR:
                elements.append(STAR)
        else:
            norm = normalise_char(ch)
            if norm:
                elements.extend(norm)  # a ligature may give more than one character
            elif unicodedata.category(ch) == "Cc" and ch not in _SEPARATORS:  # NUL, ESC: a damaged file
                raise QuerySyntaxError(f"control character {ch!r} at position {i + 1} in {text!r}")
            elif ch not in _SEPARATORS and not unicodedata.category(ch).startswith(("Z", "C")):
                raise QuerySyntaxError(f"unexpected character {ch!r} at position {i + 1} in {text!r}")
        i += 1
    if not any(isinstance(e, str | frozenset) for e in elements):
        raise QuerySyntaxError(f"the query {text!r} has no known character (position 1)")
    return Query(text, tuple(elements))
