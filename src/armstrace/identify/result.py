"""The result of identification: one standard description of a marking and the evidence behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from armstrace.values import ItemKind, choices

__all__ = ["KINDS", "Alternative", "Evidence", "Identification"]


# ordnance: rockets and their launchers, grenades, mortar bombs, fuzes, mines, missiles; explosive: bulk
# explosives, charges and detonators; packaging: crates and boxes of ammunition or ordnance.
KINDS = choices(ItemKind)


@dataclass(frozen=True)
class Evidence:
    """One reason behind a field: the words of the marking, the table and row they matched."""

    field: str
    text: str
    table: str
    row: str
    value: str
    weight: float
    note: str = ""


@dataclass(frozen=True)
class Alternative:
    """A reading the engine could not rule out: a value of one field, its score and why."""

    field: str
    value: str
    score: float
    evidence: tuple[str, ...] = ()


@dataclass
class Identification:
    """The standard description of one marking; None means the marking does not say."""

    text: str
    kind: str | None = None
    manufacturer: str | None = None
    manufacturer_id: str | None = None
    country: str | None = None
    model: str | None = None
    family: str | None = None
    relation: str | None = None  # licence, copy or derivative of `based_on`; original
    based_on: str | None = None
    weapon_type: str | None = None
    calibre: str | None = None
    year: int | None = None
    importer: str | None = None
    import_country: str | None = None
    #: SU, YU or CS when the factory's country belonged to that state in ``year`` (``country`` is today's)
    state_at_manufacture: str | None = None
    serial: str | None = None
    nsn: str | None = None
    confidence: float = 0.0
    field_confidence: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    # readings left open (several makers fit) or in conflict (a brand against MADE IN another country)
    alternatives: list[Alternative] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # illegible stretches and codes no table explains

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
