"""A US munitions designator takes its number (identZ3): `CBU-58A/B` is no Type 58A rifle."""

from __future__ import annotations

from armstrace.identify import identify


def test_designator_number_is_not_read_as_a_model() -> None:
    result = identify("SUU-30 dispenser, CBU-58A/B")
    assert result.model != "Type 58A"
    assert result.country == "US"
    assert result.kind == "ordnance"


def test_model_named_alone_or_beside_no_designator_is_still_read() -> None:
    assert identify("Type 58A rifle").model == "Type 58A"
    assert identify("the MAU 12 team, Type 58A").model == "Type 58A"
    assert identify("BLU-63 bomblet").model == "BLU-63"
