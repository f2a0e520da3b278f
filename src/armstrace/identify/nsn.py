"""NATO stock numbers: the supply class says the kind of item, the codification bureau the country that
codified it.
"""

from __future__ import annotations

import re

from .result import Evidence, Identification
from .scan import Scan

__all__ = [
    "FSC_KIND",
    "read_nsn",
]


_NSN = re.compile(r"\b(\d{4})[-\s]?(\d{2})[-\s]?(\d{3})[-\s]?(\d{4})\b")


FSC_KIND = {
    "1005": "firearm",
    "1010": "firearm",
    "1015": "firearm",
    "1095": "firearm",
    "1305": "ammunition",
    "1310": "ordnance",  # ammunition over 30 mm up to 75 mm (40 mm grenades, 60 mm mortar bombs)
    "1315": "ordnance",
    "1320": "ordnance",
    "1330": "ordnance",  # grenades
    "1340": "ordnance",  # rockets
    "1345": "ordnance",  # land mines
    "1390": "ordnance",  # fuzes and primers
    "1375": "explosive",
    "1376": "explosive",
    "1377": "explosive",
    "8140": "packaging",
}


def read_nsn(scan: Scan, result: Identification, conf: dict[str, float]) -> tuple[str, str] | None:
    match = _NSN.search(scan.text)
    if not match:
        return None
    fsc, ncb = match.group(1), match.group(2)
    result.nsn = "-".join(match.groups())
    row = next((r for r in scan.ix.ref.nsn_countries if r.code == ncb), None)
    for i, tok in enumerate(scan.tokens):  # the NSN's digits are not a serial or a year
        if tok.text in match.groups():
            scan.used.add(i)
    country = row.country if row else ""
    result.evidence.append(
        Evidence(
            "nsn",
            match.group(0),
            "nsn_countries",
            ncb,
            country,
            0.4,
            f"NATO stock number: supply class {fsc}, codification bureau {ncb}"
            + (f" ({row.country_name})" if row else " (bureau not in table)"),
        )
    )
    return fsc, country
