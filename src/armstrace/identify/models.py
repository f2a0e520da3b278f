"""What the item is: its model (a model whose weapon type the text names wins), calibre (marked, as
dimensions, or the model's), and kind (firearm, ammunition, explosive, packaging).
"""

from __future__ import annotations

import re

from armstrace.reference import Calibre, Model

from .codes import FSC_KIND
from .country import national_country
from .result import Evidence, Identification
from .scan import Scan
from .text import Hit
from .words import (
    AMMO_WORDS,
    EXPLOSIVE_WORDS,
    FIREARM_CONTEXT_AMMO_WORDS,
    FIREARM_WORDS,
    PACKAGING_WORDS,
    WEAK_AMMO_WORDS,
    WEAPON_TYPE_WORDS,
)

__all__ = ["decide_calibre", "decide_kind", "decide_model", "looks_like_headstamp"]


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
    said = _weapon_types_named(scan)

    def agrees(h: Hit) -> bool:
        return any(isinstance(p, Model) and p.weapon_type in said for p in h.payloads)

    def national(h: Hit) -> bool:  # "AK-47 Misr": one country's own designation is more specific than the family's
        return any(isinstance(p, Model) and (n := national_country(scan.ix, p.model)) and n[2] for p in h.payloads)

    # "Type 56 (RPD) light machine gun": the model whose weapon type the text names wins, then a national
    # designation over the family's own design, then the longest
    best = max(hits, key=lambda h: (agrees(h), national(h), len(h.key), -h.start))
    rows: list[Model] = [p for p in best.payloads if isinstance(p, Model)]
    model = next((r for r in rows if r.weapon_type in said), rows[0])
    result.model, result.family, result.weapon_type = model.model, model.family or None, model.weapon_type or None
    weight = (0.85 if len(best.key) >= 4 else 0.65) * (0.7 if copy else 1.0)
    conf["model"] = weight
    result.evidence.append(
        Evidence(
            "model",
            scan.raw(best),
            "models",
            model.model,
            model.model,
            weight,
            (f"family {model.family}" if model.family else "") + ("; the design the item copies" if copy else ""),
        )
    )
    for hit in hits:
        scan.mark(hit)
    return model


def _weapon_types_named(scan: Scan) -> set[str]:
    """Weapon types the text names in words (PISTOL, LIGHT MACHINE GUN, CARBINE...)."""
    joined = " " + " ".join(scan.words) + " "
    return {kind for kind, words in WEAPON_TYPE_WORDS.items() if any(f" {w} " in joined for w in words)}


def looks_like_headstamp(scan: Scan, calibre_hits: list[Hit], model: Model | None = None) -> bool:
    words = set(scan.words)
    if words & {"HEADSTAMP", "HEADSTAMPED", "HEAD"}:
        return True
    if model is not None and model.weapon_type not in {"grenade", "mortar", ""}:
        return False  # "AKK with circle 10", "a pistol struck by a bullet": a gun's model, not a case head
    ammo_words = words & AMMO_WORDS
    if ammo_words and not (ammo_words <= FIREARM_CONTEXT_AMMO_WORDS and _weapon_types_named(scan)):
        return True  # "a pistol ... fed all rounds, from 9x18 ball to hollow points" is still a pistol
    if model is not None:
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


def decide_calibre(
    scan: Scan, hits: list[Hit], model: Model | None, result: Identification, conf: dict[str, float]
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


def decide_kind(
    scan: Scan,
    ammo: bool,
    model: Model | None,
    nsn: tuple[str, str] | None,
    result: Identification,
    conf: dict[str, float],
) -> None:
    words = set(scan.words)
    explosive = bool(words & EXPLOSIVE_WORDS) or (model is not None and model.weapon_type in {"grenade", "mortar"})
    explosive = explosive or ("PROJECTILE" in words and not words & AMMO_WORDS)  # a bullet is a projectile too
    if model is not None and model.weapon_type == "launcher" and not words & {"PG", "OG", "ROUND", "WARHEAD"}:
        explosive = False
    packaging = bool(words & PACKAGING_WORDS) and (ammo or explosive or bool(words & AMMO_WORDS))
    firearm = model is not None or bool(words & FIREARM_WORDS) or result.manufacturer is not None
    kind, why = None, ""
    if nsn and nsn[0] in FSC_KIND:
        kind, why = FSC_KIND[nsn[0]], f"NSN supply class {nsn[0]}"
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
