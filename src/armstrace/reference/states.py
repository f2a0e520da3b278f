"""States that no longer exist but still name where a weapon was made (ISO 3166-3: SU, YU, CS).

The reference tables record a factory by the country it stands in today (Izhevsk `RU`); a weapon made there
in 1980 was made in the Soviet Union, and a report must say so, or the same rifle model is counted under two
countries. The year of manufacture decides.
"""

from __future__ import annotations

__all__ = ["country_at"]

# The states that no longer exist, by the present countries whose factories they held and the years they held them
# (first, last): a weapon made there then was made in that state (an Izhevsk AKM of 1980 is Soviet, of 2005
# Russian). East Germany is left out: the tables' DE does not tell Suhl from Oberndorf.
_FORMER_SPANS: dict[str, dict[str, tuple[int, int]]] = {
    "SU": {**dict.fromkeys(("RU", "UA", "BY", "KZ", "KG", "UZ", "AM", "AZ", "GE", "MD", "TJ", "TM"), (1922, 1991)),
           **dict.fromkeys(("EE", "LV", "LT"), (1940, 1991))},
    "YU": {**dict.fromkeys(("BA", "HR", "SI", "MK"), (1945, 1991)), **dict.fromkeys(("RS", "ME"), (1945, 2002))},
    "CS": dict.fromkeys(("CZ", "SK"), (1918, 1992)),
}  # fmt: skip


def country_at(code: str | None, year: int | str | None) -> str | None:
    """The state a factory in ``code`` (today's country) belonged to in ``year``: SU, YU or CS, else ``code``."""
    if not code or year is None or not str(year).strip().isdigit():
        return code
    when = int(str(year).strip())
    for former, members in _FORMER_SPANS.items():
        span = members.get(code.upper())
        if span and span[0] <= when <= span[1]:
            return former
    return code
