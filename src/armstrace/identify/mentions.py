"""Makers and headstamp codes as running text mentions them, not as a stamp shows them.

A report writes a maker's name as a word of its sentence: capitalised and before the kind of arm ("Baikal
handguns", "a Molot rifle", "Star pistols"), or in the plural for the arms themselves ("754 Austrian-made
Glocks"). A name the tables hold that is also an ordinary word or a place (BAIKAL, MOLOT, STAR, FORT) is weak alone;
written with a capital right before the kind of arm, it names who made the arm, as a lake, a hammer or a star never
qualifies a rifle. A design's name (KALASHNIKOV, BROWNING) before a gun names the design, not its maker, and stays
weak. And a headstamp code is quoted after the word that says it is marked ("casings with the inscription LC",
"la inscripción «LC» seguida de «19»"): that word, on cartridge cases, says the code is a case head's.
"""

from __future__ import annotations

import re

from .scan import Scan
from .text import Hit
from .words import FIREARM_WORDS
from .words.kinds import WEAPON_TYPE_WORDS

__all__ = ["calibred_codes", "followed_numbers", "inscribed_code", "plural_makers", "typed_mention"]

# the kinds of arm a maker's name qualifies in a sentence, with the plurals and the general words reports use
_ARMS = (
    frozenset(w for words in WEAPON_TYPE_WORDS.values() for w in words)
    | FIREARM_WORDS
    | {"HANDGUN", "HANDGUNS", "GUN", "GUNS", "SHOTGUNS", "CARBINES", "SUBMACHINE", "AIRGUN", "AIRGUNS"}
)
# the plant words that, after a capitalised name, make it the plant's ("made at the Vinnytsya Fort plant")
_PLANTS = frozenset({"PLANT", "FACTORY", "WORKS", "ZAVOD", "ЗАВОД", "FABRIKA", "FABRICA", "USINE"})
# names that before a gun name its design, whoever made it ("a Kalashnikov rifle", "the Browning machine gun")
_DESIGN_NAMES = frozenset({"KALASHNIKOV", "BROWNING", "MAUSER", "MAKAROV", "TOKAREV", "LUGER", "MOSIN"})


def _capitalised(scan: Scan, word: str, ending: str = "") -> bool:
    """True when the text writes `word` (with `ending`) with a capital and lower-case letters after it (`Baikal`,
    `Glocks`), as a name is written in a sentence; a stamp's capitals (BAIKAL) and a common noun are not."""
    written = re.escape(word[:1]) + re.escape(word[1:].lower() + ending)
    return re.search(rf"(?<![^\W\d_]){written}(?![^\W\d_])", scan.text) is not None


def typed_mention(scan: Scan, hit: Hit) -> bool:
    """True when a one-word maker's name is written capitalised right before the kind of arm or a plant word, on
    its line (`Baikal handguns`, `Molot rifle`, `the Fort plant`): the sentence names the arm's maker."""
    if hit.end - hit.start != 1 or hit.key in _DESIGN_NAMES or hit.end >= len(scan.words):
        return False
    after = scan.words[hit.end]
    if scan.tokens[hit.end].line != scan.tokens[hit.start].line:
        return False
    if after not in _ARMS and (after not in _PLANTS or hit.key == "ARSENAL"):  # "the Arsenal factory": two words
        return False
    return _capitalised(scan, scan.words[hit.start])


def plural_makers(scan: Scan, taken: list[Hit]) -> list[Hit]:
    """Makers' names written in the plural for their arms (`Glocks`, `Berettas`): a capitalised word whose
    singular is a maker's name of five letters or more and no other word of the tables (a country, a design)."""
    out: list[Hit] = []
    for i, word in enumerate(scan.words):
        if len(word) < 6 or not word.endswith("S") or any(h.start <= i < h.end for h in taken):
            continue
        singular = word[:-1]
        makers = scan.ix.makers.get(singular)
        if not makers or singular in _DESIGN_NAMES or scan.ix.countries.get(singular) or scan.ix.models.get(singular):
            continue
        if _capitalised(scan, singular, "s"):
            out.append(Hit(i, i + 1, singular, word, tuple(makers)))
    return out


# the words that say what follows is marked on the item, in the languages of the reports
_INSCRIBED = frozenset(
    {"INSCRIPTION", "INSCRIPTIONS", "INSCRIBED", "STAMPED", "MARKED", "MARKING", "MARKINGS", "HEADSTAMP", "STAMP"}
    | {"INSCRIPCION", "INSCRIPCIONES", "MARCA", "MARCADO", "MARCADOS", "MARCADAS", "GRABADO", "SELLO"}
    | {"INSCRICAO", "INSCRICOES", "MARCACAO", "GRAVADO", "INSCRIT", "INSCRITS", "MARQUE", "MARQUES", "MARQUEE"}
    | {"НАДПИСЬ", "НАДПИСЬЮ", "МАРКИРОВКА", "МАРКИРОВКОЙ", "КЛЕЙМО", "КЛЕЙМОМ", "МАРКУВАННЯ", "НАПИС", "НАПИСОМ"}
)
# cartridge cases as reports name them (shooters' `brass` too), where a bare CASE alone could be a crate
_CASES = frozenset({"CASES", "CASE", "SHELL", "SHELLS", "BRASS", "ГИЛЬЗЫ", "ГИЛЬЗА", "ГІЛЬЗИ", "ГІЛЬЗА", "ГИЛЬЗ"})


def inscribed_code(scan: Scan) -> bool:
    """True when a headstamp code of the tables, written in capitals, follows a word saying it is marked
    (`the inscription LC`, `надпись ППУ`) in a text naming cartridge cases and no gun."""
    if not _CASES & set(scan.words):
        return False
    for hit in scan.find(scan.ix.headstamps):
        if hit.start == 0 or scan.words[hit.start - 1] not in _INSCRIBED or not scan.words[hit.start].isalpha():
            continue
        written = re.search(rf"(?<![^\W\d_]){re.escape(scan.words[hit.start])}(?![^\W\d_])", scan.text)
        if written and scan.tokens[hit.start - 1].line == scan.tokens[hit.start].line:
            return True
    return False


# the calibres whose cases carry a plant's code: a rifle's or a pistol's, not a shell's or a rocket's; and a bore of
# small arms written alone (`5.56MM`, `7.62MM`, `9MM`, `12.7MM`), which says the cartridge's size, not which it is
_SMALL_ARMS = frozenset({"rifle", "pistol"})
_SMALL_BORE = re.compile(r"(?:[4-9]|1[0-4])(?:\.\d{1,2})?MM")


def calibred_codes(scan: Scan, calibre_hits: list[Hit]) -> list[Hit]:
    """The headstamp codes of the tables, of two letters or more and written in capitals, that stand next to a rifle
    or pistol calibre on their line, a word at most between (`standard RG 7.62mm from 1980`, `7.62mm LC ball`): a
    sentence naming a cartridge by its plant's mark. The same letters in other prose (`the RG representative`), or
    beside no calibre of small arms, are not a case head."""
    small = [(h.start, h.end) for h in calibre_hits if any(getattr(p, "kind", "") in _SMALL_ARMS for p in h.payloads)]
    small += [(i, i + 1) for i, w in enumerate(scan.words) if _SMALL_BORE.fullmatch(w)]  # `7.62mm`: no cartridge yet
    if not small:
        return []
    out: list[Hit] = []
    for hit in scan.find(scan.ix.headstamps):
        word = scan.words[hit.start]
        if hit.end - hit.start != 1 or len(word) < 2 or not word.isalpha():
            continue
        if not re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", scan.text):
            continue  # `Rg`, `rg`: not written as a stamp's capitals
        line = scan.tokens[hit.start].line
        if any(
            scan.tokens[start].line == line and (0 <= start - hit.end <= 1 or 0 <= hit.start - end <= 1)
            for start, end in small
        ):
            out.append(hit)
    return out


# "LC followed by 19, 22 and 23", "seguida de «19»", "suivi de 85": the words that put a code's year after it
_FOLLOWED = frozenset(
    {("FOLLOWED", "BY"), ("SEGUIDA", "DE"), ("SEGUIDO", "DE"), ("SEGUIDAS", "DE"), ("SEGUIDOS", "DE")}
    | {("SUIVI", "DE"), ("SUIVIE", "DE"), ("SUIVIS", "DE"), ("GEFOLGT", "VON"), ("SEGUITA", "DA")}
)
_AND = frozenset({"AND", "Y", "E", "ET", "UND", "OR", "O", "OU"})


def followed_numbers(scan: Scan) -> frozenset[int]:
    """The two-digit numbers a sentence says follow a code (`"LC" seguida de "19", "22" y "23"`): the code's years
    as stamped beside it, none of them another plant's number."""
    out: set[int] = set()
    for i in range(len(scan.words) - 1):
        if (scan.words[i], scan.words[i + 1]) not in _FOLLOWED:
            continue
        j = i + 2
        while j < len(scan.words) and scan.tokens[j].line == scan.tokens[i].line:
            word = scan.words[j]
            if len(word) == 2 and word.isdigit():
                out.add(j)
            elif word not in _AND:
                break
            j += 1
    return frozenset(out)
