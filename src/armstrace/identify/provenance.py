"""Where a report's sentence says an item was made, read from the words as written, punctuation included.

Tokens lose hyphens and commas, and a sentence leans on them: "82mm mortar bomb, Chinese-made, in Kenyan
MOD-labelled crate" reads, without them, as CHINESE MADE IN KENYAN, a made-in phrase naming the crate's country. A
word of making joined by a hyphen to the word before it (`Chinese-made`, `Iranian-produced`, `Iranian-origin`)
closes that phrase: it names the country before it and opens no "made in" of its own. A town where the tables'
makers stand, after a made-in phrase (`made in Birmingham`, `fabriqué à Herstal`), names the country those makers
share.
"""

from __future__ import annotations

import re

from .placement import made_after
from .scan import Scan
from .text import Hit
from .words import AMMO_WORDS, FIREARM_WORDS, ORDNANCE_WORDS

__all__ = [
    "bound_before",
    "made_in_town",
    "maker_made_first",
    "makers_made",
    "opens_made_in",
    "qualifies_item",
    "suffixed_made",
]

# the words of making or origin a report joins to a demonym with a hyphen, as the index reads them
_SUFFIX_WORDS = frozenset({"MADE", "PRODUCED", "MANUFACTURED", "BUILT", "ORIGIN"})
_WORD = re.compile(r"(?<![^\W_])(made|produced|manufactured|built|origin)(?![^\W_])", re.IGNORECASE)


def suffixed_made(scan: Scan) -> frozenset[int]:
    """The tokens of a word of making written joined to the word before by a hyphen (`Chinese-made`): found by
    their place among the same words in the text, and only when the text and the tokens count them alike."""
    kept = scan.memo.get("suffixed_made")
    if kept is None:
        at = [i for i, t in enumerate(scan.tokens) if t.text in _SUFFIX_WORDS]
        found = list(_WORD.finditer(scan.text))
        kept = frozenset(
            i
            for i, m in zip(at, found, strict=False)
            if len(at) == len(found) and i > 0 and re.search(r"\w[-‐‑]$", scan.text[: m.start()])
        )
        scan.memo["suffixed_made"] = kept
    return kept


def opens_made_in(scan: Scan, made: Hit) -> bool:
    """True when the made-in phrase `made` can govern the name after it: not when its first word is the tail of a
    hyphenated `X-made` (`Chinese-made, in Kenyan crate`: the crate's country is no made-in country)."""
    return made.start not in suffixed_made(scan)


def made_in_town(scan: Scan) -> tuple[str, str] | None:
    """(country, town) when a made-in phrase stands right before a town where the tables' makers stand and all of
    them are of one country (`made in Birmingham`: BSA, Webley, Kynoch); None otherwise."""
    made = [m for m in scan.find(scan.ix.made_in) if opens_made_in(scan, m)]
    for hit in scan.find(scan.ix.locations):
        if not any(m.end == hit.start and m.start < hit.start for m in made):
            continue
        countries = {row.country for mid in hit.payloads if (row := scan.ix.ref.manufacturer(str(mid))) is not None}
        if len(countries) == 1 and (code := countries.pop()):
            return code, scan.raw(hit)
    return None


def bound_before(scan: Scan, hit: Hit) -> bool:
    """True when a hyphenated word of making follows the country's name (`Chinese-made`), whatever comes next:
    the hyphen binds it, so `Chinese-made, in Kenyan crate` and `Chinese-made in a Kenyan crate` are both China's."""
    on_line = hit.end < len(scan.tokens) and scan.tokens[hit.end].line == scan.tokens[hit.start].line
    return (on_line and hit.end in suffixed_made(scan)) or made_after(scan, hit)


def maker_made_first(scan: Scan, maker_id: str, made_at: list[int]) -> str:
    """The maker's name as written when a word of making follows it (`MKE yapımı`, `Norinco-made`) before any
    country said to have made the item: a list's first item is its subject; "" otherwise."""
    for hit in scan.makers_taken:
        if maker_id in {str(p) for p in hit.payloads} and bound_before(scan, hit) and hit.start < min(made_at):
            return scan.raw(hit)
    return ""


def makers_made(scan: Scan) -> set[str]:
    """The countries of the makers a word of making follows (`MKE yapımı`, `Norinco-made`): the text says they made
    an item of it, so a brand of that country is no false mark beside another country's made-in."""
    return {
        row.country
        for hit in scan.makers_taken
        if bound_before(scan, hit)
        for mid in hit.payloads
        if (row := scan.ix.ref.manufacturer(str(mid))) is not None and row.country
    }


# the nouns of an item a nationality qualifies (`Iranian rockets`, `granadas argentinas`), singular or plural
_ITEM_WORDS = AMMO_WORDS | FIREARM_WORDS | ORDNANCE_WORDS | {"BOMB", "MINE", "PISTOL", "RIFLE", "WEAPON", "ARMS"}


def _item_word(word: str) -> bool:
    return word in _ITEM_WORDS or (word.endswith("S") and word[:-1] in _ITEM_WORDS)


def qualifies_item(scan: Scan, hit: Hit) -> bool:
    """True when a nationality qualifies the item's noun on its line: the noun within three words after it
    (`Iranian 107mm rockets`, `Serbian mortar rounds`) or right before it, as Romance languages write it
    (`granadas argentinas`). A sentence that says so states the item's origin; a country named bare beside it is a
    place the item was found, passed or went."""
    line = scan.tokens[hit.start].line
    after = [k for k in range(hit.end, min(hit.end + 3, len(scan.words))) if scan.tokens[k].line == line]
    before = [hit.start - 1] if hit.start and scan.tokens[hit.start - 1].line == line else []
    return any(_item_word(scan.words[k]) for k in after + before)
