"""Identification: a marking as transcribed → one standard description of the item, with its evidence.

A trace fails when the make is misread, a nickname taken for a model or an importer for the maker, so
the engine only reports what a reference row supports, says which words matched which row, and
leaves a field None rather than guess. Pipeline: normalise and tokenise (case, punctuation, lines,
Cyrillic, CJK) → find phrases of every reference table on token boundaries → drop maker phrases that
are really an importer's mark, a designer's name in a model or a calibre (`.38 S&W`) → combine the
evidence per field with a confidence.

    >>> r = identify("NORINCO MADE IN CHINA / CENTURY ARMS GEORGIA VT")
    >>> (r.manufacturer, r.country, r.importer, r.import_country)   # doctest: +SKIP
    ('Norinco', 'CN', 'Century Arms', 'US')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from armstrace.identify_rules import (
    AMMO_WORDS,
    COUNTRY_WORDS,
    DEMONYMS,
    EXPLOSIVE_WORDS,
    FIREARM_WORDS,
    GENERIC_MAKER_WORDS,
    GUNMAKING_PLACES,
    MADE_AFTER,
    MADE_IN,
    MADE_IN_COUNTRY,
    PACKAGING_WORDS,
    SERIAL_LABELS,
    WEAK_AMMO_WORDS,
    WEAPON_TYPE_WORDS,
    YEAR_LABELS,
    Hit,
    PhraseIndex,
    Token,
    compact,
    longest,
    script_country,
    tokenise,
    transliterate,
)
from armstrace.reference import Calibre, Manufacturer, Model, Reference, load_reference

__all__ = ["Evidence", "Identification", "identify", "identify_record", "related", "standard_name"]

KINDS = ("firearm", "ammunition", "explosive", "packaging")


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
    weapon_type: str | None = None
    calibre: str | None = None
    year: int | None = None
    importer: str | None = None
    import_country: str | None = None
    serial: str | None = None
    nsn: str | None = None
    confidence: float = 0.0
    field_confidence: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------------------------- indexes
@dataclass
class _Indexes:
    ref: Reference
    makers: PhraseIndex
    locations: PhraseIndex
    importers: PhraseIndex
    import_locations: PhraseIndex
    models: PhraseIndex
    calibres: PhraseIndex
    countries: PhraseIndex
    made_in: PhraseIndex
    properties: PhraseIndex
    headstamps: PhraseIndex
    factory_words: PhraseIndex
    factory_numbers: dict[str, list[Any]]
    fuzzy_keys: list[tuple[str, str]]
    german_codes: dict[str, Any]


def _weight(key: str) -> float:
    # two letters (FN, HK, CZ, IK) are as often a serial prefix as a maker: weak until a second mark agrees
    return 0.92 if len(key) >= 5 else 0.75 if len(key) >= 3 else 0.45


@functools.lru_cache(maxsize=4)
def _indexes(ref: Reference) -> _Indexes:
    makers, locations = PhraseIndex(), PhraseIndex()
    for m in ref.manufacturers:
        for phrase in (m.name, *m.variants, *m.aliases):
            makers.add(phrase, m.manufacturer_id)
        for place in m.locations:
            locations.add(place, m.manufacturer_id, min_chars=4)
    importers, import_locations = PhraseIndex(), PhraseIndex()
    for imp in ref.import_marks:
        for phrase in (imp.importer, *imp.variants):
            importers.add(phrase, imp)
        for place in imp.locations:
            import_locations.add(place, imp, min_chars=4)
    models = PhraseIndex()
    for mod in ref.models:
        for phrase in (mod.model, *mod.aliases):
            models.add(phrase, mod)
    calibres = PhraseIndex()
    for cal in ref.calibres:
        for phrase in (cal.calibre, *cal.aliases):
            calibres.add(phrase, cal, min_chars=2)
    countries, made_in = PhraseIndex(), PhraseIndex()
    for word, iso in COUNTRY_WORDS.items():
        countries.add(word, iso)
    for word, iso in DEMONYMS.items():
        countries.add(word, ("demonym", iso))
    for word, iso in GUNMAKING_PLACES.items():
        countries.add(word, ("place", iso))
    for phrase in MADE_IN:
        made_in.add(phrase, phrase)
    for phrase, iso in MADE_IN_COUNTRY.items():
        countries.add(phrase, ("made_in", iso))
    properties = PhraseIndex()
    for prop in ref.property_marks:
        properties.add(prop.pattern, prop)
    headstamps = PhraseIndex()
    for stamp in ref.headstamps:
        headstamps.add(stamp.code, stamp, min_chars=1)
    factory_words, numbers, german = PhraseIndex(), dict[str, list[Any]](), dict[str, Any]()
    for code in ref.factory_codes:
        digits = code.code.strip()
        if code.system == "german_ordnance":
            german[digits.lower()] = code
        elif digits.isdigit():
            numbers.setdefault(str(int(digits)), []).append(code)
        else:
            factory_words.add(code.code, code, min_chars=3)
    fuzzy = [
        (key, str(ids[0]))
        for key in makers.phrases()
        if len(key) >= 7 and not any(ch.isdigit() for ch in key) and len(ids := makers.get(key)) == 1
    ]  # no digits: FACTORY 41 is not a slip of FACTORY 416
    return _Indexes(
        ref,
        makers,
        locations,
        importers,
        import_locations,
        models,
        calibres,
        countries,
        made_in,
        properties,
        headstamps,
        factory_words,
        numbers,
        fuzzy,
        german,
    )


# --------------------------------------------------------------------------------------------- patterns
_NSN = re.compile(r"\b(\d{4})[-\s]?(\d{2})[-\s]?(\d{3})[-\s]?(\d{4})\b")
_SHAPE = (
    "TRIANGLE|OVAL|CIRCLE|DIAMOND|RHOMBUS|CARTOUCHE|ELLIPSE|SQUARE|"
    "DREIECK|KREIS|RAUTE|CERCLE|TRIÁNGULO|TRIANGULO|CÍRCULO|CIRCULO|ÓVALO|OVALO|ТРЕУГОЛЬНИК|КРУГ|ОВАЛ"
)
_SHAPE_EN = {
    "dreieck": "triangle",
    "kreis": "circle",
    "raute": "diamond",
    "cercle": "circle",
    "triángulo": "triangle",
    "triangulo": "triangle",
    "círculo": "circle",
    "circulo": "circle",
    "óvalo": "oval",
    "ovalo": "oval",
    "треугольник": "triangle",
    "круг": "circle",
    "овал": "oval",
}
_FACTORY_PATTERNS = [
    (re.compile(r"/\s*(\d{1,4})\s*\\"), "triangle"),
    (re.compile(r"[△▲∆Δ⊿◬]\s*(\d{1,4})|(\d{1,4})\s*[△▲∆Δ⊿◬]"), "triangle"),
    (re.compile(r"[⬭⬯◯○]\s*(\d{1,4})"), "oval"),
    (
        re.compile(
            rf"(\d{{1,4}})['\"’”]?\s*,?\s*(?:IS\s+)?(?:IN|INSIDE|WITHIN|FRAMED\s+(?:IN|BY)|ENCLOSED\s+(?:IN|BY)"
            rf"|SURROUNDED\s+BY)\s+(?:AN?\s+|THE\s+)?(?:SMALL\s+|INVERTED\s+)?({_SHAPE})"
        ),
        "",
    ),
    (
        re.compile(
            rf"({_SHAPE})\S*\s+(?:WITH|CONTAINING|ENCLOSING|AROUND|MARK(?:ED)?|CODE|[^\W\d]+)?\s*(?:NO\.?\s*)?"
            rf"['\"]?(\d{{1,4}})\b"
        ),
        "",
    ),
    (re.compile(r"(?:FACTORY|ARSENAL|PLANT|ZAVOD|ЗАВОД|工厂|厂)\s*(?:NO\.?|#|NUMBER|CODE)?\s*(\d{1,4})"), "factory"),
    (re.compile(r"\(\s*(\d{2,4})\s*\)|<\s*(\d{2,4})\s*>|\[\s*(\d{2,4})\s*\]"), "bracket"),
    (re.compile(r"['\"“”]?(\d{1,4})['\"“”]?\s+(?:FACTORY|ARSENAL)\s+(?:MARK|CODE|STAMP|NUMBER)"), "factory"),
]
_GERMAN_CODE = re.compile(r"(?<![\w])([A-Za-z]{2,3})\s?/?\s?(?:\d{1,2}|19[34]\d)(?![\d\w])")
_YEAR = re.compile(r"^(1[89]\d\d|20[0-3]\d)(?:Г|G)?$")
_SERIAL = re.compile(r"^(?=.*\d)[A-Z\u0400-\u04FF]{0,4}\d{3,}[A-Z\u0400-\u04FF]{0,3}$|^\d+[A-Z]{1,3}\d{2,}$")
_PATENT = ("PAT", "PATENT", "PATENTED", "PATD", "PATS")
_CONTEXT_DROPS = {"IMPORTED", "IMPORTER", "IMP", "IMPORTS", "BY", "DIST", "DISTRIBUTED"}
_FSC_KIND = {
    "1005": "firearm",
    "1010": "firearm",
    "1015": "firearm",
    "1095": "firearm",
    "1305": "ammunition",
    "1310": "ammunition",
    "1315": "ammunition",
    "1320": "ammunition",
    "1330": "explosive",
    "1340": "explosive",
    "1375": "explosive",
    "1376": "explosive",
    "1377": "explosive",
    "8140": "packaging",
}


class _Scan:
    """Everything found in one marking, before the fields are decided."""

    def __init__(self, text: str, ix: _Indexes) -> None:
        self.text = text
        self.ix = ix
        self.tokens: list[Token] = tokenise(text)
        self.words = [t.text for t in self.tokens]
        self.translit = [transliterate(w) for w in self.words]
        self.used: set[int] = set()
        self.maker_hits: list[Hit] = []

    def find(self, index: PhraseIndex, ocr: bool = False, across: bool = False) -> list[Hit]:
        if ocr:  # CO1T, HECKLER & K0CH: digits read for letters inside words
            fixed = [_deocr(w) for w in self.words]
            return index.scan(self.tokens, fixed) if fixed != self.words else []
        if across:  # NEW ENGLAND / WESTINGHOUSE / COMPANY: one stamped name transcribed on several lines
            flat = [Token(t.text, 0, t.index, t.raw) for t in self.tokens]
            return [
                h
                for h in index.scan(flat, self.words)
                if self.tokens[h.start].line != self.tokens[h.end - 1].line and len(h.key) >= 10
            ]
        hits = index.scan(self.tokens, self.words)
        if self.translit != self.words:
            seen = {(h.start, h.end) for h in hits}
            hits += [h for h in index.scan(self.tokens, self.translit) if (h.start, h.end) not in seen]
        return hits

    def raw(self, hit: Hit) -> str:
        return " ".join(self.words[hit.start : hit.end])

    def line_of(self, hit: Hit) -> int:
        return self.tokens[hit.start].line

    def mark(self, hit: Hit) -> None:
        self.used.update(range(hit.start, hit.end))


def identify(text: str, reference: Reference | None = None) -> Identification:
    """Identify one marking transcription (several lines, any case and script) against the tables."""
    ix = _indexes(reference or load_reference())
    scan = _Scan(text, ix)
    result = Identification(text=text)
    ev = result.evidence
    conf: dict[str, float] = {}

    calibre_hits = longest(scan.find(ix.calibres))
    model_hits = [h for h in longest(scan.find(ix.models)) if not any(h.inside(c) for c in calibre_hits)]
    importer_hits = longest(scan.find(ix.importers))
    importer_lines = {scan.line_of(h) for h in importer_hits}
    if importer_hits:
        importer_hits += [
            h for h in longest(scan.find(ix.import_locations)) if not any(h.overlaps(i) for i in importer_hits)
        ]
    nsn = _nsn(scan, result, conf)

    _decide_importer(scan, importer_hits, result, conf)
    model = _decide_model(scan, model_hits, calibre_hits, result, conf)
    ammo_context = _looks_like_headstamp(scan, calibre_hits, model)
    _decide_maker(scan, importer_hits, model_hits, calibre_hits, model, ammo_context, result, conf)
    _decide_calibre(scan, calibre_hits, model, result, conf)
    _decide_country(scan, importer_lines, importer_hits, nsn, result, conf)
    _decide_year(scan, ammo_context, result, conf)
    _decide_serial(scan, importer_lines, result, conf)
    _decide_kind(scan, ammo_context, model, nsn, result, conf)
    result.field_confidence = {k: round(v, 2) for k, v in conf.items()}
    core = [conf[k] for k in ("manufacturer", "country", "model", "calibre") if k in conf]
    result.confidence = round(sum(core) / len(core), 2) if core else 0.0
    ev.sort(key=lambda e: (list(conf).index(e.field) if e.field in conf else 99, -e.weight))
    return result


def _nsn(scan: _Scan, result: Identification, conf: dict[str, float]) -> tuple[str, str] | None:
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


def _decide_importer(scan: _Scan, hits: list[Hit], result: Identification, conf: dict[str, float]) -> None:
    scores: dict[str, float] = {}
    rows: dict[str, Any] = {}
    for hit in hits:
        is_place = not any(p in scan.ix.importers.get(hit.key) for p in hit.payloads)
        for imp in hit.payloads:
            name = imp.importer
            w = (0.5 if is_place else _weight(hit.key)) / len(hit.payloads)
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


def _decide_model(
    scan: _Scan, hits: list[Hit], calibre_hits: list[Hit], result: Identification, conf: dict[str, float]
) -> Model | None:
    if not hits:
        return None
    said = _weapon_types_named(scan)

    def agrees(h: Hit) -> bool:
        return any(isinstance(p, Model) and p.weapon_type in said for p in h.payloads)

    # "Type 56 (RPD) light machine gun": the model whose weapon type the text names wins, then the longest
    best = max(hits, key=lambda h: (agrees(h), len(h.key), -h.start))
    rows: list[Model] = [p for p in best.payloads if isinstance(p, Model)]
    model = next((r for r in rows if r.weapon_type in said), rows[0])
    result.model, result.family, result.weapon_type = model.model, model.family or None, model.weapon_type or None
    weight = 0.85 if len(best.key) >= 4 else 0.65
    conf["model"] = weight
    result.evidence.append(
        Evidence(
            "model",
            scan.raw(best),
            "models",
            model.model,
            model.model,
            weight,
            f"family {model.family}" if model.family else "",
        )
    )
    for hit in hits:
        scan.mark(hit)
    return model


def _weapon_types_named(scan: _Scan) -> set[str]:
    """Weapon types the text names in words (PISTOL, LIGHT MACHINE GUN, CARBINE...)."""
    joined = " " + " ".join(scan.words) + " "
    return {kind for kind, words in WEAPON_TYPE_WORDS.items() if any(f" {w} " in joined for w in words)}


def _looks_like_headstamp(scan: _Scan, calibre_hits: list[Hit], model: Model | None = None) -> bool:
    words = set(scan.words)
    if words & {"HEADSTAMP", "HEADSTAMPED", "HEAD"} or words & AMMO_WORDS:
        return True
    if model is not None:  # "AKK with circle 10": a gun's model, not a case head
        return False
    rest = [
        w
        for i, w in enumerate(scan.words)
        if not any(h.start <= i < h.end for h in calibre_hits)
        and w not in {"NATO", "CROSS", "+", "STAR", "CIRCLE", "AT", "O", "CLOCK"}
    ]
    if not rest or len(rest) > 4:
        return False
    has_code = any(scan.ix.headstamps.get(w) for w in rest)
    has_year = any(re.fullmatch(r"\d{2}|(19|20)\d\d", w) for w in rest)
    return has_code and has_year and len(scan.tokens) <= 6


def _decide_maker(
    scan: _Scan,
    importer_hits: list[Hit],
    model_hits: list[Hit],
    calibre_hits: list[Hit],
    model: Model | None,
    ammo: bool,
    result: Identification,
    conf: dict[str, float],
) -> None:
    ix = scan.ix
    scores: dict[str, float] = {}
    ev: dict[str, list[Evidence]] = {}

    def add(mid: str, w: float, evidence: Evidence) -> None:
        scores[mid] = 1 - (1 - scores.get(mid, 0.0)) * (1 - w)
        ev.setdefault(mid, []).append(evidence)

    blockers = [*importer_hits, *calibre_hits]
    blockers += [h for h in model_hits if not any(getattr(p, "manufacturer_id", "") for p in h.payloads)]
    imported_by = _imported_by_span(scan)
    subsidiary: list[Hit] = []
    maker_hits = longest(scan.find(ix.makers))
    maker_hits += [h for h in longest(scan.find(ix.makers, ocr=True)) if not any(h.overlaps(m) for m in maker_hits)]
    maker_hits += [h for h in longest(scan.find(ix.makers, across=True)) if not any(h.overlaps(m) for m in maker_hits)]
    scan.maker_hits = maker_hits
    for hit in maker_hits:
        why = _blocked(hit, blockers, imported_by) or _foreign_design(scan, hit)
        if why.startswith("part of an import mark") and _domestic_maker(scan, hit, importer_hits):
            why = ""  # SPRINGFIELD ARMORY GENESEO IL with no foreign country: the importer made it
            result.importer = result.import_country = None
            conf.pop("importer", None)
        if why and why.startswith("part of an import mark") and _own_importer(hit, importer_hits):
            subsidiary.append(hit)
        if why:
            result.evidence.append(
                Evidence(
                    "manufacturer",
                    scan.raw(hit),
                    "manufacturers",
                    "/".join(map(str, hit.payloads)),
                    "",
                    0.0,
                    f"not taken as the maker: {why}",
                )
            )
            continue
        generic = hit.key in GENERIC_MAKER_WORDS  # "the Izhevsk arsenal": a word, not yet a maker
        named = _named_as_maker(scan, hit)  # "made by the Savage Arms Company", "Manufacturer: REMINGTON RAND"
        for mid in hit.payloads:
            w = (0.45 if generic and not named else _weight(hit.key)) / (1 if len(hit.payloads) == 1 else 1.6)
            if named:
                w = 1 - (1 - w) * 0.5
            add(
                str(mid),
                w,
                Evidence("manufacturer", scan.raw(hit), "manufacturers", str(mid), "", round(w, 2), "marking variant"),
            )
        scan.mark(hit)
    if not scores:
        for hit in subsidiary:  # GLOCK, INC. SMYRNA GA: the maker's own importing subsidiary
            for mid in hit.payloads:
                add(
                    str(mid),
                    0.6,
                    Evidence(
                        "manufacturer",
                        scan.raw(hit),
                        "manufacturers",
                        str(mid),
                        "",
                        0.6,
                        "maker's name in its own importing subsidiary's mark",
                    ),
                )
    if not scores:
        _fuzzy_maker(scan, blockers, add)
    for hit in longest(scan.find(ix.locations)):
        if any(hit.overlaps(b) for b in importer_hits):
            continue
        country_word = hit.key.startswith("MADEIN") or any(
            not (isinstance(p, tuple) and p[0] == "place") for p in ix.countries.get(hit.key)
        )
        for mid in hit.payloads:
            supported = str(mid) in scores
            if country_word and not supported:
                continue  # MADE IN ITALY alone names a country, not a maker
            w = 0.3 if supported else 0.5 / len(hit.payloads)
            add(
                str(mid),
                w,
                Evidence("manufacturer", scan.raw(hit), "manufacturers", str(mid), "", round(w, 2), "maker's location"),
            )
        scan.mark(hit)
    for code, how, matched in _factory_codes(scan):
        # a symbol that is also a word ("red-star grips") is weak until a second mark agrees ("Tula star")
        fw = 0.45 if compact(code.code) in GENERIC_MAKER_WORDS else 0.8
        if code.manufacturer_id:
            add(
                code.manufacturer_id,
                fw,
                Evidence(
                    "manufacturer", matched, "factory_codes", code.code, "", fw, f"factory code ({code.system}, {how})"
                ),
            )
        elif code.country:
            result.evidence.append(
                Evidence(
                    "country",
                    matched,
                    "factory_codes",
                    code.code,
                    code.country,
                    0.7,
                    f"factory code ({code.system}, {how}), maker not named",
                )
            )
    if ammo:
        _headstamp_makers(scan, add, result)
    model_row = ix.ref.manufacturer(model.manufacturer_id) if model and model.manufacturer_id else None
    made_in = _made_in_codes(scan)
    if model and model.manufacturer_id and not (model_row and made_in and model_row.country not in made_in):
        # FAL marked INDUSTRIA ARGENTINA is a licensed copy: the design's maker is not the maker
        w = 0.3 if model.manufacturer_id in scores else 0.55
        add(
            model.manufacturer_id,
            w,
            Evidence("manufacturer", model.model, "models", model.model, "", w, "model made by one maker"),
        )
    for mid in list(scores):
        if ix.ref.manufacturer(mid) is None:
            scores.pop(mid)
    if not scores:
        return
    ranked = sorted(scores, key=lambda k: -scores[k])
    best = ranked[0]
    margin = scores[best] - (scores[ranked[1]] if len(ranked) > 1 else 0.0)
    if scores[best] < 0.5 or (margin < 0.1 and scores[best] < 0.85):
        result.evidence.append(
            Evidence(
                "manufacturer",
                "",
                "manufacturers",
                "|".join(ranked[:3]),
                "",
                0.0,
                "ambiguous: several makers fit equally; left unknown",
            )
        )
        return
    row = ix.ref.manufacturer(best)
    assert row is not None
    result.manufacturer, result.manufacturer_id = row.name, row.manufacturer_id
    conf["manufacturer"] = scores[best]
    for e in ev[best]:
        result.evidence.append(Evidence(e.field, e.text, e.table, e.row, row.name, e.weight, e.note))


def _imported_by_span(scan: _Scan) -> set[int]:
    """Tokens after IMPORTED BY / IMP BY on the same line: an importer's name, whatever else it matches."""
    out: set[int] = set()
    for i, tok in enumerate(scan.tokens):
        nxt = scan.words[i + 1] if i + 1 < len(scan.words) else ""
        by = tok.text in {"IMPORTED", "IMP", "DIST", "DISTRIBUTED", "IMPORTE", "IMPORTADO"} and nxt in {
            "BY",
            "PAR",
            "POR",
        }
        if by or tok.text in {"IMPORTER", "IMPORTERS", "IMPORTADOR", "IMPORTATEUR"}:
            # "Action Arms-imported IMI UZI": only "imported BY" or an importer label names the importer
            j = i + 1
            while j < len(scan.tokens) and scan.tokens[j].line == tok.line:
                out.add(j)
                j += 1
    return out


def _blocked(hit: Hit, blockers: list[Hit], imported_by: set[int]) -> str:
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


_MAKER_LABELS = frozenset({"MANUFACTURER", "MAKER", "MAKE", "HERSTELLER", "FABRICANT", "FABRICANTE", "PRODUCER"})
_MADE_BY = frozenset({"MADE", "MANUFACTURED", "MFD", "MFG", "BUILT", "PRODUCED", "HERGESTELLT", "FABRIQUE"})


def _made_in_codes(scan: _Scan) -> set[str]:
    """Countries the text marks as the country of manufacture (MADE IN X, 中国制造, Russian-made)."""
    made_hits = scan.find(scan.ix.made_in)
    codes: set[str] = set()
    for hit in scan.find(scan.ix.countries):
        for p in hit.payloads:
            if isinstance(p, tuple) and p[0] == "made_in":
                codes.add(p[1])
            elif any(m.end == hit.start and m.start < hit.start for m in made_hits) or (
                hit.end < len(scan.words) and scan.words[hit.end] in MADE_AFTER
            ):
                codes.add(p[1] if isinstance(p, tuple) else str(p))
    return codes


def _named_as_maker(scan: _Scan, hit: Hit) -> bool:
    """True when the text says this is the maker: "made by (the) X", "Manufacturer: X", "Make: X"."""
    before = [w for w in scan.words[max(0, hit.start - 3) : hit.start] if w not in {"THE", "A", "AT", "VON", "DE"}]
    if before and before[-1] in _MAKER_LABELS:
        return True
    return len(before) >= 2 and before[-1] in {"BY", "VON", "PAR", "POR"} and before[-2] in _MADE_BY


def _foreign_design(scan: _Scan, hit: Hit) -> str:
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


def _own_importer(hit: Hit, importer_hits: list[Hit]) -> bool:
    """True when the import mark the maker's name sits in is that maker's own subsidiary (GLOCK, INC.)."""
    for imp_hit in importer_hits:
        if hit.overlaps(imp_hit):
            for imp in imp_hit.payloads:
                name = compact(getattr(imp, "importer", ""))
                if name.startswith(hit.key):
                    return True
    return False


_OCR_DIGITS = str.maketrans({"0": "O", "1": "L", "5": "S", "8": "B", "6": "G"})


def _deocr(word: str) -> str:
    """A word with digits read as the letters they are mistaken for, when it is mostly letters (CO1T)."""
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if letters < 2 or not digits or digits > 2 or digits * 2 > letters:
        return word
    return word.translate(_OCR_DIGITS)


def _domestic_maker(scan: _Scan, hit: Hit, importer_hits: list[Hit]) -> bool:
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


def _fuzzy_maker(scan: _Scan, blockers: list[Hit], add: Any) -> None:
    """One-letter slips in long maker names (`IZMASH`, `HECKLER KOCH`), at a reduced weight."""
    n = len(scan.tokens)
    for start in range(n):
        key = ""
        for end in range(start + 1, min(n, start + 4) + 1):
            if scan.tokens[end - 1].line != scan.tokens[start].line or (end - 1) in scan.used:
                break
            key += scan.translit[end - 1]
            if any(ch.isdigit() for ch in key):
                break
            if len(key) < 7 or any(b.start < end and start < b.end for b in blockers):
                continue
            limit = 1 if len(key) < 11 else 2
            for cand, mid in scan.ix.fuzzy_keys:
                if abs(len(cand) - len(key)) <= limit and Levenshtein.distance(key, cand, score_cutoff=limit) <= limit:
                    text = " ".join(scan.words[start:end])
                    add(
                        mid,
                        0.55,
                        Evidence("manufacturer", text, "manufacturers", mid, "", 0.55, f"close spelling of {cand}"),
                    )
                    break


def _factory_codes(scan: _Scan) -> list[tuple[Any, str, str]]:
    found: list[tuple[Any, str, str]] = []
    upper = scan.text.upper()
    for pattern, how in _FACTORY_PATTERNS:
        for m in pattern.finditer(upper):
            digits = next((g for g in m.groups() if g and g.isdigit()), None)
            shape = next((g.lower() for g in m.groups() if g and not g.isdigit()), how)
            shape = _SHAPE_EN.get(shape, shape)
            if digits is None:
                continue
            rows = scan.ix.factory_numbers.get(str(int(digits)), [])
            if len(rows) > 1:
                rows = [r for r in rows if shape in (r.marking_form or "").lower()] or rows[:1]
            if not rows and how == "factory":  # "Factory 945": a numbered cartridge plant of one country
                stamps = [h for h in scan.ix.headstamps.get(digits) if h.country]
                if stamps and len({h.country for h in stamps}) == 1:
                    result_rows = [s for s in stamps if s.manufacturer_id] or stamps
                    found += [(_StampAsCode(result_rows[0]), f"factory {digits}", m.group(0))]
            found += [(r, f"{digits} {shape}".strip(), m.group(0)) for r in rows[:1]]
            for i, tok in enumerate(scan.tokens):
                if tok.text == digits:
                    scan.used.add(i)
    for hit in longest(scan.find(scan.ix.factory_words)):
        found += [(r, "marking", scan.raw(hit)) for r in hit.payloads[:1]]
    for m in _GERMAN_CODE.finditer(scan.text):  # byf 43, ac 44: German 1940-45 maker codes before the year
        row = scan.ix.german_codes.get(m.group(1).lower())
        if row is not None and (m.group(1).islower() or len(m.group(1)) == 3):
            found.append((row, "German maker code before a year", m.group(0)))
    seen: set[str] = set()
    unique = []
    for f in found:
        if f[0].code not in seen:
            seen.add(f[0].code)
            unique.append(f)
    return unique


_FACTORY_WORDS = frozenset({"FACTORY", "PLANT", "ARSENAL", "ZAVOD", "ЗАВОД", "厂", "工厂"})
_DATE_WORDS = frozenset({"DATE", "DATED", "YEAR", "MARK", "ГОД"})


@dataclass(frozen=True)
class _StampAsCode:
    """A headstamp row standing in for a factory code when the text says "Factory 945"."""

    stamp: Any

    @property
    def code(self) -> str:
        return str(self.stamp.code)

    @property
    def manufacturer_id(self) -> str:
        return str(self.stamp.manufacturer_id or "")

    @property
    def country(self) -> str:
        return str(self.stamp.country)

    @property
    def system(self) -> str:
        return "cartridge plant number"


def _headstamp_makers(scan: _Scan, add: Any, result: Identification) -> None:
    hits = longest(scan.find(scan.ix.headstamps))
    # "Factory 41 ... date mark '10'": the number named as a factory is the code, one named as a date is not
    labelled = [h for h in hits if h.start and scan.words[h.start - 1] in _FACTORY_WORDS]
    hits = labelled or [h for h in hits if not (_DATE_WORDS & set(scan.words[max(0, h.start - 3) : h.start]))]
    for hit in hits:
        stamps = hit.payloads
        for stamp in stamps:
            w = 0.75 / len(stamps)
            mid = stamp.manufacturer_id
            note = f"headstamp code {stamp.code}: {stamp.manufacturer_name}"
            if mid:
                add(mid, w, Evidence("manufacturer", scan.raw(hit), "headstamps", stamp.code, "", round(w, 2), note))
            elif stamp.country:
                result.evidence.append(
                    Evidence("country", scan.raw(hit), "headstamps", stamp.code, stamp.country, round(w, 2), note)
                )
        scan.mark(hit)


def _decide_calibre(
    scan: _Scan, hits: list[Hit], model: Model | None, result: Identification, conf: dict[str, float]
) -> None:
    if hits:
        best = max(hits, key=lambda h: (len(h.key), -h.start))
        cal: Calibre = best.payloads[0]
        result.calibre = cal.calibre
        conf["calibre"] = 0.9 if len(best.key) >= 4 else 0.7
        result.evidence.append(
            Evidence("calibre", scan.raw(best), "calibres", cal.calibre, cal.calibre, conf["calibre"])
        )
        for hit in hits:
            scan.mark(hit)
        return
    m = re.search(r"\b(\d{1,2}(?:\.\d{1,2})?)X(\d{2,3})(MMR|MM|R|SR)?\b", " ".join(scan.words))
    if m:
        result.calibre = f"{m.group(1)}x{m.group(2)}mm" + ("R" if (m.group(3) or "").endswith("R") else "")
        conf["calibre"] = 0.6
        result.evidence.append(
            Evidence(
                "calibre", m.group(0), "", "", result.calibre, 0.6, "dimensions as marked; not in the calibre table"
            )
        )
    elif model and model.calibre:
        result.calibre = model.calibre
        conf["calibre"] = 0.55
        result.evidence.append(
            Evidence(
                "calibre", model.model, "models", model.model, model.calibre, 0.55, "calibre of the model; not marked"
            )
        )


def _decide_country(
    scan: _Scan,
    importer_lines: set[int],
    importer_hits: list[Hit],
    nsn: tuple[str, str] | None,
    result: Identification,
    conf: dict[str, float],
) -> None:
    made_in: list[tuple[str, str]] = []
    bare: list[tuple[str, str, Hit]] = []
    described: list[tuple[str, str]] = []
    places: list[tuple[str, str]] = []
    made_hits = scan.find(scan.ix.made_in)
    for hit in longest(scan.find(scan.ix.countries)):
        payload = hit.payloads[0]
        if isinstance(payload, tuple) and payload[0] == "made_in":
            made_in.append((payload[1], scan.raw(hit)))
            scan.mark(hit)
            continue
        demonym = isinstance(payload, tuple)
        code = str(payload[1] if demonym else payload)
        preceded = any(m.end == hit.start and m.start < hit.start for m in made_hits)
        followed = hit.end < len(scan.words) and scan.words[hit.end] in MADE_AFTER
        if preceded or followed:
            made_in.append((code, scan.raw(hit)))
        elif (
            any(hit.overlaps(i) for i in importer_hits)
            or scan.line_of(hit) in importer_lines
            or hit.start in _imported_by_span(scan)
        ):
            result.evidence.append(
                Evidence(
                    "country",
                    scan.raw(hit),
                    "",
                    "",
                    code,
                    0.0,
                    "country word in the importer's mark: not the country of manufacture",
                )
            )
        elif any(hit.overlaps(m) for m in scan.maker_hits):
            # NEW ENGLAND WESTINGHOUSE, SWISS ARMS: a country word inside a maker's name or address
            result.evidence.append(
                Evidence("country", scan.raw(hit), "", "", code, 0.0, "part of a maker's name or address")
            )
        elif demonym and payload[0] == "place":
            places.append((code, scan.raw(hit)))
        elif demonym:
            described.append((code, scan.raw(hit)))
        else:
            bare.append((code, scan.raw(hit), hit))
        scan.mark(hit)
    maker_country = None
    if result.manufacturer_id:
        row = scan.ix.ref.manufacturer(result.manufacturer_id)
        maker_country = row.country if row else None
    hinted = [e for e in result.evidence if e.field == "country" and e.weight > 0 and e.value]
    national = _national_country(scan.ix, result.model)

    def choose(code: str, c: float, text: str, table: str, note: str) -> None:
        result.country = code
        conf["country"] = c
        result.evidence.append(Evidence("country", text, table, code, code, round(c, 2), note))

    if made_in:
        code, text = made_in[0]
        note = "marked as the country of manufacture"
        if maker_country and maker_country != code:
            note += f"; the maker's main factory is in {maker_country}"
        choose(code, 0.92, text, "", note)
    elif (
        maker_country
        and bare
        and all(b[0] != maker_country for b in bare)
        and (conf.get("manufacturer", 0.0) < 0.75 or any(_near(scan, b[2], scan.maker_hits) for b in bare))
    ):
        # a weakly identified maker, or a country name stamped next to the maker's name (SIG ... W. GERMANY);
        # a strong maker mark outweighs a country named elsewhere ("Vietnam bring-back", "English contract")
        code, text = bare[0][0], bare[0][1]
        choose(
            code,
            0.7,
            text,
            "",
            f"country name marked; the maker's main factory is in {maker_country}, "
            "so the maker row may be a designer's name or a foreign plant",
        )
    elif maker_country:
        c = conf.get("manufacturer", 0.5)
        agree = [b for b in bare if b[0] == maker_country]
        choose(
            maker_country,
            min(0.99, c + (0.05 if agree else 0.0)),
            result.manufacturer or "",
            "manufacturers",
            "country of the maker's factory" + (f"; also marked {agree[0][1]}" if agree else ""),
        )
    elif hinted:
        best = max(hinted, key=lambda e: e.weight)
        choose(best.value, best.weight, best.text, best.table, "from " + best.note)
    elif national and national[2]:
        choose(national[0], 0.6, national[1], "models", "national designation: only one country's factories use it")
    elif bare:
        code, text = bare[0][0], bare[0][1]
        choose(code, 0.6, text, "", "country name marked (no maker identified)")
    elif described:
        code, text = described[0]
        choose(code, 0.5, text, "", "country named in the description (no maker identified)")
    elif places:
        code, text = places[0]
        choose(code, 0.45, text, "", "a gunmaking town is marked (no maker identified)")
    elif national:
        choose(national[0], 0.4, national[1], "models", "the design is made in one country only (no maker identified)")
    elif nsn and nsn[1]:
        choose(nsn[1], 0.4, result.nsn or "", "nsn_countries", "country of the NATO codification bureau of the NSN")
    else:
        props = longest(scan.find(scan.ix.properties))
        for hit in props:
            prop = hit.payloads[0]
            result.evidence.append(
                Evidence(
                    "property",
                    scan.raw(hit),
                    "property_marks",
                    prop.pattern,
                    prop.country,
                    0.35,
                    prop.meaning,
                )
            )
            scan.mark(hit)
        owner = next((h.payloads[0] for h in props if h.payloads[0].country), None)
        by_script = script_country(scan.text)
        if owner is not None:
            choose(
                owner.country,
                0.35,
                owner.pattern,
                "property_marks",
                "government property mark: owner's country, likely but not certainly the maker's",
            )
        elif by_script:
            choose(by_script[0], 0.3, "", "", by_script[1])


_FORMER_STATES = {"SU": "RU", "DD": "DE", "YU": "RS", "CS": "CZ"}


@functools.lru_cache(maxsize=4)
def _family_countries(ref: Reference) -> dict[str, tuple[str, bool]]:
    """Each model family's usual country (its most common row country, the design's origin) and
    whether all its rows share it."""
    counts: dict[str, dict[str, int]] = {}
    for mod in ref.models:
        if mod.family and mod.country:
            c = _FORMER_STATES.get(mod.country, mod.country)
            counts.setdefault(mod.family, {}).setdefault(c, 0)
            counts[mod.family][c] += 1
    origin = {fam: max(cs, key=lambda k: cs[k]) for fam, cs in counts.items()}
    for mod in ref.models:  # the family's own design ("TT" of "TT-pattern") names its origin
        stem = compact(re.sub(r"[- ]PATTERN$", "", mod.family.upper())) if mod.family else ""
        if stem and mod.country and stem in {compact(mod.model), *(compact(a) for a in mod.aliases)}:
            origin[mod.family] = _FORMER_STATES.get(mod.country, mod.country)
    return {fam: (origin[fam], len(cs) == 1) for fam, cs in counts.items()}


def _national_country(ix: _Indexes, model_name: str | None) -> tuple[str, str, bool] | None:
    """(country, model, national) when the model says where it was made, else None.

    A family's own designs (AK-47, AKM) are copied everywhere, so their origin says nothing about where
    one rifle was made; a designation used by one country's factories only (its row country differs from
    the family's origin: Type 56, MPi-KM, PM md. 63) does (`national` True). A family made in one
    country only (M16A2, M4A1) is weaker evidence (`national` False): copies exist under other names.
    """
    if not model_name:
        return None
    row = next((m for m in ix.ref.models if m.model == model_name), None)
    if row is None or not row.country or not row.family:
        return None
    country = _FORMER_STATES.get(row.country, row.country)
    origin, single = _family_countries(ix.ref).get(row.family, ("", False))
    if origin and origin != country:
        return country, row.model, True
    if single and origin == country:
        return country, row.model, False
    return None


def _near(scan: _Scan, hit: Hit, others: list[Hit], gap: int = 6) -> bool:
    """True when `hit` is on the line of one of `others` and within `gap` words of it."""
    return any(
        scan.line_of(hit) == scan.line_of(o) and (0 <= hit.start - o.end <= gap or 0 <= o.start - hit.end <= gap)
        for o in others
    )


def _decide_year(scan: _Scan, ammo: bool, result: Identification, conf: dict[str, float]) -> None:
    labelled, suffixed, plain, short = [], [], [], []
    for i, tok in enumerate(scan.tokens):
        if i in scan.used:
            continue
        line_words = {t.text for t in scan.tokens if t.line == tok.line}
        m = _YEAR.match(tok.text)
        prev = scan.words[i - 1] if i else ""
        if m:
            if prev in SERIAL_LABELS or line_words & set(_PATENT):
                continue
            if prev in YEAR_LABELS:
                labelled.append((int(m.group(1)), i))
            elif tok.text.endswith(("Г", "G")):
                suffixed.append((int(m.group(1)), i))
            else:
                plain.append((int(m.group(1)), i))
        elif ammo and re.fullmatch(r"\d{2}", tok.text):
            short.append((int(tok.text), i))
    for found, c, note in (
        (labelled, 0.9, "year label"),
        (suffixed, 0.85, "year with г/year suffix"),
        (plain, 0.6, "four-digit year"),
        (short, 0.6, "two-digit year of a headstamp"),
    ):
        if found:
            year, i = found[0]
            if found is short:
                year += 2000 if year <= 30 else 1900
            result.year = year
            conf["year"] = c
            scan.used.add(i)
            result.evidence.append(Evidence("year", scan.words[i], "", "", str(year), c, note))
            return


def _decide_serial(scan: _Scan, importer_lines: set[int], result: Identification, conf: dict[str, float]) -> None:
    toks = scan.tokens
    for i, tok in enumerate(toks):
        if tok.text in SERIAL_LABELS or (tok.text == "NUMBER" and i and scan.words[i - 1] == "SERIAL"):
            j = i + 1
            while j < len(toks) and toks[j].text in SERIAL_LABELS | {"NUMBER", "NO"}:
                j += 1
            if j < len(toks) and toks[j].line == tok.line and any(ch.isdigit() for ch in toks[j].text):
                serial = toks[j].text
                if j > i + 1 or tok.text != "NO" or _SERIAL.match(serial):
                    result.serial = serial
                    conf["serial"] = 0.9
                    result.evidence.append(
                        Evidence("serial", f"{tok.text} {serial}", "", "", serial, 0.9, "labelled serial number")
                    )
                    scan.used.add(j)
                    return
    candidates = [
        i
        for i, t in enumerate(toks)
        if i not in scan.used
        and _SERIAL.match(t.text)
        and not (t.line in importer_lines and t.text.isdigit() and len(t.text) == 5)
    ]
    if not candidates:
        return
    best = max(candidates, key=lambda i: (any(c.isalpha() for c in toks[i].text), len(toks[i].text), -i))
    if toks[best].text.isdigit() and len(toks[best].text) < 4:
        return
    result.serial = toks[best].text
    conf["serial"] = 0.6
    result.evidence.append(
        Evidence(
            "serial",
            toks[best].text,
            "",
            "",
            toks[best].text,
            0.6,
            "looks like a serial number (letters and digits, not a model or calibre)",
        )
    )


def _decide_kind(
    scan: _Scan,
    ammo: bool,
    model: Model | None,
    nsn: tuple[str, str] | None,
    result: Identification,
    conf: dict[str, float],
) -> None:
    words = set(scan.words)
    explosive = bool(words & EXPLOSIVE_WORDS) or (model is not None and model.weapon_type in {"grenade", "mortar"})
    if model is not None and model.weapon_type == "launcher" and not words & {"PG", "OG", "ROUND", "WARHEAD"}:
        explosive = False
    packaging = bool(words & PACKAGING_WORDS) and (ammo or explosive or bool(words & AMMO_WORDS))
    firearm = model is not None or bool(words & FIREARM_WORDS) or result.manufacturer is not None
    kind, why = None, ""
    if nsn and nsn[0] in _FSC_KIND:
        kind, why = _FSC_KIND[nsn[0]], f"NSN supply class {nsn[0]}"
    elif packaging:
        kind, why = "packaging", "packaging words with ammunition or explosive words"
    elif explosive:
        kind, why = "explosive", "explosive words or model"
    elif ammo or (words & WEAK_AMMO_WORDS and not firearm):
        kind, why = "ammunition", "headstamp or cartridge words"
    elif firearm:
        kind, why = "firearm", "firearm model, maker or words"
    if kind:
        result.kind = kind
        conf["kind"] = 0.8 if why.startswith(("NSN", "packaging", "headstamp")) else 0.7
        result.evidence.append(Evidence("kind", "", "", "", kind, conf["kind"], why))


# --------------------------------------------------------------------------------------------- helpers
def standard_name(field: str, value: str | None, reference: Reference | None = None) -> str | None:
    """The standard name of a manufacturer, model or calibre as recorded anywhere, or None if unknown.

    `standard_name("manufacturer", "COLT'S MFG CO")` → "Colt's Manufacturing Company".
    """
    if not value or not value.strip():
        return None
    ix = _indexes(reference or load_reference())
    if field == "manufacturer":
        for m in ix.ref.manufacturers:
            if m.name.lower() == value.strip().lower():
                return m.name
        ids = ix.makers.get(value)
        if len(ids) == 1:
            row = ix.ref.manufacturer(str(ids[0]))
            return row.name if row else None
        return identify(value, ix.ref).manufacturer
    if field == "model":
        rows = ix.models.get(value)
        if rows:
            return rows[0].model
        return identify(value, ix.ref).model
    if field == "calibre":
        rows = ix.calibres.get(value)
        if rows:
            return rows[0].calibre
        return identify(value, ix.ref).calibre
    raise ValueError(f"standard_name: unknown field {field!r}; use manufacturer, model or calibre")


def _family(value: str, ix: _Indexes) -> str | None:
    rows = ix.models.get(value)
    if rows:
        return rows[0].family or None
    key = compact(value)
    for mod in ix.ref.models:
        fam = compact(mod.family) if mod.family else ""
        if fam and fam in key:
            return mod.family
    found = identify(value, ix.ref)
    return found.family


def related(field: str, a: str | None, b: str | None, reference: Reference | None = None) -> float | None:
    """How closely two recorded values agree: 1.0 the same, 0.5 the same family, 0.0 different, None unknown.

    `related("model", "Type 56", "AK-pattern 7.62x39mm")` → 0.5; `related("manufacturer",
    "COLT'S MFG CO", "Colt")` → 1.0.
    """
    ref = reference or load_reference()
    sa, sb = standard_name(field, a, ref), standard_name(field, b, ref)
    if field == "model":
        if sa and sb and sa == sb:
            return 1.0
        ix = _indexes(ref)
        fa, fb = (_family(a, ix) if a else None), (_family(b, ix) if b else None)
        if fa and fb:
            return 0.5 if fa == fb else 0.0
        if sa and sb:
            return 0.0
        return None
    if sa is None or sb is None:
        return None
    return 1.0 if sa == sb else 0.0


_RECORD_FIELDS = ("manufacturer", "model", "calibre", "markings", "importer")


def identify_record(fields: Mapping[str, Any], reference: Reference | None = None) -> dict[str, Any]:
    """Standardise a recovery's or registry record's make, model and calibre from all it says.

    The recorded fields are read first (one line each), then the markings; the raw values stay in the
    record, this returns the standard ones (None where unknown) and an `identification` summary.
    """
    lines = [str(fields[k]).strip() for k in _RECORD_FIELDS if fields.get(k) and str(fields[k]).strip()]
    result = identify("\n".join(lines), reference)
    recorded_country = str(fields.get("country") or "").strip().upper() or None
    return {
        "manufacturer": result.manufacturer,
        "model": result.model,
        "calibre": result.calibre,
        "country": result.country or recorded_country,
        "year": result.year,
        "weapon_type": result.weapon_type,
        "kind": result.kind,
        "importer": result.importer,
        "import_country": result.import_country,
        "family": result.family,
        "identification": {
            "confidence": result.confidence,
            "field_confidence": result.field_confidence,
            "evidence": [
                f"{e.field}: {e.text!r} → {e.value or e.row} ({e.note})" for e in result.evidence if e.weight > 0
            ],
            "serial_in_markings": result.serial,
            "nsn": result.nsn,
        },
    }


def _manufacturer_row(ref: Reference, mid: str) -> Manufacturer | None:
    return ref.manufacturer(mid)
