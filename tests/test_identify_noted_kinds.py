"""A plant named alone takes the kind its maker row says it makes (identZ3): no gun from an ammunition plant."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.words.makes import note_kinds


def test_notes_are_read_as_kinds() -> None:
    assert note_kinds("making small-arms ammunition for the armed forces") == {"ammunition"}
    assert note_kinds("metal-working plant (artillery shells, mortar bombs, TNT)") == {"ordnance", "explosive"}
    assert note_kinds("Helwan pistols (Beretta M1951 licence)") == {"firearm"}
    assert note_kinds("Maker of the M16/M4 family") == frozenset()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Military Factory 300", "ammunition"),  # Abu Zaabal's ammunition plant: was read as a firearm
        ("Fabrica Militar Rio Tercero", None),  # shells and TNT: two kinds, left open
        ("Military Factory 300 rifle", "firearm"),  # a gun named stays a gun
        ("COLT", "firearm"),  # a row naming no product keeps the maker's usual reading
        ("Helwan", "firearm"),
    ],
)
def test_kind_follows_the_plant_row(text: str, kind: str | None) -> None:
    assert identify(text).kind == kind
