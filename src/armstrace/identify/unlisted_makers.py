"""Makers the tables do not list: a name labelled as the producer, a local workshop or craft producer, and
near spellings (one or two slips) of a listed maker's name.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .licences import licensor
from .places import gazetteer
from .producers import Producer, made_by_before, named_producer
from .result import Alternative, Evidence, Identification
from .scan import Scan
from .text import Hit, fold_key, normalise
from .words import AMMO_WORDS, FIREARM_WORDS

__all__ = ["fuzzy_maker", "local_producer", "town_only", "unlisted_producer"]


# Words a maker's name shares with ordinary descriptions: a close spelling needs four more letters than these.
_PLAIN_WORDS = AMMO_WORDS | FIREARM_WORDS | {"MM", "CAL", "MFG", "CO", "INC", "LTD", "CORP", "COMPANY", "ARMS"}


def town_only(result: Identification) -> bool:
    """True when the maker decided was read from nothing but its town (`Hyderabad`: Bharat Dynamics' town, named
    as where a bomb went off): a name the text gives with a word of making says more."""
    ev = [e for e in result.evidence if e.field == "manufacturer" and e.weight > 0 and e.value]
    return bool(ev) and all(e.note == "maker's location" for e in ev)


def unlisted_producer(
    scan: Scan, importer_hits: list[Hit], result: Identification, conf: dict[str, float], over_town: bool = False
) -> None:
    """No maker of the tables is decided: a maker the text names by the shape of its name (`par la société Neitron`,
    `SME Ordnance Sdn Bhd`, `Fábrica Militar de Braço de Prata`) is reported with no row, and its country when the
    name or the words right after it say it. `over_town`: a maker read only from its town was decided, which a name
    the text says made the item ("manufactured by Amin Explosives") replaces."""
    found = named_producer(scan.text, scan.ix.countries, _PLAIN_WORDS)
    if found is None or any(normalise(found.name) in normalise(scan.raw(h)) for h in importer_hits):
        return
    if _TRADE_WORDS & set(normalise(scan.text[: found.start]).split()[-4:]):
        return  # "sold through Sahel Arms Trading Ltd., Kano": a seller, importer or refurbisher, not the maker
    if over_town:
        row = scan.ix.ref.manufacturer(result.manufacturer_id or "")
        names = {w for n in ((row.name, *row.variants, *row.aliases) if row else ()) for w in normalise(n).split()}
        if not made_by_before(scan.text, found.start) or set(normalise(found.name).split()) & names:
            return  # "made by Fegyver of Budapest": the town's own maker, named in part
        why = "a maker's town only; the text names the maker with a word of making: not taken"
        result.evidence[:] = [
            Evidence(e.field, e.text, e.table, e.row, "", 0.0, why) if e.field == "manufacturer" else e
            for e in result.evidence
        ]
    result.manufacturer, result.manufacturer_id = found.name, None
    conf["manufacturer"] = 0.5
    why = f"{found.how}; no row of the tables holds it"
    result.evidence.append(Evidence("manufacturer", found.name, "", "", found.name, 0.5, why))
    if found.country:
        why = f"the country of the maker named by the text ({found.name})"
        result.evidence.append(Evidence("country", found.country_text, "", "", found.country, 0.65, why))
    elif address := _address_place(scan, found):
        why = f"the country of {address[1]}, named in the address of the maker named by the text ({found.name})"
        result.evidence.append(Evidence("country", address[1], "places", "", address[0], 0.6, why))


# Words before a company's name that make it a seller, supplier, importer or refurbisher of the item, not its maker:
# neither the name nor the town of its address says where the item was made.
_TRADE_WORDS = frozenset(
    {"SOLD", "SELLS", "SELLING", "BOUGHT", "PURCHASED", "ACQUIRED", "SUPPLIED", "SUPPLIER", "IMPORTED", "IMPORTER"}
    | {"DISTRIBUTED", "DISTRIBUTOR", "DEALER", "DEALERS", "TRADER", "RETAILER", "VENDOR", "SELLER", "RESOLD"}
    | {"REFURBISHED", "OVERHAULED", "REPAIRED", "SERVICED", "RECONDITIONED", "SHIPPED", "EXPORTED", "BROKERED"}
    | {"BROKER", "LEASED", "RENTED", "DELIVERED", "TRANSFERRED", "CONSIGNED", "STOCKED", "RETAILED", "THROUGH"}
)
_ADDRESS_END = re.compile(r"\n|;| [—–-] ")
# words after which a place is where the item was found or sent, not the maker's address
_NOT_ADDRESS = frozenset({"RECOVERED", "SEIZED", "FOUND", "CAPTURED", "CONFISCATED", "USED", "SOLD", "EXPORTED", "TO"})


def _address_place(scan: Scan, found: Producer) -> tuple[str, str] | None:
    """(country, place) of the town, district or state of one country named in a maker's address right after its
    name on its line (`CDET Explosive Industries Pvt. Ltd., Talegaon, Wardha, Maharashtra`), or None."""
    tail = _ADDRESS_END.split(scan.text[found.end :], maxsplit=1)[0]  # the address ends with its clause
    words = normalise(tail).split()[:12]
    words = words[: next((i for i, w in enumerate(words) if w in _NOT_ADDRESS), len(words))]
    places = gazetteer(scan.ix.ref)
    seen: dict[str, str] = {}
    for i in range(len(words)):
        for size in (3, 2, 1):
            countries = places.get(" ".join(words[i : i + size]), frozenset()) if i + size <= len(words) else ()
            if len(countries) == 1:
                seen.setdefault(next(iter(countries)), " ".join(words[i : i + size]))
    return next(iter(seen.items())) if len(seen) == 1 else None


def local_producer(scan: Scan, importer_hits: list[Hit], result: Identification, conf: dict[str, float]) -> None:
    """A maker of the tables in conflict with the country the text gives (`Steyr AUG ... SME Ordnance Sdn Bhd,
    Malaysia`, `modèle China North Industries produite sous licence par Khenchela, Algérie`): when the text also
    names a maker of that country (a row's, or one no row holds, by the shape of its name), that maker made it
    there; the table's maker is the design's or the licensor's, kept as an alternative."""
    if _craft_brand(scan, result, conf):
        return
    conflict = next((c for c in result.conflicts if c.startswith("the maker ") and "but the text gives" in c), "")
    if not conflict or not result.manufacturer_id or not result.manufacturer:
        return
    local = {
        str(mid)
        for h in scan.makers_taken
        for mid in h.payloads
        if getattr(scan.ix.ref.manufacturer(str(mid)), "country", "") == result.country
    }
    if len(local) == 1:
        # `Steyr AUG, local production — SME Ordnance, Malaysia`: a maker of that country is named too
        row = scan.ix.ref.manufacturer(local.pop())
        assert row is not None
        why = (
            f"a maker of {result.country}, the country the text gives, is named too; {result.manufacturer} "
            "(another country) is the design's or licensor's maker"
        )
        result.conflicts.remove(conflict)
        result.evidence.append(
            Evidence("manufacturer", row.name, "manufacturers", row.manufacturer_id, row.name, 0.5, why)
        )
        result.manufacturer, result.manufacturer_id = row.name, row.manufacturer_id
        conf["manufacturer"] = 0.5
        return
    found = named_producer(scan.text, scan.ix.countries, _PLAIN_WORDS)
    if found is None or found.how == "a plant-shaped name" or found.country not in ("", result.country):
        return
    name = normalise(found.name)
    taken = [normalise(scan.raw(h)) for h in scan.makers_taken]
    if any(t and (t in name or name in t) for t in taken) or any(name in normalise(scan.raw(h)) for h in importer_hits):
        return
    table_maker = result.manufacturer
    result.conflicts.remove(conflict)
    result.manufacturer, result.manufacturer_id = found.name, None
    conf["manufacturer"] = 0.5
    why = (
        f"{found.how}, where the text gives {result.country}; {table_maker} (another country) is the design's or "
        "licensor's maker; no row of the tables holds this one"
    )
    result.evidence.append(Evidence("manufacturer", found.name, "", "", found.name, 0.5, why))


def _craft_brand(scan: Scan, result: Identification, conf: dict[str, float]) -> bool:
    """A craft weapon made where the text names (`handmade pistol resembling Beretta, Trabzon`) carries the brand or
    design of a factory elsewhere: that factory is not its maker, only an alternative reading. True when so."""
    row = scan.ix.ref.manufacturer(result.manufacturer_id) if result.manufacturer_id else None
    craft = any(e.field == "country" and e.note.startswith("made where a craft weapon") for e in result.evidence)
    if row is None or not craft or row.country == result.country or result.manufacturer is None:
        return False
    if not scan.model_is_copy and any(
        m.start <= h.end and h.start <= m.end for h in scan.makers_taken for m in scan.model_hits
    ):  # "Norinco Type 56": a maker named with its model is the item's maker, whatever craft word is near
        return False
    why = f"the brand or design a craft weapon made in {result.country} carries, not its maker"
    result.alternatives.append(Alternative("manufacturer", result.manufacturer, 0.5, (why,)))
    result.evidence.append(Evidence("manufacturer", result.manufacturer, "", row.manufacturer_id, "", 0.0, why))
    result.manufacturer, result.manufacturer_id = None, None
    conf.pop("manufacturer", None)
    return True


def _near_keys(scan: Scan, length: int, limit: int) -> tuple[list[tuple[str, str]], list[str]]:
    """The maker keys within `limit` letters of `length` long, and their names: what a key may be a slip of."""
    near = [c for size in range(length - limit, length + limit + 1) for c in scan.ix.fuzzy_keys.get(size, ())]
    return near, [c for c, _ in near]


def fuzzy_maker(scan: Scan, blockers: list[Hit], add: Any) -> None:
    """One-letter slips in long maker names (`IZMASH`, `HECKLER KOCH`), at a reduced weight."""
    n = len(scan.tokens)
    nearby: dict[int, tuple[list[tuple[str, str]], list[str]]] = {}
    for start in range(n):
        key = ""
        for end in range(start + 1, min(n, start + 4) + 1):
            if scan.tokens[end - 1].line != scan.tokens[start].line or (end - 1) in scan.used:
                break
            key += fold_key(scan.translit[end - 1])  # the tables' keys are read with one form of ی/ي, ک/ك
            if any(ch.isdigit() for ch in key):
                break
            if len(key) < 7 or any(b.start < end and start < b.end for b in blockers):
                continue
            if end - start == 1 and scan.words[start] in scan.ix.spellings.known:
                continue  # a word of the tables or an ordinary word found near a name (PELICAN) is not a slip
            if len("".join(w for w in scan.words[start:end] if w not in _PLAIN_WORDS)) < 4:
                continue  # `MM AMMUNITION` is no slip of `PMC AMMUNITION`: too little of it is the name itself
            limit = 1 if len(key) < 11 else 2
            if len(key) not in nearby:  # the candidates of a key's length, gathered once per length, not per window
                nearby[len(key)] = _near_keys(scan, len(key), limit)
            near, names = nearby[len(key)]
            found = process.extractOne(key, names, scorer=OSA.distance, score_cutoff=limit)
            if found is not None and licensor(scan, Hit(start, end, key, "", ())):
                continue  # "sous licence Kalachnikov": the licensor, spelt otherwise, is not the maker
            if found is not None:
                cand, mid = near[found[2]]
                text = " ".join(scan.words[start:end])
                add(
                    mid,
                    0.55,
                    Evidence("manufacturer", text, "manufacturers", mid, "", 0.55, f"close spelling of {cand}"),
                )
