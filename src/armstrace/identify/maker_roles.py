"""Whether a name found in a marking is this item's maker: a designer's or another maker's design, a person's
name, a name labelled or phrased as the maker, a foreign design, the item's own importer or a domestic maker.
"""

from __future__ import annotations

import functools
from typing import Any

from .licences import LICENCE, family_makers
from .maker_agents import design_owner, made_by_words
from .scan import Scan
from .text import Hit, compact
from .words import DESIGNER_GIVEN_NAMES, MADE_AFTER

__all__ = [
    "KIND_OF_MARK",
    "blocked",
    "designed_by",
    "domestic_maker",
    "foreign_design",
    "maker_phrase",
    "named_as_maker",
    "names_design",
    "namesake_families",
    "other_makers_design",
    "own_design_makers",
    "own_importer",
    "own_nationality_before",
    "persons_name",
    "serviced_by",
]


def other_makers_design(hit: Hit, model_hits: list[Hit]) -> str:
    """ "Baby Browning", "Browning Hi-Power": a maker's name inside a design that another maker makes."""
    own = {str(mid) for mid in hit.payloads}
    for m in model_hits:
        if not (m.start <= hit.start and hit.end <= m.end) or (m.start, m.end) == (hit.start, hit.end):
            continue
        makers = {str(getattr(p, "manufacturer_id", "") or "") for p in m.payloads}
        if "" not in makers and not (makers & own):
            return "part of a design made by another maker"
    return ""


def own_design_makers(hit: Hit, model_hits: list[Hit]) -> set[str]:
    """The makers a maker's mark shared by several rows (IZH: Izhmash and the Izhevsk Mechanical Plant) can be
    when it is part of a designation made by one of them (IZh-71), else an empty set (no restriction)."""
    own = {str(mid) for mid in hit.payloads}
    for m in model_hits:
        if len(own) < 2 or not (m.start <= hit.start and hit.end <= m.end) or (m.start, m.end) == (hit.start, hit.end):
            continue
        makers = {str(getattr(p, "manufacturer_id", "") or "") for p in m.payloads}
        if "" not in makers and makers & own:
            return makers & own
    return set()


def persons_name(scan: Scan, hit: Hit) -> bool:
    """True when a one-word maker name follows a given name: "John Browning", "Mikhail Kalashnikov"."""
    if hit.end - hit.start != 1 or hit.start == 0:
        return False
    line = scan.tokens[hit.start].line
    j = hit.start - 1
    if len(scan.words[j]) == 1 and j > 0:  # "John M. Browning"
        j -= 1
    return scan.words[j] in DESIGNER_GIVEN_NAMES and scan.tokens[j].line == line


def names_design(hit: Hit, model_hits: list[Hit]) -> bool:
    """True when a maker's name is the first word of a design named after it and made by others too.

    "Mauser Karabiner 98k", "Mauser 98": the family carries the designer's name, and a K98k was as often made
    by Steyr (bnz), Brno (dot) or Erma; the name alone is weak until a code, location or address agrees.
    """
    for m in model_hits:
        if m.start != hit.end:
            continue
        for row in m.payloads:
            family = compact(getattr(row, "family", "") or "")
            if family.startswith(hit.key) and getattr(row, "manufacturer_id", "") not in {*map(str, hit.payloads)}:
                return True
    return False


def namesake_families(scan: Scan, hit: Hit, mid: str) -> list[str]:
    """The families named after the maker's name (`Mauser` of the Mauser 98 family) that other factories made too.

    "Mauser M1880/1907, Kragujevac", "Karabin Mauser wz. 1898 — Fabryka Karabinów Spandau": the designer's or
    design's name said beside another factory is what the item is, not who made it (the tables' rows of the family
    list the makers: Mauser 98 by Steyr, Brno, Zastava, FN, MKEK...).
    """
    key = hit.key
    return [
        family
        for compacted, family, per_country in _compacted_families(scan.ix.ref)
        if compacted.startswith(key) and len(compacted) > len(key) and any(mid not in mk for mk in per_country)
    ]


@functools.lru_cache(maxsize=4)
def _compacted_families(ref: Any) -> tuple[tuple[str, str, tuple[frozenset[str], ...]], ...]:
    """Each family's name as the index reads names, with its makers per country: compacted once per reference."""
    return tuple((compact(f), f, tuple(per.values())) for f, per in family_makers(ref)[0].items())


def blocked(hit: Hit, blockers: list[Hit], imported_by: set[int]) -> str:
    for b in blockers:
        if hit.overlaps(b):
            kind = b.payloads[0].__class__.__name__
            return {
                "ImportMark": "part of an import mark",
                "Calibre": "part of a calibre name",
                "Model": "part of a model name",
            }.get(kind, "overlaps another mark")
    if imported_by & set(range(hit.start, hit.end)):
        return "named as importer"
    return ""


KIND_OF_MARK = [[w] for w in ("MARK", "MARKS", "MARKING", "MARKINGS", "STAMP", "CODE", "SYMBOL", "LOGO", "PROOF")]


_MAKER_LABELS = frozenset({"MANUFACTURER", "MAKER", "MAKE", "HERSTELLER", "FABRICANT", "FABRICANTE", "PRODUCER"})


_MADE_BY = frozenset({"MADE", "MANUFACTURED", "MFD", "MFG", "BUILT", "PRODUCED", "HERGESTELLT", "FABRIQUE"})


# German puts the participle after the name: "die von FÉG gefertigte Pistole", "von Walther hergestellt".
_MADE_AFTER_VON = frozenset(
    {
        "GEFERTIGT",
        "GEFERTIGTE",
        "GEFERTIGTEN",
        "HERGESTELLT",
        "HERGESTELLTE",
        "HERGESTELLTEN",
        "PRODUZIERT",
        "PRODUZIERTE",
        "PRODUZIERTEN",
        "GEBAUT",
        "GEBAUTE",
    }
)


def own_nationality_before(scan: Scan, hit: Hit, mid: str) -> bool:
    """True when the maker's own nationality stands right before its name: "a Hungarian FÉG PA-63", or says where
    the item was made ("Russian-made Baikal handguns", "Austrian made Glocks")."""
    row = scan.ix.ref.manufacturer(mid)
    if row is None or hit.start == 0:
        return False
    end = hit.start - 1 if scan.words[hit.start - 1] in MADE_AFTER else hit.start
    for size in (1, 2):
        if end - size < 0 or scan.tokens[end - size].line != scan.tokens[hit.start].line:
            continue
        for payload in scan.ix.countries.get(" ".join(scan.words[end - size : end])):
            code = payload[1] if isinstance(payload, tuple) else str(payload)
            if code == row.country:
                return True
    return False


# "made by" in other languages: a word of making, then "by" (fabricado por, prodotto da, wyprodukowany przez,
# κατασκευή ... από, sản xuất bởi), and "picked up by"/"taken up by" (a design a firm took up and made).
_BY = frozenset({"BY", "VON", "PAR", "POR", "DA", "DAL", "DALLA", "PRZEZ", "ΑΠΟ", "BOI"})
_MADE_BY_ELSEWHERE = frozenset(
    {"FABRICADO", "FABRICADA", "FABRICADOS", "FABRICADAS", "PRODUCIDO", "PRODUCIDA", "PRODUZIDO", "PRODUZIDA"}
    | {"PRODOTTO", "PRODOTTA", "PRODOTTI", "FABBRICATO", "FABBRICATA", "COSTRUITO", "COSTRUITA", "FABRIQUEE"}
    | {"PRODUIT", "PRODUITE", "WYPRODUKOWANY", "WYPRODUKOWANA", "WYPRODUKOWANE", "VYROBENO", "VYROBENA", "VYROBEN"}
    | {"ΚΑΤΑΣΚΕΥΗ", "ΚΑΤΑΣΚΕΥΑΣΤΗΚΕ", "ΚΑΤΑΣΚΕΥΑΣΜΕΝΟ", "ΠΑΡΑΓΩΓΗ", "XUAT", "ASSEMBLED"}
)
# Articles and pronouns between the word of making and the name ("κατασκευή του από την", "made by the").
_BETWEEN = frozenset({"THE", "A", "AT", "DE", "LA", "EL", "IL", "LO", "LE", "LES", "ΤΗΝ", "ΤΗ", "ΤΟΝ", "ΤΟ", "ΤΟΥ"})


_VON_MADE = [[w] for w in sorted(_MADE_AFTER_VON)]


# Words naming who designed or developed a design: its designer, not the item's maker ("developed by Izhmash").
_DESIGNED = frozenset({"DEVELOPED", "DESIGNED", "CONCEIVED", "INVENTED", "ENTWICKELT", "KONSTRUIERT", "DESARROLLADO"})
_DESIGNED = _DESIGNED | {"DESARROLLADA", "DISENADO", "DISENADA", "CONCU", "CONCUE", "PROGETTATO", "PROGETTATA"}
# A refurbisher's, importer's or seller's work before "assembled": the name after it did not make the item.
_SERVICED = frozenset(
    {"REFURBISHED", "OVERHAULED", "REBUILT", "REPAIRED", "CONVERTED", "IMPORTED", "SOLD", "RESTORED", "MODIFIED"}
    | {"UPGRADED", "RECONDITIONED", "SERVICED", "DISTRIBUTED", "REMANUFACTURED", "CUSTOMIZED", "CUSTOMISED"}
)
# Verbs of making a name after them outranks "assembled at": "made by Colt" says more than "assembled at".
_MADE_STRONG = frozenset({"MADE", "MANUFACTURED", "MFD", "BUILT", "PRODUCED", "HERGESTELLT", "FABRIQUE"})


def designed_by(scan: Scan, hit: Hit) -> bool:
    """True when the text names this name as the design's developer or designer ("developed by Izhmash",
    "designed by ArmaLite"): a designer, weak as a maker unless the text also says it made the item."""
    before = [w for w in scan.words[max(0, hit.start - 4) : hit.start] if w not in _BETWEEN]
    return (len(before) >= 2 and before[-1] in _BY and before[-2] in _DESIGNED) or design_owner(scan, hit)


def serviced_by(scan: Scan, hit: Hit) -> bool:
    """True when the text names this name as the item's refurbisher, importer or seller ("refurbished by Arsenal
    AD", "imported by Century Arms"): weak as a maker unless the text also says it made the item."""
    before = [w for w in scan.words[max(0, hit.start - 4) : hit.start] if w not in _BETWEEN]
    return len(before) >= 2 and before[-1] in _BY and before[-2] in _SERVICED


def maker_phrase(scan: Scan, hit: Hit) -> str:
    """The words by which the text names this as the maker: "made by (the) X", "Manufacturer: X", "Make: X", and
    "made by" in other languages ("fabricado por X", "κατασκευή του από την X", "picked up by X"), or ""."""
    before = [w for w in scan.words[max(0, hit.start - 5) : hit.start] if w not in _BETWEEN | {"VON"}]
    if before and before[-1] in _MAKER_LABELS:
        return before[-1]
    if hit.start and scan.words[hit.start - 1] == "VON" and scan.words[hit.end : hit.end + 1] in _VON_MADE:
        return f"VON ... {scan.words[hit.end]}"  # "die von FÉG gefertigte Pistole"
    if len(before) >= 3 and before[-3:] in (["PICKED", "UP", "BY"], ["TAKEN", "UP", "BY"]):
        return " ".join(before[-3:])
    # "assembled at Z111", "lắp ráp tại Z111" (assembled at), "sản xuất tại" (made at): the plant named is the maker
    raw = [w for w in scan.words[max(0, hit.start - 4) : hit.start] if w not in _BETWEEN - {"AT"}]
    if len(raw) >= 2 and raw[-1] in {"AT", "TAI"} and raw[-2] in _MADE_BY | _MADE_BY_ELSEWHERE | {"RAP"}:
        return " ".join(raw[-2:]) if not _assembly_only(scan, hit, raw[-2]) else ""
    if len(before) >= 2 and before[-1] in _BY and before[-2] in _MADE_BY | _MADE_BY_ELSEWHERE | LICENCE:
        if before[-2] in {"LICENSED", "LICENCED"} and (len(before) < 3 or before[-3] not in _MADE_BY | {"UNDER"}):
            return ""  # "Zastava M70, licensed by Izhmash": the licensor, not the maker
        return " ".join(before[-2:]) if not _assembly_only(scan, hit, before[-2]) else ""
    return made_by_words(scan, hit)  # "производства Ижмаш", "MKEK tarafından", "北方工业生产"


def _assembly_only(scan: Scan, hit: Hit, verb: str) -> bool:
    """True when "assembled at/by" names a refurbisher or kit assembler, not the maker: a service word just before
    ("refurbished and assembled at"), parts or a kit just after ("assembled at X from Y parts kit"), or the text
    also naming who made the item ("made by Colt")."""
    if verb not in {"ASSEMBLED", "RAP"}:
        return False
    words = scan.words
    j = next((k for k in range(hit.start - 1, -1, -1) if words[k] == verb), hit.start)
    if _SERVICED & set(words[max(0, j - 4) : j]) or {"PARTS", "KIT", "KITS"} & set(words[hit.end : hit.end + 6]):
        return True
    return any(words[k] in _MADE_STRONG and words[k + 1] in _BY for k in range(len(words) - 1))


def named_as_maker(scan: Scan, hit: Hit) -> bool:
    """True when the text names this as the maker (see `maker_phrase`)."""
    return bool(maker_phrase(scan, hit))


def foreign_design(scan: Scan, hit: Hit) -> str:
    """ "Turkish Mauser", "Swedish Mauser": a maker's name after another nation's name is a design name."""
    for size in (2, 1):
        if hit.start - size < 0 or scan.tokens[hit.start - size].line != scan.tokens[hit.start].line:
            continue
        for payload in scan.ix.countries.get(" ".join(scan.words[hit.start - size : hit.start])):
            code = payload[1] if isinstance(payload, tuple) else str(payload)
            rows = [scan.ix.ref.manufacturer(str(mid)) for mid in hit.payloads]
            made_in = isinstance(payload, tuple) and payload[0] == "made_in"
            if payload and not made_in and all(r is not None and r.country != code for r in rows):
                return "a design name after another nation's name"
    return ""


def own_importer(hit: Hit, importer_hits: list[Hit]) -> bool:
    """True when the import mark the maker's name sits in is that maker's own subsidiary (GLOCK, INC.)."""
    for imp_hit in importer_hits:
        if hit.overlaps(imp_hit):
            for imp in imp_hit.payloads:
                name = compact(getattr(imp, "importer", ""))
                if name.startswith(hit.key):
                    return True
    return False


def domestic_maker(scan: Scan, hit: Hit, importer_hits: list[Hit]) -> bool:
    """True when an import mark is a domestic maker's own name and nothing marks a foreign country.

    Springfield Armory Inc., Beretta USA and SIG Sauer Inc. both import and make: with MADE IN ITALY they
    are the importer; with only their own address they are the maker.
    """
    rows = [scan.ix.ref.manufacturer(str(mid)) for mid in hit.payloads]
    for imp_hit in importer_hits:
        if not hit.overlaps(imp_hit):
            continue
        for imp in imp_hit.payloads:
            name = compact(getattr(imp, "importer", ""))
            for row in rows:
                if row is None or row.country != getattr(imp, "country", ""):
                    continue
                if not (name[:8] and compact(row.name).startswith(name[:8])):
                    continue
                foreign = {
                    code
                    for h in scan.find(scan.ix.countries)
                    for p in h.payloads
                    if (code := (p[1] if isinstance(p, tuple) else str(p))) != row.country
                    and not any(h.overlaps(i) for i in importer_hits)
                }
                return not foreign
    return False
