"""Serial normalisation, confusion classes, the skeleton key and the query syntax."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrace.exceptions import QuerySyntaxError
from armstrace.linkage.keys import normalise_column, skeleton_column
from armstrace.serials import ANY, STAR, normalise, parse_query, skeleton, strip_embedded_letters


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("w 100-4340", "W1004340"),
        ("W1ОО4340", "W1OO4340"),  # Cyrillic О
        ("ＡＢ１２３", "AB123"),  # full width
        ("s/n: 12.34", "SN1234"),
        ("٣٤٥", "345"),  # Arabic-Indic digits
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_skeleton_merges_confusable_readings() -> None:
    assert skeleton("W1OO4340") == skeleton("W1004340") == skeleton("w-1DQ4340")
    assert skeleton("SB2IG") == skeleton("58216")
    assert skeleton("W1004340") != skeleton("W1004341")


def test_embedded_letters_rule() -> None:
    assert strip_embedded_letters("369J257") == "369257"
    assert strip_embedded_letters("AB369J257C") == "AB369257C"  # only letters between digits
    assert parse_query("369J257").without_embedded_letters().literal == "369257"


def test_query_syntax() -> None:
    q = parse_query("W10?43[0O]*")
    assert q.elements == ("W", "1", "0", ANY, "4", "3", frozenset("0O"), STAR)
    assert not q.is_literal and q.has_star and q.known == 5
    assert parse_query("w 100-4340").literal == "W1004340"
    assert parse_query("A[0-3]").elements[1] == frozenset("0123")
    assert parse_query("A**B").elements == ("A", STAR, "B")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("W1[23", "position 3"),
        ("W1]", "position 3"),
        ("W%1", "position 2"),
        ("A[]", "position 2"),
        ("A[3-1]", "position 4"),
        ("A[?]", "position 3"),
        ("***", "position 1"),
        ("  ", None),
    ],
)
def test_malformed_queries_name_the_position(text: str, position: str | None) -> None:
    with pytest.raises(QuerySyntaxError) as err:
        parse_query(text)
    if position:
        assert position in str(err.value)


@given(st.text(max_size=20))
def test_normalise_is_idempotent_and_skeleton_agrees(text: str) -> None:
    n = normalise(text)
    assert normalise(n) == n
    assert skeleton(n) == skeleton(text)
    assert all(c.isalnum() for c in n)


@given(st.text(max_size=16))
def test_parse_query_raises_only_query_syntax_errors(text: str) -> None:
    try:
        q = parse_query(text)
    except QuerySyntaxError:
        return
    assert q.known + sum(1 for e in q.elements if isinstance(e, frozenset)) >= 1


@given(st.lists(st.text(alphabet="abcdeoOIlsSBzZ0123456789 -/ОВМДЖ", max_size=12), max_size=20))
def test_columnar_keys_equal_the_row_functions(values: list[str]) -> None:
    norm = normalise_column(pa.array(values, type=pa.string()))
    assert norm.to_pylist() == [normalise(v) for v in values]
    assert skeleton_column(norm).to_pylist() == [skeleton(v) for v in values]
