"""An absent weapon is an unrecorded member of a registered series: where a misread is evidence of absence.

The registry here is dense consecutive consignments of eight-digit serials (as Norinco's are), one with
a gap. An unrecorded weapon of a consignment differs from its registered neighbours in the number's last
digits; a reading that differs from every registry serial in a leading digit is a misread of one.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from armstrace.linkage import Matcher
from armstrace.linkage.absence import NEAR_DIGITS, near_positions, neighbour_reads_so

_STARTS = (26014000, 26350200, 56398000, 56399200, 66057100, 66410000)
_SIZE = 600
_GAP = 56399481  # never recorded: a gap inside the consignment 56399200..56399799


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    serials = [str(n) for start in _STARTS for n in range(start, start + _SIZE) if n != _GAP]
    return Matcher.from_table(pa.table({"record_id": [f"R{i}" for i in range(len(serials))], "serial": serials}))


def test_near_positions_are_the_numbers_last_digits() -> None:
    assert list(near_positions("56399481")) == [5, 6, 7]
    assert list(near_positions("BER642851Z")) == [6, 7, 8]  # the number, not the trailing letter
    assert list(near_positions("W12")) == [1, 2] and NEAR_DIGITS == 3
    assert neighbour_reads_so("56399418", "56399481") and not neighbour_reads_so("54399481", "56399481")
    assert not neighbour_reads_so("5639948", "56399481")


@pytest.mark.parametrize(
    "reading, truth", [("54399480", "56399480"), ("56699234", "56399234"), ("26814123", "26014123")]
)
def test_a_leading_digit_misread_onto_no_serial_is_a_misread(matcher: Matcher, reading: str, truth: str) -> None:
    """No consignment reaches the reading: no unrecorded weapon carries it, a misread of ``truth`` does."""
    top = matcher.search(reading, limit=3)
    assert top[0].matched_serial == truth
    assert top[0].probability > 0.8
    assert "an unrecorded neighbour would read so" not in top[0].explanation[1].text


@pytest.mark.parametrize("reading", [str(_GAP), "56399800"])
def test_a_last_digit_misread_inside_a_dense_consignment_still_hedges(matcher: Matcher, reading: str) -> None:
    """The gap, and the number after the consignment's end, are one last digit from registered serials: an
    unrecorded weapon of the consignment reads so as well as a misread of one of them."""
    top = matcher.search(reading, limit=3)
    assert top[0].probability < 0.6
    assert "an unrecorded neighbour would read so" in top[0].explanation[1].text


@pytest.mark.parametrize("past", [1, 2, 3])
def test_an_absent_weapon_just_past_a_consignments_end_is_no_false_match(matcher: Matcher, past: int) -> None:
    for start in _STARTS:
        top = matcher.search(str(start + _SIZE - 1 + past), limit=3)
        assert not top or top[0].probability < 0.5, (start, past, top[0])
