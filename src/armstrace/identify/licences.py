"""Who made a design under another name: a licensee named beside the design (`made under licence by POF`), the
licensor named as such (`licensed from Colt`), and a family's national producers — the factories of another
country that make the family, under licence or as copies (`Pakistani G3` is POF's, `Egyptian AKM` Maadi's)."""

from __future__ import annotations

import functools
import re
from typing import Any

from armstrace.reference import Model

from .agencies import compared_or_user, made_in_codes
from .copies import copy_origin
from .scan import Scan, imported_by_span, near
from .text import Hit, longest

__all__ = [
    "FORMER_STATES",
    "FORMER_STATE_NAMES",
    "LICENCE",
    "craft_countries",
    "design_countries",
    "design_makers",
    "design_rows",
    "family_makers",
    "licensee",
    "licensee_makers",
    "licensor",
    "model_rows",
    "national_producer",
]


def national_producer(scan: Scan, model: Model, model_row: Any, copy: bool = False) -> tuple[str, str, str] | None:
    """(country, text, maker id or "") when the family's own design (AKM, HK G3, SVD: not a national
    designation, which names its country itself) is named with another country whose factories make the
    family: marked as made there anywhere, or its name or demonym next to the design (`Pakistani G3`,
    `G3 PAKISTAN`). The maker is that country's one maker of the family in the tables, when there is one and
    no row of that country leaves its maker open (China's Type 56 factories); else "". A country named as made
    there also counts away from the design (`G3 rifle manufactured under licence in Iran`). For a copy (`AK-pattern`,
    `a copy of the Dragunov`) a country whose craft workshops copy designs (Darra) gives no maker, nor does a bare
    country name beside a design with no maker of its own (`AK-47, IRAQ` may say where it was found).
    """
    national_name = model.relation not in {"", "original"} and not copy  # Type 56 names its country itself
    if not model.family or national_name or model.kind != "firearm":
        return None  # ordnance families are categories (mortar bomb, fuze), not one design copied
    design = model_row.country if model_row is not None else FORMER_STATES.get(model.country, model.country)
    makers, open_rows = family_makers(scan.ix.ref)
    by_country = makers.get(model.family, {})
    producers = set(by_country) | open_rows.get(model.family, set())
    made = made_in_codes(scan)
    # (country, text, bare): a bare country name beside the design is a mark, or where it was found ("AK-47, IRAQ")
    cues: list[tuple[str, str, bool]] = [(c, f"made in {c}", False) for c in sorted(made)]
    if not cues:
        for hit in longest(scan.find(scan.ix.countries)):
            p = hit.payloads[0]
            code = p if isinstance(p, str) else p[1] if isinstance(p, tuple) and p[0] == "demonym" else ""
            if (
                code
                and near(scan, hit, scan.model_hits, gap=3)
                and not compared_or_user(scan, hit)
                and not any(hit.overlaps(m) for m in scan.maker_hits)
                and hit.start not in imported_by_span(scan)
            ):
                cues.append((str(code), scan.raw(hit), isinstance(p, str)))
    origin = copy_origin(scan) if copy else None
    if origin and not made:  # "a Sudanese copy of the Chinese Type 56": where the text says the copy was made
        cues = [(*origin, False)]
    if not made:  # "manufactured under licence in Iran": a making word shortly before "in <country>"
        for hit in longest(scan.find(scan.ix.countries)):
            p = hit.payloads[0]
            if isinstance(p, str) and hit.start >= 2 and scan.words[hit.start - 1] == "IN":
                line = scan.tokens[hit.start].line
                before = [scan.words[k] for k in range(max(0, hit.start - 5), hit.start - 1)]
                wider = {
                    scan.words[k] for k in range(max(0, hit.start - 8), hit.start - 1) if scan.tokens[k].line == line
                }
                if (scan.tokens[max(0, hit.start - 5)].line == line and _MAKING & set(before)) or LICENCE & wider:
                    cues.append((p, f"made in {scan.raw(hit)}", False))
    codes = {c for c, _, _ in cues}
    if not cues or design in codes or len(codes) > 1:
        return None
    code, text, bare = cues[0]
    if code not in producers:
        return None
    own = by_country.get(code, frozenset())
    maker = next(iter(own)) if len(own) == 1 and code not in open_rows.get(model.family, set()) else ""
    if bare and _name_carries_maker(scan, model):
        # `FN FAL, Argentina`, `HK G3, Pakistan`, `SIG P226, USA`: a maker's prefix is how licence-built arms are
        # written, so the stated country's maker of the design itself (licensee, copier, or the design maker's own
        # group) wins; a country whose rows of the design name no such one maker gives no maker, never the
        # licensor; a country with no row of the design (`CZ 75, Israel`: BUL's are other designs) leaves the
        # design's maker
        made_here = design_makers(scan.ix.ref, model.model, code)
        if maker not in made_here and maker not in scan.ix.ref.related_makers(model.manufacturer_id):
            if code not in design_countries(scan.ix.ref, model.model):
                return None
            maker = next(iter(made_here)) if len(made_here) == 1 else ""
    if copy and code in craft_countries(scan.ix.ref):
        maker = ""
    elif bare and model_row is None:
        # a bare name names no maker unless it contradicts the design's own one (`G3 PAKISTAN`), or the design's
        # licensee in that country has a row (`Makarov pistol, Bulgaria`): the licensee's one maker. A former
        # state's licensee only when the text names that state (`AKM, East Germany`, not `AKM rifle, Germany`); none
        # when a maker is read or the design's name carries its maker (`CZ 75, Israel` is Česká zbrojovka's)
        said = " ".join(("", *scan.words, ""))
        licensed = frozenset(
            mid
            for mid, former in licensee_makers(scan.ix.ref).get((model.model, code), frozenset())
            if not former or any(_says(said, name) for name in FORMER_STATE_NAMES.get(former, ()))
        )
        maker = next(iter(licensed)) if len(licensed) == 1 else ""
    return code, text, maker


def _says(said: str, name: str) -> bool:
    """True when the state's name is written as one phrase (`EAST GERMANY`, not `east Ukraine ... Germany`)."""
    return f" {name} " in said


@functools.lru_cache(maxsize=4)
def design_rows(ref: Any) -> dict[str, dict[str, frozenset[str]]]:
    """Design → country → makers of the rows made under licence of it or as its copies (`FSL (Argentina)`, FM),
    the design's own row included; a derivative (`BUL Cherokee` of the CZ 75) is another design."""
    out: dict[str, dict[str, set[str]]] = {}
    for m in ref.models:
        design = m.based_on if m.relation in {"licence", "copy"} else m.model if not m.based_on else ""
        if not design or not m.country:
            continue
        per = out.setdefault(design, {}).setdefault(FORMER_STATES.get(m.country, m.country), set())
        per.update(i for i in (m.manufacturer_id, *m.makers) if i)
    return {d: {c: frozenset(v) for c, v in per.items()} for d, per in out.items()}


def design_makers(ref: Any, design: str, country: str) -> frozenset[str]:
    """Makers of the design's rows (own, licence, copy) in that country."""
    return design_rows(ref).get(design, {}).get(country, frozenset())


def design_countries(ref: Any, design: str) -> frozenset[str]:
    """Countries with a row of the design (own, licence, copy)."""
    return frozenset(design_rows(ref).get(design, {}))


@functools.lru_cache(maxsize=4)
def licensee_makers(ref: Any) -> dict[tuple[str, str], frozenset[tuple[str, str]]]:
    """(design, country) → (maker, former state or "") of the rows made under licence of that design in that
    country (`PM (Bulgaria)`, licence of the Makarov PM, by Arsenal): a bare country after the design names them.
    A row of a former state (DD) is filed under its successor (DE) with the former state kept, so that only a text
    naming East Germany reads its licensee."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for m in ref.models:
        if m.relation != "licence" or not m.based_on or not m.country:
            continue
        former = _former_state(ref, m)
        ids = [(i, former) for i in (m.manufacturer_id, *m.makers) if i]
        out.setdefault((m.based_on, FORMER_STATES.get(m.country, m.country)), set()).update(ids)
    return {k: frozenset(v) for k, v in out.items()}


_FORMER_MARKS = {
    "DD": re.compile(r"\b(?:DDR|GDR|EAST GERMAN\w*|VEB)\b"),
    "SU": re.compile(r"\b(?:USSR|SOVIET)\b"),
    "YU": re.compile(r"\bYUGOSLAV\w*\b"),
    "CS": re.compile(r"\bCZECHOSLOVAK\w*\b"),
}


def _former_state(ref: Any, m: Model) -> str:
    """The former state a licence row belongs to (DD for `Makarov (East Germany)`, made by a VEB), or ""."""
    if m.country in FORMER_STATES:
        return str(m.country)
    maker = ref.manufacturer(m.manufacturer_id) if m.manufacturer_id else None
    words = f"{m.model} {' '.join(m.aliases)}" + (f" {maker.manufacturer_id} {maker.name}" if maker else "")
    words = words.upper().replace("_", " ")
    return next((code for code, mark in _FORMER_MARKS.items() if mark.search(words)), "")


def _name_carries_maker(scan: Scan, model: Model) -> bool:
    """True when the design as written begins with its maker's name or a word of it (`CZ 75`, not `G3`)."""
    row = scan.ix.ref.manufacturer(model.manufacturer_id) if model.manufacturer_id else None
    if row is None:
        return False
    short = [a for a in (*row.aliases, *row.variants) if 2 <= len(str(a)) <= 4]  # CZ, HK, FN; not a designer's name
    names = {w for n in (row.name, *short) for w in str(n).upper().split() if len(w) >= 2}
    return any(scan.words[h.start] in names for h in scan.model_hits if any(p is model for p in h.payloads))


# Words of a former state's name: its licence rows are read only when the text says it
FORMER_STATE_NAMES = {
    "DD": ("EAST GERMANY", "GDR", "DDR", "GERMAN DEMOCRATIC REPUBLIC", "ГДР", "NRD", "RDA"),
    "SU": ("USSR", "SOVIET UNION", "SOVIET", "CCCP", "СССР", "SSSR"),
    "YU": ("YUGOSLAVIA", "YUGOSLAV", "JUGOSLAVIJA", "SFRJ", "ЮГОСЛАВИЯ", "ЈУГОСЛАВИЈА", "СФРЮ", "СФРЈ"),
    "CS": ("CZECHOSLOVAKIA", "CZECHOSLOVAK", "CSSR", "CSR", "ЧССР", "ЧЕХОСЛОВАКИЯ"),
}


_MAKING = frozenset(
    {"MADE", "MANUFACTURED", "PRODUCED", "BUILT", "ASSEMBLED", "MANUFACTURE", "PRODUCTION"}
    | {"LICENCE", "LICENSE", "LICENSED", "LICENCED"}
)


@functools.lru_cache(maxsize=4)
def craft_countries(ref: Any) -> frozenset[str]:
    """Countries with an artisanal workshop row (Darra Adam Khel): their copies are not the state factory's."""
    return frozenset(m.country for m in ref.manufacturers if "artisanal" in f"{m.name} {m.notes}".lower())


@functools.lru_cache(maxsize=4)
def model_rows(ref: Any) -> dict[str, Model]:
    return {m.model: m for m in ref.models}


@functools.lru_cache(maxsize=4)
def family_makers(ref: Any) -> tuple[dict[str, dict[str, frozenset[str]]], dict[str, set[str]]]:
    """Per family, each country's makers (the rows' maker and listed makers, by the maker's country), and
    the countries with a row of the family that names no maker."""
    makers: dict[str, dict[str, set[str]]] = {}
    open_rows: dict[str, set[str]] = {}
    for m in ref.models:
        if not m.family:
            continue
        for mid in (m.manufacturer_id, *m.makers):
            row = ref.manufacturer(mid) if mid else None
            if row is not None and row.country:
                makers.setdefault(m.family, {}).setdefault(row.country, set()).add(mid)
        if not m.manufacturer_id and not m.makers and m.country:
            open_rows.setdefault(m.family, set()).add(FORMER_STATES.get(m.country, m.country))
    frozen = {f: {c: frozenset(v) for c, v in per.items()} for f, per in makers.items()}
    return frozen, open_rows


FORMER_STATES = {"SU": "RU", "DD": "DE", "YU": "RS", "CS": "CZ"}


# "made under licence by POF", "licence-built by Lithgow", "licensed production by/at Cugir": the licensee made it.
# The licence word in the Latin-script languages the engine reads (accents are off after normalisation):
# Portuguese licença, Spanish licencia, Italian licenza, German Lizenz, Polish licencja/licencji, Czech licence/
# licenci, Turkish lisans/lisansı/lisansıyla, Indonesian and Malay lisensi/lesen, Dutch licentie, Nordic licens.
LICENCE = frozenset(
    {"LICENCE", "LICENSE", "LICENSED", "LICENCED", "LIZENZ", "LIZENZBAU", "LICENCIA", "LICENZA", "LICENCA"}
    | {"LICENCJA", "LICENCJI", "LICENCJE", "LICENCI", "LICENCIADA", "LICENCIADO", "LISANS", "LISANSI"}
    | {"LISANSIYLA", "LISANSLA", "LISENSI", "LESEN", "LICENTIE", "LICENS", "LICENSIERAD", "LICENCIJA", "LICENCE-BUILT"}
)
# a word of making: a licence held or issued ("held under licence by", "licence issued by") is no licensed production
_MAKING_STEMS = (
    "MADE",
    "MANUFACTUR",
    "PRODU",
    "PRODOT",
    "BUILT",
    "LICENCE-BUILT",
    "LICENSE-BUILT",
    "LIZENZBAU",
    "ASSEMBL",
    "FABRI",
    "FABBRIC",
    "HERGESTELLT",
    "GEBAUT",
    "GEFERTIGT",
    "WYPRODUK",
    "VYROB",
    "URETI",
    "DIPRODUKSI",
    "DIBUAT",
    "BUATAN",
    "TILLVERK",
    "GEMAAKT",
    "VERVAARDIGD",
    "COSTRUIT",
    "CONSTRUID",
    "COPY",
    "COPIES",
)
_LICENCE_WORDS = LICENCE | {"PRODUCTION", "PRODUCED", "BUILT", "MADE", "MANUFACTURED", "MANUFACTURE", "COPY"}
# "under" before the licence word: sob (pt), bajo (es), sous (fr), sotto/su (it), unter/in (de), pod/na/v (pl, cs),
# di bawah (id); "of"/"from" before the licensor: da/do/de (pt), de/del (es), de/du/des (fr), di/della/dalla (it),
# von/der (de), firmy/od (pl, cs), dari (id)
_UNDER = frozenset({"UNDER", "SOB", "BAJO", "SOUS", "SOTTO", "SU", "UNTER", "POD", "NA", "V", "BAWAH", "EN", "IN"})
_OF_LICENSOR = frozenset(
    {"FROM", "OF", "VON", "DER", "DE", "DI", "DA", "DO", "DOS", "DAS", "DEL", "DU", "DES", "DELLA", "DELLO"}
    | {"DALLA", "DAL", "FIRMY", "OD", "DARI", "BY"}
)
# "by" before the licensee: por/pela/pelo (pt, es), par (fr), da/dalla/dal (it), von/durch (de), przez (pl), oleh (id)
_BY_LICENSEE = frozenset(
    {"BY", "AT", "IN", "VON", "DURCH", "PAR", "POR", "PELA", "PELO", "DA", "DALLA", "DAL", "DALLO", "PRZEZ", "OLEH"}
)


# what may stand between "by" and the licensee's name: an article or a word for a company ("produite sous licence par
# la société Neitron", "prodotta su licenza presso la Maadi", "fabricado bajo licencia por la empresa X")
_BEFORE_NAME = frozenset(
    {"THE", "LA", "LE", "L", "EL", "IL", "LO", "DIE", "DER", "A", "O", "OS", "AS", "PT", "CV", "FIRMA", "FIRM"}
    | {"SOCIETE", "SOCIETA", "COMPANY", "COMPANHIA", "COMPANIA", "EMPRESA", "ENTREPRISE", "FIRMY", "SIRKETI"}
)


def licensee(scan: Scan, hit: Hit) -> bool:
    """True when a licence word comes just before the maker's name: "under licence by POF", "licensed production
    at Cugir", "licence-built by Lithgow", "prodotta su licenza presso la Maadi", "fabriqués sous licence
    Kalachnikov par la société Neitron" (a word of making between them at most; an article or a company word, and
    the licensor's name, before the name)."""
    line = scan.tokens[hit.start].line
    k = hit.start
    while k > 0 and scan.words[k - 1] in _BEFORE_NAME and scan.tokens[k - 1].line == line and hit.start - k < 2:
        k -= 1
    before = scan.words[max(0, k - 6) : k]
    if not before or before[-1] not in _BY_LICENSEE | {"PRESSO"}:
        return False
    if not any(w.startswith(_MAKING_STEMS) for w in scan.words[max(0, k - 9) : k - 1]):
        return False  # "held under licence by Police Scotland": a licence held, not licensed production
    if any(w in LICENCE for w in before[-4:-1]) and all(w in _LICENCE_WORDS | _UNDER for w in before[-3:-1]):
        return True
    # "sous licence Kalachnikov par ...": the licensor's name between the licence word and "by"
    return any(w in LICENCE for w in before[:-1]) and any(
        h.end == k - 1 and h.start >= 1 and scan.words[h.start - 1] in LICENCE for h in scan.maker_hits
    )


def licensor(scan: Scan, hit: Hit) -> bool:
    """True when the maker is named as the licensor: "under licence from Heckler & Koch", "licensed from Colt",
    "under Heckler & Koch licence", "Lizenz von Walther", "sob licença da Heckler & Koch", "bajo licencia de FN",
    "sous licence FN", "HK lisansıyla" — the design's owner, not who made the item."""
    line = scan.tokens[hit.start].line
    before = [scan.words[j] for j in range(max(0, hit.start - 3), hit.start) if scan.tokens[j].line == line]
    if len(before) >= 2 and before[-1] in _OF_LICENSOR - {"BY"} and before[-2] in LICENCE:
        return True
    if len(before) >= 2 and before[-1] in LICENCE and before[-2] in _UNDER - {"IN", "EN", "NA", "V", "SU"}:
        return True  # "sous licence FN", "unter Lizenz Walther": the licensor right after the licence word
    if len(before) >= 2 and before[-1] in {"LICENCJI", "LICENCI"} and before[-2] in {"NA", "V"}:
        return True  # Polish "na licencji FN", Czech "v licenci Colt"
    if before and before[-1] in {"LISENSI", "LESEN"}:
        return True  # Indonesian and Malay put the owner after the noun: "lisensi FN" is FN's licence
    after = scan.words[hit.end : hit.end + 2]
    if after and after[0] in LICENCE - {"LICENSED", "LICENCED", "LICENCIADA", "LICENCIADO"}:
        # "under Heckler & Koch licence", "na licencji FN", Turkish "HK lisansıyla" (the licence after the name)
        return (bool(before) and before[-1] in _UNDER) or after[0].startswith("LISANS")
    return False
