"""The identification pipeline: scan the marking once, then decide each field in the order that lets
later fields use earlier ones (importer before maker, maker before country).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from armstrace.exceptions import InputError
from armstrace.reference import Calibre, Model, Reference, load_reference
from armstrace.reference.states import country_at
from armstrace.values import MAX_CELL_LENGTH

from . import index_store
from .calibre_names import complete_calibre_names, numbers_apart
from .controls import strip_controls
from .copies import copied_design
from .country import decide_country
from .design_origin import designator_numbers, prime
from .headstamps import BARE_STAMP_NOTE, CASE_MARK, bare_stamp, bound_digits, clock_positions, nato_cross, stamp_plant
from .illegible import Restored, prime_gaps, restore
from .importers import decide_importer
from .letternames import letter_name_readings
from .licences import family_makers
from .lookalikes import spaced_code_alone
from .lots import read_lot
from .makers import decide_maker, slipped_only
from .models import (
    calibred_designation,
    decide_calibre,
    decide_kind,
    decide_model,
    designation_keys,
    looks_like_headstamp,
    ordinary_word,
    place_or_wrong_type,
    prime_designations,
    serial_like,
    weapon_types_named,
    word_alias_alone,
    worded_designation,
)
from .nomenclature import read_designations, take_designation
from .nsn import read_nsn
from .numbers import decide_serial, decide_year, mark_era_digits
from .origins import origin_conflicts
from .respectively import pair_respectively
from .result import Alternative, Evidence, Identification
from .scan import Scan, indexes
from .skeletons import prime_skeletons, spell_arabic_names
from .stamp_words import mark_counts, split_stamp
from .text import GAP, Hit, longest, normalise
from .unlisted_makers import local_producer, town_only, unlisted_producer
from .words import (
    AMMO_WORDS,
    COUNTRY_WORDS,
    DEMONYMS,
    FIREARM_WORDS,
    MADE_AFTER,
    MADE_IN,
    MADE_POSTPOSITIONS,
    ORDNANCE_WORDS,
    USER_CUES,
    WEAPON_TYPE_WORDS,
    YEAR_LABELS,
)

__all__ = ["MAX_MARKING_LENGTH", "identify"]

# the longest text identified at once: a record's text cells joined (a form's 20,000-character markings and its names)
MAX_MARKING_LENGTH = 6 * MAX_CELL_LENGTH


def identify(text: str, reference: Reference | None = None) -> Identification:
    """Identify one marking transcription (several lines, any case and script) against the tables.

    A text longer than ``MAX_MARKING_LENGTH`` is refused (InputError): it is a pasted document, not a marking.
    """
    if len(text) > MAX_MARKING_LENGTH:
        raise InputError(
            f"a marking text of {len(text):,} characters (at most {MAX_MARKING_LENGTH:,}): give what is stamped "
            "on the item, not a document"
        )
    ix = indexes(reference or load_reference())
    _prime(ix.ref)
    spelled, read_names = spell_arabic_names(
        bound_digits(strip_controls(text)), ix.ref
    )  # «مصاف»: a Latin name of the tables in Arabic letters
    readable, gaps = restore(spelled, ix)  # NOR[..]CO: the one table word that fits around an illegible gap
    scan = Scan(split_stamp(readable), ix)
    mark_counts(scan)  # `12 casings`: a count, no code or year
    mark_era_digits(scan)  # 民国10年: the 10 is a year of the Republic, not cartridge factory 10
    result = Identification(text=text)
    ev = result.evidence
    conf: dict[str, float] = {}
    for arabic, latin in read_names:
        script = "Devanagari" if re.search("[\u0900-\u097f]", arabic) else "Arabic"
        why = f"a Latin name of the tables written in {script} letters, read by its consonants"
        ev.append(Evidence("unread", arabic, "", latin, latin, 0.5, why))
    spelt = letter_name_readings(text)  # أم 4: letter names read as a designation's initials, quoted as written
    for written, latin in spelt:
        why = f"letter names read as the Latin letters of a designation: «{written}» read as {latin}"
        ev.append(Evidence("unread", written, "", latin, latin, 0.5, why))
    for gap in gaps:
        if gap.reading:
            ev.append(
                Evidence(
                    "unread",
                    gap.marked,
                    gap.table,
                    gap.reading,
                    gap.reading,
                    0.5,
                    f"illegible gap read as the only {gap.table} word of the tables that fits"
                    + (f" ({gap.how})" if gap.how else ""),
                )
            )
        result.unread.append(gap.marked + (f" (read as {gap.reading})" if gap.reading else ""))

    calibre_hits = scan.calibre_hits = complete_calibre_names(scan, longest(scan.find(ix.calibres)))
    # `3 80` on a case head is a plant's code and a year: numbers apart by a space are not one calibre (.380)
    calibre_hits = scan.calibre_hits = [h for h in calibre_hits if not numbers_apart(scan, h)]
    found = [h for h in scan.find(ix.models) if not _article_joined(scan, h)]  # "a G3" is not the AG-3

    taken = designator_numbers(scan)  # CBU-58A/B: the 58A is the designator's number, not the Type 58A

    def designs(hits: list[Hit]) -> list[Hit]:
        # "serial K15 4471", "part no. SP5 1123": a short letter-and-digits alias read as a serial's start is no design
        return [
            h
            for h in longest(hits)
            if h.start not in taken
            and not any(h.inside(c) and not _names_its_round(h, c, hits) for c in calibre_hits)
            and not serial_like(scan, h, calibre_hits)
            and not place_or_wrong_type(scan, h)
            and not ordinary_word(scan, h, hits)
            and not word_alias_alone(scan, h, calibre_hits)
            and not _unit_after_number(scan, h)
            and not spaced_code_alone(scan, h)
        ]

    model_hits = designs(found)
    # a fuzzy read must be a design of the maker named, if one is (`BERETTA PB5` is no other maker's P85)
    if not model_hits:  # M7O, M16Al: a letter read for a digit inside a designation
        model_hits = [h for h in designs(scan.find(ix.models, digits=True)) if _makers_design(scan, h)]
    if not model_hits:  # GL0CK 17: a digit read for a letter inside the name of a designation
        model_hits = [h for h in designs(scan.find(ix.models, ocr=True)) if _makers_design(scan, h)]
    if not model_hits or not any(_makers_design(scan, h) for h in model_hits):
        # TYPE S6, VZ 5B: S, B, G or Z read for a digit, when one designation fits; and `RUGER P8S`: an exact name of
        # another maker's design (Sarsilmaz P8S) gives way to the named maker's own read this way (Ruger P85)
        loose = [h for h in designs(scan.find(ix.models, loose=True)) if _makers_design(scan, h)]
        model_hits = loose or model_hits
    if not model_hits:  # Type 80 general purpose machine gun
        model_hits = [h for h in worded_designation(scan) if not serial_like(scan, h, calibre_hits)]
    if not model_hits:  # M29 81mm, M52 hand grenade: a designation named beside its calibre or its type
        model_hits = [h for h in calibred_designation(scan, calibre_hits) if not serial_like(scan, h, calibre_hits)]
    scan.model_hits = model_hits
    copies = [h for h in model_hits if copied_design(scan, h)]
    own = [h for h in model_hits if h not in copies]  # "It was a Chinese CQ, an M-16 knockoff": CQ, not M16
    importer_hits = longest(scan.find(ix.importers))
    importer_lines = {scan.line_of(h) for h in importer_hits}
    if importer_hits:
        importer_hits += [
            h for h in longest(scan.find(ix.import_locations)) if not any(h.overlaps(i) for i in importer_hits)
        ]
    nsn = read_nsn(scan, result, conf)

    decide_importer(scan, importer_hits, result, conf)
    # "Copy of the 1911A1": with no other model named, the copied design is the pattern, but not its maker's
    model = decide_model(scan, own or copies, calibre_hits, result, conf, copy=not own and bool(copies))
    unkinded = False
    if model is None and not model_hits and (read := read_designations(scan, _designation_keep(scan, calibre_hits))):
        model = take_designation(scan, read[0], result, conf)  # 3VOF22, L98A2: a system's form, with no row
        # a system that names every kind of item (L-series, DM, Mk/Mod) says nothing of the kind: the words decide
        unkinded = not model.kind
    scan.model_is_copy = not own and bool(copies)
    scan.chosen_model = model.model if model else None
    scan.chosen_family = (model.family or None) if model else None
    clock_positions(scan)  # `43 at 6 o'clock`: the hour places a mark on the case head; it is not a code or year
    ammo_context = looks_like_headstamp(scan, calibre_hits, model)
    if ammo_context and bare_stamp(scan, calibre_hits):  # `9 78`, `LXX 85`: no word says so; the shape does
        ev.append(Evidence("kind", scan.text.strip(), "", "", "ammunition", 0.6, BARE_STAMP_NOTE))
    if nato_cross(scan):  # ⊕ is a headstamp's mark: a NATO-standard round, wherever it was made
        no_gun = model is None or model.weapon_type in {"cartridge", ""}
        ammo_context = ammo_context or (no_gun and not ORDNANCE_WORDS & set(scan.words))
        ev.append(
            Evidence(
                "kind",
                "NATO CROSS",
                "",
                "",
                "ammunition",
                0.6,
                "NATO cross: a round made to NATO standard; not a country",
            )
        )
    scan.lot = read_lot(scan, bool(model and model.kind == "ordnance"))
    own_model = None if scan.model_is_copy else model
    decide_maker(scan, importer_hits, model_hits, calibre_hits, own_model, ammo_context, result, conf)
    if result.manufacturer is None:  # `par la société Neitron`: a maker no row holds, named by its name's shape
        unlisted_producer(scan, importer_hits, result, conf)
    elif town_only(result):  # "manufactured by Amin Explosives ... Hyderabad": the name, not the town
        unlisted_producer(scan, importer_hits, result, conf, over_town=True)
    if result.manufacturer is None:  # `SL 43`: a plant the headstamp table names but no maker row holds
        stamp_plant(scan, result, conf)
    decide_calibre(scan, calibre_hits, model, result, conf)
    decide_country(scan, importer_lines, importer_hits, nsn, result, conf)
    pair_respectively(scan, result)  # `the AKM and the PKM, made in Romania and Bulgaria respectively`
    decide_year(scan, ammo_context, result, conf)
    # `country` is where the factory is today (the tables' convention, what registries and traces use); the
    # state it stood in when the item was made is said beside it: an Izhevsk rifle of 1980 was made in the USSR
    then = country_at(result.country, result.year)
    result.state_at_manufacture = then if then != result.country else None
    decide_serial(scan, importer_lines, result, conf)
    _gapped_serial(gaps, result, conf)
    decide_kind(scan, ammo_context, None if unkinded else model, nsn, result, conf)
    _maker_against_country(scan, result)
    local_producer(scan, importer_hits, result, conf)  # `Steyr AUG ... SME Ordnance Sdn Bhd, Malaysia`
    origin_conflicts(scan, result)  # `MADE IN ROMANIA ... MADE IN HUNGARY`: every origin given, not only the one taken
    headstamp = ammo_context and result.kind == "ammunition"
    result.unread += [w for w in _unexplained_codes(scan, headstamp) if w != result.serial]
    result.alternatives += _same_number_models(scan, result)
    result.alternatives += _related_makers(ix, result, conf)
    if result.country is None:  # undecided: the country readings seen, and why each was set aside
        seen: dict[str, list[str]] = {}
        for e in ev:
            if e.field == "country" and e.value and len(e.value) == 2:
                seen.setdefault(e.value, []).append(f"{e.text}: {e.note}" if e.text else e.note)
        result.alternatives += [Alternative("country", code, 0.0, tuple(notes)) for code, notes in seen.items()]
    _quote_letter_names(ev, spelt)
    result.field_confidence = {k: round(v, 2) for k, v in conf.items()}
    core = [conf[k] for k in ("manufacturer", "country", "model", "calibre") if k in conf]
    result.confidence = round(sum(core) / len(core), 2) if core else 0.0
    ev.sort(key=lambda e: (list(conf).index(e.field) if e.field in conf else 99, -e.weight))
    return result


def _quote_letter_names(ev: list[Evidence], spelt: list[tuple[str, str]]) -> None:
    """A design's evidence read from letter names (`M 4` from `أم 4`) quotes the words as written and says so."""
    for i, e in enumerate(ev):
        if e.field != "model" or not e.text:
            continue
        key = re.sub(r"[^A-Z0-9]", "", e.text.upper())
        for written, latin in spelt:
            if key == re.sub(r"[^A-Z0-9]", "", latin.upper()):
                note = f"{e.note}; " if e.note else ""
                ev[i] = dataclasses.replace(e, note=f"{note}written «{written}», read as letter names ({latin})")
                break


@functools.lru_cache(maxsize=4)
def _prime(ref: Reference) -> bool:
    """Every lookup built from the tables or the word lists, built once with the indexes: after start-up no
    marking pays for one (the bound is per marking, 50 ms)."""
    prime(ref)
    prime_designations(ref)
    family_makers(ref)
    prime_gaps()
    prime_skeletons(ref)
    _known_words()
    if not index_store.loaded(ref):
        index_store.save(ref, indexes(ref))  # the next command reads what this one built
    return True


def _makers_design(scan: Scan, hit: Hit) -> bool:
    """True when no maker is named, or a maker named makes the design (its row, listed makers, a related business,
    or a row of its family): a slip read as a design (`PB5` → P85 beside BERETTA) must not be another maker's."""
    ref = scan.ix.ref
    # a maker's name inside the design's own (SA of `SA VZ. 58`, the Czech samopal) names no maker
    named = {str(p) for h in scan.find(scan.ix.makers) if not h.overlaps(hit) for p in h.payloads}
    if not named:
        return True
    named |= {r for mid in named for r in ref.related_makers(mid)}
    named = {m.lower() for m in named}
    rows = [p for p in hit.payloads if hasattr(p, "manufacturer_id")]
    families = {p.family for p in rows if p.family}
    for m in ref.models:
        if (m in rows or (m.family and m.family in families)) and named & {
            x.lower() for x in (m.manufacturer_id, *m.makers) if x
        }:
            return True
    return False


#: labels before a lot or batch number (`Lot 7N12`), which a designation's form does not make one
_LOT_LABELS = frozenset({"LOT", "LOTS", "LOS", "LOTE", "PARTIA", "ПАРТИЯ", "BATCH"})


def _names_its_round(hit: Hit, calibre_hit: Hit, hits: list[Hit]) -> bool:
    """`VOG-17M`, `ВОГ-25П`: a grenade's designation is also the name of its calibre; read as exactly that name, a row
    whose calibre it is names the item (the calibre is still read), where `7.62X39 M43` holds no design."""
    if (hit.start, hit.end) != (calibre_hit.start, calibre_hit.end):
        return False
    named = {p.calibre for p in calibre_hit.payloads if isinstance(p, Calibre)}
    # a cartridge's code that names its calibre (`DBP87`) stays the calibre beside a rifle's name; with no other
    # design named (`GP 11 cartridges`), it is the round's own designation
    alone = not any(h is not hit and not h.overlaps(hit) for h in hits)
    kinds = {"ordnance", "ammunition"} if alone else {"ordnance"}
    return any(isinstance(p, Model) and p.kind in kinds and p.calibre in named for p in hit.payloads)


def _designation_keep(scan: Scan, calibre_hits: list[Hit]) -> Any:
    """The look-alike guards a designation read by grammar must pass, as a row's does: not inside a calibre's name,
    not a serial's or part number's start, not an importer's or copied design's words."""

    def keep(hit: Hit) -> bool:
        return (
            not any(hit.overlaps(c) for c in calibre_hits)
            and not serial_like(scan, hit, calibre_hits)
            and not scan.after_serial_label(hit.start)
            and not (hit.start > 0 and scan.words[hit.start - 1] in _LOT_LABELS)
            and not any(i in scan.used or i in scan.copied for i in range(hit.start, hit.end))
        )

    return keep


# units of weight and length that follow a number (`2,500 g`, `5 kg`, `30 cm`)
_UNITS = frozenset({"G", "GR", "KG", "CM", "KM", "LB", "LBS", "OZ"})
_NUMBER = re.compile(r"\d[\d.,]*")


def _unit_after_number(scan: Scan, hit: Hit) -> bool:
    """True when the design's first word is a unit right after a number on its line (`2,500 g, 30 cm long` is no
    G30): the number's unit, not a designation's letter."""
    k = hit.start
    return (
        k > 0
        and scan.words[k] in _UNITS
        and bool(_NUMBER.fullmatch(scan.words[k - 1]))
        and scan.tokens[k - 1].line == scan.tokens[k].line
    )


def _article_joined(scan: Scan, hit: Hit) -> bool:
    """A designation matched across the article `A` and the next word (`a G3` read as the Norwegian `AG-3`):
    names are compared without spaces, so the article must not begin one unless a number follows (`A-91`)."""
    words = scan.words[hit.start : hit.end]
    return len(words) > 1 and words[0] == "A" and words[1][:1].isalpha()


def _unexplained_codes(scan: Scan, headstamp: bool = False) -> list[str]:
    """Code-like marks (letters with digits, short capitals) that no field used: what the engine could not read.

    Only for short transcriptions of marks (a few lines): in prose every other word would qualify. On a case head
    a number that is neither the year nor the calibre is a plant's code no table lists (`999 85`).
    """
    if len(scan.tokens) > 24:
        return []
    out = []
    for i, tok in enumerate(scan.tokens):
        w = tok.text
        if i in scan.used or len(w) < 2 or (w.isdigit() and len(w) < 2):
            continue
        if headstamp and CASE_MARK.match(w):
            continue  # `VII`, `VIIZ` beside a case head's code: the cartridge's Mark, read
        latin = w.isascii()
        # a short word of another script is a code unless its script has capitals and it is not written in them
        # (`на`, `и` in a Russian description are words; `ПС`, Arabic and Chinese marks are codes)
        cased = w.isupper() and not _in_capitals(w, scan.text)
        code_like = (any(c.isdigit() for c in w) and any(c.isalpha() for c in w)) or (
            not latin and len(w) <= 4 and not cased
        )
        # on a case head, a number or a short capital code no table lists (`999 85`, `⊕ 91 ASE`)
        stamped = w.isdigit() or (w.isalpha() and latin and _in_capitals(w, scan.text))
        code_like = code_like or (headstamp and stamped and len(w) <= 4)
        if code_like and w not in _COMMON and w not in _known_words():
            out.append(w)
    return out


@functools.lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words of the engine's own phrases (`صنع في`, `ساخت`, `هـ`): read, so never listed as unread codes."""
    phrases = [*MADE_IN, *USER_CUES, *ORDNANCE_WORDS, *FIREARM_WORDS, *AMMO_WORDS, *COUNTRY_WORDS, *DEMONYMS]
    phrases += [w for words in WEAPON_TYPE_WORDS.values() for w in words]
    phrases += [*YEAR_LABELS, "NATO CROSS", *MADE_AFTER, *MADE_POSTPOSITIONS, "बरामद", "जब्त"]
    return frozenset(w for p in phrases for w in normalise(p).split()) | _HIJRI_MARKS


_HIJRI_MARKS = frozenset({"هـ", "ه", "ش", "ق"})  # lunar and solar Hijri year marks


_COMMON = frozenset(str.split("MADE IN BY OF THE AND CAL NO SN MM CO INC LTD LLC USA MFG PAT"))


_NUMBERED = re.compile(r"^(?:TYPE|ТИП)?\s*(\d{2,3})\s*(?:式|型)?$")


def _same_number_models(scan: Scan, result: Identification) -> list[Alternative]:
    """`56式`, `TYPE 56` with no weapon type named: the number is several weapons' (the Type 56 rifle, carbine and
    light machine gun); the one read is kept and the others of that number are listed, so nothing is decided
    silently between them. Naming the type (`56式半自动步枪`, `Type 56 carbine`) decides."""
    if result.model is None or weapon_types_named(scan):
        return []
    said = next((e.text for e in result.evidence if e.field == "model" and e.value == result.model), "")
    m = _NUMBERED.match(said.replace(" ", ""))
    if not m:
        return []
    stem = "TYPE" + m.group(1)
    chosen = next((r for r in scan.ix.ref.models if r.model == result.model), None)
    others = {
        row.model: row
        for key, row in designation_keys(scan.ix.ref)
        if key.startswith(stem)
        and not key[len(stem) : len(stem) + 1].isdigit()
        and row.model != result.model
        and (chosen is None or (row.weapon_type != chosen.weapon_type and row.country == chosen.country))
    }
    return [
        Alternative(
            "model",
            row.model,
            0.0,
            (f"{said}: the same number names this {(row.weapon_type or 'design').replace('_', ' ')} too",),
        )
        for row in list(others.values())[:4]
    ]


def _maker_against_country(scan: Scan, result: Identification) -> None:
    """A maker kept while the text marks another country (`GLOCK 17 PAKISTAN`): not decided silently. The
    conflict is stated and both countries listed, unless the maker has its own plant there or both countries were
    one federation (Igman and Yugoslavia)."""
    if not (result.manufacturer_id and result.country) or result.conflicts:
        return
    row = scan.ix.ref.manufacturer(result.manufacturer_id)
    if row is None or not row.country or row.country == result.country:
        return
    if slipped_only(result.evidence, row.manufacturer_id):  # a guess from a slipped name gives way to the country
        result.manufacturer = result.manufacturer_id = None
        return
    if country_at(row.country, 1980) == country_at(result.country, 1980):  # one federation then (SU, YU, CS)
        return
    first = row.name.split()[0].lower().removesuffix("'s")
    if any(m.country == result.country and m.name.split()[0].lower() == first for m in scan.ix.ref.manufacturers):
        return
    if any(i.country == result.country and i.importer.split()[0].lower() == first for i in scan.ix.ref.import_marks):
        return
    why = next((e.note for e in result.evidence if e.field == "country" and e.value == result.country), "")
    result.conflicts.append(
        f"the maker {row.name} is in {row.country}, but the text gives {result.country} ({why or 'marked'}): "
        "a copy, a licence, an export or a place; both countries are listed"
    )
    maker_marks = tuple(f"{e.text}: {e.note}" for e in result.evidence if e.field == "manufacturer" and e.weight)
    # each reading scored by its best evidence, so a live contender is told from a rejected one
    made = max(
        (e.weight for e in result.evidence if e.field == "manufacturer" and e.row == row.manufacturer_id), default=0.0
    )
    said = max((e.weight for e in result.evidence if e.field == "country" and e.value == result.country), default=0.0)
    result.alternatives.append(Alternative("manufacturer", row.name, made, maker_marks))
    result.alternatives.append(Alternative("country", row.country, made, (f"factory of {row.name}",)))
    result.alternatives.append(Alternative("country", result.country, said, (why,) if why else ()))


def _related_makers(ix: Any, result: Identification, conf: dict[str, float]) -> list[Alternative]:
    """The rows `maker_relations.csv` ties to the maker found (a brand's owner, a subsidiary's parent): reports
    name either, so both are given; the maker found stays the answer."""
    if not result.manufacturer_id:
        return []
    out: list[Alternative] = []
    for rel in ix.ref.maker_relations:
        if result.manufacturer_id not in (rel.manufacturer_id, rel.related_id):
            continue
        other = rel.related_id if rel.manufacturer_id == result.manufacturer_id else rel.manufacturer_id
        row = ix.ref.manufacturer(other)
        if row is not None and row.name not in {a.value for a in out}:
            why = f"{rel.manufacturer_id} {rel.relation.replace('_', ' ')} {rel.related_id}: {rel.notes}"
            out.append(Alternative("manufacturer", row.name, round(conf.get("manufacturer", 0.0) * 0.5, 2), (why,)))
    return out


def _gapped_serial(gaps: list[Restored], result: Identification, conf: dict[str, float]) -> None:
    """`SN 12[..]4`: the digits either side of a gap are not the serial. The serial is left unknown and the
    evidence gives it as a serial search pattern (`12*4`: `*` for the illegible stretch)."""
    for gap in gaps:
        if gap.reading or not any(ch.isdigit() for ch in gap.marked):
            continue
        # `?` is one unread character in the serial search's syntax, `*` any stretch
        pattern = GAP.sub(lambda m: m.group(0) if set(m.group(0)) == {"?"} else "*", gap.marked)
        if result.serial and result.serial in re.split(r"[^0-9A-Z]+", pattern.upper()):
            result.serial = None
            conf.pop("serial", None)
            result.evidence = [e for e in result.evidence if e.field != "serial"]
        result.evidence.append(
            Evidence("serial", gap.marked, "", "", pattern, 0.3, f"partly illegible; search the serial as {pattern}")
        )


def _in_capitals(word: str, text: str) -> bool:
    """True when the word is written in capitals in the transcription (`ASE` as stamped, not `case` in prose)."""
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text) is not None
