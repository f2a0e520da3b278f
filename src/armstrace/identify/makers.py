"""Who made it, and who imported it: maker evidence combined per maker (noisy-or) from name variants,
locations, factory codes, headstamps and single-maker models, after dropping names that are really an
importer's mark, a calibre (`.38 S&W`), a design name (`Turkish Mauser`) or an ordinary word.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from armstrace.reference import Model

from .factory_marks import factory_codes
from .headstamps import headstamp_makers
from .licences import LICENCE, family_makers, licensee, licensor, model_rows, national_producer
from .lots import lot_maker
from .producers import named_producer
from .renderings import rendered_makers
from .result import Alternative, Evidence, Identification
from .scan import (
    Scan,
    compared_or_user,
    copied_design,
    copy_origin,
    imported_by_span,
    made_in_codes,
    phrase_weight,
)
from .text import Hit, compact, longest, normalise
from .words import AMMO_WORDS, DESIGNER_GIVEN_NAMES, FIREARM_WORDS, GENERIC_MAKER_WORDS

__all__ = ["decide_importer", "decide_maker", "local_producer", "unlisted_producer"]


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


def decide_maker(
    scan: Scan,
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
    parts: dict[str, dict[tuple[str, str], list[float]]] = {}
    ordinary: set[str] = set()  # makers named only by a word that is also an ordinary word (ARSENAL, STAR)

    def add(mid: str, w: float, evidence: Evidence) -> None:
        # the same name said again is not a second independent mark: a weak name ("the Kalashnikov ... its own
        # Kalashnikov plant") counts once; a strong one repeated adds a little (the subject of a description)
        key = (evidence.table, compact(evidence.text) or evidence.row)
        parts.setdefault(mid, {}).setdefault(key, []).append(w)
        acc = 1.0
        for ws in parts[mid].values():
            ws = sorted(ws, reverse=True)
            acc *= 1 - ws[0]
            for extra in ws[1:]:
                acc *= 1 - (0.3 * extra if extra > 0.45 else 0.0)
        scores[mid] = 1 - acc
        ev.setdefault(mid, []).append(evidence)

    blockers = [*importer_hits, *calibre_hits]
    blockers += [h for h in model_hits if not any(getattr(p, "manufacturer_id", "") for p in h.payloads)]
    imported_by = imported_by_span(scan)
    subsidiary: list[Hit] = []
    maker_hits = longest(scan.find(ix.makers))
    maker_hits += [h for h in longest(scan.find(ix.makers, ocr=True)) if not any(h.overlaps(m) for m in maker_hits)]
    maker_hits += [h for h in longest(scan.find(ix.makers, across=True)) if not any(h.overlaps(m) for m in maker_hits)]
    scan.maker_hits = maker_hits
    rejected: list[Hit] = []  # a place inside a licensor's name ("licence from FN HERSTAL") is that name's
    # a maker named as the licensor once is the licensor where its name is said again ("lisensi FN FNC (Fabrique
    # Nationale, Belgia)"), unless the text also names it as the one that made it
    licensor_ids = {str(mid) for h in maker_hits if licensor(scan, h) for mid in h.payloads}
    for hit in maker_hits:
        why = (
            _blocked(hit, blockers, imported_by) or _foreign_design(scan, hit) or _other_makers_design(hit, model_hits)
        )
        if (
            not why
            and {str(p) for p in hit.payloads} <= licensor_ids
            and not licensor(scan, hit)
            and not licensee(scan, hit)
        ):
            why = "named as the licensor elsewhere in the text: the licensee made it"
            scan.mark(hit)
            rejected.append(hit)
        if not why and copied_design(scan, hit):
            why = "named as the design the item copies or resembles"
            scan.mark(hit)  # "Kalashnikov-pattern": nor read again as a slip of the same name
        if not why and licensor(scan, hit):
            why = "named as the licensor: the licensee made it"
            scan.mark(hit)  # nor read again as a slip of the same name
            rejected.append(hit)
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
            if why.startswith("a design name after"):
                scan.mark(hit)  # "Iranian Kalashnikov": nor read again as a slip of the same name
            continue
        if hit.key in GENERIC_MAKER_WORDS and scan.words[hit.end : hit.end + 1] in _KIND_OF_MARK:
            # "an arrow in a triangle arsenal mark", "star stamp": the word says what kind of mark it is
            result.evidence.append(
                Evidence(
                    "manufacturer",
                    scan.raw(hit),
                    "manufacturers",
                    "/".join(map(str, hit.payloads)),
                    "",
                    0.0,
                    "not taken as the maker: names a kind of mark",
                )
            )
            scan.mark(hit)  # nor as a slip of a maker's name
            continue
        generic = hit.key in GENERIC_MAKER_WORDS  # "the Izhevsk arsenal": a word, not yet a maker
        if generic:
            ordinary.update(str(mid) for mid in hit.payloads)
        generic = generic or _names_design(hit, model_hits)  # "Mauser Karabiner 98k": a design's name
        person = _persons_name(scan, hit)  # "John Browning", "Mikhail Kalashnikov": the designer, not the maker
        # "made by the Savage Arms Company", "Manufacturer: REMINGTON RAND", "produced under licence by ARMSCOR"
        named = _named_as_maker(scan, hit) or licensee(scan, hit)
        own_design = _own_design_makers(hit, model_hits)  # IZH in IZh-71: Izhevsk Mechanical Plant's, not Izhmash's
        for mid in [p for p in hit.payloads if not own_design or str(p) in own_design]:
            named_here = named or _own_nationality_before(scan, hit, str(mid))  # "a Hungarian FÉG PA-63"
            weak = (generic or person) and not named_here
            w = (0.45 if weak else phrase_weight(hit.key)) / (1 if len(hit.payloads) == 1 else 1.6)
            if named_here:
                w = 1 - (1 - w) * 0.5
            add(
                str(mid),
                w,
                Evidence(
                    "manufacturer",
                    scan.raw(hit),
                    "manufacturers",
                    str(mid),
                    "",
                    round(w, 2),
                    "a person's name (designer or founder): weak" if person and not named else "marking variant",
                ),
            )
        scan.mark(hit)
        scan.makers_taken.append(hit)
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
    if set(scores) <= ordinary:  # "Springfield Arsenal", "stabilimento meccanico di Izhevsk": another rendering
        lines = [t.line for t in scan.tokens]
        rendered = rendered_makers(scan.words, lines, ix.ref, lambda core: _country_word(ix, core))
        for mid in list(scores) if rendered else []:  # ARSENAL was part of the rendered name, not Arsenal AD
            scores.pop(mid)
            ev.pop(mid, None)
            parts.pop(mid, None)
        for found in rendered:
            rejected.append(Hit(found.span[0], found.span[1], "", "", ()))  # its town is not a second location
            add(
                found.manufacturer_id,
                0.6,
                Evidence(
                    "manufacturer",
                    found.text,
                    "manufacturers",
                    found.manufacturer_id,
                    "",
                    0.6,
                    f"the maker's proper name ({found.core}) with its generic words rendered otherwise",
                ),
            )
    if not scores:
        _fuzzy_maker(scan, blockers, add)
    for hit in longest(scan.find(ix.locations)):
        if any(hit.overlaps(b) for b in importer_hits) or any(
            hit.overlaps(r) and not any(hit.overlaps(t) for t in scan.makers_taken) for r in rejected
        ):
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
    codes = factory_codes(scan)
    named_countries = _named_countries(scan) if len({c[0].code for c in codes}) < len(codes) else set()
    for code, how, matched in codes:
        # a symbol that is also a word ("red-star grips") is weak until a second mark agrees ("Tula star"); a
        # mark several makers share counts for each in part
        fw = 0.45 if compact(code.code) in GENERIC_MAKER_WORDS and "described" not in how else 0.8
        sharers = [c[0] for c in codes if c[0].code == code.code]
        if len(sharers) > 1:
            # a shared mark (the arrow in a triangle: Izhevsk and Cugir) leads to the holder whose country the
            # text names ("made in Romania"), else to the one the table lists first, its best-known holder
            lead = next((c for c in sharers if c.country in named_countries), sharers[0])
            fw = round(fw * (0.65 if lead is code else 0.35 / (len(sharers) - 1)), 2)
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
        headstamp_makers(scan, add, result)
    if scan.lot is not None:
        lot_maker(scan, scan.lot, add, result, _country_cues(scan, scores))
    # a model made by one maker only (its row's maker, or the one maker listed) names the maker
    model_maker = (model.manufacturer_id or (model.makers[0] if len(model.makers) == 1 else "")) if model else ""
    model_row = ix.ref.manufacturer(model_maker) if model_maker else None
    made_in = made_in_codes(scan)
    licensees = {str(mid) for h in scan.makers_taken if licensee(scan, h) for mid in h.payloads}
    licensors = {str(mid) for h in scan.maker_hits if licensor(scan, h) for mid in h.payloads}
    if licensees - {model_maker} or model_maker in licensors:
        # "Beretta 92 made under licence by Taurus", "G3 made under licence from Heckler & Koch": the design's
        # maker did not make this one
        model_maker = ""
    # "an AK-pattern rifle made in North Korea", "an Iraqi copy of the Dragunov": the copied design's family, too
    design = model or (model_rows(ix.ref).get(scan.chosen_model or "") if scan.model_is_copy else None)
    national = national_producer(scan, design, model_row, copy=model is None) if design and not licensees else None
    if national and model_maker:
        # "Pakistani G3", "G3 made in Iran": the family's own design named with a country whose factories make
        # the family under licence or as copies; the design's maker did not make this one
        result.evidence.append(
            Evidence(
                "manufacturer",
                national[1],
                "models",
                model_maker,
                "",
                0.0,
                f"the design's maker is not taken: {national[1]} names {national[0]}, whose factories make the "
                f"{design.family if design else ''} family",
            )
        )
        model_maker = ""
    marked = {str(mid) for h in scan.maker_hits for mid in h.payloads}
    brands = {m for c, mk in family_makers(ix.ref)[0].get(design.family, {}).items() if national and c != national[0]
              for m in mk} if design else set()  # fmt: skip
    if (
        national
        and national[2]
        and design
        and brands & marked
        and not any(
            m.family == design.family and m.relation in {"licence", "derivative"}
            and national[2] in (m.manufacturer_id, *m.makers)
            for m in ix.ref.models
        )
    ):  # fmt: skip
        # the brand itself marked ("COLT … MADE IN PHILIPPINES"): only a licensee or the brand's own plant there
        # (Taurus's Beretta plant) made it under that name; a copier's rows (Armscor's 1911) do not say this one is
        # theirs — craft copies carry the brand too
        national = (national[0], national[1], "")
    if national and national[2] and design:
        # a made-in mark is stronger than a demonym beside the design ("MADE IN PORTUGAL" beats the brand HK)
        w = 0.3 if national[2] in scores else 0.7 if national[1].startswith("made in") else 0.55
        why = (
            f"the only maker of the {design.family} family in {national[0]} in the tables "
            f"({national[1]} named with the design)"
        )
        add(national[2], w, Evidence("manufacturer", national[1], "models", design.model, "", w, why))
    if model and model_maker and not (model_row and made_in and model_row.country not in made_in):
        # FAL marked INDUSTRIA ARGENTINA is a licensed copy: the design's maker is not the maker
        # the design's one maker, when the text itself names another maker, is a weaker reading than that name
        # ("G3 ... à Fábrica Militar de Braço de Prata"): the plant named made this one
        other_named = any(
            m != model_maker and v >= 0.5 and not all("close spelling" in e.note for e in ev.get(m, []))
            for m, v in scores.items()
        )  # a close spelling (`Kalašnjikov` beside the Zastava Z-PAP) is no such name
        w = 0.3 if model_maker in scores or other_named else 0.55
        why = "model made by one maker"
        if model.relation in {"licence", "copy", "derivative"}:
            why = f"national designation ({model.relation} of {model.based_on or model.family}) made by one maker"
        add(model_maker, w, Evidence("manufacturer", model.model, "models", model.model, "", w, why))
    if model and model.family and model.kind == "firearm":
        # "Arsenal AKS-74", "Makarov Arsenal": a maker's name that is also a word (weak alone) is confirmed by a
        # design of a family the tables say that maker makes
        of_family = family_makers(ix.ref)[0].get(model.family, {})
        # (a mark several makers of the family share, Izhevsk's and Cugir's arrow, stays open)
        makers = [m for m in scores if any(m in mk for mk in of_family.values())]
        if len(makers) == 1 and makers[0] in ordinary and scores[makers[0]] < 0.5:
            why = f"makes the {model.family} family (models table): confirms a weak name"
            add(makers[0], 0.2, Evidence("manufacturer", model.model, "models", model.model, "", 0.2, why))
    for mid in list(scores):
        if ix.ref.manufacturer(mid) is None:
            scores.pop(mid)
    if not scores:
        return
    _made_in_decides(ix, made_in, scores, result)
    _shared_name_by_country(scan, scores, result)
    # a state exporter's name (Kintex, Yugoimport, Poly Technologies) marks export ordnance and its packaging; a
    # plant named too (by name, code, lot mark or model) is the maker, and the exporter is a second reading
    for mid in [m for m in scores if _exporter(ix, m)]:
        row = ix.ref.manufacturer(mid)
        assert row is not None
        plants = [
            m
            for m in scores
            if not _exporter(ix, m)
            and scores[m] >= 0.3
            and getattr(ix.ref.manufacturer(m), "country", "") == row.country
        ]
        if not plants:
            continue  # a plant of another country against the exporter is left to the usual ranking
        for plant in plants:
            why = f"exported by {row.name}, the state exporter of the plant's country"
            add(plant, 0.3, Evidence("manufacturer", row.name, "manufacturers", mid, "", 0.3, why))
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(mid, []) if e.weight > 0)
        result.alternatives.append(
            Alternative("manufacturer", row.name, round(scores[mid], 2), ("state exporter, not the plant", *marks))
        )
        result.evidence.append(
            Evidence(
                "manufacturer",
                row.name,
                "manufacturers",
                mid,
                "",
                0.0,
                "a state exporter: the plant named is the maker",
            )
        )
        scores.pop(mid)
    # a group named with one of its own plants or subsidiaries (`Mesko (PGZ)`, `Kupol, Almaz-Antey`, `ROMARM
    # CUGIR`): the member made the item, the group (`part_of`/`subsidiary_of`) is a second reading
    for group, members in _groups_named_with_members(ix, scores, ev, _component_makers(scan)).items():
        row = ix.ref.manufacturer(group)
        assert row is not None
        for member in [m for m in members if m in scores]:
            why = f"named with {row.name}, the group it belongs to"
            member_row = ix.ref.manufacturer(member)
            name = member_row.name if member_row is not None else member
            add(member, 0.2, Evidence("manufacturer", row.name, "maker_relations", member, name, 0.2, why))
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(group, []) if e.weight > 0)
        result.alternatives.append(
            Alternative("manufacturer", row.name, round(scores[group], 2), ("the group, not the plant", *marks))
        )
        result.evidence.append(
            Evidence(
                "manufacturer", row.name, "maker_relations", group, "", 0.0, "a group: its member named is the maker"
            )
        )
        scores.pop(group)
    _plant_numbers_of_other_countries(scan, importer_hits, scores, ev, result)
    if not scores:
        return
    if licensees & set(scores):
        # "Beretta 1951 ... prodotta su licenza presso la Maadi": the text says who made it under licence; the
        # other makers it names are the design's, its brand's or its licensor's
        for mid in [m for m in scores if m not in licensees]:
            scores[mid] *= 0.5
            why = "another maker is named as the one that made it under licence: halved"
            result.evidence.append(Evidence("manufacturer", "", "manufacturers", mid, "", 0.0, why))
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
        _alternatives(ix, ranked[:3], scores, ev, result)
        fitting = [m for m in ranked[:3] if scores[m] >= 0.3]
        countries = {getattr(ix.ref.manufacturer(m), "country", "") for m in fitting}
        weak_word = len(fitting) == 1 and fitting[0] in ordinary  # ARSENAL alone: Arsenal AD's name, and a word
        if fitting and not weak_word and len(countries) == 1 and "" not in countries and not _named_countries(scan):
            # ROMARM marks Cugir's and the Romarm group's products alike: the maker is open, its country is not
            code = countries.pop()
            why = "the makers that fit equally are all of this country"
            result.evidence.append(Evidence("country", "", "manufacturers", "|".join(ranked[:3]), code, 0.6, why))
        return
    row = ix.ref.manufacturer(best)
    assert row is not None
    copied = copy_origin(scan)
    if copied and copied[0] != row.country and _brand_only(ix, row, {copied[0]}, ev[best]):
        made_in = {copied[0]}  # "Danao City craft copy" of a Smith & Wesson: the brand is the copied one
    if made_in and row.country not in made_in and _brand_only(ix, row, made_in, ev[best]):
        # a brand (GLOCK, COLT) on an item marked MADE IN another country where the brand has no plant: a copy
        # or a false mark. Both readings are reported; the marked country stands, the brand is not the maker.
        where = "/".join(sorted(made_in))
        result.conflicts.append(
            f"the brand {row.name} ({row.country}) is marked on an item made in {where}, where it has no plant: "
            "a copy, a licence or a false mark; the maker is left unknown"
        )
        _alternatives(ix, ranked[:3], scores, ev, result)
        for code in sorted(made_in):
            result.alternatives.append(Alternative("country", code, 0.92, ("marked as the country of manufacture",)))
        result.evidence.append(
            Evidence("manufacturer", "", "manufacturers", best, "", 0.0, f"brand against MADE IN {where}: not taken")
        )
        return
    own_plant = _brand_plant(ix, row, made_in) if made_in and row.country not in made_in else None
    if own_plant is not None:  # COLT … MADE IN CANADA: the brand's own plant there (Colt Canada) made it
        note = f"the brand's plant in {own_plant.country}, the marked country of manufacture"
        ev[best].append(Evidence("manufacturer", row.name, "manufacturers", own_plant.manufacturer_id, "", 0.0, note))
        row = own_plant
    result.manufacturer, result.manufacturer_id = row.name, row.manufacturer_id
    conf["manufacturer"] = scores[best]
    for e in ev[best]:
        result.evidence.append(Evidence(e.field, e.text, e.table, e.row, row.name, e.weight, e.note))


# words that may stand beside a plant's number in its mark (`FACTORY 10`, `10 in a double circle`, `lot 3-88-10`)
_NUMBER_MARK_WORDS = frozenset(
    re.split(
        r"\s+",
        "FACTORY PLANT WORKS NO NR N IN A AN THE TRIANGLE OVAL CIRCLE CIRCLES DOUBLE TWO CONCENTRIC FRAMED LOT MARK "
        "ZAVOD ЗАВОД FABRIKA MASNA مصنع",
    )
)


def _number_mark(text: str) -> bool:
    """A plant's number with at most the words of a numbered mark: `FACTORY 10`, `(66)`, `10-88-57`."""
    words = re.findall(r"[^\W\d_]+", text.upper())
    return any(c.isdigit() for c in text) and all(w in _NUMBER_MARK_WORDS for w in words)


def _plant_numbers_of_other_countries(
    scan: Scan,
    importer_hits: list[Hit],
    scores: dict[str, float],
    ev: dict[str, list[Evidence]],
    result: Identification,
) -> None:
    """A maker found only by a plant number (`factory 10`, a framed code, a lot mark) when the text names the item's
    country as another: state plants of several countries use the same numbers (Egypt's factories, Bulgaria's
    Arsenal 10), so the number is read as the named country's plant, and this maker is not taken."""
    numbered = []
    for mid in scores:
        row = scan.ix.ref.manufacturer(mid)
        marks = [e for e in ev.get(mid, []) if e.weight > 0]
        if row is not None and marks and all(_number_mark(e.text) for e in marks):
            numbered.append((mid, row, marks[0].text))
    if not numbered:
        return
    lines = {scan.line_of(h) for h in importer_hits}
    named: set[str] = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit) or scan.line_of(hit) in lines:
            continue  # a user's or a place's country, or an importer's address (GEORGIA VT)
        for p in hit.payloads:
            if isinstance(p, str):
                named.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                named.add(p[1])
    for mid, row, text in numbered:
        if not named or row.country in named:
            continue
        scores.pop(mid)
        where = "/".join(sorted(named))
        result.evidence.append(
            Evidence(
                "manufacturer",
                text,
                "manufacturers",
                mid,
                "",
                0.0,
                f"a plant number of {row.name} ({row.country}), but the text names {where}: "
                "plants of several countries use the same numbers; not taken",
            )
        )


def _named_countries(scan: Scan) -> set[str]:
    """Countries the text names as this item's (made in, a country's name or demonym), not a user's or a place's."""
    named = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit):
            continue
        for p in hit.payloads:
            if isinstance(p, str):
                named.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                named.add(p[1])
    return named


def _country_cues(scan: Scan, scores: dict[str, float]) -> set[str]:
    """Countries the text names (made in, a country's name or demonym) or whose makers it names."""
    cues = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        for p in hit.payloads:
            if isinstance(p, str):
                cues.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                cues.add(p[1])
    for mid in scores:
        row = scan.ix.ref.manufacturer(mid)
        if row is not None:
            cues.add(row.country)
    return cues


_EXPORTER_NOTE = re.compile(r"\bstate (?:arms )?export(?:er|ing| company)\b", re.IGNORECASE)


def _country_word(ix: Any, phrase: str) -> bool:
    """A country's name or demonym ("Chinese arsenal" names no plant); a town (Izhevsk) is not one."""
    return any(
        isinstance(p, str) or (isinstance(p, tuple) and p[0] == "demonym") for p in ix.countries.get(compact(phrase))
    )


def _exporter(ix: Any, mid: str) -> bool:
    """A state arms exporter (its row's notes say so: `state arms exporter`, `state export company`)."""
    row = ix.ref.manufacturer(mid)
    return row is not None and bool(_EXPORTER_NOTE.search(row.notes))


# a component named with its own maker: "fuze by Burkan", "primer: CBC", "the rocket motor made by Roxel"
_COMPONENT_WORDS = frozenset(
    {"FUZE", "FUZES", "FUSE", "FUSES", "PRIMER", "PRIMERS", "DETONATOR", "DETONATORS", "PROPELLANT", "POWDER"}
    | {"MOTOR", "SEEKER", "WARHEAD", "COMPONENT", "COMPONENTS", "IGNITER", "BOOSTER", "CHARGE", "CASE", "CASES"}
    | {"SUBCONTRACTOR", "SUPPLIER", "ZUNDER", "ZUENDER", "FUSEE", "ESPOLETA", "SPOLETTA", "ZAPALNIK", "TAPA"}
)


def _component_makers(scan: Scan) -> set[str]:
    """The makers every naming of which follows a component's word within three words ("fuze by Burkan
    Munitions"): a component's maker, not the item's plant."""
    named: dict[str, bool] = {}
    for h in scan.maker_hits:
        line = scan.tokens[h.start].line
        before = [scan.words[k] for k in range(max(0, h.start - 3), h.start) if scan.tokens[k].line == line]
        component = any(w in _COMPONENT_WORDS for w in before)
        for mid in h.payloads:
            named[str(mid)] = named.get(str(mid), True) and component
    return {mid for mid, only in named.items() if only}


def _groups_named_with_members(
    ix: Any, scores: dict[str, float], ev: dict[str, list[Evidence]], components: set[str]
) -> dict[str, list[str]]:
    """Each defence group or holding (its row's notes say so: `defence group`, `holding`, `conglomerate`, `group
    of`) found together with members of its own (`part_of`, `subsidiary_of` in maker_relations.csv) that were
    found by a mark of their own (a name or a code the group does not share, not only a design the member
    makes), and those of its members that are not groups themselves. A holding is an owner, not a factory:
    tracing goes to the plant."""
    found: dict[str, list[str]] = {}
    for rel in ix.ref.maker_relations:
        member, group = rel.manufacturer_id, rel.related_id
        if rel.relation not in {"part_of", "subsidiary_of"} or group not in scores or scores.get(member, 0.0) < 0.3:
            continue
        if member in components:
            continue  # "by Edge Group, fuze by Burkan": the member made a component, the group stays the maker
        row = ix.ref.manufacturer(group)
        group_marks = {compact(e.text) for e in ev.get(group, [])}  # ROMARM marks Cugir's products and the group's
        own_mark = any(
            e.table != "models" and e.weight > 0 and compact(e.text) not in group_marks for e in ev.get(member, [])
        )
        if row is not None and _GROUP_NOTE.search(row.notes) and own_mark and member not in found.get(group, []):
            found.setdefault(group, []).append(member)
    return {g: [m for m in ms if m not in found] for g, ms in found.items()}


_GROUP_NOTE = re.compile(
    r"\b(?:defen[cs]e (?:group|holding|concern)|holding|conglomerate|group of|directorate over)\b", re.I
)


def _alternatives(
    ix: Any, mids: list[str], scores: dict[str, float], ev: dict[str, list[Evidence]], result: Identification
) -> None:
    """The makers left open, each with its score and the marks behind it, and their countries."""
    for mid in mids:
        row = ix.ref.manufacturer(mid)
        if row is None:
            continue
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(mid, []) if e.weight > 0)
        result.alternatives.append(Alternative("manufacturer", row.name, round(scores[mid], 2), marks))
        result.alternatives.append(
            Alternative("country", row.country, round(scores[mid], 2), (f"factory of {row.name}",))
        )


def _brand_only(ix: Any, row: Any, made_in: set[str], evidence: list[Evidence]) -> bool:
    """True when the maker was named by its brand only and has no related plant in the marked country.

    A maker with a plant or subsidiary there (FN Herstal and FN America, SIG Sauer GmbH and Inc., Colt and Colt
    Canada, Glock and its importer Glock Inc.: a maker or importer row of that country whose name starts with the
    same word) or named through a factory code or
    headstamp is not a conflict; nor is a model's maker inferred from a licensed designation. The brand's own
    design (BERETTA 92, GLOCK 17) names the brand again, so it does not explain a foreign MADE IN either.
    """
    if any(e.table in {"factory_codes", "headstamps"} for e in evidence):
        return False
    for e in evidence:
        if e.table == "models":
            model = next((m for m in ix.ref.models if m.model == e.row), None)
            if model is None or model.relation in {"licence", "copy", "derivative"}:
                return False

    def first(name: str) -> str:  # Colt's Manufacturing Company and Colt Canada share "colt"
        return name.split()[0].lower().removesuffix("'s").removesuffix("’s")

    related = [(m.country, m.name) for m in ix.ref.manufacturers] + [
        (i.country, i.importer) for i in ix.ref.import_marks
    ]
    if any(cc in made_in and first(name) == first(row.name) for cc, name in related):
        return False
    return _related_plant(ix, row, made_in) is None  # Browning MADE IN BELGIUM: its owner FN Herstal's plant


def _made_in_decides(ix: Any, made_in: set[str], scores: dict[str, float], result: Identification) -> None:
    """A marked country of manufacture decides between makers: the FN Minimi "manufactured in the United
    States by FN Manufacturing LLC" is FN America's, not FN Herstal's; a PA-63 "made in Hungary" is FÉG's, not the
    Walther whose design it follows. Only when a maker of that country is itself a candidate: a maker with plants
    in several countries (Glock, SIG) keeps its name when no other candidate fits the marked country."""
    if not made_in:
        return
    rows = {mid: ix.ref.manufacturer(mid) for mid in scores}
    fits = [mid for mid, row in rows.items() if row is not None and row.country in made_in and scores[mid] >= 0.5]
    if not fits:
        return
    for mid, row in rows.items():
        if row is not None and row.country not in made_in and scores[mid] > 0:
            scores[mid] *= 0.5
            result.evidence.append(
                Evidence(
                    "manufacturer",
                    "",
                    "manufacturers",
                    mid,
                    "",
                    0.0,
                    f"weakened: its factory ({row.country}) is not the marked country of manufacture "
                    f"({'/'.join(sorted(made_in))}) and a maker there is named",
                )
            )


def _other_makers_design(hit: Hit, model_hits: list[Hit]) -> str:
    """ "Baby Browning", "Browning Hi-Power": a maker's name inside a design that another maker makes."""
    own = {str(mid) for mid in hit.payloads}
    for m in model_hits:
        if not (m.start <= hit.start and hit.end <= m.end) or (m.start, m.end) == (hit.start, hit.end):
            continue
        makers = {str(getattr(p, "manufacturer_id", "") or "") for p in m.payloads}
        if "" not in makers and not (makers & own):
            return "part of a design made by another maker"
    return ""


def _own_design_makers(hit: Hit, model_hits: list[Hit]) -> set[str]:
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


def _persons_name(scan: Scan, hit: Hit) -> bool:
    """True when a one-word maker name follows a given name: "John Browning", "Mikhail Kalashnikov"."""
    if hit.end - hit.start != 1 or hit.start == 0:
        return False
    line = scan.tokens[hit.start].line
    j = hit.start - 1
    if len(scan.words[j]) == 1 and j > 0:  # "John M. Browning"
        j -= 1
    return scan.words[j] in DESIGNER_GIVEN_NAMES and scan.tokens[j].line == line


def _names_design(hit: Hit, model_hits: list[Hit]) -> bool:
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


_KIND_OF_MARK = [[w] for w in ("MARK", "MARKS", "MARKING", "MARKINGS", "STAMP", "CODE", "SYMBOL", "LOGO", "PROOF")]


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


def _own_nationality_before(scan: Scan, hit: Hit, mid: str) -> bool:
    """True when the maker's own nationality stands right before its name: "a Hungarian FÉG PA-63"."""
    row = scan.ix.ref.manufacturer(mid)
    if row is None or hit.start == 0:
        return False
    for size in (1, 2):
        if hit.start - size < 0 or scan.tokens[hit.start - size].line != scan.tokens[hit.start].line:
            continue
        for payload in scan.ix.countries.get(" ".join(scan.words[hit.start - size : hit.start])):
            code = payload[1] if isinstance(payload, tuple) else str(payload)
            if code == row.country:
                return True
    return False


def _named_as_maker(scan: Scan, hit: Hit) -> bool:
    """True when the text says this is the maker: "made by (the) X", "Manufacturer: X", "Make: X"."""
    before = [w for w in scan.words[max(0, hit.start - 3) : hit.start] if w not in {"THE", "A", "AT", "VON", "DE"}]
    if before and before[-1] in _MAKER_LABELS:
        return True
    if before and before[-1] == "VON" and hit.end < len(scan.words) and scan.words[hit.end] in _MADE_AFTER_VON:
        return True
    return len(before) >= 2 and before[-1] in {"BY", "VON", "PAR", "POR"} and before[-2] in _MADE_BY | LICENCE


def _foreign_design(scan: Scan, hit: Hit) -> str:
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


def _domestic_maker(scan: Scan, hit: Hit, importer_hits: list[Hit]) -> bool:
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


# Words a maker's name shares with ordinary descriptions: a close spelling needs four more letters than these.
_PLAIN_WORDS = AMMO_WORDS | FIREARM_WORDS | {"MM", "CAL", "MFG", "CO", "INC", "LTD", "CORP", "COMPANY", "ARMS"}


def unlisted_producer(scan: Scan, importer_hits: list[Hit], result: Identification, conf: dict[str, float]) -> None:
    """No maker of the tables is decided: a maker the text names by the shape of its name (`par la société Neitron`,
    `SME Ordnance Sdn Bhd`, `Fábrica Militar de Braço de Prata`) is reported with no row, and its country when the
    name or the words right after it say it."""
    found = named_producer(scan.text, scan.ix.countries, _PLAIN_WORDS)
    if found is None or any(normalise(found.name) in normalise(scan.raw(h)) for h in importer_hits):
        return
    result.manufacturer, result.manufacturer_id = found.name, None
    conf["manufacturer"] = 0.5
    why = f"{found.how}; no row of the tables holds it"
    result.evidence.append(Evidence("manufacturer", found.name, "", "", found.name, 0.5, why))
    if found.country:
        why = f"the country of the maker named by the text ({found.name})"
        result.evidence.append(Evidence("country", found.country_text, "", "", found.country, 0.65, why))


def local_producer(scan: Scan, importer_hits: list[Hit], result: Identification, conf: dict[str, float]) -> None:
    """A maker of the tables in conflict with the country the text gives (`Steyr AUG ... SME Ordnance Sdn Bhd,
    Malaysia`, `modèle China North Industries produite sous licence par Khenchela, Algérie`): when the text also
    names a maker of that country (a row's, or one no row holds, by the shape of its name), that maker made it
    there; the table's maker is the design's or the licensor's, kept as an alternative."""
    conflict = next((c for c in result.conflicts if c.startswith("the maker ") and "but the text gives" in c), "")
    if not conflict or not result.manufacturer_id or not result.manufacturer:
        return
    local = {
        str(mid)
        for h in scan.makers_taken
        for mid in h.payloads
        if getattr(scan.ix.ref.manufacturer(str(mid)), "country", "") == result.country
    }
    if len(local) == 1:
        # `Steyr AUG, local production — SME Ordnance, Malaysia`: a maker of that country is named too
        row = scan.ix.ref.manufacturer(local.pop())
        assert row is not None
        why = (
            f"a maker of {result.country}, the country the text gives, is named too; {result.manufacturer} "
            "(another country) is the design's or licensor's maker"
        )
        result.conflicts.remove(conflict)
        result.evidence.append(
            Evidence("manufacturer", row.name, "manufacturers", row.manufacturer_id, row.name, 0.5, why)
        )
        result.manufacturer, result.manufacturer_id = row.name, row.manufacturer_id
        conf["manufacturer"] = 0.5
        return
    found = named_producer(scan.text, scan.ix.countries, _PLAIN_WORDS)
    if found is None or found.how == "a plant-shaped name" or found.country not in ("", result.country):
        return
    name = normalise(found.name)
    taken = [normalise(scan.raw(h)) for h in scan.makers_taken]
    if any(t and (t in name or name in t) for t in taken) or any(name in normalise(scan.raw(h)) for h in importer_hits):
        return
    table_maker = result.manufacturer
    result.conflicts.remove(conflict)
    result.manufacturer, result.manufacturer_id = found.name, None
    conf["manufacturer"] = 0.5
    why = (
        f"{found.how}, where the text gives {result.country}; {table_maker} (another country) is the design's or "
        "licensor's maker; no row of the tables holds this one"
    )
    result.evidence.append(Evidence("manufacturer", found.name, "", "", found.name, 0.5, why))


def _near_keys(scan: Scan, length: int, limit: int) -> tuple[list[tuple[str, str]], list[str]]:
    """The maker keys within `limit` letters of `length` long, and their names: what a key may be a slip of."""
    near = [c for size in range(length - limit, length + limit + 1) for c in scan.ix.fuzzy_keys.get(size, ())]
    return near, [c for c, _ in near]


def _fuzzy_maker(scan: Scan, blockers: list[Hit], add: Any) -> None:
    """One-letter slips in long maker names (`IZMASH`, `HECKLER KOCH`), at a reduced weight."""
    n = len(scan.tokens)
    nearby: dict[int, tuple[list[tuple[str, str]], list[str]]] = {}
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
            if len("".join(w for w in scan.words[start:end] if w not in _PLAIN_WORDS)) < 4:
                continue  # `MM AMMUNITION` is no slip of `PMC AMMUNITION`: too little of it is the name itself
            limit = 1 if len(key) < 11 else 2
            if len(key) not in nearby:  # the candidates of a key's length, gathered once per length, not per window
                nearby[len(key)] = _near_keys(scan, len(key), limit)
            near, names = nearby[len(key)]
            found = process.extractOne(key, names, scorer=Levenshtein.distance, score_cutoff=limit)
            if found is not None and licensor(scan, Hit(start, end, key, "", ())):
                continue  # "sous licence Kalachnikov": the licensor, spelt otherwise, is not the maker
            if found is not None:
                cand, mid = near[found[2]]
                text = " ".join(scan.words[start:end])
                add(
                    mid,
                    0.55,
                    Evidence("manufacturer", text, "manufacturers", mid, "", 0.55, f"close spelling of {cand}"),
                )


def _shared_name_by_country(scan: Scan, scores: dict[str, float], result: Identification) -> None:
    """One name, makers in several countries (هيئة التصنيع الحربي is Iraq's and Sudan's military industry): when
    they tie and the text names the country of exactly one of them, the others are weakened."""
    if len(scores) < 2:
        return
    top = max(scores.values())
    tied = {mid: scan.ix.ref.manufacturer(mid) for mid, s in scores.items() if s >= top - 0.05}
    countries = {row.country for row in tied.values() if row is not None}
    if len(tied) < 2 or len(countries) < 2:
        return
    named = _named_countries(scan) & countries
    if len(named) != 1:
        return
    where = next(iter(named))
    for mid, row in tied.items():
        if row is not None and row.country not in named:
            scores[mid] *= 0.5
            why = f"weakened: the name is shared by makers of several countries and the text names {where}"
            result.evidence.append(Evidence("manufacturer", "", "manufacturers", mid, "", 0.0, why))


def _brand_plant(ix: Any, row: Any, made_in: set[str]) -> Any:
    """The one maker row of the marked country that shares the brand's first word (Colt Canada for COLT, Beretta
    U.S.A. for BERETTA), or None: a brand marked MADE IN a country where it has its own plant was made there."""
    first = row.name.split()[0].lower().removesuffix("'s")
    plants = [
        m
        for m in ix.ref.manufacturers
        if m.country in made_in and m.manufacturer_id != row.manufacturer_id and m.name.split()[0].lower() == first
    ]
    return plants[0] if len(plants) == 1 else _related_plant(ix, row, made_in)


def _related_plant(ix: Any, row: Any, made_in: set[str]) -> Any:
    """The brand's owner (`brand_of`) or the maker's subsidiary (`subsidiary_of`) in `maker_relations.csv` whose
    factory is in the marked country, or None: BROWNING ... MADE IN BELGIUM is FN Herstal's (Browning is FN's
    brand). A maker merely owned by a group (Sako, Beretta) is not its owner's brand: SAKO MADE IN ITALY stays a
    conflict."""
    mid = row.manufacturer_id
    owners = [r.related_id for r in ix.ref.maker_relations if r.manufacturer_id == mid and r.relation == "brand_of"]
    owners += [
        r.manufacturer_id for r in ix.ref.maker_relations if r.related_id == mid and r.relation == "subsidiary_of"
    ]
    plants = [m for o in owners if (m := ix.ref.manufacturer(o)) is not None and m.country in made_in]
    return plants[0] if len(plants) == 1 else None
