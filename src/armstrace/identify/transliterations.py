"""Weapon, maker and place names as other languages and scripts write them (ネゲヴ, 德拉古诺夫, 글록, نيغيف, ग्लॉक),
read as the reference row they name, so that a text in Japanese or Arabic finds the design or maker a Latin marking
would.

The names are `reference/script_names.csv`: one row per spelling, the `table` it extends (`model`, `manufacturer`
or `location`), its `target` (the model's name or the maker's id), the language and the language's Wikipedia
article the spelling comes from. Kept apart from models.csv and manufacturers.csv so that those rows stay as they
are; the indexes add these spellings to the rows' own.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from armstrace.exceptions import InputError
from armstrace.reference import reference_dir

__all__ = ["ScriptName", "inflected", "script_names"]

_TABLES = frozenset({"model", "manufacturer", "location"})
# Bengali and Gujarati write a case ending onto the name (কালাশনিকভের, Kalashnikov's; ગ્લોકની, of the Glock): the
# genitive, objective and locative endings a report puts on a maker's or design's name
_BENGALI_LETTER = range(0x0980, 0x0A00)
_BENGALI_VOWEL_SIGNS = frozenset("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc")
_GUJARATI_LETTER = range(0x0A80, 0x0B00)
_GUJARATI_ENDINGS = ("નું", "ની", "ના", "નો", "ને", "માં")


@dataclass(frozen=True)
class ScriptName:
    name: str
    table: str  # model, manufacturer or location
    target: str  # models.csv `model` or manufacturers.csv `manufacturer_id`
    language: str
    source: str


@functools.lru_cache(maxsize=1)
def script_names() -> tuple[ScriptName, ...]:
    """The rows of script_names.csv; a row without a name, a known table or a source is an error naming its line."""
    path = reference_dir() / "script_names.csv"
    out: list[ScriptName] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            name, table, source = row["name"].strip(), row["table"].strip(), row["source"].strip()
            if not name or table not in _TABLES or not source or not row["target"].strip():
                raise InputError(f"{path.name}:{line}: name, table ({'/'.join(sorted(_TABLES))}), target and source")
            out.append(ScriptName(name, table, row["target"].strip(), row["language"].strip(), source))
    return tuple(out)


def inflected(name: str) -> tuple[str, ...]:
    """The name with the case endings its script writes onto it (Bengali `-এর`/`-ের`/`-র`, `-কে`; Gujarati
    `-નું`, `-ની`, `-ના`, `-નો`, `-ને`, `-માં`); nothing for a name in another script."""
    last = name.rstrip()[-1:]
    if not last or not any(ord(ch) in _BENGALI_LETTER or ord(ch) in _GUJARATI_LETTER for ch in name):
        return ()
    if any(ord(ch) in _GUJARATI_LETTER for ch in name):
        return tuple(name + ending for ending in _GUJARATI_ENDINGS)
    if last.isdigit():  # একে-৪৭এর: after a number the genitive is written in full
        genitive = "এর"
    elif last in _BENGALI_VOWEL_SIGNS or last in "অআইঈউঊএঐওঔ":
        genitive = "র"  # বেরেটার
    else:
        genitive = "ের"  # কালাশনিকভের
    return (name + genitive, name + "কে")
