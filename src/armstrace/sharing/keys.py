"""The set elements two parties compare privately: confusion skeletons and their deletion neighbourhoods.

Both sides key a serial on its confusion skeleton (``armstrace.serials.skeleton`` of the normalised form),
so ``W1OO4340`` and ``W1004340`` meet exactly. Near mode adds one-deletion neighbourhoods on both sides
(FastSS): the holder offers ``S``+skeleton and ``D``+each skeleton with one character deleted; the requester
asks ``S``+reading, ``S``+each deletion (the reading has an extra character), ``D``+reading (it lost one)
and ``D``+each deletion (one character substituted, or two neighbours swapped). Tags keep the kinds apart,
so two deletions never meet a full skeleton. Every reading is padded to the same number of elements
with random ones, so the holder learns how many readings were asked and nothing of their lengths.
"""

from __future__ import annotations

import secrets

__all__ = [
    "DUMMY",
    "EXACT",
    "NEAR",
    "NEAR_MAX_LENGTH",
    "NEAR_MIN_LENGTH",
    "holder_elements",
    "reading_elements",
    "slots",
]

#: Element kinds in the requester's private state.
EXACT, NEAR, DUMMY = 0, 1, -1
#: Deletions are taken over the first NEAR_MAX_LENGTH characters (real serials are shorter).
NEAR_MAX_LENGTH = 16
#: Shorter skeletons get no near elements: one edit from a 3-character serial names half the inventory.
NEAR_MIN_LENGTH = 5


def slots(near: bool) -> int:
    """Elements per reading in an ask (fixed, so the count reveals only the number of readings)."""
    return 2 + 2 * NEAR_MAX_LENGTH if near else 1


def _deletions(key: str) -> list[str]:
    if len(key) < NEAR_MIN_LENGTH:
        return []
    return list(dict.fromkeys(key[:i] + key[i + 1 :] for i in range(min(len(key), NEAR_MAX_LENGTH))))


def holder_elements(key: str, near: bool) -> list[str]:
    """The holder's elements for one skeleton."""
    return ["S" + key] + (["D" + d for d in _deletions(key)] if near else [])


def reading_elements(key: str, near: bool) -> list[tuple[str, int]]:
    """The requester's elements for one reading's skeleton, with their kinds, padded to ``slots(near)``."""
    out = [("S" + key, EXACT)]
    if near:
        dels = _deletions(key)
        if dels:
            out.append(("D" + key, NEAR))
        out += [("S" + d, NEAR) for d in dels] + [("D" + d, NEAR) for d in dels]
    out = list(dict(out).items())  # a deletion equal to another element is asked once
    while len(out) < slots(near):
        out.append(("X" + secrets.token_hex(16), DUMMY))
    return out[: slots(near)]
