"""How a serial is misread: the fault kinds a recovery carries, applied to one true serial at a time.

Each kind is a model of a real reading error — confusable glyphs (O/0, I/1, S/5, B/8, Z/2, G/6),
Cyrillic lookalikes typed on the wrong keyboard, separators and case, a dropped or substituted
character, two characters swapped, characters the examiner marks unknown (`?`), an unknown start
(`*`), and a filed-off serial partly restored (`?` and `[38]`). The truth file records which kind was
applied, so a matcher can be scored per kind.
"""

from __future__ import annotations

import random

from .catalogue import CONFUSABLE_CLASSES, CYRILLIC_ALPHABET, LATIN_TO_CYRILLIC

__all__ = ["FAULTS", "FAULT_WEIGHTS", "apply_fault", "confusable_class"]

FAULTS = (
    "exact", "confusable", "cyrillic", "separator", "edit1", "edit2", "transposition",
    "unknown1", "unknown2", "unknown3", "prefix_unknown", "obliterated", "absent",
)  # fmt: skip
# How often each kind is drawn for a recovered weapon that is in a registry ("absent" is drawn apart).
FAULT_WEIGHTS = {
    "exact": 0.36, "confusable": 0.13, "cyrillic": 0.05, "separator": 0.09, "edit1": 0.08,
    "edit2": 0.03, "transposition": 0.05, "unknown1": 0.06, "unknown2": 0.03, "unknown3": 0.02,
    "prefix_unknown": 0.04, "obliterated": 0.06,
}  # fmt: skip

_CLASS_OF = {ch: cls for cls in CONFUSABLE_CLASSES for ch in cls}
_CYRILLIC_TO_LATIN = {v: k for k, v in LATIN_TO_CYRILLIC.items()}
_DIGITS = "0123456789"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# What an examiner restoring a filed-off character hesitates between (B, N, G, Q, S most often).
_RESTORE_DOUBT = {
    "3": "8", "8": "3", "B": "8", "N": "M", "M": "N", "G": "6", "6": "G", "Q": "0", "0": "Q",
    "S": "5", "5": "S", "1": "7", "7": "1", "H": "N",
}  # fmt: skip


def confusable_class(ch: str) -> str:
    """The confusion class of a character (the character itself when it has none)."""
    return _CLASS_OF.get(ch, ch)


def _body(serial: str) -> list[int]:
    """Positions of letters and digits (separators in a recorded serial are never faulted)."""
    return [i for i, ch in enumerate(serial) if ch.isalnum()]


def _other_char(ch: str, rnd: random.Random) -> str:
    """A character of the same kind (digit, Latin, Cyrillic), neither ch nor confusable with it."""
    pool = _DIGITS if ch.isdigit() else CYRILLIC_ALPHABET if ch in CYRILLIC_ALPHABET else _LATIN
    cls = confusable_class(ch)
    choices = [c for c in pool if c != ch and c not in cls and confusable_class(c) != cls]
    return rnd.choice(choices)


def _confusable(serial: str, rnd: random.Random) -> str | None:
    positions = [i for i in _body(serial) if serial[i] in _CLASS_OF]
    if not positions:
        return None
    chars = list(serial)
    for i in rnd.sample(positions, min(len(positions), rnd.choice((1, 1, 1, 2)))):
        chars[i] = rnd.choice([c for c in _CLASS_OF[serial[i]] if c != serial[i]])
    return "".join(chars)


def _cyrillic(serial: str) -> str | None:
    out = "".join(LATIN_TO_CYRILLIC.get(ch, _CYRILLIC_TO_LATIN.get(ch, ch)) for ch in serial)
    return out if out != serial else None


def _separator(serial: str, rnd: random.Random) -> str:
    plain = "".join(ch for ch in serial if ch.isalnum())
    if len(plain) < 2:
        return plain + " "
    cut = next((i for i in range(1, len(plain)) if plain[i].isdigit() != plain[i - 1].isdigit()), 0)
    if not cut:
        cut = rnd.randrange(1, len(plain))
    sep = rnd.choice(("-", " ", ".", "/"))
    out = plain[:cut] + sep + plain[cut:]
    if any(ch.isascii() and ch.isalpha() for ch in out) and rnd.random() < 0.5:
        out = "".join(ch.lower() if ch.isascii() else ch for ch in out)  # Cyrillic stays in capitals
    return out if out != serial else plain[:cut] + " " + plain[cut:]


def _edit(serial: str, edits: int, rnd: random.Random) -> str | None:
    positions = _body(serial)
    if len(positions) < edits + 3:
        return None
    chars = list(serial)
    chosen = rnd.sample(positions, edits)
    if edits == 1 and rnd.random() < 0.35:  # a dropped character
        del chars[chosen[0]]
        return "".join(chars)
    for i in chosen:
        chars[i] = _other_char(serial[i], rnd)
    return "".join(chars)


def _transposition(serial: str, rnd: random.Random) -> str | None:
    pairs = [i for i in range(len(serial) - 1)
             if serial[i].isalnum() and serial[i + 1].isalnum() and serial[i] != serial[i + 1]
             and confusable_class(serial[i]) != confusable_class(serial[i + 1])]  # fmt: skip
    if not pairs:
        return None
    i = rnd.choice(pairs)
    return serial[:i] + serial[i + 1] + serial[i] + serial[i + 2 :]


def _unknown(serial: str, k: int, rnd: random.Random) -> str | None:
    positions = _body(serial)
    if len(positions) < k + 3:
        return None
    chars = list(serial)
    for i in rnd.sample(positions, k):
        chars[i] = "?"
    return "".join(chars)


def _prefix_unknown(serial: str, rnd: random.Random) -> str | None:
    if len(serial) < 6:
        return None
    return "*" + serial[rnd.randint(1, min(3, len(serial) - 4)) :]


def _obliterated(serial: str, rnd: random.Random) -> str | None:
    positions = _body(serial)
    if len(positions) < 5:
        return None
    if rnd.random() < 0.08:
        return ""  # nothing could be restored
    chars = list(serial)
    for i in rnd.sample(positions, rnd.randint(2, 4)):
        doubt = _RESTORE_DOUBT.get(serial[i])
        chars[i] = f"[{''.join(sorted(serial[i] + doubt))}]" if doubt and rnd.random() < 0.6 else "?"
    return "".join(chars)


def apply_fault(fault: str, serial: str, rnd: random.Random) -> tuple[str, bool, str]:
    """Read `serial` with `fault`: returns (reading, obliterated, fault actually applied).

    A fault that cannot apply to this serial (no confusable character, too short …) falls back to a
    separator fault, and the returned kind says so, so that the truth file never lies.
    """
    out: str | None
    if fault in ("exact", "absent"):
        return serial, False, fault
    if fault == "confusable":
        out = _confusable(serial, rnd)
    elif fault == "cyrillic":
        out = _cyrillic(serial)
    elif fault == "separator":
        out = _separator(serial, rnd)
    elif fault in ("edit1", "edit2"):
        out = _edit(serial, 1 if fault == "edit1" else 2, rnd)
    elif fault == "transposition":
        out = _transposition(serial, rnd)
    elif fault in ("unknown1", "unknown2", "unknown3"):
        out = _unknown(serial, int(fault[-1]), rnd)
    elif fault == "prefix_unknown":
        out = _prefix_unknown(serial, rnd)
    elif fault == "obliterated":
        out = _obliterated(serial, rnd)
        if out is not None:
            return out, True, fault
    else:
        raise ValueError(f"unknown fault kind {fault!r}")
    if out is None or out == serial:
        return _separator(serial, rnd), False, "separator"
    return out, False, fault
