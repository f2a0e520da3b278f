"""What sort of item it is: its kind (firearm, ammunition, ordnance, explosive, packaging), its calibre (marked,
as dimensions, or the model's), and whether the marks read as a cartridge's case head.
"""

from __future__ import annotations

import functools
import re

from armstrace.reference import Calibre, Model, Reference

from .designations import (
    FIREARM_TYPES,
    ORDNANCE_TYPES,
    _bare_bore,
    _bores,
    _shotgun_words,
    _types_named,
    bore,
    weapon_types_named,
)
from .headstamps import bare_stamp
from .item_nouns import noun_kinds
from .mentions import calibred_codes, inscribed_code
from .nsn import FSC_KIND
from .numbers import era_year
from .result import Evidence, Identification
from .scan import Scan
from .script_origin import language_words
from .subjects import package_only, small_arms_bulk, subject_kind
from .text import Hit, normalise
from .words import (
    AMMO_WORDS,
    BULK_EXPLOSIVE_WORDS,
    FIREARM_CONTEXT_AMMO_WORDS,
    FIREARM_WORDS,
    ORDNANCE_WORDS,
    PROPELLANT_PHRASES,
    SHELL_PHRASES,
    WEAK_AMMO_WORDS,
)
from .words.makes import note_kinds

__all__ = [
    "decide_calibre",
    "decide_kind",
    "looks_like_headstamp",
]

# The weapon types whose items are ordnance (launchers included: the "rockets and their launchers").
_ORDNANCE_CALIBRES = frozenset({"rocket", "mortar", "grenade", "artillery"})


# Words labelling a case head's code and year (`plant code 60, dated 79`): neither a code nor a year themselves.
_STAMP_LABELS = frozenset({"FACTORY", "PLANT", "CODE", "DATED", "DATE", "YEAR", "ZAVOD", "ЗАВОД", "MARKED", "STAMPED"})


def looks_like_headstamp(scan: Scan, calibre_hits: list[Hit], model: Model | None = None) -> bool:
    words = set(scan.words)
    if words & {"HEADSTAMP", "HEADSTAMPED", "HEAD"} or "ヘッドスタンプ" in scan.text:
        return True  # the Japanese loanword is read character by character, so found in the text
    if era_year(scan.text) is not None and not words & AMMO_WORDS:
        return False  # `Shōwa 17`: an era's year alone, not a plant's number (Barnaul's 17) and a year
    if model is not None and model.weapon_type not in {"cartridge", ""}:
        return False  # "AKK with circle 10", "a pistol struck by a bullet": a gun's model, not a case head
    if _small_arms_case(scan, calibre_hits):
        return True  # "an old W.R.A. .250-3000 case", "a .22 shell": a small-arms cartridge's case, named so
    if words & ORDNANCE_WORDS and not words & {"CARTRIDGE", "CARTRIDGES", "CASE", "CASES", "BULLET", "BULLETS"}:
        return False  # "M75 grenade, lot 31": a number on a grenade or rocket is not a cartridge plant's code
    if (inscribed_code(scan) or _ammunition_code(scan, calibre_hits)) and not weapon_types_named(scan) - {"cartridge"}:
        return True  # "cases with the inscription LC", "standard RG 7.62mm": a plant's code on cartridge cases
    ammo_words = words & AMMO_WORDS
    if ammo_words and not (ammo_words <= FIREARM_CONTEXT_AMMO_WORDS and weapon_types_named(scan)):
        return True  # "a pistol ... fed all rounds, from 9x18 ball to hollow points" is still a pistol
    if model is not None and model.weapon_type != "cartridge":
        return False
    if weapon_types_named(scan) == {"cartridge"}:
        return True  # "cartridge case: ПП 7,9 52": a cartridge named and no gun: the marks are its head's
    if weapon_types_named(scan) - {"cartridge"}:
        return False  # "هفت‌تیر کالیبر ۳۸" (revolver, calibre 38): a weapon's type named, its numbers are not a head's
    rest = [
        w
        for i, w in enumerate(scan.words)
        if not any(h.start <= i < h.end for h in calibre_hits)
        # `HP 79 M193`: a cartridge's designation is the load's name, beside the plant's code and year
        and not (model is not None and any(h.start <= i < h.end for h in scan.model_hits))
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


# The words for a cartridge case that also name other things (a carrying case, an artillery shell, the metal): read as
# a case only beside a small-arms calibre.
_CASE_NOUNS = frozenset({"CASE", "CASES", "SHELL", "SHELLS", "BRASS"})
_SMALL_ARMS = frozenset({"rifle", "pistol"})


def _small_arms_case(scan: Scan, calibre_hits: list[Hit]) -> bool:
    """True when the text names a case (`case`, `shell`, `brass`) and a rifle or pistol cartridge, and no weapon:
    the case of that cartridge, whose marks are its head's. A gun named (`pistol case`), or only an artillery or
    rocket calibre (`155mm shell`), is not."""
    if not _CASE_NOUNS & set(scan.words) or weapon_types_named(scan) - {"cartridge"}:
        return False
    return any(p.kind in _SMALL_ARMS for h in calibre_hits for p in h.payloads)


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


def _ammunition_code(scan: Scan, calibre_hits: list[Hit]) -> bool:
    """True when a plant's code stands beside a small-arms bore in a sentence (`mentions.calibred_codes`) and no
    maker of its rows makes guns: `FN 9MM` on a pistol's slide is the gun maker's mark, `RG 7.62mm` a cartridge's."""
    kinds = _maker_kinds(scan.ix.ref)
    return any(
        all("firearm" not in kinds.get(s.manufacturer_id or "", frozenset()) for s in hit.payloads)
        for hit in calibred_codes(scan, calibre_hits)
    )


def _maker_kind(ref: Reference, manufacturer_id: str | None) -> str:
    """The one kind of a maker's rows when it is not firearm (Explosia: explosive, Bazalt: ordnance), else ''."""
    kinds = _maker_kinds(ref).get(manufacturer_id or "", frozenset())
    return next(iter(kinds)) if len(kinds) == 1 and "firearm" not in kinds else ""


def _noted_kinds(ref: Reference, manufacturer_id: str | None) -> frozenset[str]:
    """What the maker's row says it makes (its notes), for a maker with no model row of its own."""
    row = ref.manufacturer(manufacturer_id) if manufacturer_id else None
    if row is None or manufacturer_id in _maker_kinds(ref):
        return frozenset()
    return note_kinds(row.notes)


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


@functools.lru_cache(maxsize=1)
def _shell_phrases() -> tuple[str, ...]:
    return tuple(normalise(p) for p in SHELL_PHRASES)


def _names_propellant(scan: Scan) -> bool:
    joined = " " + " ".join(scan.words) + " "
    return any(f" {p} " in joined for p in _propellant_phrases())


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


# A missile or rocket word of another language in Latin letters (Indonesian RUDAL, also a name; Vietnamese TÊN LỬA,
# folded to TEN LUA, two ordinary syllables) names ordnance beside a firearm's word, or as short syllables, only with
# a second cue: another ordnance word or type named ("Ruger pistol owned by Mr. Rudal" is a firearm).
_SECOND_CUE_TYPES = frozenset({"missile", "rocket"})


def _ordnance_types(scan: Scan) -> set[str]:
    """The ordnance types the text names, less those named only by one missile or rocket word of another
    language with no other ordnance word beside it."""
    types = weapon_types_named(scan) & ORDNANCE_TYPES
    lone = {t for k, _c, t in language_words(scan.words) if k in _SECOND_CUE_TYPES}
    if not all(t.isascii() for t in lone):
        return types  # a word in its own script (मीज़ाइल, ஏவுகணை) is no name or syllable of another language
    gun = bool(set(scan.words) & FIREARM_WORDS or weapon_types_named(scan) & FIREARM_TYPES)
    if lone and not gun and not all(len(w) <= 3 for t in lone for w in t.split()):
        return types  # "rudal buatan Soviet": the word with nothing else named; TEN LUA alone is two syllables
    if not types or not types <= _SECOND_CUE_TYPES or len(lone) != 1:
        return types
    cue = next(iter(lone)).split()
    n = len(cue)
    rest = list(scan.words)
    for i in range(len(rest) - n, -1, -1):
        if rest[i : i + n] == cue:
            del rest[i : i + n]
    return set(_types_named(tuple(rest)) & ORDNANCE_TYPES) if len(rest) < len(scan.words) else types


# a shell's or projectile's noun, which a bore of 20 mm or more makes ordnance's rather than a gun's
_SHELL_NOUNS = frozenset({"SHELL", "SHELLS", "PROJECTILE", "PROJECTILES", "ROUND", "ROUNDS"})


def _shell_noun(scan: Scan, nouns: dict[str, list[int]]) -> bool:
    return bool(set(scan.words) & _SHELL_NOUNS) or bool({"projectile", "ordnance"} & set(nouns))


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
    # `мину`, `pocisku`, `Mörsergranate`, `tank round`, 不発弾: the item noun in a declined or compound form
    nouns = noun_kinds(scan.words, scan.text)
    shellish = bool(words & _BIG_BORE_WORDS or "projectile" in nouns)
    big = _big_bore(scan, result) if shellish and not words & {"HEADSTAMP", "HEADSTAMPED"} else None
    if model_kind == "firearm" and big is not None and model is not None and _shell_noun(scan, nouns):
        own = bore(model.calibre) if model.calibre else None
        if own is not None and own < 20:
            model_kind = ""  # "A 100 mm tank shell": a shell of 20 mm or more is no small-arms model's item
    cartridge_noun = bool(words & AMMO_WORDS) or "ammunition" in nouns
    # a word for both bullet and shell (`pocisk`, `mermi`) or an unexploded item (`niewybuch`) is ordnance with no
    # cartridge word or small-arms calibre beside it
    # (`tüfek mermisi`, a rifle's: a gun named makes it the bullet)
    gun_named = bool(words & FIREARM_WORDS or weapon_types_named(scan) & FIREARM_TYPES)
    unexploded = ("dud" in nouns or ("projectile" in nouns and not gun_named)) and not (
        cartridge_noun or _cartridge_calibre(scan, result)
    )
    if model is not None and model_kind == "firearm" and model.weapon_type != "launcher":
        ordnance = False  # "AK-47 with a GP-25 grenade launcher" stays a firearm; its words name an accessory
        # ... unless the designation is followed by the ordnance it names (`Type 56 rifle grenade`); a bore of 20 mm
        # or more beside a firearm (`M4 carbine with an M203 40mm grenade launcher`) is its accessory's
        ordnance = _names_its_ordnance(scan, model)
    else:
        ordnance = model_kind == "ordnance" or bool(words & ORDNANCE_WORDS) or "ordnance" in nouns or unexploded
        ordnance = ordnance or bool(_ordnance_types(scan))  # "anti-tank mine", "AT mine"
        ordnance = ordnance or ("PROJECTILE" in words and not words & AMMO_WORDS)  # a bullet is a projectile too
        # "OG-9 round", "82mm HE": a calibre only rockets, mortar bombs or grenades have is ordnance's, with no gun
        cal = next((c for c in scan.ix.ref.calibres if c.calibre == result.calibre), None) if result.calibre else None
        ordnance = ordnance or (cal is not None and cal.kind in _ORDNANCE_CALIBRES and model is None)
        # "launch tube", "fuse", "recoilless gun", "rifle grenade": ordnance's own phrases, though they hold a
        # firearm's word; "23mm gun", "30 mm round", "106mm rifle": a bore of 20 mm or more with a weapon's word
        ordnance = ordnance or any(p in joined for p in _ORDNANCE_PHRASES)
        # 炮彈, 航弹, top mermisi, گلوله توپ: a shell's or bomb's own phrase, though it holds a cartridge's word
        ordnance = ordnance or any(f" {p} " in joined for p in _shell_phrases())
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
    if ordnance and model_kind != "ordnance" and small_arms_bulk(scan):
        ordnance = False  # "3,000 rounds of 7.62x39, 500 of 12.7 mm and two 82 mm shells": the bulk is cartridges
        ammo = True
    if model_kind == "explosive" and ordnance:
        model_kind = ""  # "82mm mortar bomb, Composition B filling": the explosive named is the munition's filling
    explosive = (blasting and not ordnance) or model_kind == "explosive"
    # a container of munitions named with no item held (`grenade crate`, `box for cartridges`); `PMD-6 wooden box
    # mine` is the mine's own case
    packaging = (ammo or explosive or ordnance or bool(words & AMMO_WORDS)) and package_only(scan)
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
    # "a revolver loaded with three rounds": the gun named first, its cartridges its content; "rifle cartridges",
    # "balas ... usadas en el fusil": the cartridges named first, the gun only what they are for
    subject = subject_kind(scan)
    kind, why = None, ""
    if nsn and nsn[0] in FSC_KIND:
        kind, why = FSC_KIND[nsn[0]], f"NSN supply class {nsn[0]}"
    elif packaging:
        kind, why = "packaging", "a container of ammunition, ordnance or explosives, no item named as held"
    elif (model_kind in {"ordnance", "explosive"} and not ammo) or (
        model_kind == "ammunition" and subject != "firearm"
    ):
        kind, why = model_kind, f"the model {model.model if model else ''} is {model_kind}"
    elif ordnance:
        kind, why = "ordnance", "rocket, grenade, mortar, fuze, mine or missile words or model"
    elif explosive:
        kind, why = "explosive", "explosive words"
    elif subject == "ammunition" or (
        subject != "firearm"
        and (
            ammo
            or "ammunition" in nouns
            or (ammo_maker and not (words & FIREARM_WORDS or gun_types))
            or (words & WEAK_AMMO_WORDS and not firearm)
            # "Gafat 7.62x39 cartridges": cartridges in the plural with no gun named (a barrel says ".38 SPECIAL CTG")
            or (words & {"CARTRIDGES", "CTGS"} and model is None and not words & FIREARM_WORDS)
        )
    ):
        kind, why = "ammunition", "headstamp or cartridge words" if subject is None else "cartridges named first"
    elif (
        (maker_kind := _maker_kind(scan.ix.ref, result.manufacturer_id))
        and model is None
        and not (words & FIREARM_WORDS or gun_types)
    ):
        # "EXPLOSIA", "PRVI PARTIZAN 7.62x39", "BAZALT": a maker named alone whose rows are all one other kind
        kind, why = maker_kind, f"every model row of the maker {result.manufacturer} is {maker_kind}"
    elif (
        (noted := _noted_kinds(scan.ix.ref, result.manufacturer_id))
        and "firearm" not in noted
        and model is None
        and not (words & FIREARM_WORDS or gun_types)
        and not any(k == "firearm" for k, _c, _t in language_words(scan.words))
    ):
        # "Military Factory 270", "Fábrica Militar Río Tercero": a plant named alone whose row says it makes
        # ammunition, shells or explosives and no gun: that kind when it is one, else left open
        if len(noted) == 1:
            kind, why = next(iter(noted)), f"the row of {result.manufacturer} says it makes {next(iter(noted))}"
        else:
            why = f"the row of {result.manufacturer} names no firearm among what it makes; the kind is left open"
            result.evidence.append(Evidence("kind", "", "manufacturers", result.manufacturer_id or "", "", 0.0, why))
    elif firearm:
        kind, why = "firearm", "firearm model, maker or words"
    if kind:
        result.kind = kind
        conf["kind"] = 0.8 if why.startswith(("NSN", "packaging", "headstamp")) else 0.7
        result.evidence.append(Evidence("kind", "", "", "", kind, conf["kind"], why))
