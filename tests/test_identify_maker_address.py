"""A maker no row holds takes its country from the place its address names (identY, issue 14): `CDET Explosive
Industries Pvt. Ltd., Talegaon, Wardha, Maharashtra` is Indian because Maharashtra is. The place must be one
country's (places.csv and the first-level divisions) and stand in the address's clause, before any word saying
where the item was found.

The texts are written for the rule (no case of any test set); each failed before it, except the guards marked.
"""

from __future__ import annotations

from armstrace.identify import identify


def test_an_unlisted_makers_address_gives_its_country() -> None:
    r = identify("gelatine sticks, box marked Vindhya Explosives Pvt. Ltd., Sagar Road, Bhopal, Madhya Pradesh")
    assert r.country == "IN"
    assert any("address" in e.note for e in r.evidence if e.field == "country")
    assert identify("non-electric detonators, Kano Blasting Industries Ltd., Zaria, Kaduna State").country == "NG"


def test_a_place_after_the_address_clause_is_not_the_makers() -> None:  # guards
    r = identify("detonators of Vindhya Explosives Pvt. Ltd. recovered in Kano")
    assert not any("address" in e.note for e in r.evidence if e.field == "country")
    r = identify("detonators of Vindhya Explosives Pvt. Ltd.; seized at Kumasi, Ashanti")
    assert not any("address" in e.note for e in r.evidence if e.field == "country")
