"""The country of manufacture: every kind of evidence ranked, from `MADE IN X` down to the script the
marking is written in, each with a lower confidence and the reason in the evidence.
"""

from __future__ import annotations

import functools
import re

from armstrace.reference import Model, Reference

from .agencies import compared_or_user
from .copies import copy_origin, craft_origin
from .nomenclature import designated_country
from .placement import made_after, made_before, recovered_after
from .places import gazetteer, place_before
from .result import Alternative, Evidence, Identification
from .scan import Indexes, Scan, imported_by_span, inside_word, near
from .text import Hit, compact, longest, normalise, script_country, split_lines, tokenise
from .words import LANGUAGE_TYPE_WORDS

__all__ = ["decide_country", "korean_prose", "national_country", "prime"]


def _shared_code(hinted: list[Evidence]) -> dict[str, str]:
    """The countries of the strongest country hints when they are one headstamp code's rows of several countries."""
    best = max(hinted, key=lambda e: e.weight)
    if best.table != "headstamps":
        return {}
    tied = [e for e in hinted if e.table == "headstamps" and e.text == best.text and e.weight == best.weight]
    return {e.value: e.note for e in tied}


def decide_country(
    scan: Scan,
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
    made = scan.find(scan.ix.made_in)
    country_hits = longest(scan.find(scan.ix.countries))
    # "MADE IN CH1NA": a digit read for a letter, tried after the text as written
    country_hits += [
        h for h in longest(scan.find(scan.ix.countries, ocr=True)) if not any(h.overlaps(c) for c in country_hits)
    ]
    licensor_ids = {e.row for e in result.evidence if e.field == "manufacturer" and "named as the licensor" in e.note}
    licensor_hits = [m for m in scan.maker_hits if {str(p) for p in m.payloads} <= licensor_ids] if licensor_ids else []
    for hit in sorted(country_hits, key=lambda h: h.start):
        payload = hit.payloads[0]
        if inside_word(scan, hit):  # インド in ウインドウ: part of a longer katakana word
            continue
        if licensor_hits and _licensor_beside(scan, hit, licensor_hits):
            # "lisensi FN FNC (Fabrique Nationale, Belgia)": the licensor's home, said with its name
            why = "the licensor's country, named beside the licensor: not where the item was made"
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", "", 0.0, why))
            scan.mark(hit)
            continue
        if recovered_after(scan, hit):  # アフガニスタンで回収: where it was recovered, not made
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", "", 0.0, "place of recovery"))
            scan.mark(hit)
            continue
        if any(hit.inside(c) for c in scan.calibre_hits):  # .303 British, 7.62x54R Russian: a cartridge's name
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", "", 0.0, "part of a calibre's name"))
            continue
        if isinstance(payload, tuple) and payload[0] == "made_in":
            why = compared_or_user(scan, hit, made=True)
            if why:
                result.evidence.append(Evidence("country", scan.raw(hit), "", "", payload[1], 0.0, why))
            else:
                made_in.append((payload[1], scan.raw(hit)))
            scan.mark(hit)
            continue
        demonym = isinstance(payload, tuple)
        code = str(payload[1] if demonym else payload)
        preceded = any(m.end == hit.start and m.start < hit.start for m in made)
        # "Saudi Arabia, made by FN" / "Kenya, made in Serbia": the commas are gone, but MADE opens a phrase of its
        # own about someone or somewhere else; only "Russian-made" / "Russian made AK" / `ポーランド製` qualifies
        followed = made_after(scan, hit)
        why = compared_or_user(scan, hit, made=preceded or followed)
        if why:
            # "a copy of the Soviet TT-33", "captured by Finland", "the classic American-made M-16" (a comparison)
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", code, 0.0, why))
        elif preceded or followed:
            made_in.append((code, scan.raw(hit)))
        elif (
            any(hit.overlaps(i) for i in importer_hits)
            or (not demonym and _in_address(scan, hit, importer_hits))
            or hit.start in imported_by_span(scan)
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
        elif not demonym and _found_at(scan, hit, code, result):
            # "AK-47, Kandahar, Afghanistan", "Maiduguri, Borno State, Nigeria": a country after one of its own
            # provinces or towns is the place where the item was found, not where it was made
            result.evidence.append(
                Evidence(
                    "country",
                    scan.raw(hit),
                    "",
                    "",
                    code,
                    0.0,
                    f"place of recovery (after {_found_at(scan, hit, code, result)})",
                )
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
    # a maker known only as the one maker of the model named is as good as that national designation: a
    # country word elsewhere ("the lack of CCCP on the grips") does not outweigh it
    inferred = bool(result.manufacturer_id) and all(
        e.table == "models" for e in result.evidence if e.field == "manufacturer" and e.weight > 0 and e.value
    )
    hinted = [e for e in result.evidence if e.field == "country" and e.weight > 0 and e.value]
    national = None if scan.model_is_copy else national_country(scan.ix, result.model) or designated_country(result)

    designed = national[0] if national and not national[2] and designated_country(result) else None
    for b in _trailing_places(scan, result.model, maker_country, bare, designed):
        bare.remove(b)
        result.evidence.append(
            Evidence(
                "country",
                b[1],
                "",
                "",
                b[0],
                0.0,
                f"named last, after a comma, and no factory of {b[0]} makes this design or maker's arms: where the "
                "item was found, not where it was made",
            )
        )
    if national and bare:
        for b in _places_of_ordnance(scan, result.model, bare, national[0]):
            bare.remove(b)
            result.evidence.append(
                Evidence(
                    "country",
                    b[1],
                    "",
                    "",
                    b[0],
                    0.0,
                    f"no factory of {b[0]} makes this kind of ordnance: named beside a {national[0]} design, it is "
                    "where the item was found, not where it was made",
                )
            )

    def choose(code: str, c: float, text: str, table: str, note: str) -> None:
        result.country = code
        conf["country"] = c
        result.evidence.append(Evidence("country", text, table, code, code, round(c, 2), note))

    copied = copy_origin(scan)
    if copied and (made_in or maker_country) and copied[0] not in {c for c, _ in made_in} | {maker_country}:
        # "MADE IN U.S.A. / COLT ... copy made in Darra": a craft copy's own origin against its false marks
        others = sorted({c for c, _ in made_in} | ({maker_country} if maker_country else set()))
        result.conflicts.append(
            f"the text says the item is a copy made in {copied[0]} ({copied[1]}), against the marks "
            f"{'/'.join(others)}: the copy's origin is taken"
        )
        for code in others:
            result.alternatives.append(Alternative("country", code, 0.6, ("marked or the brand's country",)))
        choose(copied[0], 0.75, copied[1], "", "where the text says the copy was made")
    elif copied and not made_in and not maker_country and any("brand against" in e.note for e in result.evidence):
        # "stamped NORINCO, made in Munger workshops": the brand was set aside for the copy's own origin
        choose(
            copied[0], 0.7, copied[1], "", "where the text says the copy was made; the brand marked is not the maker"
        )
    elif crafted := craft_origin(scan):  # identY's hook: a craft weapon's origin is the place named (copies.py)
        for code in sorted(({c for c, _ in made_in} | {maker_country or crafted.country}) - {crafted.country}):
            result.conflicts.append(f"a craft weapon named with {crafted.place} ({crafted.country}), marked {code}")
            result.alternatives.append(Alternative("country", code, 0.6, ("marked or the brand's country",)))
        choose(crafted.country, 0.7, crafted.place, "", f"made where a craft weapon is named ({crafted.cue.lower()})")
    elif made_in:
        code, text = made_in[0]
        note = "marked as the country of manufacture"
        if maker_country and maker_country != code:
            note += f"; the maker's main factory is in {maker_country}"
        choose(code, 0.92, text, "", note)
    elif (
        maker_country
        and not inferred
        and bare
        and all(b[0] != maker_country for b in bare)
        and (conf.get("manufacturer", 0.0) < 0.75 or any(near(scan, b[2], scan.makers_taken) for b in bare))
        # "the Russian state company Bazalt (joint project with Jordan)": the text gives the maker's own
        # nationality too, which a country named elsewhere does not outweigh
        and not _own_nationality_beside_maker(scan, maker_country)
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
    elif hinted and len(_shared_code(hinted)) > 1:
        # `B 39`: a code several countries' plants stamp, which neither the calibre nor the year tells apart: none is
        # taken; each country stays an alternative with the plant behind it (listed with the other readings)
        pass
    elif hinted:
        best = max(hinted, key=lambda e: e.weight)
        choose(best.value, best.weight, best.text, best.table, "from " + best.note)
    elif national and bare and (other := _family_producer(scan, result.model, bare, national[0])):
        # "Type 56, Iran": a country whose factories make the design's family, marked on a design from
        # elsewhere, is a copy's or licensee's origin (Iranian and Albanian copies of Chinese designs)
        result.conflicts.append(
            f"the design {national[1]} is {national[0]}'s, but {other[1]} ({other[0]}) is marked and its factories "
            "make the same family: taken as a copy or licence made there"
        )
        result.alternatives.append(Alternative("country", national[0], 0.6, (f"origin of the design {national[1]}",)))
        choose(other[0], 0.65, other[1], "", "country marked, whose factories make copies of this design's family")
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
    elif national and not (not national[2] and national[0] in _licensors_countries(scan, result)):
        choose(national[0], 0.4, national[1], "models", "the design is made in one country only (no maker identified)")
    elif not result.model and (typed := _type_number_country(scan)):
        choose(typed[0], 0.4, typed[1], "models", "every designation of this type number is this country's")
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
        if by_script and (foreign := _foreign_design(scan, result.model, by_script[0])):
            # `RPG-7 ロケットランチャー`, `PKM 기관총`: Japanese and Korean write foreign designs' names in their own
            # script; the script is no hint at a country whose factories make none of the family named
            result.evidence.append(Evidence("country", "", "", "", by_script[0], 0.0, foreign))
            by_script = None
        prose = korean_prose(scan.text) and not _korean_design(scan, result.model)
        if by_script and by_script[0] == "KR" and prose:
            # "스팅어 미사일이 발견되었다" (a Stinger missile was found): Korean prose describes an item in Korean,
            # as hiragana prose does in Japanese; only a design Korea's factories make lets the script count
            result.evidence.append(Evidence("country", "", "", "", "KR", 0.0, _PROSE_NOTE))
            by_script = None
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
        elif (
            (by_language := language_country(scan.words))
            and not _foreign_design(scan, result.model, by_language[0])
            and not (by_language[0] == "KR" and prose)
        ):
            choose(
                by_language[0], 0.3, by_language[1], "", "a weapon-type word of a language spoken in one country (weak)"
            )


_DESCRIBING_SCRIPTS = frozenset({"JP", "KR", "IN"})  # kana, Hangul, Hindi: foreign names written in the script


def _foreign_design(scan: Scan, model_name: str | None, code: str) -> str:
    """Why a Japanese, Korean or Hindi script or language hint says nothing of a design named in it (empty when it
    may): the design's family is made in other countries only, none of them the script's."""
    row = _models_by_name(scan.ix.ref).get(model_name or "")
    if code not in _DESCRIBING_SCRIPTS or row is None or not row.family:
        return ""
    producers = _family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    if code in producers or _FORMER_STATES.get(row.country, row.country) == code:
        return ""
    return (
        f"{code}'s script or language names {row.model}, a design of {row.family} made elsewhere only: "
        "a description, no hint at the country of manufacture"
    )


_PROSE_NOTE = "Korean prose (sentence endings and particles) describes the item: its script is no hint at Korea"
# Sentence endings and particles of Korean prose (이다, 되었다, 습니다; 에서, 으로, 을/를, 은/는): stamped marks are
# nouns and designations (`K2 소총`, `대한민국`), prose is someone describing an item in Korean.
_KOREAN_ENDINGS = ("다", "니다", "에서", "으로", "에게", "를", "을", "는", "은", "된", "한")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]{2,}")


def korean_prose(text: str) -> bool:
    """True when Hangul words carry sentence endings or particles in two places or more (one could be a noun)."""
    return sum(w.endswith(_KOREAN_ENDINGS) for w in _HANGUL_WORD.findall(text)) >= 2 or any(
        w.endswith(("었다", "였다", "이다", "했다", "습니다", "됐다")) for w in _HANGUL_WORD.findall(text)
    )


def _korean_design(scan: Scan, model_name: str | None) -> bool:
    """True when the design named is one Korea's factories make (its row or one of its family's makers)."""
    row = _models_by_name(scan.ix.ref).get(model_name or "")
    if row is None:
        return False
    if _FORMER_STATES.get(row.country, row.country) == "KR":
        return True
    return bool(row.family) and "KR" in _family_makers_countries(scan.ix.ref).get(row.family, frozenset())


def _type_number_country(scan: Scan) -> tuple[str, str] | None:
    """(country, `Type 79`) for a TYPE-number designation marked alone when every table row of that number is
    of one country (the Type 79 submachine gun and sniper rifle are both Chinese): the model stays open."""
    for i in range(len(scan.words) - 1):
        if scan.words[i] in {"TYPE", "ТИП"} and _TYPE_NUMBER.match(scan.words[i + 1]):
            number = scan.words[i + 1]
        elif _TYPE_NUMBER.match(scan.words[i]) and scan.words[i + 1] in {"式", "型"}:
            number = scan.words[i]
        else:
            continue
        stem = "TYPE" + number
        countries = {
            _FORMER_STATES.get(m.country, m.country)
            for key, m in _designations(scan.ix.ref)
            if key.startswith(stem) and not key[len(stem) : len(stem) + 1].isdigit()
        }
        return (countries.pop(), " ".join(scan.words[i : i + 2])) if len(countries) == 1 else None
    return None


_TYPE_NUMBER = re.compile(r"^\d{2,3}(?:-\d)?$")


@functools.lru_cache(maxsize=4)
def _designations(ref: Reference) -> tuple[tuple[str, Model], ...]:
    """The TYPE-number names of the models table, compacted (the others never start with TYPE)."""
    names = ((name, m) for m in ref.models for name in (m.model, *m.aliases))
    return tuple((compact(name), m) for name, m in names if name[:4].upper() == "TYPE")


def _in_address(scan: Scan, hit: Hit, importer_hits: list[Hit], span: int = 8) -> bool:
    """True when a country name follows an importer's name on its line (CENTURY ARMS GEORGIA VT USA).

    A country named before the importer, or far after it on a long line of prose, is not its address:
    US import marks state the country of origin first (ROMANIA / CAI GEORGIA VT); and an address names
    countries, never demonyms ("... Delray Beach, FL, is offering Romanian TTC pistols").
    """
    return any(scan.line_of(i) == scan.line_of(hit) and 0 <= hit.start - i.end < span for i in importer_hits)


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


@functools.lru_cache(maxsize=4)
def prime(ref: Reference) -> bool:
    """Build this module's per-table lookups once, with the indexes, so that no marking pays for them later
    (``engine`` primes ``designations.designation_keys`` beside it: that module imports this one, not the reverse)."""
    _family_rows(ref)
    _family_name_countries(ref)
    _models_by_name(ref)
    _family_countries(ref)
    _ordnance_type_countries(ref)
    _designations(ref)
    _family_makers_countries(ref)
    gazetteer(ref)  # the places of recovery (the places table and admin1.geojson), read once at start-up
    return True


def _shares_designation(ref: Reference, row: Model) -> bool:
    """True when another country's row carries the same name or alias (a copy made under the original's name)."""
    table = _family_name_countries(ref).get(row.family, {})
    return any(table.get(compact(n), frozenset()) - {row.country} for n in (row.model, *row.aliases))


def _licensors_countries(scan: Scan, result: Identification) -> set[str]:
    """The countries of the makers the text names as licensors ("under licence from Heckler & Koch"): the
    design's own country is then not where the item was made."""
    rows = [
        scan.ix.ref.manufacturer(e.row)
        for e in result.evidence
        if e.field == "manufacturer" and "named as the licensor" in e.note
    ]
    return {_FORMER_STATES.get(r.country, r.country) for r in rows if r and r.country}


def _own_nationality_beside_maker(scan: Scan, code: str) -> bool:
    """True when a demonym of the maker's own country stands right beside the maker's name (`شركة بازالت الحكومية
    الروسية`, `the Russian company Bazalt`): at most one word between, on its line."""
    for hit in longest(scan.find(scan.ix.countries)):
        p = hit.payloads[0]
        if not (isinstance(p, tuple) and p[0] == "demonym" and p[1] == code):
            continue
        for m in scan.makers_taken:
            if scan.tokens[m.start].line != scan.tokens[hit.start].line:
                continue
            if 0 <= hit.start - m.end <= 1 or 0 <= m.start - hit.end <= 2:
                return True
    return False


def _licensor_beside(scan: Scan, hit: Hit, licensor_hits: list[Hit]) -> bool:
    """True when the country comes right after a licensor's name on its line (at most one word between) and is
    that licensor's country."""
    codes = {str(p[1] if isinstance(p, tuple) else p) for p in hit.payloads}
    for m in licensor_hits:
        if 0 <= hit.start - m.end <= 1 and scan.tokens[m.start].line == scan.tokens[hit.start].line:
            homes = {r.country for mid in m.payloads if (r := scan.ix.ref.manufacturer(str(mid))) is not None}
            if codes & homes:
                return True
    return False


def _licensed_only(ref: Reference, row: Model) -> bool:
    """True when the row is its family's own design (its name is the family's) and every row of the family made
    in another country is a licence row: a licensee is named by its own row, so the bare design's name stays the
    licensor's (`M1 Garand` is US; `M1 Garand (Italy)` needs Italy, Beretta or Breda named)."""
    if not row.family or compact(row.family.upper()) not in {compact(row.model.upper()), *map(compact, row.aliases)}:
        return False
    others = [m for m in _family_rows(ref).get(row.family, ()) if m.country != row.country]
    return bool(others) and all(m.relation == "licence" for m in others)


@functools.lru_cache(maxsize=4)
def _family_name_countries(ref: Reference) -> dict[str, dict[str, frozenset[str]]]:
    """Each family's names and aliases (compacted) and the countries of the rows carrying them: built once, since
    a large family (landmines, some 90 rows) took tens of milliseconds to compare row by row on every marking."""
    out: dict[str, dict[str, set[str]]] = {}
    for m in ref.models:
        names = out.setdefault(m.family, {})
        for n in (m.model, *m.aliases):
            names.setdefault(compact(n), set()).add(m.country)
    return {fam: {n: frozenset(cs) for n, cs in names.items()} for fam, names in out.items()}


@functools.lru_cache(maxsize=4)
def _family_rows(ref: Reference) -> dict[str, tuple[Model, ...]]:
    out: dict[str, list[Model]] = {}
    for m in ref.models:
        out.setdefault(m.family, []).append(m)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4)
def _family_makers_countries(ref: Reference) -> dict[str, frozenset[str]]:
    """Each model family's producing countries: its rows' countries and their makers'."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        if m.family:
            out.setdefault(m.family, set()).update(_row_producers(ref, m))
    return {k: frozenset(v) for k, v in out.items()}


def _row_producers(ref: Reference, m: Model) -> set[str]:
    """The countries a model row says make it: its own (a former state as its successor) and its makers'."""
    got = {_FORMER_STATES.get(m.country, m.country)} if m.country else set()
    for mid in (m.manufacturer_id, *m.makers):
        row = ref.manufacturer(mid) if mid else None
        if row and row.country:
            got.add(row.country)
    return got


def _family_producer(
    scan: Scan, model_name: str | None, bare: list[tuple[str, str, Hit]], design_country: str
) -> tuple[str, str] | None:
    """(country, text) of the first bare country, other than the design's, whose factories make its family,
    marked next to the design's name (within three words on its line: prose that mentions a country elsewhere,
    "the lack of CCCP on the grips", says nothing of where this one was made)."""
    row = _models_by_name(scan.ix.ref).get(model_name or "")
    if row is None or not row.family:
        return None
    producers = _family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    for code, text, hit in bare:
        if code != design_country and code in producers and near(scan, hit, scan.model_hits, gap=3):
            return code, text
    return None


@functools.lru_cache(maxsize=4)
def _ordnance_type_countries(ref: Reference) -> dict[str, frozenset[str]]:
    """Each ordnance weapon type's producing countries: the countries of its rows and of their makers."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        if m.kind == "ordnance" and m.weapon_type:
            out.setdefault(m.weapon_type, set()).update(_row_producers(ref, m))
    return {k: frozenset(v) for k, v in out.items()}


def _trailing_places(
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
    if _models_by_name(scan.ix.ref).get(model_name or "") is None and not maker_country and not designed:
        return []
    makers = _design_countries(scan, model_name, maker_country) | ({designed} if designed else set())
    lines = split_lines(scan.text)
    out = []
    for b in bare:
        hit = b[2]
        if hit.end != len(scan.words) or b[0] in makers or not b[0] or made_before(scan, hit.start, hit.start + 1):
            continue  # "made locally in Kandahar, Afghanistan": where it was made
        line = lines[scan.tokens[hit.start].line] if scan.tokens[hit.start].line < len(lines) else ""
        head, comma, tail = line.rpartition(",")
        if comma and head.strip() and len(tokenise(tail)) == hit.end - hit.start:
            out.append(b)
    return out


def _found_at(scan: Scan, hit: Hit, code: str, result: Identification) -> str:
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
    own = _design_countries(scan, result.model, maker.country if maker else None, family=False)
    return "" if code in own else town


def _design_countries(scan: Scan, model_name: str | None, maker_country: str | None, family: bool = True) -> set[str]:
    """The country of the design named (and, with `family`, of every maker of its family), and the maker's."""
    row = _models_by_name(scan.ix.ref).get(model_name or "")
    out: set[str] = {maker_country} if maker_country else set()
    if row is not None:
        out.add(_FORMER_STATES.get(row.country, row.country))
        if family and row.family:
            out |= _family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    return out


def _places_of_ordnance(
    scan: Scan, model_name: str | None, bare: list[tuple[str, str, Hit]], design_country: str
) -> list[tuple[str, str, Hit]]:
    """The bare country names that are places of recovery of an ordnance design: no made-in, no demonym, and no
    factory of that country makes ordnance of the design's type or family (`PMN mine, Kandahar, Afghanistan`:
    Afghanistan makes no mines). A country that does make them may have made a copy and is left to the usual rules.
    """
    row = _models_by_name(scan.ix.ref).get(model_name or "")
    if row is None or row.kind != "ordnance":
        return []
    producers = _ordnance_type_countries(scan.ix.ref).get(row.weapon_type, frozenset())
    producers |= _family_makers_countries(scan.ix.ref).get(row.family, frozenset()) if row.family else frozenset()
    return [b for b in bare if b[0] != design_country and b[0] not in producers]


@functools.lru_cache(maxsize=4)
def _models_by_name(ref: Reference) -> dict[str, Model]:
    return {m.model: m for m in ref.models}


def national_country(ix: Indexes, model_name: str | None) -> tuple[str, str, bool] | None:
    """(country, model, national) when the model says where it was made, else None.

    A family's own designs (AK-47, AKM) are copied everywhere, so their origin says nothing about where
    one rifle was made; a designation used by one country's factories only (its row country differs from
    the family's origin: Type 56, MPi-KM, PM md. 63) does (`national` True). A family made in one
    country only (M16A2, M4A1) is weaker evidence (`national` False): copies exist under other names.
    """
    if not model_name:
        return None
    row = _models_by_name(ix.ref).get(model_name)
    if row is None or not row.country:
        return None
    country = _FORMER_STATES.get(row.country, row.country)
    if row.relation in {"licence", "copy", "derivative"}:
        return country, row.model, True  # a national designation of a design from elsewhere (Type 56, Tabuk)
    if row.relation == "original" and row.family and not _shares_designation(ix.ref, row):
        return country, row.model, False  # the original's own name: copies elsewhere carry other names (weak)
    if not row.relation and _licensed_only(ix.ref, row) and not _shares_designation(ix.ref, row):
        return country, row.model, False  # `M1 Garand`: the licensees' rows (Beretta, Breda) carry their own names
    if not row.family:
        return None
    origin, single = _family_countries(ix.ref).get(row.family, ("", False))
    if origin and origin != country:
        return country, row.model, True
    if single and origin == country:
        return country, row.model, False
    return None


_VOWELS = frozenset("AEIOUYАЕИОУЫЭЮЯЬІЇЄ")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب")


@functools.lru_cache(maxsize=1)
def _language_index() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The seventh pass's type words, normalised: {phrase: (type, country)} and {stem: (type, country)} of the
    one-word ones of five letters or more, their final vowel off (ВИНТОВКА → ВИНТОВК, finds ВИНТОВКИ)."""
    exact: dict[str, tuple[str, str]] = {}
    stems: dict[str, tuple[str, str]] = {}
    for kind, code, word in LANGUAGE_TYPE_WORDS:
        key = normalise(word)
        exact.setdefault(key, (kind, code))
        if " " not in key and len(key) >= 5 and key.isalpha() and key.isupper():  # Latin and Cyrillic only
            stems.setdefault(key[:-1] if len(key) >= 6 and key[-1] in _VOWELS else key, (kind, code))
    return exact, stems


def language_words(words: list[str] | tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The seventh pass's type words found in the words (see `_language_words`), memoised per text."""
    return list(_language_words(tuple(words)))


@functools.lru_cache(maxsize=512)
def _language_words(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(type, country, text) of each weapon-type word of another language in the words: whole phrases as listed
    (`SENAPAN SERBU`, `돌 격 소 총`), a one-word entry inflected (`KIVAARIN`, `ВИНТОВКИ`: up to three letters more)
    and Arabic words with the article or a clitic before them (`والبندقية`)."""
    exact, stems = _language_index()
    joined = " " + " ".join(words) + " "
    out = [(k, c, key) for key, (k, c) in exact.items() if f" {key} " in joined]
    for w in set(words):
        if w in exact:
            continue
        if w.isalpha() and w.isupper() and len(w) >= 5:
            stem = next((w[:n] for n in range(len(w) - 1, max(len(w) - 4, 4), -1) if w[:n] in stems), None)
            if stem is not None:
                out.append((*stems[stem], w))
        elif "\u0600" <= w[:1] <= "\u06ff":
            bare = next((w[len(p) :] for p in _ARABIC_PREFIXES if w.startswith(p) and w[len(p) :] in exact), None)
            if bare is not None:
                out.append((*exact[bare], w))
    return tuple(out)


def language_country(words: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """The one country whose language the text's weapon-type words are in (Hungarian GÉPKARABÉLY → HU), with the
    word; None when there is none or the words are of several countries' languages."""
    found = [(c, t) for _k, c, t in language_words(words) if c != "--"]
    codes = {c for c, _t in found}
    return (found[0][0], found[0][1]) if len(codes) == 1 else None
