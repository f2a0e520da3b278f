"""How examiners and cameras misread one serial: the reading faults of the benchmark's generator (noise.py).

Kept apart from the registry side (which record is read, which serial an absent weapon has) so each fault's
definition reads on its own page.
"""

from __future__ import annotations

import random
import re

import pyarrow as pa
import pyarrow.compute as pc

LATIN_TO_CYRILLIC = dict(zip("ABEKMHOPCTX", "АВЕКМНОРСТХ", strict=True))
CYRILLIC_TO_LATIN = {v: k for k, v in LATIN_TO_CYRILLIC.items()}
# Visual confusion classes; the first member is the skeleton representative.
_CLASSES = ("0ODQ", "1IL", "5S", "8B", "2Z", "6G", "UV")
_REPRESENTATIVE = {c: cls[0] for cls in _CLASSES for c in cls}
# What a character may be misread as (the fault `confusable`).
CONFUSABLE_ALTERNATIVES: dict[str, str] = {c: cls.replace(c, "") for cls in _CLASSES for c in cls}
for _lat, _cyr in LATIN_TO_CYRILLIC.items():
    CONFUSABLE_ALTERNATIVES[_lat] = CONFUSABLE_ALTERNATIVES.get(_lat, "") + _cyr
    CONFUSABLE_ALTERNATIVES[_cyr] = _lat + CONFUSABLE_ALTERNATIVES.get(_lat, "").replace(_cyr, "")
# Phonetic transliteration (GOST-like) of the letters of Soviet serials.
TRANSLITERATION = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ж": "ZH", "И": "I", "К": "K", "Л": "L",
    "М": "M", "Н": "N", "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Э": "E", "Ю": "YU", "Я": "YA",
}  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-./_]")
_DIGITS = "0123456789"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CYRILLIC = "АБВГДЕЖИКЛМНПРСТУФХЦЧШЭЮЯ"


def strip(serial: str) -> str:
    """Upper case without separators: the form faults are applied to."""
    return _SEPARATORS.sub("", serial).upper()


def skeleton(serial: str) -> str:
    """Confusion-class skeleton: two readings with the same skeleton differ only by lookalikes or format."""
    s = strip(serial)
    return "".join(_REPRESENTATIVE.get(CYRILLIC_TO_LATIN.get(c, c), CYRILLIC_TO_LATIN.get(c, c)) for c in s)


def skeleton_array(serials: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """`skeleton` over a whole column, vectorised (used to test absence in 10M-row registries)."""
    out = pc.replace_substring_regex(pc.utf8_upper(serials), r"[\s\-./_]", "")
    for cyr, lat in CYRILLIC_TO_LATIN.items():
        out = pc.replace_substring(out, cyr, lat)
    for c, rep in _REPRESENTATIVE.items():
        if c != rep:
            out = pc.replace_substring(out, c, rep)
    return out


def kind(c: str) -> str:
    if c in _DIGITS:
        return _DIGITS
    if c in _CYRILLIC:
        return _CYRILLIC
    return _LATIN


def other_char(rnd: random.Random, c: str) -> str:
    """A character of the same kind that is NOT a lookalike of `c` (a genuine misreading or typo)."""
    pool = [x for x in kind(c) if skeleton(x) != skeleton(c)]
    return rnd.choice(pool)


def format_noise(rnd: random.Random, s: str) -> str:
    """Change case and separators only; the result always differs from `s` when `s` has 2+ characters."""
    for _ in range(8):
        out = s
        if rnd.random() < 0.5:
            out = out.lower()
        # a separator only between two plain characters, never inside `[38]` or next to `?`/`*`
        spots = [i for i in range(1, len(out)) if out[i - 1].isalnum() and out[i].isalnum()
                 and out[:i].count("[") == out[:i].count("]")]  # fmt: skip
        if rnd.random() < 0.6 and spots:
            i = rnd.choice(spots)
            out = out[:i] + rnd.choice(["-", " ", "-", "/", "."]) + out[i:]
        if rnd.random() < 0.2:
            out = f" {out} "
        if out != s:
            return out
    return s.lower() if s.lower() != s else f" {s}"


def edit(rnd: random.Random, s: str, op: str | None = None) -> tuple[str, str]:
    """One substitution, insertion or deletion (not a lookalike; ``op`` forces one), returning (result, op)."""
    if op is None:
        op = rnd.choice(["sub", "sub", "ins", "del"]) if len(s) > 4 else rnd.choice(["sub", "ins"])
    i = rnd.randrange(len(s))
    if op == "sub":
        return s[:i] + other_char(rnd, s[i]) + s[i + 1 :], f"sub@{i}"
    if op == "ins":
        j = rnd.randrange(len(s) + 1)
        ref = s[min(j, len(s) - 1)]
        return s[:j] + rnd.choice(kind(ref)) + s[j:], f"ins@{j}"
    return s[:i] + s[i + 1 :], f"del@{i}"


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein + adjacent transposition), on skeletons."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(skeleton(a), skeleton(b)))


class Reader:
    """Applies one fault to one true serial; returns (reading, detail) or None when the fault does not fit."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def exact(self, serial: str) -> tuple[str, str] | None:
        return serial, ""

    def format(self, serial: str) -> tuple[str, str] | None:
        return format_noise(self.rnd, strip(serial)), ""

    def confusable(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        spots = [i for i, c in enumerate(s) if c in CONFUSABLE_ALTERNATIVES]
        if not spots:
            return None
        k = 1 if len(spots) == 1 or self.rnd.random() < 0.7 else 2
        chars = list(s)
        for i in self.rnd.sample(spots, k):
            chars[i] = self.rnd.choice(CONFUSABLE_ALTERNATIVES[chars[i]])
        return "".join(chars), f"{k} lookalike"

    def edit1(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        for _ in range(10):
            out, op = edit(self.rnd, s)
            if osa(out, s) == 1 and skeleton(out) != skeleton(s):
                return out, op
        return None

    def _one(self, serial: str, op: str) -> tuple[str, str] | None:
        s = strip(serial)
        if op == "del" and len(s) <= 4:
            return None
        for _ in range(10):
            out, got = edit(self.rnd, s, op)
            if osa(out, s) == 1 and skeleton(out) != skeleton(s):
                return out, got
        return None

    def substitution(self, serial: str) -> tuple[str, str] | None:
        return self._one(serial, "sub")

    def insertion(self, serial: str) -> tuple[str, str] | None:
        return self._one(serial, "ins")

    def deletion(self, serial: str) -> tuple[str, str] | None:
        return self._one(serial, "del")

    def edit2(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        from rapidfuzz.distance import Levenshtein

        for _ in range(20):
            mid, op1 = edit(self.rnd, s)
            out, op2 = edit(self.rnd, mid)
            if Levenshtein.distance(skeleton(out), skeleton(s)) == 2 and osa(out, s) == 2:
                return out, f"{op1},{op2}"
        return None

    def transposition(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        spots = [i for i in range(len(s) - 1) if skeleton(s[i]) != skeleton(s[i + 1])]
        if not spots:
            return None
        i = self.rnd.choice(spots)
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :], f"swap@{i}"

    def _unknown(self, serial: str, k: int) -> tuple[str, str] | None:
        s = strip(serial)
        if len(s) < k + 3:
            return None
        positions = sorted(self.rnd.sample(range(len(s)), k))
        parts = list(s)
        forms = []
        for i in positions:
            c = s[i]
            if self.rnd.random() < 0.7:
                parts[i] = "?"
                forms.append("?")
            else:  # "3 or 8": the truth and one or two others, lookalikes first
                others = [x for x in CONFUSABLE_ALTERNATIVES.get(c, "") if x in kind(c)]
                others += [x for x in kind(c) if x != c and x not in others]
                pick = others[:1] + self.rnd.sample(others[1:], self.rnd.randint(0, 1))
                alts = [c, *pick]
                self.rnd.shuffle(alts)
                parts[i] = "[" + "".join(alts) + "]"
                forms.append("[]")
        return "".join(parts), "".join(forms)

    def unknown1(self, serial: str) -> tuple[str, str] | None:
        return self._unknown(serial, 1)

    def unknown2(self, serial: str) -> tuple[str, str] | None:
        return self._unknown(serial, 2)

    def unknown3(self, serial: str) -> tuple[str, str] | None:
        return self._unknown(serial, 3)

    def prefix_unknown(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        if len(s) < 6:
            return None
        keep = max(4, len(s) - self.rnd.randint(2, 4))
        return "*" + s[len(s) - keep :], f"kept {keep}"

    def transliteration(self, serial: str) -> tuple[str, str] | None:
        s = strip(serial)
        if not any(c in TRANSLITERATION for c in s):
            return None
        out = "".join(TRANSLITERATION.get(c, c) for c in s)
        if out == "".join(CYRILLIC_TO_LATIN.get(c, c) for c in s):
            return None  # all letters are lookalikes: that is the `confusable` fault, not this one
        return out, ""
