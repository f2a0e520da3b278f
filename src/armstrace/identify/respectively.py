"""Items and their makers or countries paired in order by "respectively": `the AKM and the PKM were made in Romania
and Bulgaria respectively` pairs the AKM with Romania and the PKM with Bulgaria.

The engine takes one item from a text; when the sentence lists several designs and as many countries (or makers)
after them with a word of respective order, the item taken gets the country or maker at its own place in the list,
not the first one named or the one the tables' evidence prefers. The words: English respectively, French
respectivement, Spanish and Portuguese respectivamente, Italian rispettivamente, Russian соответственно, Ukrainian
відповідно, German beziehungsweise (bzw.) and jeweils (https://en.wiktionary.org/wiki/respectivement,
https://en.wiktionary.org/wiki/respectivamente, https://en.wiktionary.org/wiki/%D1%81%D0%BE%D0%BE%D1%82%D0%B2%D0%B5%D1%82%D1%81%D1%82%D0%B2%D0%B5%D0%BD%D0%BD%D0%BE,
https://en.wiktionary.org/wiki/beziehungsweise, https://en.wiktionary.org/wiki/jeweils).
"""

from __future__ import annotations

from .result import Evidence, Identification
from .scan import Scan
from .text import Hit, longest

__all__ = ["RESPECTIVELY", "pair_respectively"]

# as the index reads them: upper case, accents folded
RESPECTIVELY = frozenset(
    {"RESPECTIVELY", "RESPECTIVEMENT", "RESPECTIVAMENTE", "RISPETTIVAMENTE", "СООТВЕТСТВЕННО", "ВІДПОВІДНО"}
    | {"BEZIEHUNGSWEISE", "BZW", "JEWEILS"}
)
_WHY = "paired with the item by the order of a respectively list"


def _groups(hits: list[Hit]) -> list[list[Hit]]:
    """Hits in text order, overlapping ones merged: one group per item named."""
    out: list[list[Hit]] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and any(h.overlaps(g) for g in out[-1]):
            out[-1].append(h)
        else:
            out.append([h])
    return out


def _code(hit: Hit) -> str:
    payload = hit.payloads[0]
    return str(payload[1] if isinstance(payload, tuple) else payload)


def pair_respectively(scan: Scan, result: Identification) -> None:
    """Set the country (and the maker, where makers are listed) paired with the chosen model by a respectively
    list on the model's line."""
    if not result.model or not RESPECTIVELY & set(scan.words):
        return
    cue = next(i for i, w in enumerate(scan.words) if w in RESPECTIVELY)
    line = scan.tokens[cue].line
    models = [h for h in scan.model_hits if scan.tokens[h.start].line == line]
    items = _groups(models)
    if len(items) < 2:
        return
    place = next(
        (k for k, g in enumerate(items) if any(getattr(p, "model", "") == result.model for h in g for p in h.payloads)),
        None,
    )
    if place is None:
        return
    last = max(h.end for h in models)
    countries = [
        h
        for h in longest(scan.find(scan.ix.countries))
        if h.start >= last and scan.tokens[h.start].line == line and not any(h.overlaps(m) for m in models)
    ]
    makers = [
        h
        for h in scan.maker_hits
        if h.start >= last and scan.tokens[h.start].line == line and not any(h.overlaps(m) for m in models)
    ]
    ref = scan.ix.ref
    if len(makers) == len(items):
        maker = ref.manufacturer(str(makers[place].payloads[0]))
        if maker is not None and maker.manufacturer_id != result.manufacturer_id:
            result.manufacturer, result.manufacturer_id = maker.name, maker.manufacturer_id
            result.evidence.append(
                Evidence(
                    "manufacturer",
                    scan.raw(makers[place]),
                    "manufacturers",
                    maker.manufacturer_id,
                    maker.name,
                    0.7,
                    _WHY,
                )
            )
        if maker is not None and not countries:
            result.country = maker.country or result.country
        return
    codes = [_code(h) for h in countries]
    if len(codes) != len(items) or len(set(codes)) < 2:
        return
    paired = codes[place]
    if paired != result.country:
        result.country = paired
        result.evidence.append(Evidence("country", scan.raw(countries[place]), "", "", paired, 0.7, _WHY))
    own = ref.manufacturer(result.manufacturer_id or "")
    if own is not None and own.country and own.country != paired:
        # `AKM and AK-74 made in Romania and Bulgaria`: a maker read for another country's item is not this one's
        why = f"{own.name} is of {own.country}, not {paired}, the country the list pairs with the item"
        result.evidence.append(Evidence("manufacturer", "", "manufacturers", own.manufacturer_id, "", 0.0, why))
        result.manufacturer = result.manufacturer_id = None
