"""Who made it, and who imported it: maker evidence combined per maker (noisy-or) from name variants,
locations, factory codes, headstamps and single-maker models, after dropping names that are really an
importer's mark, a calibre (`.38 S&W`), a design name (`Turkish Mauser`) or an ordinary word.
"""

from __future__ import annotations

from armstrace.reference import Model

from .agencies import made_in_codes
from .copies import copied_design, copy_origin
from .factory_marks import factory_codes
from .headstamps import headstamp_makers
from .importers import import_clause
from .intermediaries import exporters_named, groups_named
from .licences import family_makers, licensee, licensor, model_rows, national_producer
from .lots import lot_maker
from .maker_countries import (
    alternatives,
    brand_only,
    brand_plant,
    countries_named,
    country_cues,
    made_in_decides,
    names_a_country,
    plant_numbers_of_other_countries,
    shared_name_by_country,
)
from .maker_roles import (
    KIND_OF_MARK,
    blocked,
    designed_by,
    domestic_maker,
    foreign_design,
    maker_phrase,
    names_design,
    namesake_families,
    other_makers_design,
    own_design_makers,
    own_importer,
    own_nationality_before,
    persons_name,
    serviced_by,
)
from .mentions import plural_makers, typed_mention
from .namesakes import namesake_beside_factory
from .placement import user_span
from .provenance import makers_made
from .renderings import rendered_makers
from .result import Alternative, Evidence, Identification
from .scan import Scan, imported_by_span, phrase_weight
from .second_sources import other_producers
from .text import Hit, compact, longest
from .unlisted_makers import fuzzy_maker
from .words import GENERIC_MAKER_WORDS

__all__ = ["decide_maker", "slipped_only"]

# a maker read from a slipped spelling (`BERRETA`) weighs as a guess: below a made-in statement or a demonym
SLIP_WEIGHT = 0.6


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

    namesakes: dict[str, list[str]] = {}  # maker -> the families named after it that others made too

    blockers = [*importer_hits, *calibre_hits]
    blockers += [h for h in model_hits if not any(getattr(p, "manufacturer_id", "") for p in h.payloads)]
    imported_by = imported_by_span(scan)
    subsidiary: list[Hit] = []
    maker_hits = longest(scan.find(ix.makers))
    maker_hits += [h for h in longest(scan.find(ix.makers, ocr=True)) if not any(h.overlaps(m) for m in maker_hits)]
    maker_hits += [h for h in longest(scan.find(ix.makers, across=True)) if not any(h.overlaps(m) for m in maker_hits)]
    maker_hits += plural_makers(scan, maker_hits)  # "754 Austrian-made Glocks"
    scan.maker_hits = maker_hits
    rejected: list[Hit] = []  # a place inside a licensor's name ("licence from FN HERSTAL") is that name's
    # a maker named as the licensor once is the licensor where its name is said again ("lisensi FN FNC (Fabrique
    # Nationale, Belgia)"), unless the text also names it as the one that made it
    licensor_ids = {str(mid) for h in maker_hits if licensor(scan, h) for mid in h.payloads}
    for hit in maker_hits:
        why = blocked(hit, blockers, imported_by) or foreign_design(scan, hit) or other_makers_design(hit, model_hits)
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
        if why.startswith("part of an import mark") and domestic_maker(scan, hit, importer_hits):
            why = ""  # SPRINGFIELD ARMORY GENESEO IL with no foreign country: the importer made it
            result.importer = result.import_country = None
            conf.pop("importer", None)
        if why and why.startswith("part of an import mark") and own_importer(hit, importer_hits):
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
        if hit.key in GENERIC_MAKER_WORDS and scan.words[hit.end : hit.end + 1] in KIND_OF_MARK:
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
        # "the Izhevsk arsenal": a word, not yet a maker; but "Baikal handguns" names the arms' maker
        generic = hit.key in GENERIC_MAKER_WORDS and not typed_mention(scan, hit)
        if generic:
            ordinary.update(str(mid) for mid in hit.payloads)
        generic = generic or names_design(hit, model_hits)  # "Mauser Karabiner 98k": a design's name
        person = persons_name(scan, hit)  # "John Browning", "Mikhail Kalashnikov": the designer, not the maker
        # "made by the Savage Arms Company", "Manufacturer: REMINGTON RAND", "produced under licence by ARMSCOR"
        phrase = maker_phrase(scan, hit)
        named = bool(phrase) or licensee(scan, hit)
        designer = designed_by(scan, hit) and not named  # "developed by Izhmash": the design's, weak as the maker
        serviced = serviced_by(scan, hit) and not named  # "refurbished by Arsenal AD, made by Colt": not the maker
        own_design = own_design_makers(hit, model_hits)  # IZH in IZh-71: Izhevsk Mechanical Plant's, not Izhmash's
        # a name read without its possessive suffix (GLOCK'S, TISAŞ'IN) is the name as written, not a slip
        owned = scan.owners[hit.start : hit.end] != scan.words[hit.start : hit.end]
        slipped = scan.mended[hit.start : hit.end] != scan.words[hit.start : hit.end] and not owned
        for mid in [p for p in hit.payloads if not own_design or str(p) in own_design]:
            named_here = named or own_nationality_before(scan, hit, str(mid))  # "a Hungarian FÉG PA-63"
            weak = (generic or person or designer or serviced) and not named_here
            if not weak and not named_here and (families := namesake_families(scan, hit, str(mid))):
                namesakes[str(mid)] = families
            w = (0.45 if weak else phrase_weight(hit.key)) / (1 if len(hit.payloads) == 1 else 1.6)
            if named_here:
                w = 1 - (1 - w) * 0.5
            if slipped:  # a name read from a slip is a guess: a country the text states outweighs it
                w = min(w, SLIP_WEIGHT)
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
                    "a person's name (designer or founder): weak"
                    if person and not named
                    else "named as the design's developer or designer: weak"
                    if designer
                    else "named as the item's refurbisher, importer or seller: weak"
                    if serviced
                    else f"named as maker: '{phrase.lower()}'"
                    if phrase
                    else "the name with a possessive or case ending on it"
                    if owned
                    else f"another spelling or a slip of {' '.join(scan.mended[hit.start : hit.end])}"
                    if scan.mended[hit.start : hit.end] != scan.words[hit.start : hit.end]
                    else "marking variant",
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
        rendered = rendered_makers(scan.words, lines, ix.ref, lambda core: names_a_country(ix, core))
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
        fuzzy_maker(scan, blockers, add)
    recovered = user_span(scan, bare=False)  # "grenade found in Hyderabad": where it was found, no maker's town
    for hit in longest(scan.find(ix.locations)):
        if any(hit.overlaps(b) for b in importer_hits) or any(
            hit.overlaps(r) and not any(hit.overlaps(t) for t in scan.makers_taken) for r in rejected
        ):
            continue
        if hit.start in recovered and not any(hit.overlaps(t) for t in scan.makers_taken):
            continue
        if hit.start in import_clause(scan):
            continue  # IMPORTED BY ACME ARMS HOUSTON TX: the importer's town, not the maker's
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
    named_countries = countries_named(scan) if len({c[0].code for c in codes}) < len(codes) else set()
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
        lot_maker(scan, scan.lot, add, result, country_cues(scan, scores))
    # a model made by one maker only (its row's maker, or the one maker listed) names the maker
    model_maker = (model.manufacturer_id or (model.makers[0] if len(model.makers) == 1 else "")) if model else ""
    model_row = ix.ref.manufacturer(model_maker) if model_maker else None
    made_in = made_in_codes(scan) | makers_made(scan)
    licensees = {str(mid) for h in scan.makers_taken if licensee(scan, h) for mid in h.payloads}
    licensors = {str(mid) for h in scan.maker_hits if licensor(scan, h) for mid in h.payloads}
    if licensees - {model_maker} or model_maker in licensors:
        # "Beretta 92 made under licence by Taurus", "G3 made under licence from Heckler & Koch": the design's
        # maker did not make this one
        model_maker = ""
    if model_maker and model_row and model_maker not in scores and (others := other_producers(ix.ref, model)):
        # `PG-7VL`, `HK33`: a design other states make under its name; its maker is its origin, not this one's
        why = f"{model.model if model else ''}: the design's maker; {'/'.join(others)} make it too (tables)"
        result.alternatives.append(Alternative("manufacturer", model_row.name, 0.55, (why,)))
        result.evidence.append(Evidence("manufacturer", "", "models", model_maker, "", 0.0, why + "; not taken"))
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
    namesake_beside_factory(scan, namesakes, model, model_maker, scores, parts, ev, add)
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
    made_in_decides(ix, made_in, scores, result)
    shared_name_by_country(scan, scores, result)
    exporters_named(ix, model, made_in, scores, ev, add, result)
    groups_named(scan, scores, ev, add, result)
    plant_numbers_of_other_countries(scan, importer_hits, scores, ev, result)
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
        alternatives(ix, ranked[:3], scores, ev, result)
        fitting = [m for m in ranked[:3] if scores[m] >= 0.3]
        countries = {getattr(ix.ref.manufacturer(m), "country", "") for m in fitting}
        weak_word = len(fitting) == 1 and fitting[0] in ordinary  # ARSENAL alone: Arsenal AD's name, and a word
        if fitting and not weak_word and len(countries) == 1 and "" not in countries and not countries_named(scan):
            # ROMARM marks Cugir's and the Romarm group's products alike: the maker is open, its country is not
            code = countries.pop()
            why = "the makers that fit equally are all of this country"
            result.evidence.append(Evidence("country", "", "manufacturers", "|".join(ranked[:3]), code, 0.6, why))
        return
    row = ix.ref.manufacturer(best)
    assert row is not None
    copied = copy_origin(scan)
    if copied and copied[0] != row.country and brand_only(ix, row, {copied[0]}, ev[best]):
        made_in = {copied[0]}  # "Danao City craft copy" of a Smith & Wesson: the brand is the copied one
    if made_in and row.country not in made_in and brand_only(ix, row, made_in, ev[best]):
        # a brand (GLOCK, COLT) on an item marked MADE IN another country where the brand has no plant: a copy
        # or a false mark. Both readings are reported; the marked country stands, the brand is not the maker.
        where = "/".join(sorted(made_in))
        result.conflicts.append(
            f"the brand {row.name} ({row.country}) is marked on an item made in {where}, where it has no plant: "
            "a copy, a licence or a false mark; the maker is left unknown"
        )
        alternatives(ix, ranked[:3], scores, ev, result)
        for code in sorted(made_in):
            result.alternatives.append(Alternative("country", code, 0.92, ("marked as the country of manufacture",)))
        result.evidence.append(
            Evidence("manufacturer", "", "manufacturers", best, "", 0.0, f"brand against MADE IN {where}: not taken")
        )
        return
    own_plant = brand_plant(ix, row, made_in) if made_in and row.country not in made_in else None
    if own_plant is not None:  # COLT … MADE IN CANADA: the brand's own plant there (Colt Canada) made it
        note = f"the brand's plant in {own_plant.country}, the marked country of manufacture"
        ev[best].append(Evidence("manufacturer", row.name, "manufacturers", own_plant.manufacturer_id, "", 0.0, note))
        row = own_plant
    result.manufacturer, result.manufacturer_id = row.name, row.manufacturer_id
    conf["manufacturer"] = scores[best]
    for e in ev[best]:
        result.evidence.append(Evidence(e.field, e.text, e.table, e.row, row.name, e.weight, e.note))


def slipped_only(evidence: list[Evidence], manufacturer_id: str) -> bool:
    """Whether a maker was read only from a slipped or otherwise spelt name (`TELAAMMO` as Tulammo): a guess that
    gives way where the text states another country."""
    marks = [e for e in evidence if e.field == "manufacturer" and e.row == manufacturer_id and e.weight]
    return bool(marks) and all(e.note.startswith("another spelling or a slip") for e in marks)
