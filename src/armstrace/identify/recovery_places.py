"""Places of recovery: a country named last after a comma, after one of its own towns, or beside ordnance its
factories never made, is where the item was found, not where it was made.
"""

from __future__ import annotations

import re

from .design_origin import design_countries, family_makers_countries, models_by_name, ordnance_type_countries
from .placement import made_before
from .places import place_before
from .result import Identification
from .scan import Scan
from .text import Hit, normalise, split_lines, tokenise
from .words import MONTHS

__all__ = [
    "found_at",
    "places_of_ordnance",
    "trailing_places",
]


def trailing_places(
    scan: Scan,
    model_name: str | None,
    maker_country: str | None,
    bare: list[tuple[str, str, Hit]],
    designed: str | None = None,
) -> list[tuple[str, str, Hit]]:
    """The bare country named alone after the last comma of the text (`Zastava M70 rifle, Somalia`,
    `AK-47 rifle, Afghanistan`): investigators end a description with where the item was found. It is that place
    unless the design's country, its family's makers or the maker identified are of that country (`G3 rifle, Iran`
    may be an Iranian G3; `Colt M4, USA` is Colt's country). `designed`: the nation of a designation read by
    grammar (`L98A2 rifle, Kenya`), which has no row."""
    if models_by_name(scan.ix.ref).get(model_name or "") is None and not maker_country and not designed:
        return []
    makers = design_countries(scan, model_name, maker_country) | ({designed} if designed else set())
    lines = split_lines(scan.text)
    if not lines:
        return []
    # the last line as written (`..., (RSF, Sudan)` ends in its place) and without its date and note
    last = _undated(lines[-1])
    ends = {len(scan.words): lines[-1], len(scan.words) - len(tokenise(lines[-1])) + len(tokenise(last)): last}
    out = []
    for b in bare:
        hit = b[2]
        if hit.end not in ends or b[0] in makers or not b[0] or made_before(scan, hit.start, hit.start + 1):
            continue  # "made locally in Kandahar, Afghanistan": where it was made
        head, comma, tail = ends[hit.end].rpartition(",")
        if comma and head.strip() and len(tokenise(tail)) == hit.end - hit.start:
            out.append(b)
    return out


# a closing note in brackets (`(2014)`, `(9th Division)`) and the date an account ends with (`Libya 2011`,
# `Egypt, 25 July 1942`, `Mali, 03/2013`): when and by whom, which says nothing of where the item was made
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_DATE = re.compile(r"[\s,]+(?:(?:\d{1,2}[./-])?\d{1,2}[./-])?(?:1[89]|20)\d\d\s*$")
_DAY_MONTH = re.compile(r"[\s,]+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?([^\W\d_]+)\s*$")


def _undated(line: str) -> str:
    """The line without a closing note in brackets and a date after the place it ends with: `FAL rifle, Libya
    2011` reads as `FAL rifle, Libya`. A word before the year is dropped with it only when it names a month
    (`Egypt, 25 July 1942`), and a year only from a line of clauses (`Model 1909` keeps it)."""
    bare = _NOTE.sub("", line)
    if (m := _DATE.search(bare)) and "," in bare[: m.start()]:  # `Model 1909`, no clauses: a designation's year
        bare = bare[: m.start()]
        if (day := _DAY_MONTH.search(bare)) and normalise(day.group(1)) in MONTHS:
            bare = bare[: day.start()]
    return bare if bare.strip() else line


def found_at(scan: Scan, hit: Hit, code: str, result: Identification) -> str:
    """The province or town of `code` named just before the country `hit` in a description ("AK-47, Kandahar,
    Afghanistan" → "KANDAHAR"), else "": no comma on the line (a stamped address, `MAYAK KYIV UKRAINE`), a making
    word anywhere before it on the line ("made by a gunsmith in Karachi, Pakistan": made there), or the country of
    the design's own row or of the maker identified (a town is a stronger sign of recovery than a country alone, so
    a family made in many countries does not keep it: `AK-47, Donetsk, Ukraine` gives no country)."""
    town, first = place_before(scan.ix.ref, scan.words, [t.line for t in scan.tokens], hit.start, code)
    if not town or made_before(scan, first, span=first + 1):
        return ""
    line = scan.tokens[hit.start].line
    lines = split_lines(scan.text)
    if line >= len(lines) or "," not in lines[line]:
        return ""
    maker = scan.ix.ref.manufacturer(result.manufacturer_id) if result.manufacturer_id else None
    own = design_countries(scan, result.model, maker.country if maker else None, family=False)
    return "" if code in own else town


def places_of_ordnance(
    scan: Scan, model_name: str | None, bare: list[tuple[str, str, Hit]], design_country: str
) -> list[tuple[str, str, Hit]]:
    """The bare country names that are places of recovery of an ordnance design: no made-in, no demonym, and no
    factory of that country makes ordnance of the design's type or family (`PMN mine, Kandahar, Afghanistan`:
    Afghanistan makes no mines). A country that does make them may have made a copy and is left to the usual rules.
    """
    row = models_by_name(scan.ix.ref).get(model_name or "")
    if row is None or row.kind != "ordnance":
        return []
    producers = ordnance_type_countries(scan.ix.ref).get(row.weapon_type, frozenset())
    producers |= family_makers_countries(scan.ix.ref).get(row.family, frozenset()) if row.family else frozenset()
    return [b for b in bare if b[0] != design_country and b[0] not in producers]
