"""`<design> from <country>`: where the item came from is where it was made when that country's factories make the
design's family; otherwise it is where the item was (identY2, issue 14)."""

from __future__ import annotations

from armstrace.identify import identify


def test_design_from_a_country_that_makes_its_family_is_the_origin() -> None:
    assert identify("TT-33 from Romania, import safety added, 7.62x25mm").country == "RO"


def test_design_from_a_country_with_no_such_factory_stays_a_place() -> None:
    assert identify("TT-33 pistol from Afghanistan").country is None
    assert identify("AK-47 from Libya").country is None


def test_from_not_said_of_the_design_stays_a_place() -> None:
    assert identify("pistol TT-33, bought from Romania's police surplus").country != "RO"
