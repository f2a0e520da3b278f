"""Which design the item is: the model named (a model whose weapon type the text names wins, then one whose calibre
agrees with the marked calibre, then a national designation, then the longest), with the rival rows of a shared
designation weighed by kind, weapon type, calibre and country.

The kind and calibre decisions live in `kinds`, the guards against names that are no design in `lookalikes`, the
designation lookups in `designations`; their public names are re-exported here, where the engine imports them.
"""

from __future__ import annotations

import re

from armstrace.reference import Calibre, Model, Reference

from .agencies import compared_or_user, made_in_codes
from .design_origin import national_country
from .designations import (
    ORDNANCE_TYPES,
    _bare_bore,
    _calibre_agrees,
    _marked_calibre,
    _related,
    _type_rows,
    _type_words,
    bore,
    calibred_designation,
    designation_keys,
    prime_designations,
    typed_designation,
    weapon_types_named,
    worded_designation,
)
from .kinds import decide_calibre, decide_kind, looks_like_headstamp
from .lookalikes import ordinary_word, place_or_wrong_type, serial_like, word_alias_alone
from .result import Evidence, Identification
from .scan import Scan
from .text import Hit
from .words import ORDNANCE_WORDS

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
    "worded_designation",
]


def _gun_it_serves(scan: Scan, h: Hit, said: set[str]) -> bool:
    """A firearm's designation right after `for`, the text naming an ordnance type before it (`grenade launcher for
    the AKM`, `rifle grenade for the FAL`)."""
    before = scan.words[max(0, h.start - 2) : h.start]
    if "FOR" not in before or not all(isinstance(p, Model) and p.kind == "firearm" for p in h.payloads):
        return False
    head = " " + " ".join(scan.words[: h.start]) + " "
    return any(f" {w} " in head for k in said & ORDNANCE_TYPES for w in _type_words().get(k, ()))


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

    def member(h: Hit) -> bool:  # "M229 warhead ... 2.75 inch rocket": a design yields to its own member named
        names = {p.model for p in h.payloads if isinstance(p, Model)}  # (a warhead, round or variant of its family)
        return not any(o is not h and any(isinstance(p, Model) and p.family in names for p in o.payloads) for o in hits)

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
            member(h),
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
