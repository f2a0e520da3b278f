"""Who imported it: the import marks and importers' locations found, combined per importer (noisy-or); with no
listed importer, the name an `IMPORTED BY` label stamps (27 CFR 478.92 has US importers mark name, city and state)."""

from __future__ import annotations

from typing import Any

from .result import Evidence, Identification
from .scan import (
    Scan,
    imported_by_span,
    phrase_weight,
)
from .text import Hit, longest

__all__ = ["decide_importer", "import_clause", "labelled_importer"]

# Words that end an importer's name after its label: the country-of-origin clause that follows on the same line.
_LABEL_ENDS = frozenset({"BY", "PAR", "POR", ":"})
_FIRM_ENDS = frozenset({"CO", "CORP", "INC", "LLC", "LTD", "GMBH", "SA", "SRL", "COMPANY", "CORPORATION"})
_NAME_ENDS = frozenset({"MADE", "MFD", "MANUFACTURED", "PRODUCED", "ASSEMBLED", "CAL", "CALIBER", "CALIBRE"})


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
    else:
        labelled_importer(scan, result, conf)


def labelled_importer(scan: Scan, result: Identification, conf: dict[str, float]) -> None:
    """`IMPORTED BY ACME ARMS CO HOUSTON TX`: the words after the label up to the importer's town name a firm that is
    neither the maker nor in the country of manufacture; the town's country, when one place fits, is the importer's.
    Only a stamped (upper-case) run of one to five words counts: prose (`imported by a dealer in 1990`) names none."""
    span = sorted(imported_by_span(scan))
    if not span:
        return
    run = [span[0]]
    for i in span[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    places = [h for h in longest(scan.find(scan.ix.locations)) if h.start in run]
    stop = min((h.start for h in places), default=run[-1] + 1)
    name: list[str] = []
    for i in run:
        word, raw = scan.tokens[i].text, scan.tokens[i].raw
        if not name and word in _LABEL_ENDS:
            continue
        if i >= stop or word in _NAME_ENDS or any(c.isdigit() for c in word):
            break
        name.append(raw.rstrip(",;:"))
        if word in _FIRM_ENDS or raw.endswith(","):
            break  # ACME ARMS CO, NASHVILLE TN: the firm's name ends at its company word or its comma
    text = " ".join(name)
    if not 1 <= len(name) <= 5 or text not in result.text:  # stamped as written: upper case, as on the gun
        return
    countries = {r.country for h in places[:1] for r in _maker_rows(scan, h)}
    result.importer = text
    result.import_country = countries.pop() if len(countries) == 1 else None
    conf["importer"] = 0.6
    result.evidence.append(
        Evidence("importer", text, "", "", text, 0.6, "named after an import label: the importer, not the maker")
    )


def _maker_rows(scan: Scan, hit: Hit) -> list[Any]:
    ids = {str(p) for p in hit.payloads}
    return [m for m in scan.ix.ref.manufacturers if m.manufacturer_id in ids]


def import_clause(scan: Scan) -> set[int]:
    """The tokens of an `IMPORTED BY` clause up to its country-of-origin or maker words (`IMPORTED BY KASSNAR, MADE
    BY FEG BUDAPEST`): a town in it is the importer's, one after `MADE` may be the maker's."""
    if (kept := scan.memo.get("import_clause")) is None:
        out: set[int] = set()
        ended = -1
        for i in sorted(imported_by_span(scan)):
            if i <= ended:
                continue
            if scan.tokens[i].text in _NAME_ENDS:
                line = scan.tokens[i].line
                ended = max((j for j in imported_by_span(scan) if scan.tokens[j].line == line), default=i)
                continue
            out.add(i)
        kept = scan.memo["import_clause"] = frozenset(out)
    return set(kept)
