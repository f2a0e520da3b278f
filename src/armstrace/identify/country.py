"""The country of manufacture: every kind of evidence ranked, from `MADE IN X` down to the script the
marking is written in, each with a lower confidence and the reason in the evidence.
"""

from __future__ import annotations

from .agencies import USER_WHY, compared_or_user
from .alphabets import PLAIN_CYRILLIC, script_country
from .copies import brand_on_craft, copy_origin, craft_origin
from .country_context import (
    TIED_MAKERS,
    bare_letters_in_prose,
    in_address,
    licensor_beside,
    licensors_countries,
    makers_town_named,
    own_nationality_beside_maker,
    region_before,
    trade_usage,
)
from .craft_cues import local_craft_word, one_country_craft_word
from .design_origin import FORMER_STATES, family_producer, munition_designator, national_country, type_number_country
from .nomenclature import designated_country
from .numbers import era_year
from .origins import MADE_IN_MEMO
from .placement import recovered_after, user_span
from .provenance import bound_before, made_in_town, maker_made_first, opens_made_in, qualifies_item
from .recovery_places import found_at, places_of_ordnance, trailing_places
from .result import Alternative, Evidence, Identification
from .scan import Scan, imported_by_span, inside_word, near
from .script_origin import PROSE_NOTE, foreign_design, korean_design, korean_prose, language_country
from .second_sources import licensees_only, model_row, other_producers
from .text import Hit, longest

__all__ = ["decide_country"]


def _shared_code(hinted: list[Evidence]) -> dict[str, str]:
    """The countries of the strongest country hints when they are one headstamp code's rows of several countries."""
    best = max(hinted, key=lambda e: e.weight)
    if best.table != "headstamps":
        return {}
    tied = [e for e in hinted if e.table == "headstamps" and e.text == best.text and e.weight == best.weight]
    return {e.value: e.note for e in tied}


# The Republic of China's own name (中华民国) is Taiwan's only after 1949: an arsenal's date in its era before then
# (民国十九年 = 1930, Shanxi, Hanyang, Gongxian) was stamped on the mainland, whose country today is CN.
# https://en.wikipedia.org/wiki/Republic_of_China_(1912%E2%80%931949) https://en.wikipedia.org/wiki/Minguo_calendar
_REPUBLIC_NAMES = frozenset({"中华民国", "中華民國", "中華民国", "REPUBLICOFCHINA"})
_MAINLAND_UNTIL = 1949


def _mainland_republic(scan: Scan, hit: Hit) -> str:
    """Why the Republic of China named in a marking is the mainland (CN), when it is dated in the Republic's own era
    before it left the mainland; else ""."""
    if hit.key not in _REPUBLIC_NAMES or (era := era_year(scan.text)) is None or era[0] > _MAINLAND_UNTIL:
        return ""
    if not any(name in era[1] for name in ("民国", "民國")):  # the note names the era: `民国十年`, `Minguo 10 (民国)`
        return ""
    return f"the Republic of China dated {era[0]} ({era[1].partition(':')[0]}): made on the mainland before 1949 (CN)"


def _taiwanese_maker(scan: Scan, result: Identification) -> bool:
    """True when the maker identified is Taiwan's (`第二〇五兵工廠`): the Republic's own date then says nothing of
    the mainland, whatever its year."""
    row = scan.ix.ref.manufacturer(result.manufacturer_id) if result.manufacturer_id else None
    return row is not None and row.country == "TW"


def decide_country(
    scan: Scan,
    importer_lines: set[int],
    importer_hits: list[Hit],
    nsn: tuple[str, str] | None,
    result: Identification,
    conf: dict[str, float],
) -> None:
    made_in: list[tuple[str, str]] = []
    made_at: list[int] = []  # where each made-in country is named
    bare: list[tuple[str, str, Hit]] = []
    described: list[tuple[str, str]] = []
    qualified: list[str] = []  # the countries of the nationalities that qualify the item's noun
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
        if licensor_hits and licensor_beside(scan, hit, licensor_hits):
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
                made_at.append(hit.start)
            scan.mark(hit)
            continue
        demonym = isinstance(payload, tuple)
        code = str(payload[1] if demonym else payload)
        if code == "TW" and not _taiwanese_maker(scan, result) and (mainland := _mainland_republic(scan, hit)):
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", "CN", 0.0, mainland))
            code = "CN"
        preceded = any(m.end == hit.start and m.start < hit.start and opens_made_in(scan, m) for m in made)
        # "Saudi Arabia, made by FN" / "Kenya, made in Serbia": the commas are gone, but MADE opens a phrase of its
        # own about someone or somewhere else; only "Russian-made" / "Russian made AK" / `ポーランド製` qualifies
        followed = bound_before(scan, hit)
        why = compared_or_user(scan, hit, made=preceded or followed)
        if why:
            # "a copy of the Soviet TT-33", "captured by Finland", "the classic American-made M-16" (a comparison)
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", code, 0.0, why))
        elif preceded or followed:
            made_in.append((code, scan.raw(hit)))
            made_at.append(hit.start)
        elif (
            any(hit.overlaps(i) for i in importer_hits)
            or (not demonym and in_address(scan, hit, importer_hits))
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
        elif not demonym and found_at(scan, hit, code, result):
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
                    f"place of recovery (after {found_at(scan, hit, code, result)})",
                )
            )
        elif not demonym and region_before(scan, hit) and not makers_town_named(scan, hit, code):
            # "eastern Afghanistan", "south Lebanon", "nord du Mali": a part of the country, where the item was found
            why = "a region of the country (a compass word before it): where the item was found, not where it was made"
            result.evidence.append(Evidence("country", scan.raw(hit), "", "", code, 0.0, why))
        elif demonym and payload[0] == "place":
            places.append((code, scan.raw(hit)))
        elif demonym:
            described.append((code, scan.raw(hit)))
            qualified += [code] if qualifies_item(scan, hit) else []
        else:
            bare.append((code, scan.raw(hit), hit))
        scan.mark(hit)
    if qualified and not result.manufacturer_id:
        for b in [b for b in bare if b[0] not in qualified]:
            # "Iranian rockets seized off Yemen", "Serbian mortar rounds transited through Turkey": the text states
            # the item's nationality; a country named bare beside it is where the item was, passed or went
            bare.remove(b)
            why = f"a place named beside an item the text calls {qualified[0]}'s: where it was, not where it was made"
            result.evidence.append(Evidence("country", b[1], "", "", b[0], 0.0, why))
    if not made_in and (town := made_in_town(scan)):
        made_in.append(town)  # "made in Birmingham": the country of the makers of the town named
    scan.memo[MADE_IN_MEMO] = list(made_in)  # every origin marked, for the conflicts stated once all is decided
    maker_country = None
    if result.manufacturer_id:
        row = scan.ix.ref.manufacturer(result.manufacturer_id)
        maker_country = row.country if row else None
    if maker_country and made_in and (first := maker_made_first(scan, result.manufacturer_id or "", made_at)):
        # "2'si MKE yapımı, 2'si Alman yapımı": the maker named first as the one that made it leads the list
        made_in.insert(0, (maker_country, first))
    # a maker known only as the one maker of the model named is as good as that national designation: a
    # country word elsewhere ("the lack of CCCP on the grips") does not outweigh it
    inferred = bool(result.manufacturer_id) and all(
        e.table == "models" for e in result.evidence if e.field == "manufacturer" and e.weight > 0 and e.value
    )
    designated: Evidence | None = None
    if designator := munition_designator(scan):  # BLU-46, CBU-58: the US munitions designation system
        why = "a US munitions designator (BLU, CBU, GBU, SUU...): the US armed forces' designation system"
        designated = Evidence("country", designator, "", "US", "US", 0.45, why)  # listed once, when weighed
    hinted = [e for e in result.evidence if e.field == "country" and e.weight > 0 and e.value]
    hinted += [designated] if designated else []
    for e in [e for e in hinted if e.note == TIED_MAKERS and bare_letters_in_prose(scan, e.row)]:
        # "listening to FM radio in 1985": two capitals in a sentence are an acronym of the prose (FM radio, AK
        # party) as often as a maker's mark; the tied makers' country needs more than that
        hinted.remove(e)
        why = "only a two-letter maker mark, within prose: an acronym as likely as a mark; no country from it"
        result.evidence.append(Evidence("country", "", "manufacturers", e.row, e.value, 0.0, why))
    national = None if scan.model_is_copy else national_country(scan.ix, result.model) or designated_country(result)

    designed = national[0] if national and not national[2] and designated_country(result) else None
    for b in trailing_places(scan, result.model, maker_country, bare, designed):
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
        for b in places_of_ordnance(scan, result.model, bare, national[0]):
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
    # the marks a copy's own origin answers: a MADE IN, the brand's country, or a country word stamped bare
    # (`KALASHNIKOV USSR ... Darra Adam Khel` is the false mark `MADE IN USSR ... Darra` is, said without MADE IN)
    marked = {c for c, _ in made_in} | ({maker_country} if maker_country else set())
    others = sorted((marked | {b[0] for b in bare}) - {copied[0]}) if copied else []
    if copied and others:
        # "MADE IN U.S.A. / COLT ... copy made in Darra": a craft copy's own origin against its false marks
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
    elif (crafted := craft_origin(scan)) and (
        not maker_country or not scan.makers_taken or any(brand_on_craft(scan, h) for h in scan.makers_taken)
    ):  # a craft weapon's origin is the place named (copies.py); a maker named on another item of a
        # list ("a Glock 17 pistol and a desi katta") keeps its country, the craft place an alternative
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
        and not own_nationality_beside_maker(scan, maker_country)
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
    elif hinted and not (
        national and national[0] != "US" and max(hinted, key=lambda e: e.weight) is designated
    ):  # "PTAB-2.5 bomblets found near CBU-97 dispenser": a model's row outweighs a designator in prose
        best = max(hinted, key=lambda e: e.weight)
        choose(best.value, best.weight, best.text, best.table, "from " + best.note)
    elif national and bare and (other := family_producer(scan, result.model, bare, national[0])):
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
    elif described and (trade := trade_usage(scan, described[0][1])) and national and national[0] != described[0][0]:
        # "Berdan II rifles — Ethiopian surplus imports": the stocks the arms came from; a design made in one
        # country only says more about who made them
        choose(
            national[0],
            0.4,
            national[1],
            "models",
            f"the design is made in one country only; `{trade}` names the stocks the arms came from, not their maker",
        )
    elif described:
        code, text = described[0]
        trade = trade_usage(scan, text)
        why = f"; `{trade}` names where the arms come from, in the gun trade's usage" if trade else ""
        choose(code, 0.5, text, "", "country named in the description (no maker identified)" + why)
    elif places:
        code, text = places[0]
        choose(code, 0.45, text, "", "a gunmaking town is marked (no maker identified)")
    elif (
        national
        and not national[2]
        and (elsewhere := other_producers(scan.ix.ref, model_row(scan, result.model), _named(result)))
    ):
        # `OG-7V`, `HK33`: other states make the design under its name; its origin is a reading, not the answer
        if licensees_only(scan.ix.ref, model_row(scan, result.model), elsewhere):
            why = f"origin of the design {national[1]}; {'/'.join(elsewhere)} make it under licence (tables)"
            choose(national[0], 0.35, national[1], "models", why + ": the licensor's country, weakly")
        else:
            why = f"origin of the design {national[1]}; {'/'.join(elsewhere)} make it too (tables): not decided"
            result.alternatives.append(Alternative("country", national[0], 0.4, (why,)))
            result.evidence.append(Evidence("country", national[1], "models", national[0], "", 0.0, why))
    elif national and not (not national[2] and national[0] in licensors_countries(scan, result)):
        choose(national[0], 0.4, national[1], "models", "the design is made in one country only (no maker identified)")
    elif not result.model and (typed := type_number_country(scan)):
        choose(typed[0], 0.4, typed[1], "models", "every designation of this type number is this country's")
    elif nsn and nsn[1]:
        choose(nsn[1], 0.4, result.nsn or "", "nsn_countries", "country of the NATO codification bureau of the NSN")
    else:
        # "seized by U.S. combat units": the holder named after a recovery cue, not a property mark on the item
        held = user_span(scan, bare=False)
        props = [h for h in longest(scan.find(scan.ix.properties)) if h.start not in held]
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
        if by_script and (foreign := foreign_design(scan, result.model, by_script[0])):
            # `RPG-7 ロケットランチャー`, `PKM 기관총`: Japanese and Korean write foreign designs' names in their own
            # script; the script is no hint at a country whose factories make none of the family named
            result.evidence.append(Evidence("country", "", "", "", by_script[0], 0.0, foreign))
            by_script = None
        prose = korean_prose(scan.text) and not korean_design(scan, result.model)
        if by_script and by_script[0] == "KR" and prose:
            # "스팅어 미사일이 발견되었다" (a Stinger missile was found): Korean prose describes an item in Korean,
            # as hiragana prose does in Japanese; only a design Korea's factories make lets the script count
            result.evidence.append(Evidence("country", "", "", "", "KR", 0.0, PROSE_NOTE))
            by_script = None
        if owner is not None:
            choose(
                owner.country,
                0.35,
                owner.pattern,
                "property_marks",
                "government property mark: owner's country, likely but not certainly the maker's",
            )
        elif by_script and by_script[1] == PLAIN_CYRILLIC:
            result.alternatives.append(Alternative("country", by_script[0], 0.3, (by_script[1],)))
            result.evidence.append(Evidence("country", "", "", by_script[0], "", 0.0, by_script[1] + ": not decided"))
        elif by_script:
            choose(by_script[0], 0.3, "", "", by_script[1])
        elif (
            (by_language := language_country(scan.words))
            and not foreign_design(scan, result.model, by_language[0])
            and not (by_language[0] == "KR" and prose)
        ):
            choose(
                by_language[0], 0.3, by_language[1], "", "a weapon-type word of a language spoken in one country (weak)"
            )
    if result.country is None and (own := _users_own_design(scan, result)):
        choose(own[0], 0.35, own[1], "models", _USERS_OWN)
    if designated and not any(e.field == "country" and e.text == designated.text for e in result.evidence):
        result.evidence.append(designated)
    _craft_alternative(scan, result)


_USERS_OWN = (
    "the design's own country, whose forces the text names as its users: a state arms its forces from its own "
    "factories first, so weak evidence of the maker's country"
)


def _users_own_design(scan: Scan, result: Identification) -> tuple[str, str] | None:
    """(country, words) when no origin was decided, the text names a user of the item (`used by the British Army`),
    and that user's country is the named design's own (the Lee-Enfield's, the Mills bomb's): a user alone says
    nothing of the maker (armies buy abroad), but a state's forces holding its own design were most likely armed
    from its own factories."""
    row = model_row(scan, result.model)
    if row is None or not row.country:
        return None
    own = FORMER_STATES.get(row.country, row.country)
    for e in result.evidence:
        if e.field == "country" and e.note == USER_WHY and e.value == own:
            return own, e.text
    return None


def _named(result: Identification) -> str:
    """The words the model decided was named by (`MILLS BOMB`, `NO 36`), or "" when no model row matched them."""
    return next((e.text for e in result.evidence if e.field == "model" and e.value == result.model and e.weight), "")


def _craft_alternative(scan: Scan, result: Identification) -> None:
    """A craft place or local craft word not taken as the answer stays an alternative with its words: the place of
    a craft gun listed beside a named maker's item, or the country whose speech a local craft word is."""
    crafted = craft_origin(scan)
    if crafted and crafted.country != result.country:
        why = f"a craft weapon ({crafted.cue.lower()}) named with {crafted.place}, another item than the maker's"
        result.alternatives.append(Alternative("country", crafted.country, 0.5, (why,)))
    elif not crafted and (local := local_craft_word(scan)) and local[0] != result.country:
        if result.country is None and one_country_craft_word(local[1]):  # `paltik`: Tagalog, the Philippines'
            why = f"made where a craft weapon is named ({local[1].lower()}: a word of one country's speech)"
            result.country = local[0]
            result.evidence.append(Evidence("country", local[1], "", local[0], local[0], 0.5, why))
            return
        why = f"`{local[1].lower()}` is a local name of craft guns, said mostly in {local[0]} (and across its borders)"
        result.alternatives.append(Alternative("country", local[0], 0.3, (why,)))
