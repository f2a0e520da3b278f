"""Designations and weapon types as the reference knows them: the compacted designation keys and the rows a
designation extends or is extended by, the weapon types a text names in words, bores read from calibre names and
their agreement with a model's, and designations found by their type number or calibre when no name matched as
written (`Type 80 machine gun`, `M29 81mm`). The choices built on them are in `models` (which design), `kinds`
(kind and calibre) and `lookalikes` (names that are no design).
"""

from __future__ import annotations

import bisect
import functools
import re

from armstrace.reference import Calibre, Model, Reference

from .scan import Scan
from .script_origin import language_words
from .text import Hit, compact, normalise
from .words import WEAPON_TYPE_WORDS

__all__ = [
    "FIREARM_TYPES",
    "ORDNANCE_TYPES",
    "bore",
    "calibred_designation",
    "designation_keys",
    "labelled_designation",
    "prime_designations",
    "typed_designation",
    "weapon_types_named",
    "worded_designation",
]


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


@functools.lru_cache(maxsize=4)
def _family_names(ref: Reference) -> frozenset[str]:
    """The families' names, compacted (`FAL`, `GALIL`, `MAKAROV`): a design's own name, never a plain word here."""
    return frozenset(compact(m.family) for m in ref.models if m.family)


@functools.lru_cache(maxsize=4)
def _family_keys(ref: Reference) -> frozenset[str]:
    """The families' names and the rows' own names, compacted: read as a design even before a run of digits
    (only a bare alias such as K15 for the Daewoo K15 may be a serial's start)."""
    return frozenset(compact(m.family) for m in ref.models if m.family) | {compact(m.model) for m in ref.models}


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


#: words for "model" written between a maker's name and its designation (`Glock modelo 17`, `Beretta model 92`,
#: `CZ modèle 75`, `Walther Modell PP`, `Форт модель 12`), in English, Spanish, Portuguese, French, German, Italian
#: and Russian or Ukrainian
_MODEL_WORDS = frozenset({"MODEL", "MODELO", "MODELE", "MODÈLE", "MODELL", "MODELLO", "МОДЕЛЬ", "МОДЕЛІ", "МОДЕЛИ"})


def labelled_designation(scan: Scan) -> list[Hit]:
    """`Glock modelo 17`, `Beretta model 92`: a maker's name, a word for "model", then its designation, read as the
    designation written without the word (`GLOCK 17`) when that names a design of the same maker; the hit spans
    the word and the designation. A design of another maker is never taken this way."""
    out: list[Hit] = []
    words = scan.words
    for maker in scan.find(scan.ix.makers):
        at = maker.end
        if at + 1 >= len(words) or words[at] not in _MODEL_WORDS:
            continue
        ids = {str(p) for p in maker.payloads}
        joined = [*words[:at], words[at - 1], *words[at + 1 :]]  # GLOCK MODELO 17 → GLOCK GLOCK 17
        for h in scan.ix.models.scan(scan.tokens, joined):
            rows = tuple(
                p for p in h.payloads if isinstance(p, Model) and (p.manufacturer_id in ids or ids & set(p.makers))
            )
            if h.start == at and h.end > at + 1 and rows:
                out.append(Hit(at, h.end, h.key, " ".join(words[at : h.end]), rows))
    return out


def worded_designation(scan: Scan) -> list[Hit]:
    """Designations found through the words around them, when no name matched as written: by a type number and
    weapon type (`typed_designation`) or after a maker and a word for "model" (`labelled_designation`)."""
    return typed_designation(scan) + labelled_designation(scan)


def _type_rows(ref: Reference, number: str, said: set[str] | frozenset[str]) -> dict[str, Model]:
    """The rows of TYPE `number` (not a longer number) whose weapon type the text names."""
    stem = "TYPE" + number
    return {
        m.model: m
        for key, m in designation_keys(ref)
        if key.startswith(stem) and not key[len(stem) : len(stem) + 1].isdigit() and m.weapon_type in said
    }


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
    if "detonator" in named and any(f" {p} " in joined for p in _STUN_GUNS):
        named.discard("detonator")  # مسدس صاعق كهربائي, a stun pistol, holds صاعق كهربائي (electric detonator)
    return frozenset(named)


_STUN_GUNS = ("مسدس صاعق", "صاعق كهربائي للدفاع", "STUN GUN", "STUN GUNS")


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
