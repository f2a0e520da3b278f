"""National designation systems read as grammars: a designation no model row lists is still read for what its form
says (the nation whose armed forces name items that way, and the kind when the system fixes it).

Each system is the documented shape of one nation's official nomenclature, so a form its grammar fixes tells the
design's nation even when the tables have no row for that item:

- GRAU index (USSR/Russia; Main Missile and Artillery Directorate index, https://en.wikipedia.org/wiki/GRAU):
  class digit + letter group + number. 9K missile or rocket system, 9M missile or rocket, 9P launcher, 9N warhead;
  3OF/3VOF/3UOF (HE-fragmentation), 3BK/3VBK (HEAT), 3BM/3VBM (APFSDS), 3BR, 3OR... artillery rounds; 7N, 7BZ, 7BT
  and 57-N-xxx small-arms cartridges; 6P small arms, 6G grenade launchers, 6V sniper rifles (not with one digit,
  nor beside a valve word: 6V6 and 6L6 are American valves); 2B mortars.
- UK MoD L-series (`L85A2`, `L98A2`, `L2A3`: L + number + A + modification number). The L is the land-service
  letter the War Office's List of Changes added to its sealed patterns from 1891
  (https://en.wikipedia.org/wiki/List_of_Changes); the A numbers are successive modifications of one pattern (the
  SA80 family L85/L86/L22/L98 and its A1, A2, A3 issues, https://en.wikipedia.org/wiki/SA80).
- Bundeswehr DM numbers (`DM51A3`, `DM45`, `DM98`: "Deutsches Modell" + number + A modification). The Bundeswehr
  gives an item its DM number when it introduces it, whatever the maker calls it (Rheinmetall's RH88 "introduced
  with the model designation DM98", bundeswehr-journal.de 2017), and the number stands in the item's official
  nomenclature ("Granate, Hand, DM45, 800 g, KM", BAAINBw contract notice as reported in 2024). A Deutsche Mark
  price (`Preis: DM 120`, `DM 450,-`) is no DM number: DM apart from its number needs an A/B suffix or an
  ordnance word beside it.
- PLA light weapons (`QBZ-95-1`, `QBU-88`, `QSZ-92`, `QJY-88`, `QLZ-87`: Q qīngwǔqì, light weapon; then the weapon
  class and action by pinyin initials, then the year of completion; Janes, "More details emerge about PLA's new
  assault rifle", 2019), and the DBP/DVP cartridge designations of the same system (`DBP87`).
- South Korean K-numbers (`K2`, `K201`, `K2C1`: K + number + A/C variant) with Korean context only: the bare form
  is any maker's catalogue number elsewhere.
- US Navy `Mk N Mod M` (mark and modification numbers, MIL-STD-1168 ordnance nomenclature): the Mod makes it the
  US system (a Mark alone is also British).
- Swiss `Stgw` + year (Sturmgewehr 57, 90: the Swiss Army's abbreviation, not the German `StG`).
- Yugoslav/Serbian `M` + two-digit year + letter suffixes (`M70AB2`, `M72B1`, `M84`): the AB suffix
  alone (folding stock), any other (B<n> too: US items carry it, `M14B4` case, `M28B2` primer) only with a
  Yugoslav maker, place or Serbian script in the text.
- Czechoslovak `vz.` (vzor, pattern) and Polish `wz.` (wzór) + year (`vz. 58`, `wz. 63`).
- Japanese `<n>式` (type number) with Japanese script: kana, or the Japanese gun character 銃 (Chinese writes 枪/槍).
- Abbreviation + year of adoption: French `Mle 1915` (modèle; Belgian with a Belgian word or
  maker, FN and ABL name models so), Hungarian `35.M` (minta, with its dot or a Hungarian word; puška is also the
  Czech, Slovak and BCS rifle), Romanian `md. 65` (model, with its dot or a Romanian word; four digits with the
  dot only, `MD 2012` being a Moldovan postcode), Swedish `Ksp m/58`, `Kpist m/45B`, Swiss hand grenades `HG 85`,
  `OHG92` (Austrian with an Austrian word: Arges names its HG 69/77/84/86 the same way).
- Soviet/Russian ordnance initialisms (`FAB`, `ODAB`, `BETAB`, `PTAB`, `PMN`, `POM`, `OZM`, `RGD`, `RGN`, `VOG`, `RPO`,
  `SPG`, `AGS` + number: fugasnaya aviatsionnaya bomba, protivopekhotnaya mina...; e.g. the FAB-500 and PMN
  encyclopaedia pages; bombs only in the calibres they are made in, FAB also being the Brazilian Air Force's serial
  prefix) and the air-launched missile index `Kh-` (`Х-59`, with its hyphen or a missile word).

A system's nation is the design's country only: a country, gunmaking place or maker named in the text wins.

Israeli, Turkish (MKE), Iranian (DIO), Pakistani (POF) and Indian (OFB) designations follow no public grammar
whose form alone tells the nation; they stay rows of the tables. A grammar never names a maker, and rows win: it
is consulted only when no model row matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from armstrace.reference import Model

from .adoption_years import year_pattern
from .designation_forms import Reading, latin, pattern_year, span_hit, window
from .result import Evidence, Identification
from .scan import Scan
from .text import Hit
from .words.ordnance import ORDNANCE_WORDS

__all__ = ["SYSTEMS", "Reading", "designated_country", "read_designations", "take_designation"]

#: the table name designations read by grammar carry in their evidence
TABLE = "designation_systems"

#: each system and the nation whose nomenclature it is (today's code: the tables' convention, YU as RS, SU as RU)
SYSTEMS = {
    "GRAU index": "RU",
    "UK L-series": "GB",
    "Bundeswehr DM": "DE",
    "PLA light weapon": "CN",
    "South Korean K-number": "KR",
    "US Navy Mk/Mod": "US",
    "Swiss Army": "CH",
    "Austrian HG": "AT",
    "Yugoslav M-year": "RS",
    "Czechoslovak vz.": "CZ",
    "Polish wz.": "PL",
    "Japanese type number": "JP",
    "French Mle": "FR",
    "Belgian Mle": "BE",
    "Hungarian minta": "HU",
    "Soviet Kh missile": "RU",
    "Soviet ordnance initials": "RU",
    "Romanian md.": "RO",
    "Swedish m/": "SE",
}

# GRAU: (class + letters) → (kind, weapon type); the number after the letters is free
_GRAU = {
    "9K": ("ordnance", ""),
    "9M": ("ordnance", ""),
    "9P": ("ordnance", "launcher"),
    "9N": ("ordnance", ""),
    **{
        f"3{g}": ("ordnance", "")
        for g in [
            "OF",
            "VOF",
            "UOF",
            "BK",
            "VBK",
            "UBK",
            "BM",
            "VBM",
            "UBM",
            "BR",
            "VBR",
            "UBR",
            "OR",
            "VOR",
            "UOR",
            "SH",
            "VSH",
        ]
    },
    "7N": ("ammunition", "cartridge"),
    "7BZ": ("ammunition", "cartridge"),
    "7BT": ("ammunition", "cartridge"),
    "6P": ("firearm", ""),
    "6G": ("ordnance", "launcher"),
    "6V": ("firearm", "rifle"),
    "2B": ("ordnance", "mortar"),
}
_GRAU_FORM = re.compile(r"^([2-9])([A-Z]{1,3})(\d{1,3})([MNSUKPD]{0,2}\d?)$")
_GRAU_CARTRIDGE = re.compile(r"^57(N|BZH|T|BZ)(\d{3})([A-Z]{0,2})$")  # 57-N-231, 57-N-181S


def _grau(words: list[str], scan: Scan) -> tuple[str, str, str] | None:
    joined = latin("".join(words))
    if m := _GRAU_CARTRIDGE.match(joined):
        return f"57-{m.group(1)}-{m.group(2)}{m.group(3)}", "ammunition", "cartridge"
    if len(words) > 1:
        return None
    m = _GRAU_FORM.match(joined)
    if not m or (m.group(1) + m.group(2)) not in _GRAU:
        return None
    if m.group(1) == "6" and m.group(4)[-1:] in {"S", "P"}:
        return None  # 6P3S, 6P14P: Soviet radio valves, named in a system of their own
    if m.group(1) == "6" and (joined in _VALVE_TYPES or _VALVE_WORDS & set(scan.words)):
        return None  # 6V6, 6G6, 6P5: American octal valves share the form; a valve word says so outright
    kind, wtype = _GRAU[m.group(1) + m.group(2)]
    return joined, kind, wtype


_VALVE_WORDS = frozenset(
    {"VALVE", "VALVES", "TUBE", "TUBES", "AMPLIFIER", "AMP", "AMPLI", "ROHRE", "ROHREN", "LAMPA", "ЛАМПА", "РАДИОЛАМПА"}
)
# well-known radio valves of the one-digit `6<letter><digit>` form (RCA octal 6V6/6L6/6F6/6K7..., Soviet 6P3S/6N2P
# are caught by their suffix); real GRAU indices such as 6V1 (SVD), 6P1 (AKM), 6P6M (PKM) and 6G3 stay readable
_VALVE_TYPES = frozenset(
    {"6V6", "6L6", "6F6", "6K6", "6K7", "6K8", "6J5", "6J7", "6H6", "6C5", "6G6", "6P5", "6N7", "6A8", "6B8"}
)
_L_SERIES = re.compile(r"^L(\d{1,3})A(\d{1,2})$")
_DM = re.compile(r"^DM(\d{1,3})(A\d{1,2})?(B\d)?$")
# words before a price (`verkauft für DM 450`, `Preis: DM 120`) and German ordnance word stems (compounds: Handgranate)
_PRICE_WORDS = frozenset(
    {"PREIS", "FUR", "KOSTET", "KOSTEN", "KAUFPREIS", "VERKAUFSPREIS", "NEUPREIS", "BETRAG", "WERT", "ZUM", "UM"}
    | {"FOR", "PRICE", "SOLD", "COST", "COSTS", "PAID", "VB", "CA", "JE", "NUR", "AB"}
)
_GERMAN_ORDNANCE = ("MINE", "GRANAT", "PATRONE", "MUNITION", "ZUNDER", "GESCHOSS", "RAKETE", "SPRENG", "NEBEL")
_PLA = {
    "QBZ": ("firearm", "rifle"),
    "QBU": ("firearm", "rifle"),
    "QBB": ("firearm", "machine_gun"),
    "QBS": ("firearm", "shotgun"),
    "QSZ": ("firearm", "pistol"),
    "QSW": ("firearm", "pistol"),
    "QJY": ("firearm", "machine_gun"),
    "QJZ": ("firearm", "machine_gun"),
    "QJB": ("firearm", "machine_gun"),
    "QJG": ("firearm", "machine_gun"),
    "QCW": ("firearm", "submachine_gun"),
    "QCQ": ("firearm", "submachine_gun"),
    "QLZ": ("ordnance", "launcher"),
    "QLG": ("ordnance", "launcher"),
    "QLU": ("ordnance", "launcher"),
    "QLB": ("ordnance", "launcher"),
    "QTS": ("firearm", "rifle"),
    "DBP": ("ammunition", "cartridge"),
    "DVP": ("ammunition", "cartridge"),
    "DBU": ("ammunition", "cartridge"),
}
_PLA_FORM = re.compile(r"^([A-Z]{3})(\d{2,3})$")
_KOREAN = re.compile(r"^K(\d{1,3})([AC]\d?)?$")
_KOREAN_CUES = frozenset({"KOREA", "KOREAN", "ROK", "DAEWOO", "S&T", "SNT", "POONGSAN", "HANWHA", "DASAN", "DOOSAN"})
_YUGO = re.compile(r"^M(\d{2})(AB\d?|B\d[A-Z]?|[A-Z]{0,2}\d?)$")
_YUGO_SUFFIX = re.compile(r"^AB\d?$")  # B<n> alone is also a US modification (M14B4, M28B2 primer)
_YUGO_CUES = frozenset(
    {"ZASTAVA", "KRAGUJEVAC", "YUGOSLAVIA", "YUGOSLAV", "JUGOSLAVIJA", "SFRJ", "SRBIJA", "SERBIA", "SERBIAN"}
    | {"ЗАСТАВА", "КРАГУЈЕВАЦ", "ЈУГОСЛАВИЈА", "СФРЈ", "СРБИЈА"}
)
_SERBIAN_LETTERS = frozenset("ЂђЋћЏџЉљЊњЈј")
_JAPANESE_TYPES = (
    ("小銃てき弾", "ordnance", "grenade"),
    ("小銃擲弾", "ordnance", "grenade"),
    ("てき弾銃", "ordnance", "launcher"),
    ("擲弾銃", "ordnance", "launcher"),
    ("誘導弾", "ordnance", "missile"),
    ("短機関銃", "firearm", "submachine_gun"),
    ("機関銃", "firearm", "machine_gun"),
    ("機銃", "firearm", "machine_gun"),
    ("拳銃", "firearm", "pistol"),
    ("騎銃", "firearm", "carbine"),
    ("小銃", "firearm", "rifle"),
    ("歩兵銃", "firearm", "rifle"),
    ("擲弾筒", "ordnance", "launcher"),
    ("手榴弾", "ordnance", "grenade"),
    ("迫撃砲", "ordnance", "mortar"),
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _bundeswehr(scan: Scan, i: int, n: int, m: re.Match[str]) -> bool:
    """`DM51A3`, `DM 31 Panzerabwehrmine`: a Deutsche Mark price (`Preis: DM 120`, `DM 450,-`) is not a DM number;
    written apart, DM and a number are one only with the A/B modification suffix or an ordnance word beside it."""
    if i > 0 and scan.tokens[i - 1].line == scan.tokens[i].line and scan.words[i - 1] in _PRICE_WORDS:
        return False
    if re.search(rf"\bDM\s?{re.escape(m.group(1))}\s?[,.]\s?[-–]", scan.text, re.IGNORECASE):
        return False
    if n == 1 or m.group(2) or m.group(3):
        return True
    return any(w in ORDNANCE_WORDS or any(g in w for g in _GERMAN_ORDNANCE) for w in scan.words)


def _korean_context(scan: Scan) -> bool:
    return bool(_HANGUL.search(scan.text)) or bool(_KOREAN_CUES & set(scan.words))


def _yugoslav_context(scan: Scan) -> bool:
    return bool(_YUGO_CUES & set(scan.words)) or any(ch in _SERBIAN_LETTERS for ch in scan.text)


def _japanese(scan: Scan, i: int) -> Reading | None:
    """`89式5.56mm小銃`, `九九式短小銃`: a type number before 式, in Japanese (kana, or the gun character 銃)."""
    if scan.words[i] != "式" or i == 0 or not scan.words[i - 1].isdigit() or len(scan.words[i - 1]) > 3:
        return None
    after = "".join(scan.words[i + 1 : i + 13])
    if not (_KANA.search(scan.text) or any(w in after for w in ("銃", "擲弾", "誘導弾"))):
        return None
    kind, wtype = next(((k, t) for word, k, t in _JAPANESE_TYPES if word in after), ("", ""))
    return Reading(
        span_hit(scan, i - 1, 2, "TYPE" + scan.words[i - 1]),
        f"Type {scan.words[i - 1]}",
        "JP",
        "Japanese type number",
        kind,
        wtype,
        0.6,
    )


def _at(scan: Scan, i: int) -> Reading | None:
    """The longest designation of any system starting at word i."""
    w = scan.words[i]
    if (jp := _japanese(scan, i)) is not None:
        return jp
    for n in (3, 2, 1):
        words = window(scan, i, n)
        if words is None:
            continue
        joined = latin("".join(words))
        if (g := _grau(words, scan)) is not None:
            return Reading(span_hit(scan, i, n, joined), g[0], "RU", "GRAU index", g[1], g[2], 0.6)
        if (
            n == 3
            and words[0] in _PLA
            and words[1].isdigit()
            and 2 <= len(words[1]) <= 3
            and len(words[2]) == 1
            and words[2].isascii()
            and words[2].isalnum()
        ):
            kind, wtype = _PLA[words[0]]  # QBZ-95-1: a variant number after the year
            return Reading(
                span_hit(scan, i, n, joined),
                f"{words[0]}-{words[1]}-{words[2]}",
                "CN",
                "PLA light weapon",
                kind,
                wtype,
                0.65,
            )
        if n == 4 or n == 3:
            continue
        if (m := _PLA_FORM.match(joined)) and m.group(1) in _PLA:
            kind, wtype = _PLA[m.group(1)]
            return Reading(
                span_hit(scan, i, n, joined), f"{m.group(1)}-{m.group(2)}", "CN", "PLA light weapon", kind, wtype, 0.65
            )
        if _L_SERIES.match(joined):
            return Reading(span_hit(scan, i, n, joined), joined, "GB", "UK L-series", weight=0.6)
        if (m := _DM.match(joined)) and (n == 1 or words[0] == "DM") and _bundeswehr(scan, i, n, m):
            return Reading(span_hit(scan, i, n, joined), joined, "DE", "Bundeswehr DM", weight=0.55)
        if (n == 2 and words[0] == "STGW" and words[1].isdigit()) or (n == 1 and re.match(r"^STGW\d{2}$", joined)):
            return Reading(
                span_hit(scan, i, n, joined), f"Stgw {joined[4:]}", "CH", "Swiss Army", "firearm", "rifle", 0.65
            )
        if n == 2 and words[0] in {"VZ", "WZ"} and pattern_year(words[1]):
            country = "CZ" if words[0] == "VZ" else "PL"
            system = "Czechoslovak vz." if country == "CZ" else "Polish wz."
            return Reading(span_hit(scan, i, n, joined), f"{words[0].lower()}. {words[1]}", country, system, weight=0.6)
        if n == 1 and (m := _YUGO.match(joined)):
            distinctive = bool(_YUGO_SUFFIX.match(m.group(2)))
            if distinctive or _yugoslav_context(scan):
                return Reading(
                    span_hit(scan, i, n, joined), joined, "RS", "Yugoslav M-year", weight=0.55 if distinctive else 0.5
                )
        if n == 1 and _KOREAN.match(joined) and _korean_context(scan):
            return Reading(span_hit(scan, i, n, joined), joined, "KR", "South Korean K-number", weight=0.5)
    if (soviet := _soviet_initialism(scan, i)) is not None:
        return soviet
    if (other := year_pattern(scan, i)) is not None:
        return other
    if w in {"MK", "MARK"} or re.match(r"^MK\d{1,3}$", w):
        return _mark_mod(scan, i)
    return None


# Soviet/Russian ordnance named by the Russian initials of what it is (FAB: fugasnaya aviatsionnaya bomba, PMN:
# protivopekhotnaya mina nazhimnaya, RGD: ruchnaya granata distantsionnaya, VOG: vystrel oskolochny granatomyotny)
_SOVIET_INITIALS = {
    **dict.fromkeys(["FAB", "OFAB", "ODAB", "BETAB", "KAB", "ZAB", "RBK"], "bomb"),
    "PTAB": "submunition",
    **dict.fromkeys(["PMN", "POM", "OZM", "PFM", "PMD", "PTM", "TM"], "mine"),
    **dict.fromkeys(["RGD", "RGN", "RGO", "RKG", "VOG"], "grenade"),
    **dict.fromkeys(["RPO", "SPG", "AGS"], "launcher"),
}
_SOVIET_NUMBER = re.compile(r"^(\d{1,4})([A-Z]{0,3}\d?)$")
# the calibres (nominal mass in kg) Soviet and Russian aircraft bombs are made in: `FAB 2345` is a Brazilian Air
# Force serial (FAB, Força Aérea Brasileira), not a bomb
_BOMB_CALIBRES = frozenset({25, 50, 70, 100, 120, 250, 300, 500, 750, 1000, 1500, 3000, 5000, 9000})


def _soviet_initialism(scan: Scan, i: int) -> Reading | None:
    """`ODAB-500PM`, `RGN`, `POM-2R`: Soviet/Russian ordnance initials and a number; a number run after it is a
    document or stock number (`TM 9-1300-206`, a US technical manual), not a munition."""
    words = window(scan, i, 2)
    if words is None:
        return None
    head = latin(words[0])
    m = _SOVIET_NUMBER.match(latin(words[1]))
    if head not in _SOVIET_INITIALS or m is None:
        return None
    if _SOVIET_INITIALS[head] == "bomb" and int(m.group(1)) not in _BOMB_CALIBRES:
        return None
    nxt = i + 2
    if nxt < len(scan.words) and scan.tokens[nxt].line == scan.tokens[i].line and scan.words[nxt].isdigit():
        return None
    model = f"{head}-{m.group(1)}{m.group(2)}"
    return Reading(
        span_hit(scan, i, 2, head + m.group(0)),
        model,
        "RU",
        "Soviet ordnance initials",
        "ordnance",
        _SOVIET_INITIALS[head],
        0.5,
    )


def _mark_mod(scan: Scan, i: int) -> Reading | None:
    """`Mk 2 Mod 1`, `MK2 MOD 0`: a US Navy mark and modification."""
    for n in (4, 3):
        words = window(scan, i, n)
        if words is None:
            continue
        mark = words[0][2:] if words[0].startswith("MK") and len(words[0]) > 2 else (words[1] if n == 4 else "")
        rest = words[1:] if n == 3 else words[2:]
        if mark.isdigit() and rest[0] == "MOD" and rest[1].isdigit():
            return Reading(
                span_hit(scan, i, n, "".join(words)), f"Mk {mark} Mod {rest[1]}", "US", "US Navy Mk/Mod", weight=0.5
            )
    return None


def read_designations(scan: Scan, keep: Callable[[Hit], bool] = lambda h: True) -> list[Reading]:
    """Every designation the systems' grammars read in the text, first first; `keep` drops look-alikes (a serial's
    start, a word inside a calibre's name)."""
    out: list[Reading] = []
    i = 0
    while i < len(scan.words):
        r = _at(scan, i)
        if r is not None and keep(r.hit) and not _headstamp_like(scan, r.hit):
            out.append(r)
            i = r.hit.end
        else:
            i += 1
    return out


def _headstamp_like(scan: Scan, hit: Hit) -> bool:
    """`DM 43`: a plant's headstamp code and a two-digit year (Des Moines, 1943), not the Bundeswehr's DM43."""
    if hit.end - hit.start != 2 or not (scan.words[hit.start + 1].isdigit() and len(scan.words[hit.start + 1]) == 2):
        return False
    return any(h.start == hit.start and h.end == hit.start + 1 for h in scan.find(scan.ix.headstamps))


def take_designation(scan: Scan, reading: Reading, result: Identification, conf: dict[str, float]) -> Model:
    """Report a designation read by grammar as the model (its text, its system's nation as the design's country,
    kind and weapon type where the grammar fixes them); never a maker. The row it returns exists only for the
    decisions that follow (kind, calibre, headstamp context) and is never added to the tables."""
    row = Model(reading.model, country=reading.country, kind=reading.kind, weapon_type=reading.weapon_type)
    result.model, result.weapon_type = row.model, row.weapon_type or None
    conf["model"] = reading.weight
    why = f"{reading.system} designation: its form says {reading.country}"
    if reading.kind:
        why += f" and {reading.weapon_type.replace('_', ' ') or reading.kind}"
    why += "; no row of the tables names it, so no maker is inferred"
    result.evidence.append(
        Evidence("model", scan.raw(reading.hit), TABLE, reading.system, row.model, reading.weight, why)
    )
    scan.mark(reading.hit)
    return row


def designated_country(result: Identification) -> tuple[str, str, bool] | None:
    """(country, model, True) when the model was read by a designation system's grammar: a national designation,
    as a model row used by one country's factories is (`country.national_country`), so a country named after it
    (`3VOF22 Syria`) is where it was found, as for `OF-462 shell Syria`. Nations sharing a prefix are told apart
    by the system's own cues (a Belgian Mle, an Austrian HG)."""
    for e in result.evidence:
        if e.field == "model" and e.table == TABLE and e.value == result.model:
            return SYSTEMS[e.row], e.value, True
    return None
