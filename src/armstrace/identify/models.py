"""What the item is: its model (a model whose weapon type the text names wins, then one whose calibre agrees
with the marked calibre), calibre (marked, as dimensions, or the model's), and kind (firearm, ammunition,
ordnance, explosive, packaging).
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref

from armstrace.reference import Calibre, Model, Reference

from .codes import FSC_KIND, bare_stamp
from .country import language_words, national_country
from .result import Evidence, Identification
from .scan import Scan, compared_or_user, made_in_codes
from .text import Hit, compact, normalise
from .words import (
    AMMO_WORDS,
    BULK_EXPLOSIVE_WORDS,
    FIREARM_CONTEXT_AMMO_WORDS,
    FIREARM_WORDS,
    MINE_NOUNS,
    ORDINARY_WORD_NAMES,
    ORDNANCE_WORDS,
    PACKAGING_WORDS,
    PERSONAL_TITLES,
    PROPELLANT_PHRASES,
    SERIAL_LABELS,
    WEAK_AMMO_WORDS,
    WEAPON_TYPE_WORDS,
    WORD_DESIGNATIONS,
)

__all__ = [
    "bore",
    "calibred_designation",
    "decide_calibre",
    "decide_kind",
    "decide_model",
    "designation_keys",
    "looks_like_headstamp",
    "ordinary_word",
    "place_or_wrong_type",
    "prime_designations",
    "serial_like",
    "typed_designation",
    "weapon_types_named",
    "word_alias_alone",
]

# The weapon types whose items are ordnance (launchers included: the "rockets and their launchers").
_ORDNANCE_CALIBRES = frozenset({"rocket", "mortar", "grenade", "artillery"})


# Weapon types that are firearms: a text naming one in any language is a firearm's, when nothing says otherwise.
FIREARM_TYPES = frozenset({"pistol", "revolver", "carbine", "rifle", "machine_gun", "submachine_gun", "shotgun"})
ORDNANCE_TYPES = frozenset(
    {
        "launcher",
        "grenade",
        "mortar",
        "mortar_bomb",
        "rocket",
        "missile",
        "fuze",
        "mine",
        "recoilless",
        "bomb",  # aircraft and cluster bombs (RBK-500, CBU-87, BL755)
        "submunition",  # bomblets and DPICM grenades a cluster munition carries (PTAB-2.5M, BLU-97, M77)
    }
)


def bore(calibre: str | None) -> float | None:
    """The bore of a metric calibre name in millimetres (`90mm` → 90, `40x46mm` → 40, `7.62x39mm` → 7.62).

    Inch calibres (`.45 ACP`) and names without a leading number (`PG-7 (RPG-7)`) give None: they are not
    compared, since a bore alone cannot tell them apart reliably.
    """
    m = re.match(r"(\d+(?:\.\d+)?)\s*(?:mm|x|\s)", calibre or "")
    return float(m.group(1)) if m else None


def _bores(ref: Reference, calibre: str) -> set[float]:
    """The bores a calibre is known by: its name's (`82mm recoilless` → 82) and its aliases' (`PG-7 (RPG-7)` is
    also `40MM RPG-7` and `85MM PG-7`: the launcher's 40 mm tube and the rocket's 85 mm warhead)."""
    row = next((c for c in ref.calibres if c.calibre == calibre), None)
    names = [calibre, *(row.aliases if row else ())]
    return {b for b in (bore(n.lower()) for n in names) if b is not None}


def _calibre_agrees(model: Model, marked: Calibre | None, ref: Reference | None = None) -> bool | None:
    """True/False when the marked calibre's bore and the model's agree or not; None when either is unknown. With
    `ref`, any bore the model's calibre row is known by counts (`Panzerfaust 3 60mm`: the launch tube's, fixO)."""
    a, b = bore(model.calibre), bore(marked.calibre if marked else None)
    if a is None or b is None:
        return None
    bores = {a} | (_bores(ref, model.calibre) if ref is not None and model.calibre else set())
    # 105/106 mm: large bores are named by nominal figures a millimetre apart (the M40 is "106 mm" for 105)
    return any(abs(x - b) < (1.01 if min(x, b) >= 100 else 0.6) for x in bores)


def _gun_it_serves(scan: Scan, h: Hit, said: set[str]) -> bool:
    """A firearm's designation right after `for`, the text naming an ordnance type before it (`grenade launcher for
    the AKM`, `rifle grenade for the FAL`)."""
    before = scan.words[max(0, h.start - 2) : h.start]
    if "FOR" not in before or not all(isinstance(p, Model) and p.kind == "firearm" for p in h.payloads):
        return False
    head = " " + " ".join(scan.words[: h.start]) + " "
    return any(f" {w} " in head for k in said & ORDNANCE_TYPES for w in _type_words().get(k, ()))


# A bare letter-and-digits designation (K15, T93, SP5, P17, M4) is also how serial and part numbers begin.
_SHORT_ALIAS = re.compile(r"^[A-Z]{1,2}\d{1,3}$")
_PART_LABELS = frozenset({"PART", "PN", "P/N", "LOT", "BATCH", "REF", "CAT", "CATALOGUE", "CATALOG", "ITEM"})
_DIGIT_RUN = re.compile(r"^\d{3,}$")


def serial_like(scan: Scan, hit: Hit, calibre_hits: list[Hit]) -> bool:
    """True when a bare letter-and-digits designation reads as the start of a serial or part number: after a
    serial or part label (`serial K15 4471`, `part no. SP5 1123`), or followed by a run of digits with no weapon
    word, maker or calibre in the text to say a design is named (`K15 04471`). `K15 light machine gun`,
    `K2 rifle`, `CAL 5.56 K2 ...` keep their design."""
    if hit.end - hit.start != 1 or not _SHORT_ALIAS.match(scan.words[hit.start]):
        return False
    line = scan.tokens[hit.start].line
    k = hit.start - 1
    if k >= 0 and scan.tokens[k].line == line and (scan.words[k] in SERIAL_LABELS or scan.words[k] in _PART_LABELS):
        # the label right before it, and not a model's own ("MODEL NO G3")
        return not (k >= 1 and scan.words[k - 1] in {"MODEL", "MOD", "TYPE"})
    nxt = hit.end
    if nxt >= len(scan.words) or scan.tokens[nxt].line != line or not _DIGIT_RUN.match(scan.words[nxt]):
        return False
    if len(scan.words[nxt]) == 4 and 1870 <= int(scan.words[nxt]) <= 2039:
        return False  # "G3 1985": a year of making after the design
    if hit.key in _family_keys(scan.ix.ref):
        return False  # G3, AK74, MP5, M16 followed by a serial: a family or a row named, a design all the same
    supported = calibre_hits or weapon_types_named(scan) or scan.find(scan.ix.makers) or scan.find(scan.ix.countries)
    return not supported


def ordinary_word(scan: Scan, hit: Hit, hits: list[Hit]) -> bool:
    """True when a design's name is also an ordinary word of its language (ORDINARY_WORD_NAMES) and nothing says a
    weapon is meant: no weapon word right before or after it on its line (`بندقية الغليل`, the Galil rifle), and no
    other name of the same design in the text (GALIL). `صنع في مصر شفاء الغليل` is a phrase, not a rifle."""
    if " ".join(scan.words[hit.start : hit.end]) not in ORDINARY_WORD_NAMES:
        return False
    line = scan.tokens[hit.start].line
    beside = [j for j in (hit.start - 1, hit.end) if 0 <= j < len(scan.words) and scan.tokens[j].line == line]
    weapon_words = FIREARM_WORDS | {w for words in WEAPON_TYPE_WORDS.values() for w in words}
    weapon_words = weapon_words | BULK_EXPLOSIVE_WORDS | {"ВЗРЫВЧАТКА", "ВВ"}  # `ТЭН, взрывчатое вещество`
    if any(scan.words[j] in weapon_words for j in beside):
        return False
    rows = set(map(id, hit.payloads))
    return not any(h is not hit and not h.overlaps(hit) and rows & set(map(id, h.payloads)) for h in hits)


# One plain word (RASHID, POLK, TABUK, PM): WORD_DESIGNATIONS lists those also a person's name, a place or a word.
_WORD_ALIAS = re.compile(r"^[A-Z]{2,}(?:-[A-Z]{2,})?$")
_WORD_SUPPORT_SPAN = 3
_COUNTED = frozenset({"A", "AN", "ONE", "TWO", "THREE"})
_SEIZED = frozenset(str.split("SEIZED RECOVERED CONFISCATED SURRENDERED FOUND RECOVER SEIZE"))
_MODEL_LABELS = frozenset({"MODEL", "MOD", "MODELL", "MODELE", "MODELO", "TYPE", "TIP", "TIPO", "MARK", "MK"})
_GENERIC_WEAPON_WORDS = frozenset(
    str.split(
        "GUN GUNS WEAPON WEAPONS FIREARM FIREARMS ARMS ASSAULT SNIPER CAL CALIBRE CALIBER COPY COPIES CLONE KNOCKOFF "
        "VERSION VARIANT PATTERN LICENCE LICENSE MODEL MAGAZINE MAGAZINES HOLSTER"
    )
)


def word_alias_alone(scan: Scan, hit: Hit, calibre_hits: list[Hit]) -> bool:
    """True when a designation spelt as one word that is also an ordinary word, a person's name or a place
    (WORD_DESIGNATIONS: `RASHID`, `POLK`, `TABUK`, `PM`) has no weapon word, model label, maker, calibre or
    nationality within three words of it, in a text written in prose (with lower-case letters): there it is a
    person, a place or a word (`He drove to Tabuk`, `at 5 PM`), not a design. A personal title right before it
    (`Colonel Rashid inspected the rifles`) or a comma-apposition (`The suspect, Rashid, carried`) makes it a
    name even beside a weapon word. A marking stamped in capitals (`TABUK`), a family's own name, the name alone, a
    text naming another design of its family, `Tabuk rifle`, `Iraqi Tabuk`, `Tabuk, Iraq` keep it. Designations
    that are no ordinary word (`a Dragunov`, `an SKS`) are never dropped here."""
    if hit.end - hit.start != 1:
        return False
    word = scan.words[hit.start]
    if not _WORD_ALIAS.match(word):
        return False
    if hit.start >= 1 and scan.words[hit.start - 1] in PERSONAL_TITLES and any(c.islower() for c in scan.text):
        return True  # `Colonel Rashid`, `General Tariq`: a person
    if word not in WORD_DESIGNATIONS:
        return False
    if not any(c.islower() for c in scan.text) or hit.key in _family_names(scan.ix.ref) or len(scan.words) <= 2:
        return False  # a stamped marking (capitals throughout), a family's own name (FAL, GALIL), the name alone
    if re.search(rf",\s*{re.escape(scan.raw(hit))}\s*,", scan.text, re.IGNORECASE):
        return True  # `The suspect, Rashid, carried a pistol`: a name in apposition
    lo, hi = max(0, hit.start - _WORD_SUPPORT_SPAN), min(len(scan.words), hit.end + _WORD_SUPPORT_SPAN)
    near_idx = [k for k in range(lo, hi) if k != hit.start]  # across a marking's lines (`…; TABUK`) too
    words = {scan.words[k] for k in near_idx}
    if words & (FIREARM_WORDS | ORDNANCE_WORDS | _MODEL_LABELS | _GENERIC_WEAPON_WORDS):
        return False
    if _types_named(tuple(scan.words[k] for k in near_idx)):
        return False
    if hit.start >= 1 and scan.words[hit.start - 1] in _COUNTED and words & _SEIZED:
        return False  # `A PM was recovered`: a thing counted and seized
    around = set(near_idx)
    makers, models, countries = _support_hits(scan)
    for other in [*calibre_hits, *makers]:
        if not hit.overlaps(other) and around & set(range(other.start, other.end)):
            return False
    families = {p.family for p in hit.payloads if isinstance(p, Model) and p.family}
    for other in models:
        if not other.overlaps(hit) and any(isinstance(p, Model) and p.family in families for p in other.payloads):
            return False  # "The AK-47 is common here; this one was a Tabuk": a design of its family is named
    # a nationality right before it (`a Chinese CQ`), or the design's own country after it (`Tabuk, Iraq`); another
    # country after a place is its address (`Tabuk, Saudi Arabia`)
    own = {p.country for p in hit.payloads if isinstance(p, Model) and p.country}
    for c in countries:
        if c.end == hit.start:
            return False
        code = c.payloads[0] if c.payloads else None
        if c.start == hit.end and isinstance(code, str) and code in own:
            return False
    return True


_SUPPORT: weakref.WeakKeyDictionary[Scan, tuple[list[Hit], list[Hit], list[Hit]]] = weakref.WeakKeyDictionary()


def _support_hits(scan: Scan) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """The maker, model and country phrases of a text, found once per text for `word_alias_alone`."""
    got = _SUPPORT.get(scan)
    if got is None:
        got = _SUPPORT[scan] = (scan.find(scan.ix.makers), scan.find(scan.ix.models), scan.find(scan.ix.countries))
    return got


_MADE_THEN_PLACE = frozenset(
    {("MADE", "IN"), ("MANUFACTURED", "IN"), ("MFD", "IN"), ("PRODUCED", "IN"), ("MADE", "AT")}
)


def place_or_wrong_type(scan: Scan, hit: Hit) -> bool:
    """True when a one-word designation is a place or the wrong kind of weapon: right after MADE IN (`MADE IN MILAN
    ITALY` is the city, not the missile), or an ordnance design in a text that names only firearm types and no
    ordnance word (`PISTOL CAL 7.65 ... HOT`: a word, not the missile)."""
    if hit.end - hit.start != 1:
        return False
    if hit.start >= 2 and (scan.words[hit.start - 2], scan.words[hit.start - 1]) in _MADE_THEN_PLACE:
        return True
    rows = [p for p in hit.payloads if isinstance(p, Model)]
    if not rows or not all(r.kind == "ordnance" or r.weapon_type in ORDNANCE_TYPES for r in rows):
        return False
    said = weapon_types_named(scan)
    return bool(said) and not said & ORDNANCE_TYPES and not ORDNANCE_WORDS & set(scan.words)


@functools.lru_cache(maxsize=4)
def _family_names(ref: Reference) -> frozenset[str]:
    """The families' names, compacted (`FAL`, `GALIL`, `MAKAROV`): a design's own name, never a plain word here."""
    return frozenset(compact(m.family) for m in ref.models if m.family)


@functools.lru_cache(maxsize=4)
def _family_keys(ref: Reference) -> frozenset[str]:
    """The families' names and the rows' own names, compacted: read as a design even before a run of digits
    (only a bare alias such as K15 for the Daewoo K15 may be a serial's start)."""
    return frozenset(compact(m.family) for m in ref.models if m.family) | {compact(m.model) for m in ref.models}


def decide_model(
    scan: Scan,
    hits: list[Hit],
    calibre_hits: list[Hit],
    result: Identification,
    conf: dict[str, float],
    copy: bool = False,
) -> Model | None:
    """The model named; `copy` when the only one named is a design the item copies (its pattern, weaker)."""
    if not hits:
        return None
    said = weapon_types_named(scan)
    marked = _marked_calibre(calibre_hits) or _bare_bore(scan)
    if all(_gun_it_serves(scan, h, said) for h in hits):
        # "40mm under-barrel grenade launcher for the AKM": the only design named follows `for` after an ordnance
        # type: the gun the item is used with, not the item (left unknown rather than the gun)
        for h in hits:
            gun = next(p for p in h.payloads if isinstance(p, Model))
            why = f"{gun.model} is named after `for` an ordnance type: the gun the item is used with, not the item"
            result.evidence.append(Evidence("model", scan.raw(h), "models", gun.model, "", 0.0, why))
        return None

    def agrees(h: Hit) -> bool:
        return any(isinstance(p, Model) and p.weapon_type in said for p in h.payloads)

    def national(h: Hit) -> bool:  # "AK-47 Misr": one country's own designation is more specific than the family's
        return any(isinstance(p, Model) and (n := national_country(scan.ix, p.model)) and n[2] for p in h.payloads)

    def fits(h: Hit) -> bool:  # "M79 ... 90 mm": the Yugoslav 90 mm Osa, not the US 40 mm M79
        return any(isinstance(p, Model) and _calibre_agrees(p, marked) is not False for p in h.payloads)

    # "Type 56 (RPD) light machine gun": the model whose weapon type the text names wins, then one whose
    # calibre does not contradict the marked calibre, then a national designation over the family's own
    # design, then the longest
    def typed_next(h: Hit) -> bool:  # "F1 hand grenade with UZRGM fuze": the type word right after the name
        after = " " + " ".join(scan.words[h.end : h.end + 4]) + " "
        kinds = {p.weapon_type for p in h.payloads if isinstance(p, Model)}
        return any(f" {w} " in after for k in kinds for w in _type_words().get(k, ()))

    def subject(h: Hit) -> bool:  # "F1 grenade with UZRGM fuze", "AK-47 fitted with a GP-25": the accessory follows
        before = scan.words[max(0, h.start - 2) : h.start]
        return not (
            before[-1:] in (["WITH"], ["PLUS"]) or (before[-1:] in (["A"], ["AN"], ["ITS"]) and before[:1] == ["WITH"])
        )

    def item(h: Hit) -> bool:  # "Ф-1 УЗРГМ": a fuze named with the grenade or round it arms is a component
        return not (_only_fuzes(h) and any(not _only_fuzes(o) and _is_ordnance(o) for o in hits) and not _for(scan, h))

    def served(h: Hit) -> bool:  # "OG-9 round for SPG-9": the design after `for` is what the item is used in
        before = scan.words[max(0, h.start - 2) : h.start]
        return not ("FOR" in before and any(o.end <= h.start for o in hits if o is not h))

    def numbered(h: Hit) -> bool:  # "KALASHNIKOV AK-203", "كلاشنكوف AK-203": the family's bare name yields
        if any(ch.isdigit() for ch in h.key):  # to a numbered designation of the same family
            return True
        families = {p.family for p in h.payloads if isinstance(p, Model) and p.family}
        return not any(
            o is not h
            and any(ch.isdigit() for ch in o.key)
            and any(isinstance(p, Model) and p.family in families for p in o.payloads)
            for o in hits
        )

    def munition(h: Hit) -> bool:  # "M107 projectile, Composition B": the explosive named is the filling
        return not (_only_charges(h) and any(_is_ordnance(o) and not _only_charges(o) for o in hits))

    best = max(
        hits,
        key=lambda h: (
            munition(h),
            served(h),
            agrees(h),
            item(h),
            subject(h),
            typed_next(h),
            fits(h),
            national(h),
            numbered(h),
            len(h.key),
            -h.start,
        ),
    )
    if _only_charges(best) and (said & ORDNANCE_TYPES or set(scan.words) & ORDNANCE_WORDS):
        # "82mm mortar bomb, Composition B filling": the explosive named is what the munition is filled with; it
        # says neither the munition's model nor where it was made
        filling = next(p for p in best.payloads if isinstance(p, Model))
        why = f"{filling.model} is an explosive named with a munition: its filling, not the item"
        result.evidence.append(Evidence("model", scan.raw(best), "models", filling.model, "", 0.0, why))
        for hit in hits:
            scan.mark(hit)
        return None
    rows: list[Model] = [p for p in best.payloads if isinstance(p, Model)]
    model = max(rows, key=lambda r: (r.weapon_type in said, _calibre_agrees(r, marked) is not False))
    note = ""
    for h in hits:
        if h is not best and not served(h) and served(best):
            used_in = next(p for p in h.payloads if isinstance(p, Model))
            why = f"{used_in.model} is named after `for`: what the item is used in, not the item"
            result.evidence.append(Evidence("model", scan.raw(h), "models", used_in.model, "", 0.0, why))
        if h is not best and _only_fuzes(h) and not item(h):
            fuze = next(p for p in h.payloads if isinstance(p, Model))
            result.evidence.append(
                Evidence("model", scan.raw(h), "models", fuze.model, "", 0.0, f"the fuze {fuze.model}: a component")
            )
    cued = _kind_cued(scan, said, best)
    if cued and (model.kind or "firearm") != cued and not agrees(best):
        # "Type 68 RPG": a designation shared by rows of different kinds; the kind the text names picks the row
        other = _same_kind(scan, best, cued, said)
        if other is not None:
            note = f"; the {cued} named rules out {model.model} ({model.kind or 'firearm'}) of the same designation"
            model = other
    if said and model.weapon_type not in said and not agrees(best):
        # "M67 90mm recoilless rifle": the name matched a grenade, the text names a recoilless rifle
        other = _same_designation(scan, best, marked, said, by_type=True)
        if other is not None:
            note = f"; the weapon type named rules out {model.model} ({model.weapon_type}) of the same designation"
            model = other
    if (
        said
        and said <= ORDNANCE_TYPES
        and model.weapon_type not in said
        and (model.kind or "firearm") == "firearm"
        and model.weapon_type not in ORDNANCE_TYPES
        and any(
            f" {w} " in " " + " ".join(scan.words[best.end : best.end + 4]) + " "
            for k in said
            for w in _type_words().get(k, ())
        )
    ):
        # "M57 anti-tank mine": the ordnance type named right after the name rules out the pistol of that
        # number; with no ordnance row of the designation, the model is left unknown rather than a wrong gun
        result.evidence.append(
            Evidence(
                "model",
                scan.raw(best),
                "models",
                model.model,
                "",
                0.0,
                f"the {'/'.join(sorted(said))} named rules out {model.model} ({model.weapon_type}) of that designation",
            )
        )
        for hit in hits:
            scan.mark(hit)
        return None
    if _calibre_agrees(model, marked, scan.ix.ref) is False:
        other = _same_designation(scan, best, marked, said)
        if other is not None:
            note = (
                f"; the marked calibre {marked.calibre if marked else ''} rules out {model.model} "
                f"({model.calibre}) of the same designation"
            )
            model = other
        elif _ordnance_row(model) or (marked is not None and marked.kind == "artillery"):
            # "Type 84 60mm mortar bomb": the bore names the weapon; a 60 mm bomb is not the 82 mm one of that
            # number, and no row of the designation has the marked bore: the model (and its maker) stay unknown
            why = (
                f"the marked calibre {marked.calibre if marked else ''} rules out {model.model} ({model.calibre}); "
                "no row of that designation has it"
            )
            result.evidence.append(Evidence("model", scan.raw(best), "models", model.model, "", 0.0, why))
            for hit in hits:
                scan.mark(hit)
            return None
        else:
            note = f"; the marked calibre {marked.calibre if marked else ''} disagrees with the model's {model.calibre}"
    elif marked is not None and bore(model.calibre) is None and bore(marked.calibre) is not None and not agrees(best):
        # "M75 120mm": the name matched the M75 grenade, which has no calibre; the one row of that designation
        # whose calibre agrees with the marked one (the 120 mm M75 mortar) is meant
        other = _same_designation(scan, best, marked, said)
        if other is not None and other is not model:
            note = (
                f"; the marked calibre {marked.calibre} agrees with {other.model} of the same designation, "
                f"not {model.model} (no calibre of its own)"
            )
            model = other
    if (typed := _type_number_rival(scan, best, model, said)) is not None:
        model, note = typed[0], f"; {typed[1]}"
    if _calibre_agrees(model, marked) is not True:
        rival = _designation_rival(scan, best, model, marked, said)
        if rival is not None:
            note = f"; {rival[1]}"
            model = rival[0]
    result.model, result.family, result.weapon_type = model.model, model.family or None, model.weapon_type or None
    result.relation, result.based_on = model.relation or None, model.based_on or None
    weight = (0.85 if len(best.key) >= 4 else 0.65) * (0.7 if copy else 1.0)
    conf["model"] = weight
    why = f"family {model.family}" if model.family else ""
    if model.relation in {"licence", "copy", "derivative"} and model.based_on:
        why += f"; {model.relation} of {model.based_on}"
    result.evidence.append(
        Evidence(
            "model",
            scan.raw(best),
            "models",
            model.model,
            model.model,
            weight,
            why + ("; the design the item copies" if copy else "") + note,
        )
    )
    for hit in hits:
        scan.mark(hit)
    return model


# the states whose factories the tables record under today's country (README: Izhevsk RU, Kragujevac RS)
_SUCCESSOR = {"SU": "RU", "YU": "RS", "CS": "CZ", "DD": "DE"}
_ROCKET_LAUNCHER_WORDS = (" ROCKET LAUNCHER ", " ANTI TANK ", " ANTITANK ", " RBR ", " BACAC RAKETA ", " RAKETNI ")


def _today(code: str) -> str:
    return _SUCCESSOR.get(code, code)


def _countries_named(scan: Scan) -> set[str]:
    """Countries the text names as the item's (made in, a country's name or demonym), not a user's or a place's."""
    named = {_today(c) for c in made_in_codes(scan)}
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit):
            continue
        for p in hit.payloads:
            if isinstance(p, str):
                named.add(_today(p))
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                named.add(_today(p[1]))
    return named


def _ordnance_row(model: Model) -> bool:
    """A row of ordnance proper (a mortar, its bomb, a rocket, a launcher...), whose bore is part of what it is."""
    return model.kind == "ordnance" and model.weapon_type in ORDNANCE_TYPES


def _fires_grenades(ref: Reference, calibre: str) -> bool:
    return any(c.calibre == calibre and c.kind == "grenade" for c in ref.calibres)


def _designation_rival(
    scan: Scan, hit: Hit, model: Model, marked: Calibre | None, said: set[str]
) -> tuple[Model, str] | None:
    """Another weapon sharing the designation (`M79`: the US 40 mm grenade launcher and the Yugoslav 90 mm Osa)
    that the text agrees with better: a rocket launcher is named and this one fires grenades, or the country named
    is the other one's. Only between ordnance of different families, and never against an agreeing calibre."""
    if (model.kind or "") != "ordnance":
        return None
    ref = scan.ix.ref
    rivals = {
        m.model: m
        for m in _related(ref, hit.key)
        if m.model != model.model
        and m.kind == "ordnance"
        and m.family != model.family
        and _calibre_agrees(m, marked) is not False
        and (not said or m.weapon_type in said)
    }
    if not rivals:
        return None
    joined = " " + " ".join(scan.words) + " "
    rocket_named = any(w in joined for w in _ROCKET_LAUNCHER_WORDS)
    if rocket_named and model.weapon_type == "launcher" and _fires_grenades(ref, model.calibre):
        fit = [m for m in rivals.values() if m.weapon_type == "launcher" and not _fires_grenades(ref, m.calibre)]
        if len(fit) == 1:
            why = f"a rocket launcher is named: {model.model} fires grenades ({model.calibre}), {fit[0].model} rockets"
            return fit[0], why
    named = _countries_named(scan)
    if named and _today(model.country) not in named:
        fit = [m for m in rivals.values() if _today(m.country) in named]
        if len(fit) == 1:
            why = f"the country named ({fit[0].country}) is that of {fit[0].model}, not {model.model} ({model.country})"
            return fit[0], why
    return None


def _only_charges(h: Hit) -> bool:
    """Every row of the hit is a bulk explosive or charge (`Composition B`, `Semtex H`), not a munition."""
    rows = [p for p in h.payloads if isinstance(p, Model)]
    return bool(rows) and all(p.kind == "explosive" and p.weapon_type == "charge" for p in rows)


def _only_fuzes(h: Hit) -> bool:
    rows = [p for p in h.payloads if isinstance(p, Model)]
    return bool(rows) and all(r.weapon_type == "fuze" for r in rows)


def _is_ordnance(h: Hit) -> bool:
    return any(isinstance(p, Model) and (p.kind == "ordnance" or p.weapon_type in ORDNANCE_TYPES) for p in h.payloads)


def _for(scan: Scan, h: Hit) -> bool:
    """`UZRGM fuze for the F1`: the fuze is the item when the other design follows `for`."""
    return "FOR" in scan.words[h.end : h.end + 3]


_FIREARM_TYPES = frozenset({"pistol", "revolver", "carbine", "rifle", "machine_gun", "submachine_gun", "shotgun"})


def _kind_cued(scan: Scan, said: set[str], hit: Hit) -> str:
    """The kind the words next to the designation name (`ordnance` for rocket, RPG, grenade, launcher, mortar…
    within three words after it, or the two before), or ''.

    Only when no firearm type is named (`AK-47 with a grenade launcher` names the rifle and an accessory), and not
    across `and`/`with`: `Type 56 and an RPG`, `Type 56 with bayonet, found with grenades` are two items."""
    if said & _FIREARM_TYPES:
        return ""
    after: list[str] = []
    for w in scan.words[hit.end : hit.end + 3]:
        if w in {"AND", "WITH", "PLUS", "OR", "&"}:
            break
        after.append(w)
    near = " " + " ".join([*scan.words[max(0, hit.start - 2) : hit.start], *after]) + " "
    ordnance_types = {k for k in ORDNANCE_TYPES for w in _type_words().get(k, ()) if f" {w} " in near}
    if set(near.split()) & ORDNANCE_WORDS or ordnance_types:
        return "ordnance"
    return ""


def _same_kind(scan: Scan, hit: Hit, kind: str, said: set[str]) -> Model | None:
    """The one row of the matched designation (`TYPE68` → `TYPE 68 RPG`) whose kind is `kind` and whose weapon
    type is not contradicted by one the text names (`Type 68 grenade` is not the launcher), or None."""
    rows = {
        m.model: m
        for m in _related(scan.ix.ref, hit.key)
        if (m.kind or ("ordnance" if m.weapon_type in ORDNANCE_TYPES else "firearm")) == kind
        and (not said or m.weapon_type in said)
    }
    return next(iter(rows.values())) if len(rows) == 1 else None


_TYPE_NUMBER = re.compile(r"^\d{2,3}(?:-\d)?$")


def typed_designation(scan: Scan) -> list[Hit]:
    """`Type 80 general purpose machine gun`, `67式木柄手榴弹`: a TYPE-number designation whose one model of the named
    weapon type is meant, when the number alone names several (Type 80 pistol, Type 80 machine gun)."""
    said = weapon_types_named(scan)
    if not said:
        return []
    out: list[Hit] = []
    for i in range(len(scan.words) - 1):
        if scan.words[i] in {"TYPE", "ТИП"} and _TYPE_NUMBER.match(scan.words[i + 1]):
            number = scan.words[i + 1]
        elif _TYPE_NUMBER.match(scan.words[i]) and scan.words[i + 1] in {"式", "型"}:
            number = scan.words[i]  # 67式木柄手榴弹: the Chinese order, with words between the name and the type
        else:
            continue
        stem = "TYPE" + number
        rows = _type_rows(scan.ix.ref, number, said)
        if len(rows) == 1:
            out.append(Hit(i, i + 2, stem, " ".join(scan.words[i : i + 2]), tuple(rows.values())))
    return out


def _type_rows(ref: Reference, number: str, said: set[str] | frozenset[str]) -> dict[str, Model]:
    """The rows of TYPE `number` (not a longer number) whose weapon type the text names."""
    stem = "TYPE" + number
    return {
        m.model: m
        for key, m in designation_keys(ref)
        if key.startswith(stem) and not key[len(stem) : len(stem) + 1].isdigit() and m.weapon_type in said
    }


_SHIKI = re.compile(r"^(\d{2,3}(?:-\d)?)(?:式|型)$")


def _type_number_rival(scan: Scan, hit: Hit, model: Model, said: set[str]) -> tuple[Model, str] | None:
    """Another row of the same type number for `56式`/`TYPE 64` that the text agrees with better: the weapon type it
    names (`58式轻机枪` is China's Type 58 machine gun, not the DPRK's Type 58 rifle, whose alias `58式` matched; `85式
    狙击步枪` the Type 85 sniper rifle, not the submachine gun), else the country it names (`朝鲜64式手枪`: the DPRK's
    Type 64 pistol, not China's)."""
    number = _SHIKI.match(hit.key) or re.match(r"^TYPE(\d{2,3}(?:-\d)?)$", hit.key)
    if number is None:
        return None
    if said and model.weapon_type not in said:
        rows = _type_rows(scan.ix.ref, number.group(1), said)
        if len(rows) == 1:
            other = next(iter(rows.values()))
            return other, f"the weapon type named ({other.weapon_type}) is that of {other.model}, not {model.model}"
    named = _countries_named(scan)
    if named and _today(model.country) not in named:
        types = {model.weapon_type} | said
        fit = [m for m in _type_rows(scan.ix.ref, number.group(1), types).values() if _today(m.country) in named]
        fit = [m for m in fit if m.weapon_type == model.weapon_type or m.weapon_type in said]
        if len(fit) == 1:
            return fit[0], f"the country named ({fit[0].country}) is that of {fit[0].model}, not {model.model}"
    return None


# a designation as marked: `M29`, `PG7`, `HM20` (one token) — `M-29`, `HM 20` are two tokens, letters then digits
_DESIGNATION = re.compile(r"^[A-Z]{1,4}\d{1,3}[A-Z]{0,2}$")
_STEM_LETTERS = re.compile(r"^[A-Z]{1,4}$")
_NOT_STEMS = frozenset(
    {"NO", "NR", "SN", "IN", "OF", "LOT", "CAL", "MM", "AT", "ON", "BY", "THE", "AND", "TO", "A", "AN"}
)


def _stems(scan: Scan) -> list[tuple[int, int, str]]:
    """Designations as marked (`TYPE 63`, `M29`, `M-29`, `HM 20`): their token span and compact stem."""
    words, out = scan.words, []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in {"TYPE", "ТИП"} and _TYPE_NUMBER.match(nxt):
            out.append((i, i + 2, "TYPE" + nxt))
        elif _STEM_LETTERS.match(w) and w not in _NOT_STEMS and re.match(r"^\d{1,3}$", nxt):
            out.append((i, i + 2, w + nxt))
        elif _DESIGNATION.match(w):
            out.append((i, i + 1, w))
    return out


def calibred_designation(scan: Scan, calibre_hits: list[Hit]) -> list[Hit]:
    """`M29 81mm`, `Type 63 60 mm`, `M52 hand grenade`: a designation whose rows are all named with a type word
    (`M29 81MM MORTAR`, `TYPE 63 MORTAR`), so the bare number matched nothing. The one row of that designation
    whose calibre agrees with the calibre marked within three words (calibre consistency), or, with no calibre
    marked, whose weapon type the text names, is meant. Only tried when no model matched as written."""
    marked = _marked_calibre(calibre_hits)
    size = bore(marked.calibre) if marked else None
    said = weapon_types_named(scan)
    if size is None and not said:
        return []
    out: list[Hit] = []
    for start, end, stem in _stems(scan):
        if any(c.start <= start < c.end for c in calibre_hits):
            continue
        near = size is not None and any(c.start - end <= 3 and start - c.end <= 3 for c in calibre_hits)
        rows = {
            m.model: m
            for m in _related(scan.ix.ref, stem, shorter=False)
            if (not said or m.weapon_type in said)
            and (_calibre_agrees(m, marked) is True if near else bool(said) and _calibre_agrees(m, marked) is not False)
            and _subtype_fits(scan, m)
        }
        if len(rows) == 1:
            out.append(Hit(start, end, stem, " ".join(scan.words[start:end]), tuple(rows.values())))
    return out


def _subtype_fits(scan: Scan, m: Model) -> bool:
    """A rifle grenade is not a hand grenade: `M84 rifle grenade` is not the M84 stun (hand) grenade."""
    joined = " " + " ".join(scan.words) + " "
    rifle = any(f" {w} " in joined for w in ("RIFLE GRENADE", "TROMBLON", "ROMBLON"))
    own = " ".join((m.model, m.family, *m.aliases)).upper()
    is_rifle = "RIFLE GRENADE" in own or "TROMBLON" in own
    return is_rifle if rifle else not (is_rifle and " HAND GRENADE " in joined)


def _marked_calibre(calibre_hits: list[Hit]) -> Calibre | None:
    if not calibre_hits:
        return None
    best = max(calibre_hits, key=lambda h: (len(h.key), -h.start))
    cal = best.payloads[0]
    return cal if isinstance(cal, Calibre) else None


@functools.lru_cache(maxsize=4)
def designation_keys(ref: Reference) -> tuple[tuple[str, Model], ...]:
    return tuple((compact(name), m) for m in ref.models for name in (m.model, *m.aliases))


def prime_designations(ref: Reference) -> None:
    """Build the designation lookups with the indexes, so no marking pays for them (engine calls this)."""
    designation_keys(ref)
    _sorted_keys(ref)
    _family_keys(ref)


def _same_designation(
    scan: Scan, hit: Hit, marked: Calibre | None, said: set[str], by_type: bool = False
) -> Model | None:
    """Another model whose name starts with the matched designation and whose calibre agrees with the marked one
    (`by_type`: whose weapon type the text names, and whose calibre does not contradict the marked one)."""
    fitting = {
        m.model: m
        for m in _related(scan.ix.ref, hit.key)
        if (
            (m.weapon_type in said and _calibre_agrees(m, marked) is not False)
            if by_type
            else _calibre_agrees(m, marked)
        )
    }
    if len(fitting) == 1:
        return next(iter(fitting.values()))
    typed = [m for m in fitting.values() if m.weapon_type in said]
    return typed[0] if len(typed) == 1 else None


@functools.lru_cache(maxsize=4)
def _sorted_keys(ref: Reference) -> tuple[list[str], list[Model], dict[str, list[Model]]]:
    pairs = sorted(designation_keys(ref), key=lambda p: p[0])
    exact: dict[str, list[Model]] = {}
    for key, m in pairs:
        exact.setdefault(key, []).append(m)
    return [k for k, _ in pairs], [m for _, m in pairs], exact


def _related(ref: Reference, key: str, shorter: bool = True) -> list[Model]:
    """Rows of the same designation as `key`: names that extend it (`M79` → `M79 OSA`) and, with `shorter`, names
    it extends (`M79OSA` → `M79`); found by bisection in the sorted names, not by a scan of every row."""
    keys, models, exact = _sorted_keys(ref)
    out = []
    i = bisect.bisect_left(keys, key)
    while i < len(keys) and keys[i].startswith(key):
        if _extends(keys[i], key):
            out.append(models[i])
        i += 1
    if shorter:
        for n in range(1, len(key)):
            if key[:n] in exact and _extends(key, key[:n]):
                out += exact[key[:n]]
    return out


def _extends(longer: str, prefix: str) -> bool:
    """True when `longer` is `prefix` and more, and does not continue its number: `M79OSA` extends `M79`, but
    `9K111FAGOT` does not extend `9K11` (another number, another weapon)."""
    if not longer.startswith(prefix):
        return False
    rest = longer[len(prefix) :]
    return not (rest and prefix and prefix[-1].isdigit() and rest[0].isdigit())


@functools.lru_cache(maxsize=1)
def _shotgun_words() -> tuple[str, ...]:
    return tuple(w for w in _type_words()["shotgun"] if w not in {"GA", "GAUGE"})


@functools.lru_cache(maxsize=1)
def _type_words() -> dict[str, tuple[str, ...]]:
    # normalised as the text is (`步枪` → `步 枪`), so Chinese and Arabic type words are found too
    return {kind: tuple(normalise(w) for w in words) for kind, words in WEAPON_TYPE_WORDS.items()}


def weapon_types_named(scan: Scan) -> set[str]:
    """Weapon types the text names in words (PISTOL, LIGHT MACHINE GUN, CARBINE, 半自动步枪, ROCKET...)."""
    return set(_types_named(tuple(scan.words)))


@functools.lru_cache(maxsize=512)
def _types_named(words: tuple[str, ...]) -> frozenset[str]:
    """`weapon_types_named` of a text's words, memoised: asked several times per text, over some 1,000 words."""
    joined = " " + " ".join(words) + " "
    named = {kind for kind, words in _type_words().items() if any(f" {w} " in joined for w in words)}
    named |= {k for k, _code, _text in language_words(words) if k != "firearm"}  # inflected: KIVAARIN
    if "carbine" in named and " 半 自 动 步 枪 " in joined:
        named.discard("rifle")  # 半自动步枪 (semi-automatic rifle) contains 步枪 (rifle): the carbine is meant
    return frozenset(named)


# Words labelling a case head's code and year (`plant code 60, dated 79`): neither a code nor a year themselves.
_STAMP_LABELS = frozenset({"FACTORY", "PLANT", "CODE", "DATED", "DATE", "YEAR", "ZAVOD", "ЗАВОД", "MARKED", "STAMPED"})


def looks_like_headstamp(scan: Scan, calibre_hits: list[Hit], model: Model | None = None) -> bool:
    words = set(scan.words)
    if words & {"HEADSTAMP", "HEADSTAMPED", "HEAD"} or "ヘッドスタンプ" in scan.text:
        return True  # the Japanese loanword is read character by character, so found in the text
    if model is not None and model.weapon_type not in {"cartridge", ""}:
        return False  # "AKK with circle 10", "a pistol struck by a bullet": a gun's model, not a case head
    if words & ORDNANCE_WORDS and not words & {"CARTRIDGE", "CARTRIDGES", "CASE", "CASES", "BULLET", "BULLETS"}:
        return False  # "M75 grenade, lot 31": a number on a grenade or rocket is not a cartridge plant's code
    ammo_words = words & AMMO_WORDS
    if ammo_words and not (ammo_words <= FIREARM_CONTEXT_AMMO_WORDS and weapon_types_named(scan)):
        return True  # "a pistol ... fed all rounds, from 9x18 ball to hollow points" is still a pistol
    if model is not None:
        return False
    if weapon_types_named(scan) == {"cartridge"}:
        return True  # "cartridge case: ПП 7,9 52": a cartridge named and no gun: the marks are its head's
    if weapon_types_named(scan) - {"cartridge"}:
        return False  # "هفت‌تیر کالیبر ۳۸" (revolver, calibre 38): a weapon's type named, its numbers are not a head's
    rest = [
        w
        for i, w in enumerate(scan.words)
        if not any(h.start <= i < h.end for h in calibre_hits)
        and w not in {"NATO", "CROSS", "+", "STAR", "CIRCLE", "AT", "O", "CLOCK"} | _STAMP_LABELS
    ]
    if bare_stamp(scan, calibre_hits):
        return True  # `9 78`, `LXX 85`: nothing but a code and a year is a case head, listed code or not
    if not rest or len(rest) > 4:
        return False
    has_code = any(scan.ix.headstamps.get(w) for w in rest)
    has_year = any(re.fullmatch(r"\d{2}|(19|20)\d\d", w) for w in rest)
    if len(rest) == 1 and calibre_hits and len(scan.tokens) <= 4:
        # `TULA 5.45x39`, `CBC 9mm`: a commercial case head is the maker's code and the cartridge, and nothing else;
        # only when the code's own rows list that cartridge, and its maker makes no guns (`Sako .308`, `IMI 9mm`:
        # a maker of both marks its guns so too; an ammunition word, read above, says which is meant)
        marked = {str(p.calibre) for h in calibre_hits for p in h.payloads}
        kinds = _maker_kinds(scan.ix.ref)
        return any(
            marked & set(s.calibres) and "firearm" not in kinds.get(s.manufacturer_id or "", frozenset())
            for s in scan.ix.headstamps.get(rest[0])
        )
    return has_code and has_year and len(scan.tokens) <= 6


def decide_calibre(
    scan: Scan, hits: list[Hit], model: Model | None, result: Identification, conf: dict[str, float]
) -> None:
    if hits:
        best = max(hits, key=lambda h: (len(h.key), -h.start))
        cal: Calibre = best.payloads[0]
        size = bore(cal.calibre)
        bare_bore = not re.search(r"\dX\d", best.key)  # "40MM" marked, not "40X46"
        if (
            model
            and model.calibre
            and model.calibre != cal.calibre
            and size is not None
            and size >= 20
            and ("x" not in cal.calibre or bare_bore)
            and size in _bores(scan.ix.ref, model.calibre)
        ):
            # "B-10 ... 82mm": the 82 mm marked is the recoilless rifle's, which the designation tells from the mortar's
            own = next((c for c in scan.ix.ref.calibres if c.calibre == model.calibre), None)
            cal = own or cal
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


@functools.lru_cache(maxsize=4)
def _maker_kinds(ref: Reference) -> dict[str, frozenset[str]]:
    """The kinds of the model rows each maker makes (by `manufacturer_id` or `makers`)."""
    kinds: dict[str, set[str]] = {}
    for m in ref.models:
        for mid in (m.manufacturer_id, *m.makers):
            if mid:
                kinds.setdefault(mid, set()).add(m.kind or "firearm")
    return {mid: frozenset(k) for mid, k in kinds.items()}


def _maker_kind(ref: Reference, manufacturer_id: str | None) -> str:
    """The one kind of a maker's rows when it is not firearm (Explosia: explosive, Bazalt: ordnance), else ''."""
    kinds = _maker_kinds(ref).get(manufacturer_id or "", frozenset())
    return next(iter(kinds)) if len(kinds) == 1 and "firearm" not in kinds else ""


@functools.lru_cache(maxsize=4)
def _ammunition_makers(ref: Reference) -> frozenset[str]:
    """Makers on the headstamp table that no model row names: cartridge plants, whose name alone means ammunition."""
    stamped = {h.manufacturer_id for h in ref.headstamps if h.manufacturer_id}
    modelled = {m.manufacturer_id for m in ref.models if m.manufacturer_id}
    modelled |= {mid for m in ref.models for mid in m.makers}
    return frozenset(stamped - modelled)


@functools.lru_cache(maxsize=4)
def _stamped_makers(ref: Reference) -> frozenset[str]:
    """Makers on the headstamp table: cartridge plants."""
    return frozenset(h.manufacturer_id for h in ref.headstamps if h.manufacturer_id)


def _cartridge_maker(ref: Reference, manufacturer_id: str | None) -> bool:
    """A cartridge plant (on the headstamp table) none of whose model rows is a firearm."""
    kinds = _maker_kinds(ref).get(manufacturer_id or "", frozenset())
    return bool(kinds) and "firearm" not in kinds and (manufacturer_id or "") in _stamped_makers(ref)


_BORE = re.compile(r"^(\d{2,3})MM$")


def _bare_bore(scan: Scan) -> Calibre | None:
    """`106mm`, `23 mm`: a bore of 20 mm or more that no calibre row names, as marked (a gun's or a rocket's)."""
    for i, w in enumerate(scan.words):
        m = _BORE.match(w)
        digits = (
            m.group(1) if m else (w if w.isdigit() and len(w) in (2, 3) and scan.words[i + 1 : i + 2] == ["MM"] else "")
        )
        if digits and 20 <= int(digits) <= 400:
            return Calibre(f"{int(digits)}mm")
    return None


# words that name a weapon or its round, which a bore of 20 mm or more makes a gun's, a launcher's or its round's
_BIG_BORE_WORDS = frozenset(
    {"RIFLE", "RIFLES", "GUN", "GUNS", "CANNON", "LAUNCHER", "ROUND", "ROUNDS", "CARTRIDGE", "CARTRIDGES", "SHELL",
     "SHELLS", "PROJECTILE", "AMMUNITION", "AMMO"}
)  # fmt: skip
_EXPLOSIVE_TYPES = frozenset({"detonator", "charge"})  # explosive kind
_ORDNANCE_PHRASES = (" LAUNCH TUBE ", " FUSE ", " FUSES ", " RECOILLESS ", " RIFLE GRENADE ", " ROCKET PROPELLED ")
# nouns that, right after a firearm's designation, say the item is that designation's ordnance (`Type 56 rifle
# grenade`: the grenade fired from the Type 56, not the rifle); `AK-47 with a GP-25 grenade launcher` is not so joined
_ORDNANCE_NOUNS = frozenset({"GRENADE", "GRENADES", "ROCKET", "ROCKETS", "FUZE", "FUSE", "WARHEAD", "PROJECTILE"})
_JOINING = frozenset({"RIFLE", "ANTI", "TANK", "AT", "HE", "HEAT", "AP", "FRAG", "SMOKE", "ILLUMINATING"})


# explosive words that also qualify a bullet or shell (`balle explosive`, `proyectiles explosivos`)
_BARE_CHARGE_WORDS = frozenset({"EXPLOSIVE", "EXPLOSIVES", "EXPLOSIFS", "EXPLOSIVOS", "ESPLOSIVI", "EXPLOSIVA"})
# calibre kinds of small-arms cartridges
_CARTRIDGE_CALIBRES = frozenset({"rifle", "pistol", "machine gun", "shotgun"})


def _cartridge_calibre(scan: Scan, result: Identification) -> bool:
    """A small-arms cartridge's calibre was read in the text (7.62x39, 9mm Luger, 12.7x108)."""
    if not result.calibre or not scan.calibre_hits:
        return False
    cal = next((c for c in scan.ix.ref.calibres if c.calibre == result.calibre), None)
    return cal is not None and cal.kind in _CARTRIDGE_CALIBRES


@functools.lru_cache(maxsize=1)
def _propellant_phrases() -> tuple[str, ...]:
    return tuple(normalise(p) for p in PROPELLANT_PHRASES)


def _names_propellant(scan: Scan) -> bool:
    joined = " " + " ".join(scan.words) + " "
    return any(f" {p} " in joined for p in _propellant_phrases())


def _mine_case(words: list[str], i: int) -> bool:
    """The packaging word at `i` describes a mine's own case (`wooden box mine`, `box-type AP mine`), not a box
    holding mines (`crate of landmines`)."""
    for w in words[i + 1 : i + 4]:
        if w in MINE_NOUNS:
            return True
        if w in {"OF", "WITH", "FOR", "CONTAINING", "AND", "HOLDING"}:
            return False
    return False


def _big_bore(scan: Scan, result: Identification) -> float | None:
    """The bore marked, if 20 mm or more: from the calibre read or a bare `NNmm`."""
    size = bore(result.calibre) if result.calibre and scan.calibre_hits else None
    if size is None:
        bare = _bare_bore(scan)
        size = bore(bare.calibre) if bare else None
    return size if size is not None and size >= 20 else None


def _names_its_ordnance(scan: Scan, model: Model) -> bool:
    """The firearm's designation is followed by an ordnance noun (`Type 56 rifle grenade`, `M16 rifle grenade`)."""
    for hit in scan.model_hits:
        if not any(isinstance(p, Model) and p.model == model.model for p in hit.payloads):
            continue
        for w in scan.words[hit.end : hit.end + 4]:
            if w in _ORDNANCE_NOUNS:
                return True
            if w not in _JOINING and not any(w == scan.words[c.start] for c in scan.calibre_hits):
                break
    return False


def decide_kind(
    scan: Scan,
    ammo: bool,
    model: Model | None,
    nsn: tuple[str, str] | None,
    result: Identification,
    conf: dict[str, float],
) -> None:
    words = set(scan.words)
    model_kind = (model.kind or ("ordnance" if model.weapon_type in ORDNANCE_TYPES else "")) if model else ""
    joined = " " + " ".join(scan.words) + " "
    big = _big_bore(scan, result) if words & _BIG_BORE_WORDS and not words & {"HEADSTAMP", "HEADSTAMPED"} else None
    if model is not None and model_kind == "firearm" and model.weapon_type != "launcher":
        ordnance = False  # "AK-47 with a GP-25 grenade launcher" stays a firearm; its words name an accessory
        # ... unless the designation is followed by the ordnance it names (`Type 56 rifle grenade`); a bore of 20 mm
        # or more beside a firearm (`M4 carbine with an M203 40mm grenade launcher`) is its accessory's
        ordnance = _names_its_ordnance(scan, model)
    else:
        ordnance = model_kind == "ordnance" or bool(words & ORDNANCE_WORDS)
        ordnance = ordnance or bool(weapon_types_named(scan) & ORDNANCE_TYPES)  # "anti-tank mine", "AT mine"
        ordnance = ordnance or ("PROJECTILE" in words and not words & AMMO_WORDS)  # a bullet is a projectile too
        # "OG-9 round", "82mm HE": a calibre only rockets, mortar bombs or grenades have is ordnance's, with no gun
        cal = next((c for c in scan.ix.ref.calibres if c.calibre == result.calibre), None) if result.calibre else None
        ordnance = ordnance or (cal is not None and cal.kind in _ORDNANCE_CALIBRES and model is None)
        # "launch tube", "fuse", "recoilless gun", "rifle grenade": ordnance's own phrases, though they hold a
        # firearm's word; "23mm gun", "30 mm round", "106mm rifle": a bore of 20 mm or more with a weapon's word
        ordnance = ordnance or any(p in joined for p in _ORDNANCE_PHRASES)
        ordnance = ordnance or (big is not None and model_kind != "firearm")
    # "Sprengkapsel Nr. 8", "ДЕТОНИРУЮЩИЙ ШНУР", "电雷管": a detonator, blasting cap, cord or charge named in words
    blasting = bool(words & BULK_EXPLOSIVE_WORDS) or bool(weapon_types_named(scan) & _EXPLOSIVE_TYPES)
    # "patrones 12.7x108 con proyectil explosivo", "cartouches 7,62x54R à balle explosive": a bare explosive word
    # beside a cartridge word or a small-arms cartridge's calibre says what the bullet holds, not a charge (fixO)
    if blasting and (words & (AMMO_WORDS | WEAK_AMMO_WORDS) or _cartridge_calibre(scan, result)):
        rest = tuple(w for w in scan.words if w not in _BARE_CHARGE_WORDS)
        blasting = bool(set(rest) & BULK_EXPLOSIVE_WORDS) or bool(_types_named(rest) & _EXPLOSIVE_TYPES)
    # "PIROCHIM VICTORIA smokeless powder", "порох": a propellant powder with no cartridge or gun named
    blasting = blasting or (
        _names_propellant(scan) and not words & (AMMO_WORDS | WEAK_AMMO_WORDS | FIREARM_WORDS) and model is None
    )
    if model_kind == "explosive" and ordnance:
        model_kind = ""  # "82mm mortar bomb, Composition B filling": the explosive named is the munition's filling
    explosive = (blasting and not ordnance) or model_kind == "explosive"
    # `PMD-6 wooden box mine`: a packaging word right before a mine's noun is the mine's own case, not its packing
    packed = {w for i, w in enumerate(scan.words) if w in PACKAGING_WORDS and not _mine_case(scan.words, i)}
    packaging = bool(packed) and (ammo or explosive or ordnance or bool(words & AMMO_WORDS))
    # a maker that only makes ammunition (on the headstamp table, no model of its own) is not a gun's maker
    ammo_maker = model is None and (result.manufacturer_id or "") in _ammunition_makers(scan.ix.ref)
    # "RUAG Ammotec 9mm Luger", "MESKO 7.62x39", "Hirtenberger": a maker on the headstamp table whose model rows are
    # all ordnance (a launcher, a MANPADS) is still named for its cartridges (fixO)
    ammo_maker = ammo_maker or (model is None and _cartridge_maker(scan.ix.ref, result.manufacturer_id))
    firearm = model is not None or bool(words & FIREARM_WORDS) or (result.manufacturer is not None and not ammo_maker)
    # 자동보총, GÉPKARABÉLY, 拳銃: a gun named by its type in any language (not by "12 GA", a shell's gauge too)
    gun_types = weapon_types_named(scan) & FIREARM_TYPES
    if gun_types == {"shotgun"} and not any(f" {w} " in f" {' '.join(scan.words)} " for w in _shotgun_words()):
        gun_types = set()
    firearm = firearm or bool(gun_types) or any(k == "firearm" for k, _c, _t in language_words(scan.words))
    kind, why = None, ""
    if nsn and nsn[0] in FSC_KIND:
        kind, why = FSC_KIND[nsn[0]], f"NSN supply class {nsn[0]}"
    elif packaging:
        kind, why = "packaging", "packaging words with ammunition, ordnance or explosive words"
    elif (model_kind in {"ordnance", "ammunition", "explosive"} and not ammo) or model_kind == "ammunition":
        kind, why = model_kind, f"the model {model.model if model else ''} is {model_kind}"
    elif ordnance:
        kind, why = "ordnance", "rocket, grenade, mortar, fuze, mine or missile words or model"
    elif explosive:
        kind, why = "explosive", "explosive words"
    elif (
        ammo
        or (ammo_maker and not words & FIREARM_WORDS)
        or (words & WEAK_AMMO_WORDS and not firearm)
        # "Gafat 7.62x39 cartridges": cartridges in the plural with no gun named (a barrel says ".38 SPECIAL CTG")
        or (words & {"CARTRIDGES", "CTGS"} and model is None and not words & FIREARM_WORDS)
    ):
        kind, why = "ammunition", "headstamp or cartridge words"
    elif (
        (maker_kind := _maker_kind(scan.ix.ref, result.manufacturer_id))
        and model is None
        and not (words & FIREARM_WORDS or gun_types)
    ):
        # "EXPLOSIA", "PRVI PARTIZAN 7.62x39", "BAZALT": a maker named alone whose rows are all one other kind
        kind, why = maker_kind, f"every model row of the maker {result.manufacturer} is {maker_kind}"
    elif firearm:
        kind, why = "firearm", "firearm model, maker or words"
    if kind:
        result.kind = kind
        conf["kind"] = 0.8 if why.startswith(("NSN", "packaging", "headstamp")) else 0.7
        result.evidence.append(Evidence("kind", "", "", "", kind, conf["kind"], why))
