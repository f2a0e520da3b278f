"""Synthetic explosives and IED components for the worked case: supply records and what was recovered.

Every name here is invented and says so ("Synthetic ... A"); no real maker, distributor or mine is named or
implied. The shape follows what published component tracing found (Conflict Armament Research, *Tracing the
supply of components used in Islamic State IEDs*, 2016; see docs/synthetic.md): commercial detonators,
detonating cord and explosives made and sold legally, identified by the maker's marks and the date-shift or
lot codes on the items and their packaging, traded lawfully manufacturer → distributor → a smaller licensed
user (mining), then diverted and recovered within months; military fuzes and explosives from old state stock
reported lost.
The recovered codes carry the misreadings a field examiner makes (``O`` for ``0``, an unreadable character).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["RECOVERED", "SUPPLY", "Recovered", "SupplyLine"]

MAKER = "Synthetic Explosives Maker A"
DISTRIBUTOR = "Synthetic Distributor B"
LICENSEE = "Synthetic Mining Licensee C"
DEPOT = "Synthetic Military Depot D"


class SupplyLine(NamedTuple):
    """One synthetic supply record (a transfer of a lot or of one date-shift's production)."""

    component: str
    code: str  # lot or date-shift code as the supplier records it
    manufacturer: str
    year: int
    quantity: int
    from_holder: str
    to_holder: str
    to_country: str | None
    date: str
    document_ref: str


class Recovered(NamedTuple):
    """One synthetic recovered component: what an examiner read on it and its packaging."""

    code: str  # the item's code at the incident
    component: str
    manufacturer: str | None
    marks: str
    lot: str | None
    date_shift: str | None
    quantity: float
    packaging: str | None


SUPPLY = (
    SupplyLine("detonator", "14MAR24A", MAKER, 2024, 20_000, MAKER, DISTRIBUTOR, None, "2024-04-20", "SYN-INV-24-0311"),
    SupplyLine("detonator", "14MAR24B", MAKER, 2024, 20_000, MAKER, DISTRIBUTOR, None, "2024-04-20", "SYN-INV-24-0311"),
    SupplyLine("detonator", "02FEB24A", MAKER, 2024, 15_000, MAKER, DISTRIBUTOR, None, "2024-03-01", "SYN-INV-24-0207"),
    SupplyLine("detonator", "14MAR24A", MAKER, 2024, 2_000, DISTRIBUTOR, LICENSEE, "PK", "2024-07-15", "SYN-DO-24-118"),
    SupplyLine("detonating-cord", "DC-2405-117", MAKER, 2024, 30_000, MAKER, DISTRIBUTOR, None, "2024-06-10",
               "SYN-INV-24-0433"),
    SupplyLine("detonating-cord", "DC-2405-118", MAKER, 2024, 30_000, MAKER, DISTRIBUTOR, None, "2024-06-10",
               "SYN-INV-24-0433"),
    SupplyLine("detonating-cord", "DC-2405-117", MAKER, 2024, 5_000, DISTRIBUTOR, LICENSEE, "PK", "2024-07-15",
               "SYN-DO-24-118"),
    SupplyLine("commercial-explosive", "20SEP24C", MAKER, 2024, 5_000, MAKER, LICENSEE, "PK", "2024-10-02",
               "SYN-INV-24-0702"),
    SupplyLine("fuze", "FZ-89-0417", "Synthetic State Factory E", 1989, 4_000, "Synthetic State Factory E", DEPOT,
               None, "1990-02-11", "SYN-EUC-90-004"),
    SupplyLine("military-explosive", "TNT-88-113", "Synthetic State Factory E", 1988, 2_500,
               "Synthetic State Factory E", DEPOT, None, "1989-06-30", "SYN-EUC-89-019"),
)  # fmt: skip

RECOVERED = (
    Recovered("EXP-1", "detonator", MAKER, "SYNTHETIC MAKER A / ELECTRIC DELAY DETONATOR NO. 4 / DANGER EXPLOSIVE",
              None, "14MAR24A", 12, "carton label: 25 ELECTRIC DETONATORS 14MAR24A (synthetic)"),
    Recovered("EXP-2", "detonating-cord", MAKER, "SYNTHETIC MAKER A DET CORD 10 G/M", "DC-24O5-117", None, 35,
              "spool label, partly burnt: DC-24O5-117"),
    Recovered("EXP-3", "commercial-explosive", MAKER, "SYNTHETIC MAKER A EMULSION 1.1D", None, "20 SEP 24 C", 25,
              "cartridge wrapper: 20 SEP 24 C"),
    Recovered("EXP-4", "fuze", None, "FZ-89-04?7 (stamped, corroded)", "FZ-89-04?7", None, 2, None),
)  # fmt: skip
