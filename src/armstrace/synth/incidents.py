"""Incidents in Pakistan, the weapons recovered at them, the ground truth, and the illicit transfers.

Named incidents (the Jaffar Express attack of 11 March 2025 first) and generated ones in Khyber
Pakhtunkhwa and Balochistan, 2022–2025. Each recovered weapon is drawn from an inventory whose story
lets it leak — Afghan stock at the collapse of August 2021, Iraqi stock at the fall of Mosul, Libyan
depots looted in 2011, national lost/stolen lists — or from no registry at all, and its serial is
read with a fault (see faults.py). truth.csv says which record it really is and who held it last.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from .catalogue import FAMILIES, NAMED_INCIDENTS, PLACES, SERIES, NamedIncident, Place
from .faults import FAULT_WEIGHTS, apply_fault
from .plan import COLLAPSE, FAMILY_KEYS, GROUP_KEYS, SERIES_KEYS, STATUSES, Plan, format_many
from .registry import range_record_id, record_ids
from .tables import TableWriter, table

__all__ = ["CATEGORY_WEIGHTS", "write_incidents"]

# Where recovered weapons come from (the last is "absent from every registry").
CATEGORY_WEIGHTS = {"us_supplied": 0.66, "anp_stock": 0.19, "lost_stolen": 0.05, "iraq_stock": 0.03,
                    "libya_stock": 0.02, "absent": 0.05}  # fmt: skip
ABSENT_FAMILIES = ("colt_m4", "colt_m4a1", "glock_19", "beretta_m9_ber", "type56", "soviet_akm")
KINDS = {"seizure": 0.35, "cache": 0.2, "arrest": 0.2, "attack": 0.25}
TITLES = {"seizure": "Weapons seized near {}", "cache": "Arms cache found near {}",
          "arrest": "Arrest with weapons in {}", "attack": "Attack in {}"}  # fmt: skip
CONDITIONS = ("serviceable", "serviceable", "worn", "damaged", "fire-damaged", "serviceable, magazine fitted")
MARKETS = ("arms market, Darra Adam Khel", "arms market, Bajaur", "smuggling network, Chaman crossing",
           "smuggling network, Torkham crossing")  # fmt: skip
_DIVERTABLE_AT_COLLAPSE = {STATUSES.index(s) for s in ("in_inventory", "in_service", "unknown")}
_LOST = {STATUSES.index("lost"), STATUSES.index("stolen")}
_FAULTS, _FAULT_P = list(FAULT_WEIGHTS), np.array(list(FAULT_WEIGHTS.values()))


@dataclass
class _Slot:
    incident: NamedIncident
    number: int


def _incidents(rng: np.random.Generator, total: int) -> list[tuple[NamedIncident, int]]:
    """Incidents with how many recoveries each: the named ones first, then generated ones."""
    named_total = sum(n.recoveries for n in NAMED_INCIDENTS)
    out: list[tuple[NamedIncident, int]] = []
    if total >= named_total:
        out = [(n, n.recoveries) for n in NAMED_INCIDENTS]
    else:
        left = total
        for i, named in enumerate(NAMED_INCIDENTS):
            k = min(left, max(min(5, total) if i == 0 else 0, named.recoveries * total // named_total))
            if k:
                out.append((named, k))
            left -= k
    rest = total - sum(k for _, k in out)
    if rest <= 0:
        return out
    sizes = rng.integers(1, 13, size=rest // 3 + 2)
    cut = int(np.searchsorted(np.cumsum(sizes), rest))
    sizes = sizes[: cut + 1]
    sizes[-1] -= int(sizes.sum()) - rest
    m = len(sizes)
    lo, hi = np.datetime64("2022-01-01"), np.datetime64("2025-06-30")
    dates = lo + rng.integers(0, int((hi - lo) / np.timedelta64(1, "D")), size=m) * np.timedelta64(1, "D")
    places = rng.integers(len(PLACES), size=m)
    kinds = list(KINDS)
    kind_of = rng.choice(len(kinds), size=m, p=np.array(list(KINDS.values())))
    jitter = np.round(rng.uniform(-0.05, 0.05, size=(m, 2)), 4)
    for n in range(m):
        place, kind, date = PLACES[int(places[n])], kinds[int(kind_of[n])], str(dates[n])
        lat, lon = round(place.latitude + float(jitter[n, 0]), 4), round(place.longitude + float(jitter[n, 1]), 4)
        spot = Place(place.admin1, place.admin2, place.place, lat, lon)
        inc = NamedIncident(f"PK-{date[:4]}-{n + 1:06d}", date, spot, kind, TITLES[kind].format(place.place), 0)
        out.append((inc, int(sizes[n])))
    return out


def _description(inc: NamedIncident) -> str:
    if inc.incident_id == "JE25":
        return (
            "Militants stopped the Quetta–Peshawar Jaffar Express in a tunnel in the Bolan Pass and held "
            "passengers hostage until a security operation ended the siege. Synthetic scenario: the "
            "recovered weapons listed for this incident are invented, not real recovery data."
        )
    return f"{inc.title}. Synthetic scenario: recovered weapons are invented, not real recovery data."


def _divertable(plan: Plan, key: str, f: dict[str, np.ndarray]) -> np.ndarray:
    st = f["status"]
    if key in ("us_supplied", "anp_stock"):
        ok = np.isin(st, list(_DIVERTABLE_AT_COLLAPSE | _LOST))
    else:
        ok = np.isin(st, list(_LOST))
    return ok & (f["status_date"] < np.datetime64("2022-01-01"))  # lost before any incident


def _sample(plan: Plan, rng: np.random.Generator, key: str, k: int, taken: set[int]) -> list[int]:
    g = GROUP_KEYS.index(key)
    lo, hi = int(plan.group_first[g]), int(plan.group_first[g + 1])
    out: list[int] = []
    for _ in range(20):
        if len(out) >= k or hi <= lo:
            break
        cand = rng.integers(lo, hi, size=2 * (k - len(out)) + 16)
        for x in cand[_divertable(plan, key, plan.facts(cand))].tolist():
            if x not in taken:
                taken.add(x)
                out.append(x)
                if len(out) == k:
                    break
    return out


def write_incidents(
    plan: Plan,
    recoveries: int,
    incidents_w: TableWriter,
    recoveries_w: TableWriter,
    truth_w: TableWriter,
    transfers_w: TableWriter,
    chunk: int = 100_000,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write incidents, recoveries, truth and illicit transfers; returns counts."""
    rng = np.random.default_rng(np.random.SeedSequence([plan.seed, 11032025]))
    rnd = random.Random(f"armstrace-synth-{plan.seed}")
    incs = _incidents(rng, recoveries)
    incidents_w.write(table("incidents", {
        "incident_id": [i.incident_id for i, _ in incs],
        "date": np.array([i.date for i, _ in incs], dtype="datetime64[D]"),
        "country": ["PK"] * len(incs),
        "admin1": [i.place.admin1 for i, _ in incs], "admin2": [i.place.admin2 for i, _ in incs],
        "place": [i.place.place for i, _ in incs],
        "latitude": [i.place.latitude for i, _ in incs], "longitude": [i.place.longitude for i, _ in incs],
        "kind": [i.kind for i, _ in incs], "title": [i.title for i, _ in incs],
        "description": [_description(i) for i, _ in incs],
    }))  # fmt: skip
    slots = [_Slot(inc, j) for inc, k in incs for j in range(1, k + 1)]
    counts = {"incidents": len(incs), "recoveries": 0, "absent": 0, "illicit_transfers": 0}
    taken: set[int] = set()
    absent_next = {k: v + 1000 for k, v in plan.series_max.items()}
    cats, cat_p = list(CATEGORY_WEIGHTS), np.array(list(CATEGORY_WEIGHTS.values()))
    for start in range(0, len(slots), chunk):
        part = slots[start : start + chunk]
        cat = rng.choice(len(cats), size=len(part), p=cat_p)
        items = np.full(len(part), -1, dtype=np.int64)
        if start == 0 and plan.special >= 0 and part:
            items[0] = plan.special  # JE25-R001: the Colt M4A1 of the public record
            taken.add(plan.special)
        for ci, key in enumerate(cats[:-1]):
            want = np.nonzero((cat == ci) & (items < 0))[0]
            got = _sample(plan, rng, key, len(want), taken)
            items[want[: len(got)]] = got
        _write_part(plan, rng, rnd, part, items, absent_next, recoveries_w, truth_w, transfers_w, counts)
        if progress:
            progress(len(part))
    return counts


_REC_COLS = ("recovery_id", "incident_id", "serial", "obliterated", "manufacturer", "model", "calibre",
             "weapon_type", "country", "year", "markings", "condition")  # fmt: skip
_TRUTH_COLS = ("recovery_id", "record_id", "fault", "last_legal_holder", "last_legal_holder_country",
               "last_legal_date", "diverted_at")  # fmt: skip
_ILL_COLS = ("record_id", "serial", "manufacturer", "model", "weapon_type", "from_holder", "from_country",
             "to_holder", "to_country", "date")  # fmt: skip
_COLLAPSE_DATE = COLLAPSE.astype(dt.date)


def _write_part(
    plan: Plan,
    rng: np.random.Generator,
    rnd: random.Random,
    part: list[_Slot],
    items: np.ndarray,
    absent_next: dict[str, int],
    recoveries_w: TableWriter,
    truth_w: TableWriter,
    transfers_w: TableWriter,
    counts: dict[str, int],
) -> None:
    known = np.nonzero(items >= 0)[0]
    f = plan.facts(items[known])
    serials = format_many(f["series"], f["number"])
    rec_ids = record_ids(f["group"], items[known]).to_pylist()
    family, year_of, cons_of = f["family"].tolist(), f["year"].tolist(), f["cons"].tolist()
    status_of, holder_of = f["status"].tolist(), f["holder"].tolist()
    status_date, holder_date = f["status_date"].astype(dt.date).tolist(), f["holder_date"].astype(dt.date).tolist()
    u = rng.random((len(part), 6))
    faults = rng.choice(len(_FAULTS), size=len(part), p=_FAULT_P / _FAULT_P.sum()).tolist()
    pos = {int(i): j for j, i in enumerate(known)}
    absent_serials = _absent_serials(u, [i for i in range(len(part)) if i not in pos], absent_next)
    names, countries = plan.holders.names, plan.holders.countries
    rec: list[tuple[Any, ...]] = []
    tru: list[tuple[Any, ...]] = []
    ill: list[tuple[Any, ...]] = []
    for i, (slot, ui) in enumerate(zip(part, u.tolist(), strict=True)):
        inc = slot.incident
        rid = f"{inc.incident_id}-R{slot.number:03d}"
        j = pos.get(i)
        if j is None:  # absent from every registry
            fam = FAMILIES[ABSENT_FAMILIES[int(ui[0] * len(ABSENT_FAMILIES))]]
            reading, oblit = absent_serials[i], False
            year = fam.years[0] + int(ui[2] * (fam.years[1] - fam.years[0] + 1))
            tru.append((rid, None, "absent", None, None, None, None))
            counts["absent"] += 1
        else:
            fam = FAMILIES[FAMILY_KEYS[family[j]]]
            true, year = serials[j], year_of[j]
            wanted = "exact" if items[i] == plan.special else _FAULTS[faults[i]]
            reading, oblit, fault = apply_fault(wanted, true, rnd)
            record = range_record_id(cons_of[j]) if plan.c_range[cons_of[j]] else rec_ids[j]
            h, lost = holder_of[j], status_of[j] in _LOST
            diverted = status_date[j] if lost else _COLLAPSE_DATE
            tru.append((rid, record, fault, names[h], countries[h], holder_date[j], diverted))
            if ui[0] < 0.6:
                head = (record, true, fam.manufacturer, fam.model, fam.weapon_type)
                ill.extend((*head, *leg) for leg in _illicit(ui, names[h], countries[h], lost, diverted, inc))
        rec.append((
            rid, inc.incident_id, reading, oblit,
            fam.spellings[0] if ui[3] < 0.55 else fam.manufacturer if ui[3] < 0.7 else None,
            fam.model if ui[4] < 0.75 else None, fam.calibre if ui[4] < 0.6 else None, fam.weapon_type,
            fam.country if ui[5] < 0.5 else None, year if "{year}" in fam.markings else None,
            fam.markings.format(serial=reading or "(serial obliterated)", year=year),
            "serial filed off, partly restored" if oblit else CONDITIONS[int(ui[5] * len(CONDITIONS))],
        ))  # fmt: skip
    recoveries_w.write(table("recoveries", _columns(_REC_COLS, rec, year=pa.int64())))
    truth_w.write(table("truth", _columns(_TRUTH_COLS, tru, last_legal_date=pa.date32(), diverted_at=pa.date32())))
    if ill:
        n, base = len(ill), counts["illicit_transfers"]
        cols = _columns(_ILL_COLS, ill, date=pa.date32())
        cols.update(transfer_id=[f"TI-{base + k:09d}" for k in range(n)], quantity=[1] * n, legal=[False] * n)
        transfers_w.write(table("transfers", cols))
        counts["illicit_transfers"] += n
    counts["recoveries"] += len(part)


def _columns(names: tuple[str, ...], rows: list[tuple[Any, ...]], **types: pa.DataType) -> dict[str, pa.Array]:
    """Row tuples to named columns (typed where the type is given, inferred otherwise)."""
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    return {name: pa.array(col, types.get(name, pa.string()) if name in types or not col else None)
            for name, col in zip(names, cols, strict=True)}  # fmt: skip


def _absent_serials(u: np.ndarray, slots: list[int], absent_next: dict[str, int]) -> dict[int, str]:
    """Serials of weapons in no registry: numbers past the end of their series' allocation (the
    family is drawn from u[:, 0]; a series that would overflow gives way to the roomy Type 56 one)."""
    series, numbers = [], []
    for i in slots:
        key = FAMILIES[ABSENT_FAMILIES[int(u[i, 0] * len(ABSENT_FAMILIES))]].series
        if absent_next[key] + 100 >= SERIES[key].capacity:
            key = "type56"
        series.append(SERIES_KEYS.index(key))
        numbers.append(absent_next[key])
        absent_next[key] += 1 + int(u[i, 1] * 20)
    return dict(zip(slots, format_many(np.array(series, dtype=np.int64), np.array(numbers)), strict=True))


def _illicit(
    u: list[float], holder: str, country: str, lost: bool, diverted: dt.date, inc: NamedIncident
) -> list[tuple[str, str, str, str, dt.date]]:
    """The illicit legs the story knows: capture or loss, then (sometimes) the market and the group."""
    when = dt.date.fromisoformat(inc.date)
    if lost:
        taker, taker_c = "unknown (reported lost or stolen)", country
    else:
        taker, taker_c = "Taliban forces (seized at the collapse)", "AF"
    legs = [(holder, country, taker, taker_c, diverted)]
    span = (when - diverted).days
    if u[1] < 0.5 and span > 60:
        market = MARKETS[int(u[2] * len(MARKETS))]
        legs.append((taker, taker_c, market, "PK", diverted + dt.timedelta(days=int(30 + u[3] * (span - 60)))))
        if u[4] < 0.4:
            group = f"armed group ({inc.place.admin1})"
            legs.append((market, "PK", group, "PK", when - dt.timedelta(days=int(1 + u[5] * 20))))
    return legs
