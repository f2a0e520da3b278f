"""Craft cues: the words saying an item was made by a craft or local producer, not a factory (`country-made
pistol`, `locally fabricated`, `paltik`, `محلية الصنع`), the noun they describe, and the local names of craft
guns, one country's speech (`paltik`) or said across borders (`katta`, `tamancha`).
"""

from __future__ import annotations

import re

from .scan import Scan
from .text import normalise, split_lines, tokenise
from .words import CROSS_BORDER_CRAFT_WORDS, LOCAL_CRAFT_WORDS

__all__ = ["SERVICE_WORDS", "clause_ids", "craft_cue", "local_craft_word", "one_country_craft_word"]


# A workshop that serviced the item ("overhauled at an army workshop in Kenya") is not where it was made.
SERVICE_WORDS = frozenset(
    {"REPAIRED", "REPAIR", "REPAIRS", "REFURBISHED", "REFURBISHMENT", "OVERHAULED", "OVERHAUL", "REBUILT", "REBUILD"}
    | {"CONVERTED", "CONVERSION", "REBARRELLED", "REBARRELED", "SERVICED", "SERVICING", "RESTORED", "MODIFIED"}
    | {"MAINTAINED", "MAINTENANCE", "UPGRADED", "REPARE", "REPAREE", "REPARADO", "REPARADA", "REPARIERT", "UMGEBAUT"}
    | {"CLEANED", "REFINISHED", "REBLUED", "PARKERIZED", "RECONDITIONED", "INSPECTED", "CUSTOMIZED", "CUSTOMISED"}
)


# Words saying a weapon was made by a craft or local producer, not a factory, in the languages of the field reports:
# "country-made pistol" (India), "locally fabricated revolver" and "blacksmith" (Nigeria, Ghana), "paltik"
# (Philippines), "hechiza" (Colombia, Argentina), "desi katta" (India), Arabic, Turkish, Japanese and Korean forms.
# Its origin is then the place the text names: such weapons are made near where they are found and sold.
_CRAFT_PHRASES = (
    "COUNTRY MADE|COUNTRYMADE|LOCALLY MADE|LOCALLY FABRICATED|LOCALLY MANUFACTURED|LOCALLY PRODUCED|LOCALLY ASSEMBLED"
    "|LOCAL MADE|LOCALLY CRAFTED|LOCAL GUNSMITH|LOCAL GUNSMITHS|LOCAL BLACKSMITH|LOCAL BLACKSMITHS"
    "|HOMEMADE|HOME MADE|HANDMADE|HAND MADE|CRAFT MADE|CRAFT PRODUCED|CRAFT PRODUCTION|CRAFTED BY|CRAFT WEAPON"
    "|CRAFT WEAPONS|CRAFT GUN|CRAFT GUNS|CRAFT PISTOL|CRAFT SHOTGUN|CRAFT COPY|BLACKSMITH|BLACKSMITHS|ILLEGAL FACTORY"
    "|ILLEGAL UNITS|ILLEGAL UNIT|ILLEGAL GUN FACTORY|ILLEGAL ARMS FACTORY|ILLEGAL GUN FACTORIES|MINI GUN FACTORY"
    "|DESI KATTA|KATTA|KATTAS|TAMANCHA|PALTIK|DANE GUN|DANE GUNS|HECHIZA|HECHIZAS|HECHIZO|HECHIZOS"
    "|FABRICACION CASERA|FABRICACION ARTESANAL|ARMA ARTESANAL|ARMAS ARTESANALES|ARMA CASERA|ARMAS CASERAS"
    "|FABRICATION ARTISANALE|FABRICATION LOCALE|ARME ARTISANALE|ARMES ARTISANALES|FAIT MAISON"
    "|EL YAPIMI|KENDI YAPIMI|SELBSTGEBAUT|SELBSTGEBAUTE|EIGENBAU|ARTESANAL|ARTESANALES|ARTISANALE"
    "|ARTISANALES|ARTIGIANALE|ARTIGIANALI|CASEIRA|CASEIRAS|CASEIRO|CASEIROS|FABRICO CASEIRO|PIPE GUN|PIPE GUNS"
    "|ZIP GUN|ZIP GUNS|SLAM GUN|SLAMFIRE|3D PRINTED|3D-PRINTED"
    "|محلية الصنع|محلي الصنع|الصناعات المحلية|محلية|يدوية الصنع|ورشة تصنيع"
    "|自家製|手製|手作り|密造|自制|土制|土造|사제|사제총"
)
# Phrases that name a craft weapon only beside a weapon word ("improvised pistol", not an improvised explosive device).
_CRAFT_WITH_WEAPON = ("IMPROVISED", "CRUDE", "RUDIMENTARY", "CRAFT", "IMPROVISADA", "IMPROVISADO", "RUDIMENTARIA")
_CRAFT_WEAPON_WORDS = frozenset(
    {"PISTOL", "PISTOLS", "GUN", "GUNS", "REVOLVER", "REVOLVERS", "RIFLE", "RIFLES", "SHOTGUN", "SHOTGUNS"}
    | {"FIREARM", "FIREARMS", "WEAPON", "WEAPONS", "CARBINE", "CARBINES", "MM", "BORE"}
)
# The launchers and projectiles insurgent workshops make (an "improvised mortar", "crude rockets", an "improvised
# grenade launcher" are made where they are used, as a craft gun is); not "device" or "explosive", which an
# improvised explosive device built from a factory's shell is.
_CRAFT_WEAPON_WORDS = _CRAFT_WEAPON_WORDS | frozenset(
    {"MORTAR", "MORTARS", "ROCKET", "ROCKETS", "LAUNCHER", "LAUNCHERS", "GRENADE", "GRENADES", "CANNON", "CANNONS"}
)


def _phrases(text: str) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in text.split("|"):
        words = tuple(t.text for t in tokenise(phrase))
        if words:
            by_first.setdefault(words[0], []).append(words)
    return by_first


_CRAFT = _phrases(_CRAFT_PHRASES + "|" + "|".join(LOCAL_CRAFT_WORDS))  # and one country's local names
_LOCAL_CRAFT = {normalise(word): code for word, code in LOCAL_CRAFT_WORDS.items()}
_CROSS_BORDER = frozenset(normalise(word) for word in CROSS_BORDER_CRAFT_WORDS)
_CRAFT_IF_WEAPON = _phrases("|".join(_CRAFT_WITH_WEAPON))
# A cue binds to the noun it describes: a part, an accessory, a repair or the ammunition of another item is not the
# item ("Beretta pistol with a homemade suppressor", "AK-47 with a locally made stock", "blacksmith repairs").
_CRAFT_NOT_ITEM = SERVICE_WORDS | {
    "SUPPRESSOR", "SUPPRESSORS", "SILENCER", "SILENCERS", "MODERATOR", "HOLSTER", "HOLSTERS", "STOCK", "STOCKS",
    "BUTTSTOCK", "GRIP", "GRIPS", "SLING", "SLINGS", "MAGAZINE", "MAGAZINES", "MAG", "MAGS", "SCOPE", "SIGHT",
    "SIGHTS", "BIPOD", "HANDGUARD", "FURNITURE", "PART", "PARTS", "SPRING", "TRIGGER", "CLIP", "CLIPS", "MOUNT",
    "ADAPTER", "ADAPTOR", "CASE", "BOX", "POUCH", "BAG", "SCABBARD", "BAYONET", "LASER", "TORCH", "FLASHLIGHT",
    "WORK", "JOB", "FIX", "FIXES", "PATCH", "WELD", "WELDS", "WELDING", "MINER", "MINERS", "MINING", "BOAT",
    "CANOE", "VESSEL", "GOLD", "SUPPLIES", "GOODS",
}  # fmt: skip
# The item nouns a cue may describe: the weapon words and the ammunition and ordnance an item may be.
_CRAFT_ITEM = _CRAFT_WEAPON_WORDS | {
    "AMMUNITION", "AMMO", "CARTRIDGE", "CARTRIDGES", "ROUNDS", "BULLETS", "GRENADE", "GRENADES", "BOMB", "BOMBS",
    "EXPLOSIVE", "EXPLOSIVES", "DEVICE", "DEVICES", "MINE", "MINES", "ARMA", "ARMAS", "ARME", "ARMES", "PISTOLA",
    "PISTOLAS", "ESCOPETA", "ESCOPETAS", "REVOLVER", "FUSIL", "FUSILS", "FUCILE", "TABANCA", "TUFEK", "WAFFE",
    "PISTOLE", "GEWEHR", "مسدس", "بندقية", "سلاح", "اسلحة", "أسلحة",
}  # fmt: skip
# Words that deny a cue before it ("not homemade", "غير محلية الصنع", "非自制"), and Korean denials after it, read
# as syllables ("사제 총기 아님": not a homemade gun).
_NEGATIONS = frozenset(
    {"NOT", "NO", "NON", "NEVER", "NOR", "NICHT", "KEIN", "KEINE", "PAS", "NAO", "NI", "غير", "ليس", "ليست"}
    | {"非", "不", "没", "無", "无", "안"}
)
_DENIED_AFTER = (("아", "님"), ("아", "닌"), ("아", "니"), ("DEGIL",))
# A CJK cue inside a longer word ("自制力", self-control) is not the cue.
_CJK_TAILS = frozenset({"力", "心"})
# "local" after a word of making a few words before it ("الصناعات القسامية المحلية", the Qassam local industries):
# alone it is any local thing ("الشرطة المحلية", the local police).
_LOCAL_AFTER_MAKING = {"المحلية": {"الصناعات", "صناعة", "الصنع", "تصنيع", "صنع"}, "المحلي": {"الصنع", "صنع", "التصنيع"}}
_CLAUSE_MARK = re.compile(r"(?<!\d)[,.](?!\d)|[:!?()—–]|\s-\s")


def clause_ids(scan: Scan) -> list[tuple[int, int]]:
    """(line, clause) of every token: commas, full stops, colons and brackets end a clause within a line. A line
    whose pieces do not tokenise as the whole does is one clause."""
    if (kept := scan.memo.get("clause_ids")) is None:  # asked per cue: normalising the whole text each time
        kept = scan.memo["clause_ids"] = tuple(_clause_ids(scan))
    return list(kept)


def _clause_ids(scan: Scan) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for line_no, line in enumerate(split_lines(scan.text)):
        whole = len(normalise(line).split())
        pieces = [len(normalise(p).split()) for p in _CLAUSE_MARK.split(line)]
        if sum(pieces) != whole:
            pieces = [whole]
        out += [(line_no, c) for c, n in enumerate(pieces) for _ in range(n)]
    return out if len(out) == len(scan.words) else [(t.line, 0) for t in scan.tokens]


def _bound_noun(scan: Scan, start: int, end: int, clauses: list[tuple[int, int]]) -> tuple[int, str] | None:
    """The item or part noun a cue at tokens start..end describes in its clause: the first after it within five
    words, else the nearest before it within three, or None."""
    words = scan.words
    for k in range(end, min(len(words), end + 5)):
        if clauses[k] != clauses[end - 1]:
            break
        if words[k] in _CRAFT_NOT_ITEM or words[k] in _CRAFT_ITEM:
            return k, words[k]
    for k in range(start - 1, max(-1, start - 4), -1):
        if clauses[k] != clauses[start]:
            break
        if words[k] in _CRAFT_NOT_ITEM or words[k] in _CRAFT_ITEM:
            return k, words[k]
    return None


def _craft_cue_holds(scan: Scan, start: int, end: int, weapon: bool, clauses: list[tuple[int, int]]) -> bool:
    """True when a cue at tokens start..end describes the item: not denied, not part of a longer CJK word, not
    bound to a part, accessory or repair, and not bound to another item named after the item ("Norinco Type 56
    rifle seized alongside several locally made pistols")."""
    words = scan.words
    after = words[end : end + 6]
    if _NEGATIONS & set(words[max(0, start - 2) : start]) or any(
        tuple(after[k : k + len(d)]) == d for d in _DENIED_AFTER for k in range(len(after))
    ):
        return False
    if end < len(words) and words[end] in _CJK_TAILS:
        return False
    own = next((k for k in range(start, end) if words[k] in _CRAFT_ITEM), None)  # "pipe gun", "arme artisanale"
    bound = (own, words[own]) if own is not None else _bound_noun(scan, start, end, clauses)
    if weapon and (bound is None or bound[1] not in _CRAFT_WEAPON_WORDS):
        return False
    if bound is None:
        return True
    k, noun = bound
    if noun in _CRAFT_NOT_ITEM:
        return False
    first = min(
        [i for i in range(min(start, k)) if words[i] in _CRAFT_ITEM - {"MM", "BORE"}]
        + [h.start for h in scan.model_hits],
        default=len(words),
    )
    return first >= min(start, k)  # the item is the first named: a cue on a later noun is another item's


def craft_cue(scan: Scan) -> tuple[str, range]:
    """The words saying the item is craft or locally made, and the tokens they span, or ("", empty range)."""
    words = scan.words
    clauses: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        if word in _LOCAL_AFTER_MAKING and _LOCAL_AFTER_MAKING[word] & set(words[max(0, i - 3) : i]):
            return word, range(i, i + 1)
        for table, weapon in ((_CRAFT, False), (_CRAFT_IF_WEAPON, True)):
            for cue in table.get(word, ()):
                end = i + len(cue)
                if tuple(words[i:end]) != cue:
                    continue
                clauses = clauses or clause_ids(scan)
                if not _craft_cue_holds(scan, i, end, weapon, clauses):
                    continue
                if " ".join(cue) in _LOCAL_CRAFT and len(cue) == 1 and not _local_word_is_weapon(scan, i, end):
                    continue
                return " ".join(cue), range(i, end)
    return "", range(0)


def local_craft_word(scan: Scan) -> tuple[str, str] | None:
    """The country whose speech a local craft-gun word the text names belongs to, and the word, when the item is
    called by it and no place is named: only a weak alternative, since the words cross borders (`tamancha` and
    `katta` are Hindi-Urdu, said in Pakistan too; `فرد خرطوش` in Gaza as in Egypt)."""
    cue, _span = craft_cue(scan)
    if not cue:
        return None
    local = {_LOCAL_CRAFT[w]: w for n in (2, 1) for w in _windows(scan.words, n) if w in _LOCAL_CRAFT}
    return next(iter(local.items())) if len(local) == 1 else None


def one_country_craft_word(word: str) -> bool:
    """True when a local craft word is one country's speech only (`paltik`), not said across borders (`katta`)."""
    return word not in _CROSS_BORDER


# Words beside a one-word local craft name that make it the weapon: a seizure or an arms word next to it ("seized a
# katta", "अवैध तमंचा", "315 bore tamancha"), not anywhere in the text ("50 कट्टा गेहूं": fifty sacks of wheat).
_WEAPON_BESIDE = _CRAFT_ITEM | {
    "SEIZED", "SEIZE", "SEIZES", "SEIZING", "SEIZURE", "RECOVERED", "RECOVER", "RECOVERY", "CONFISCATED", "ILLEGAL",
    "ILLICIT", "LOADED", "FIRED", "ARMED", "WIELDING", "DESI", "COUNTRY", "LOCAL", "CRUDE", "LIVE", "CHAMBERED",
    "बरामद", "जब्त", "अवैध", "कारतूस", "पिस्तौल", "पिस्टल", "हथियार", "देसी", "बोर", "ضبط", "طبنجة", "مسدس",
}  # fmt: skip
# Marking words right after a one-word local name bind the mark to it: the thing stamped with a brand or a MADE IN
# mark is the weapon (`a katta stamped "Made in USA"`, `katta marked Glock`, `katta with Beretta markings`: review J).
_MARKED_AFTER = frozenset(
    {"MARKED", "STAMPED", "ENGRAVED", "INSCRIBED", "BEARING", "ROLLMARKED", "LABELLED", "LABELED", "MARKINGS"}
)
# Words skipped when looking for the neighbour: articles, counts and Hindi postpositions ("315 बोर का तमंचा").
_BESIDE_FILLER = frozenset(
    {"A", "AN", "THE", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SOME", "AND", "OR", "WITH", "ALONG"}
    | {"एक", "दो", "तीन", "का", "की", "के", "व", "और", "के साथ"}
)
# Words before a one-word local name that make it a person's or pet's name ("Kumar alias Katta", "a cat named Katta").
_NAME_BEFORE = frozenset({"ALIAS", "NAMED", "CALLED", "URF", "AKA", "NICKNAMED", "उर्फ", "नामक"})


def _local_word_is_weapon(scan: Scan, start: int, end: int) -> bool:
    """True when a one-word local craft name at tokens start..end is the weapon: not a name after `alias` or
    `named`, and a seizure or arms word (or a calibre) its nearest neighbour on either side, in any script."""
    words = scan.words
    if _NAME_BEFORE & set(words[max(0, start - 2) : start]):
        return False
    if any(c.end == start or c.start == end for c in scan.calibre_hits):
        return True
    for step, k in ((-1, start - 1), (1, end)):
        while 0 <= k < len(words) and (words[k] in _BESIDE_FILLER or words[k].isdigit()):
            k += step
        if 0 <= k < len(words) and (words[k] in _WEAPON_BESIDE or words[k] in _CRAFT):
            return True
    after = words[end : end + 4]
    return bool(after) and (after[0] in _MARKED_AFTER or (after[0] == "WITH" and "MARKINGS" in after))


def _windows(words: list[str], n: int) -> list[str]:
    """The runs of `n` words of the text, joined by spaces."""
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
