"""Who imported it: the import marks and importers' locations found, combined per importer (noisy-or)."""

from __future__ import annotations

from typing import Any

from .result import Evidence, Identification
from .scan import (
    Scan,
    phrase_weight,
)
from .text import Hit

__all__ = ["decide_importer"]


def decide_importer(scan: Scan, hits: list[Hit], result: Identification, conf: dict[str, float]) -> None:
    scores: dict[str, float] = {}
    rows: dict[str, Any] = {}
    for hit in hits:
        is_place = not any(p in scan.ix.importers.get(hit.key) for p in hit.payloads)
        for imp in hit.payloads:
            name = imp.importer
            w = (0.5 if is_place else phrase_weight(hit.key)) / len(hit.payloads)
            scores[name] = 1 - (1 - scores.get(name, 0.0)) * (1 - w)
            rows[name] = imp
            result.evidence.append(
                Evidence(
                    "importer",
                    scan.raw(hit),
                    "import_marks",
                    name,
                    name,
                    round(w, 2),
                    "importer's location" if is_place else "import mark",
                )
            )
        scan.mark(hit)
    if scores:
        name = max(scores, key=lambda k: scores[k])
        if scores[name] >= 0.5:
            result.importer, result.import_country = name, rows[name].country
            conf["importer"] = scores[name]
