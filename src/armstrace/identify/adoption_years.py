"""Designation systems of an abbreviation and a year of adoption: French and Belgian `Mle 1915`, Hungarian `35.M`,
Romanian `md. 65`, Swedish `Ksp m/58`, Swiss and Austrian hand grenades `HG 85`, and the Soviet air-launched missile
index `Х-59`. Each needs its dot, hyphen or a word of its nation beside it: the bare forms are as often a year and
metres, a postcode, a doctor's title or a registration plate."""

from __future__ import annotations

import re
from itertools import pairwise

from .designation_forms import Reading, latin, pattern_year, span_hit, window
from .scan import Scan
from .text import Hit

__all__ = ["year_pattern"]


def year_pattern(scan: Scan, i: int) -> Reading | None:
    """Systems of an abbreviation and a year of adoption: French `Mle 1915` (modèle), Hungarian `35.M` (minta),
    Romanian `md. 65` (model), Swedish `Ksp m/58`,
    Swiss `HG 85`/`OHG92` (hand grenades), and the Soviet air-launched missile index `Х-59` (Kh)."""
    words = window(scan, i, 2)
    w = latin(scan.words[i])
    if _SWISS_GRENADE.match(w):
        return _grenade(scan, span_hit(scan, i, 1, w), w)
    if words is None:
        return None
    head, num = latin(words[0]), words[1]
    if head in {"MLE", "MODELE"} and _FRENCH_YEAR.match(num) and 1866 <= int(num[:4]) <= 1990:
        belgian = _belgian(scan.words)  # FN and ABL name their models Mle too
        return Reading(
            span_hit(scan, i, 2, head + num),
            f"Mle {num}",
            "BE" if belgian else "FR",
            "Belgian Mle" if belgian else "French Mle",
            weight=0.55,
        )
    if head in _SWISS_GRENADES and num.isdigit() and len(num) == 2:
        return _grenade(scan, span_hit(scan, i, 2, head + num), head + num)
    if head == "KH" and num.isdigit() and 2 <= len(num) <= 3 and _kh_missile(scan, num):
        return Reading(
            span_hit(scan, i, 2, head + num), f"Kh-{num}", "RU", "Soviet Kh missile", "ordnance", "missile", 0.6
        )
    if head == "MD" and pattern_year(num) and _romanian(scan, num):
        return Reading(span_hit(scan, i, 2, head + num), f"md. {num}", "RO", "Romanian md.", weight=0.55)
    three = window(scan, i, 3)
    if head in _SWEDISH and three is not None and three[1] == "M" and (y := _SWEDISH_YEAR.match(three[2])):
        model = f"{scan.words[i].capitalize()} m/{y.group(0)}"
        kind, wtype = _SWEDISH[head]
        return Reading(span_hit(scan, i, 3, "".join(three)), model, "SE", "Swedish m/", kind, wtype, 0.6)
    if head.isdigit() and num == "M" and _hungarian(scan, head):
        year = head[-2:] if len(head) == 4 and head.startswith("19") else head
        if len(year) == 2:
            return Reading(span_hit(scan, i, 2, head + num), f"{year}.M", "HU", "Hungarian minta", weight=0.55)
    return None


def _grenade(scan: Scan, hit: Hit, model: str) -> Reading:
    """`HG 85`, `OHG92`: Swiss hand grenades; Arges of Austria names its own HG 69/77/84/86 the same way."""
    if _AUSTRIAN_CUES & set(scan.words):
        return Reading(hit, model, "AT", "Austrian HG", "ordnance", "grenade", 0.6)
    return Reading(hit, model, "CH", "Swiss Army", "ordnance", "grenade", 0.6)


_BELGIAN_CUES = frozenset(
    {"BELGIQUE", "BELGE", "BELGES", "BELGIUM", "BELGIAN", "BELGIE", "BELGIEN", "BELGISCH", "LIEGE", "LUIK", "HERSTAL"}
    | {"FN", "ABL", "FNH"}
)


def _belgian(words: list[str]) -> bool:
    """A Belgian cue word, or the phrase `Fabrique Nationale`: NATIONALE alone is common French (Gendarmerie
    nationale, Police nationale) and would make every French Mle Belgian."""
    if _BELGIAN_CUES & set(words):
        return True
    return any(a == "FABRIQUE" and b == "NATIONALE" for a, b in pairwise(words))


_AUSTRIAN_CUES = frozenset(
    {"ARGES", "AUSTRIA", "AUSTRIAN", "OSTERREICH", "OESTERREICH", "OSTERREICHISCH", "BUNDESHEER", "OBH", "WIEN"}
)
_MISSILE_WORDS = frozenset({"MISSILE", "MISSILES", "РАКЕТА", "РАКЕТЫ", "RAKETA", "RAKETE", "ASM", "AAM", "ALCM"})
_SWISS_GRENADES = frozenset({"HG", "OHG", "EHG"})
_SWISS_GRENADE = re.compile(r"^O?HG\d{2}$")
_FRENCH_YEAR = re.compile(r"^\d{4}(/\d{2,4})?$")
_HUNGARIAN_CUES = frozenset({"FEG", "FEMARU", "BUDAPEST", "MAGYAR", "HUNGARY", "HUNGARIAN", "PISZTOLY"})


# Swedish Armed Forces: an abbreviation of the weapon's type and `m/` + year of adoption (Kpist m/45, Ksp m/58)
_SWEDISH = {
    "KPIST": ("firearm", "submachine_gun"),
    "KSP": ("firearm", "machine_gun"),
    "GEVAR": ("firearm", "rifle"),
    "GEV": ("firearm", "rifle"),
    "PSKOTT": ("ordnance", "launcher"),
    "GRG": ("ordnance", "launcher"),
    "GRK": ("ordnance", "mortar"),
}
_SWEDISH_YEAR = re.compile(r"^\d{2,4}[A-Z]?$")
_ROMANIAN_CUES = frozenset({"CUGIR", "ROMANIA", "ROMARM", "RPR", "RSR", "PUSCA", "MITRALIERA"})


def _kh_missile(scan: Scan, num: str) -> bool:
    """`Х-59`, `Kh-31 missile`: the Kh index written with its hyphen, or a missile word beside it (`KH 12` is as
    often a registration plate)."""
    hyphened = re.search(rf"(?<![^\W\d_])(KH|Х)\s?[-‐–]\s?{num}(?!\d)", scan.text, re.IGNORECASE)
    return hyphened is not None or bool(_MISSILE_WORDS & set(scan.words))


def _romanian(scan: Scan, year: str) -> bool:
    """`PM md. 65`: `md.` written with its dot, or a Romanian word or maker beside it (`MD 63` is as often a
    Maryland address or a doctor's title)."""
    dotted = re.search(rf"\bmd\.\s?{year}\b", scan.text, re.IGNORECASE)
    if len(year) == 4:
        return dotted is not None  # `Chișinău, MD 2012`: MD and four digits undotted are a Moldovan postcode
    return dotted is not None or bool(_ROMANIAN_CUES & set(scan.words))


def _hungarian(scan: Scan, year: str) -> bool:
    """`35.M`, `1935.M`: the minta written with its dot, or a Hungarian word or maker beside it (`1935 m` is
    otherwise a year and metres)."""
    dotted = re.search(rf"(?<!\d){year}\s?\.\s?M(?![^\W\d_])", scan.text, re.IGNORECASE)
    return dotted is not None or bool(_HUNGARIAN_CUES & set(scan.words)) or any(c in "őűŐŰ" for c in scan.text)
