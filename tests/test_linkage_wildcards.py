"""Wildcard look-ups (``SerialIndex.pattern``): the byte-matrix walk and the column check of star-free
patterns give the rows whose key the pattern's regular expression matches, as the string walk did."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from armstrace.linkage import kernels
from armstrace.linkage.index import SerialIndex
from armstrace.linkage.keys import decode_codes
from armstrace.linkage.wildcards import pattern_regex
from armstrace.serials import ANY, STAR, Element

_CHARS = "0123456789ABKZ"


def _index() -> SerialIndex:
    rng = random.Random(6)
    serials = [f"KA{i:05d}" for i in range(0, 20_000, 7)]
    serials += ["".join(rng.choice(_CHARS) for _ in range(rng.randint(3, 10))) for _ in range(4_000)]
    return SerialIndex(pa.array(serials), np.arange(len(serials)))


def _patterns(rng: random.Random, keys: list[str], n: int) -> list[list[Element]]:
    """Patterns of characters, ``?``, sets (some holding a character no key holds) and at most one ``*``
    (in place of a span), with the wildcards at the start, the end or inside (so either end's walk may be
    the narrower): half made from a key (most match it), half at random (most match nothing)."""
    out: list[list[Element]] = []
    for i in range(n):
        text = rng.choice(keys) if i % 2 else "".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 11)))
        elements: list[Element] = []
        for c in text:
            r = rng.random()
            if r < 0.2:
                elements.append(ANY)
            elif r < 0.3:
                elements.append(frozenset([c, *rng.sample(_CHARS + "Q", rng.randint(0, 3))]))
            else:
                elements.append(c)
        if rng.random() < 0.25:
            at = rng.randint(0, len(elements))
            elements[at : at + rng.randint(0, 3)] = [STAR]
        out.append(elements)
    return out


@pytest.mark.parametrize("compiled", [False, True])
def test_patterns_are_the_rows_whose_key_the_regex_matches(monkeypatch: pytest.MonkeyPatch, compiled: bool) -> None:
    index = _index()
    monkeypatch.setattr(kernels, "_COMPILED", None)
    if compiled:
        kernels.compiled()
    keys = [decode_codes(k).encode() for k in index.by_row.tolist()]
    patterns = _patterns(random.Random(3), [k.decode() for k in keys], 400)
    got = index.patterns(patterns)
    found = 0
    for elements, rows in zip(patterns, got, strict=True):
        regex = pattern_regex(elements)
        want = [r for r, k in enumerate(keys) if regex.fullmatch(k)]
        assert rows.tolist() == want, elements
        found += bool(want)
    assert found > 100
    assert [r.tolist() for r in got] == [index.pattern(p).tolist() for p in patterns]
