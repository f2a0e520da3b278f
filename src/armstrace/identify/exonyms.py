"""Country names in other languages and scripts (ポーランド, तुर्की, 불가리아, Германии), so that a text in one language
naming a foreign country of manufacture gives that country and not the country of its language or script.

The names are the Unicode CLDR territory names of the arms-making countries in the languages the engine reads,
shipped as `reference/country_names.csv` (written by scripts/country_names.py; no run-time dependency). Russian
names are also found in the cases a description puts them in (`сделано в Германии`, `производства Чехии`).
"""

from __future__ import annotations

import csv
import functools

from armstrace.reference import reference_dir

__all__ = ["cldr_country_names"]

# Russian case endings of a one-word country name: genitive, dative, prepositional (Германия → Германии,
# Польша → Польши/Польше, Китай → Китая/Китае, Иран → Ирана/Иране, Израиль → Израиля/Израиле).
_RU_CASES = (
    ("ИЯ", ("ИИ", "ИЮ")),
    ("ША", ("ШИ", "ШЕ", "ШУ")),
    ("КА", ("КИ", "КЕ", "КУ")),
    ("А", ("Ы", "Е", "У")),
    ("Й", ("Я", "Е", "Ю")),
    ("Ь", ("Я", "Е", "Ю")),
)
_RU_CONSONANTS = frozenset("БВГДЖЗКЛМНПРСТФХЦЧШЩ")


def _russian_cases(name: str) -> tuple[str, ...]:
    """The oblique forms of a one-word Russian country name (none for a name of several words or an acronym)."""
    if " " in name or "-" in name or name.isupper():
        return ()
    upper = name.upper()
    for ending, forms in _RU_CASES:
        if upper.endswith(ending):
            return tuple(upper[: -len(ending)] + f for f in forms)
    if upper[-1] in _RU_CONSONANTS:
        return (upper + "А", upper + "Е", upper + "У")
    return ()


@functools.lru_cache(maxsize=1)
def cldr_country_names() -> dict[str, str]:
    """{name as written: ISO code} from the shipped CLDR table, Russian oblique forms added."""
    out: dict[str, str] = {}
    with (reference_dir() / "country_names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name, code = row["name"].strip(), row["country"].strip()
            out.setdefault(name, code)
            if row["language"] == "ru":
                for form in _russian_cases(name):
                    out.setdefault(form, code)
    return out
