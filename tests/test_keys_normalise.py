"""The columnar serial normalisation (``linkage.keys.normalise_column``) gives ``serials.normalise`` row by
row: its non-ASCII path maps code points with NumPy, so every kind of character is compared here."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from armstrace import serials
from armstrace.linkage import keys
from armstrace.linkage.keys import normalise_column
from armstrace.serials import CYRILLIC_SKELETON, normalise


def _same(values: list[str | None]) -> None:
    got = normalise_column(pa.array(values, pa.string())).to_pylist()
    assert got == [normalise(v) for v in values]


def _block(low: int, high: int) -> list[str]:
    return [chr(c) for c in range(low, high + 1) if not 0xD800 <= c <= 0xDFFF]


def test_every_lookalike_of_the_reference() -> None:
    characters = [*serials._LOOKALIKES, *CYRILLIC_SKELETON]
    _same(characters)  # one character a row
    _same([f"W{c}12-{c}" for c in characters])  # inside a serial, with separators


@pytest.mark.parametrize(
    ("low", "high"),
    [(0x0400, 0x052F), (0x0370, 0x03FF), (0xFF00, 0xFFEF), (0x0080, 0x024F), (0x0660, 0x06FF), (0x2000, 0x2BFF)],
    ids=["cyrillic", "greek", "full-width", "latin", "arabic-indic", "punctuation-and-symbols"],
)
def test_every_character_of_a_block(low: int, high: int) -> None:
    characters = _block(low, high)
    _same(characters)
    _same(["AB" + "".join(characters[i : i + 7]) + "9" for i in range(0, len(characters), 7)])


def test_random_unicode() -> None:
    rng = random.Random(18)
    pools = [_block(0x20, 0x7E), _block(0x80, 0x2FFF), _block(0xFF00, 0xFFEF), _block(0x10000, 0x1FAFF)]
    values: list[str | None] = []
    for _ in range(3000):
        pool = rng.choice(pools)
        values.append("".join(rng.choice(pool if rng.random() < 0.6 else pools[0]) for _ in range(rng.randint(0, 14))))
    values[::97] = [None] * len(values[::97])
    _same(values)


def test_mixed_column_with_nulls_empties_line_breaks_and_astral_characters() -> None:
    # "\n" was the separator of the former per-character path; a value of only separators becomes ""
    _same(["W100", None, "", "a\nb", "---", "ЛЕ-123", "№ 5", "x😀y", "𝟗𝟖", "ＡＢ１２３", "ß9", "٣٤٥", "ok"])


def test_a_slice_of_a_column() -> None:
    values = ["w-1", "ЛЕ 2", "Ｆ３", "ΑΒ4", "x", "é5"]
    column = pa.array(values * 3, pa.string()).slice(4, 9)
    assert normalise_column(column).to_pylist() == [normalise(v) for v in (values * 3)[4:13]]
    chunked = pa.chunked_array([pa.array(values[:3]), pa.array(values[3:])])
    assert normalise_column(chunked).to_pylist() == [normalise(v) for v in values]


def test_a_rule_giving_two_characters_takes_the_per_character_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def two(ch: str) -> str:
        return "AE" if ch == "Æ" else serials.normalise_char(ch)

    monkeypatch.setattr(keys, "normalise_char", two)
    monkeypatch.setattr(keys, "_CODE_POINTS", {})
    got = normalise_column(pa.array(["Æ1", "ЛЕ-2", "w 3"], pa.string())).to_pylist()
    assert got == ["AE1", "ЛE2", "W3"]
