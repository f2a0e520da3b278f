"""A maker's name in another rendering: the same proper name with its generic words said otherwise
("Springfield Arsenal" for Springfield Armory, "Hanyang Armory" for Hanyang Arsenal) or in another language
("stabilimento meccanico di Izhevsk" for the Izhevsk Mechanical Plant, "Fábrica de Armas de Oviedo").

Reports and translations render state factories freely: "Armory", "Arsenal", "Arms Factory", "Works" and
"Plant" stand for one another, and a description in Italian or Spanish says what the plant is in its own words.
The proper part of the name (Springfield, Izhevsk, Hanyang) is what identifies it; the generic words only say
that a plant is meant, and which kind (mechanical, arms, cartridge) when several plants share the town.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .text import normalise

__all__ = ["PLANT_WORDS", "QUALIFIER_WORDS", "Rendering", "rendered_makers"]


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A plant, in the languages the engine reads, all one class: the kind of place does not tell two plants apart.
PLANT_WORDS = _set(
    "ARSENAL ARSENALS ARSENALE ARMORY ARMOURY ARMORIES ARMOURIES FACTORY FACTORIES WORKS PLANT PLANTS "
    "FABRIK FABRIKEN WERK WERKE FABRIKA FABRICA FABBRICA FABRYKA FABRIQUE MANUFACTURE MANUFACTURA USINE ZAVOD "
    "ZAVODY ZAVODA ZAKLAD ZAKLADY ZAKLADU STABILIMENTO STABILIMENTI OFFICINA OFFICINE IMPIANTO PLANTA TALLERES "
    "MAESTRANZA MAESTRANZAS KOMBINAT ZBROJOVKA ZBROJOVKY FABRIKASI PABRIK ARSENALUL UZINA UZINE UZINELE"
)
# identC: the plant words of more languages where weapons are recovered: Serbo-Croatian and Bosnian tvornica and
# zavodi (https://en.wiktionary.org/wiki/tvornica, https://en.wiktionary.org/wiki/zavod), Albanian kombinati
# (https://sq.wikipedia.org/wiki/Kombinati_Mekanik_Poli%C3%A7an), Hindi and Urdu karkhana
# (https://en.wiktionary.org/wiki/karkhana), Portuguese usina (https://en.wiktionary.org/wiki/usina).
PLANT_WORDS = PLANT_WORDS | _set(
    "TVORNICA TVORNICE TVORNICI ZAVODI ZAVODU KOMBINATI KOMBINATIN KOMBINATIT KARKHANA KARKHANE KARKHANAS USINA"
)
# What the plant makes or is: a qualifier that tells plants of one town apart (Izhevsk's mechanical plant is not its
# machine-building plant), each language's word mapped to one English class.
_QUALIFIERS: dict[str, str] = {
    word: kind
    for kind, words in (
        (
            "MECHANICAL",
            "MECHANICAL MECCANICO MECCANICA MECANICA MECANICO MECANIQUE MECANIQUES MECHANISCHE MECHANISCHES "
            "MECHANISCHER MECHANICZNE MECHANICZNY MECHANICKY MECHANICKE MEKHANICHESKIY MEKHANICHESKY",
        ),
        (
            "MACHINE",
            "MACHINE-BUILDING MACHINEBUILDING MASHINOSTROITELNY MASHINOSTROITELNYY MACCHINE MAQUINAS MACHINES "
            "MASCHINENBAU MASCHINENFABRIK",
        ),
        (
            "ARMS",
            "ARMS ARMI ARMAS ARMES WAFFEN WAFFENFABRIK BRONI ZBRANI SILAH SENJATA WEAPONS WEAPON GUN GUNS RIFLE "
            "ORUZHEYNY ORUZHEINY ARME",
        ),
        (
            "AMMUNITION",
            "CARTRIDGE CARTRIDGES PATRONEN PATRONNY CARTUCHOS CARTOUCHES CARTUCCE AMMUNITION MUNITION MUNITIONS "
            "MUNICIONES MUNIZIONI AMUNISI MUNITIONSFABRIK MUNICION MUNICAO MUNICOES",
        ),
        ("ORDNANCE", "ORDNANCE MILITARY MILITAR MILITARE MILITAIRE MILITARES"),
        ("SMALL", "SMALL"),
    )
    for word in words.split()
}
QUALIFIER_WORDS = frozenset(_QUALIFIERS)
# Words that join the proper name to the generic words or are neither: "Arsenal OF Radom", "stabilimento DI",
# "Fábrica DE Armas", "the STATE arsenal", company forms.
_FILLER = _set(
    "OF THE DE DI DA DO DEL DELLA DELLO DELLE DEI DES DU LA LE EL IL LO LOS LAS VON DER DES IN W V NA AND & STATE "
    "NATIONAL NACIONAL NAZIONALE NATIONALE GOVERNMENT ROYAL IMPERIAL REAL REGIA ROYALE CENTRAL"
)
_COMPANY = _set("INC LLC LTD CO CORP CORPORATION COMPANY GMBH AG SA SPA SRL AS PLC")
_WORD = re.compile(r"[A-Z0-9&'-]+")


class Rendering:
    """One maker found by its proper name beside generic words of another rendering."""

    def __init__(self, manufacturer_id: str, text: str, core: str, span: tuple[int, int]) -> None:
        self.manufacturer_id = manufacturer_id
        self.text = text
        self.core = core
        self.span = span  # word positions [start, end) of the proper name and its generic words


def _split(phrase: str) -> tuple[tuple[str, ...], frozenset[str], bool]:
    """(proper words, generic classes, has a plant word) of a name; company forms are dropped from both."""
    words = [w.replace("'", "") for w in _WORD.findall(normalise(re.sub(r"\(.*?\)", " ", phrase)))]
    core: list[str] = []
    classes: set[str] = set()
    plant = False
    for w in words:
        if w in PLANT_WORDS:
            plant = True
            classes.add("PLANT")
        elif w in _QUALIFIERS:
            classes.add(_QUALIFIERS[w])
        elif w in _FILLER or w in _COMPANY or w.isdigit():
            continue
        else:
            core.append(w)
    return tuple(core), frozenset(classes), plant


@functools.lru_cache(maxsize=4)
def _index(ref: Any) -> dict[tuple[str, ...], list[tuple[str, frozenset[str], bool]]]:
    """Proper name → (maker id, its generic classes, a company form in its name) for every maker whose name,
    alias or variant has a plant word beside a proper name."""
    out: dict[tuple[str, ...], list[tuple[str, frozenset[str], bool]]] = {}
    for m in ref.manufacturers:
        for phrase in (m.name, *m.aliases, *m.variants):
            if " " not in phrase.strip():
                continue  # one word is never a proper name beside a plant word
            core, classes, plant = _split(phrase)
            if not plant or not core or len("".join(core)) < 3:
                continue
            company = any(w in _COMPANY for w in _WORD.findall(normalise(phrase)))
            entry = (m.manufacturer_id, classes, company)
            if entry not in out.setdefault(core, []):
                out[core].append(entry)
        # the maker's town with a plant word: "Wah Ordnance Factory" (POF at Wah), "Shenyang Arsenal" (Mukden)
        name_classes = _split(m.name)[1]
        company = any(w in _COMPANY for w in _WORD.findall(normalise(m.name)))
        for place in m.locations:
            core = tuple(w for w in _WORD.findall(normalise(place)) if w not in _FILLER)
            if core and len("".join(core)) >= 3 and not any(w.startswith("MADE") for w in core):
                entry = (m.manufacturer_id, name_classes, company)
                if entry not in out.setdefault(core, []):
                    out[core].append(entry)
    return out


def rendered_makers(words: list[str], lines: list[int], ref: Any, is_place: Any) -> list[Rendering]:
    """Makers named by a proper name next to plant words (within three words on its line, fillers skipped),
    when the name's generic words are not as any row writes them. `is_place(core)` says a proper name is a country
    or demonym ("Chinese arsenal" names no plant). Ambiguous names are resolved by the qualifier the text gives
    (mechanical, arms, cartridge) and then by preferring a state plant to a company of the same name; a name
    that stays ambiguous gives nothing."""
    index = _index(ref)
    found: list[Rendering] = []
    longest = max((len(k) for k in index), default=0)
    # the proper name as the index holds it, fillers left out ("Braço de Prata" is BRACO PRATA); positions kept
    kept = [k for k, w in enumerate(words) if w not in _FILLER]
    for j in range(len(kept)):
        i = kept[j]
        for n in range(min(longest, len(kept) - j), 0, -1):
            last = kept[j + n - 1]
            core = tuple(words[k] for k in kept[j : j + n])
            if core not in index or len({lines[k] for k in range(i, last + 1)}) > 1 or is_place(" ".join(core)):
                continue
            if any(words[k] not in _FILLER for k in range(i, last + 1) if k not in kept[j : j + n]):
                continue
            classes, plant, span = _around(words, lines, i, last + 1)
            if not plant:
                continue
            rows = index[core]
            fits = [r for r in rows if classes - {"PLANT"} <= r[1]] or rows  # the qualifier narrows, if it can
            if len({mid for mid, _, _ in fits}) > 1 and "PLANT" in classes:
                # "Fábrica Militar de Braço de Prata": the row whose own name is a plant of that name, not a maker
                # that only stands in the town
                fits = [r for r in fits if "PLANT" in r[1]] or fits
            if len({mid for mid, _, _ in fits}) > 1:
                state = [r for r in fits if not r[2]]
                fits = state or fits
            ids = {mid for mid, _, _ in fits}
            if len(ids) == 1:
                found.append(Rendering(ids.pop(), " ".join(words[span[0] : span[1]]), " ".join(core), span))
            break
    return found


def _around(words: list[str], lines: list[int], start: int, end: int) -> tuple[frozenset[str], bool, tuple[int, int]]:
    """Generic classes within three words before and after a proper name on its line, and the span they cover."""
    classes: set[str] = set()
    plant = False
    lo, hi = start, end
    for step, edge in ((-1, start - 1), (1, end)):
        k, taken = edge, 0
        while 0 <= k < len(words) and lines[k] == lines[start] and taken < 3:
            w = words[k]
            if w in PLANT_WORDS:
                plant = True
                classes.add("PLANT")
            elif w in _QUALIFIERS:
                classes.add(_QUALIFIERS[w])
            elif w not in _FILLER:
                break
            else:
                k += step
                continue
            lo, hi = min(lo, k), max(hi, k + 1)
            taken += 1
            k += step
    return frozenset(classes), plant, (lo, hi)
