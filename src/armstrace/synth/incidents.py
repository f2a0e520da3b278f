"""Incidents in Pakistan, the weapons recovered at them, the ground truth, and the illicit transfers.

Named incidents (the Jaffar Express attack of 11 March 2025 first) and generated ones in Khyber
Pakhtunkhwa and Balochistan, 2022–2025. Each recovered weapon is drawn from an inventory whose story
lets it leak — Afghan stock at the collapse of August 2021, Iraqi stock at the fall of Mosul, Libyan
depots looted in 2011, national lost/stolen lists — or from no registry at all, and its serial is
read with a fault (see faults.py). truth.csv says which record it really is and who held it last.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .catalogue import FAMILIES, NAMED_INCIDENTS, PLACES, Family, NamedIncident, Place
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
    lo, hi = np.datetime64("2022-01-01"), np.datetime64("2025-06-30")
    kinds, kp = list(KINDS), np.array(list(KINDS.values()))
    n = 0
    while rest > 0:
        k = min(rest, int(rng.integers(1, 13)))
        place = PLACES[int(rng.integers(len(PLACES)))]
        date = lo + int(rng.integers(0, int((hi - lo) / np.timedelta64(1, "D")))) * np.timedelta64(1, "D")
        kind = kinds[int(rng.choice(len(kinds), p=kp))]
        jitter = rng.uniform(-0.05, 0.05, size=2)
        n += 1
        spot = Place(
            place.admin1,
            place.admin2,
            place.place,
            round(place.latitude + jitter[0], 4),
            round(place.longitude + jitter[1], 4),
        )
        inc_id = f"PK-{str(date)[:4]}-{n:06d}"
        out.append((NamedIncident(inc_id, str(date), spot, kind, TITLES[kind].format(place.place), k), k))
        rest -= k
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
    u = rng.random((len(part), 6))
    faults = rng.choice(len(_FAULTS), size=len(part), p=_FAULT_P / _FAULT_P.sum())
    rec: dict[str, list] = {k: [] for k in ("recovery_id", "incident_id", "serial", "obliterated", "manufacturer",
                                            "model", "calibre", "weapon_type", "country", "year", "markings",
                                            "condition")}  # fmt: skip
    tru: dict[str, list] = {
        k: []
        for k in (
            "recovery_id",
            "record_id",
            "fault",
            "last_legal_holder",
            "last_legal_holder_country",
            "last_legal_date",
            "diverted_at",
        )
    }
    ill: dict[str, list] = {
        k: []
        for k in (
            "record_id",
            "serial",
            "manufacturer",
            "model",
            "weapon_type",
            "from_holder",
            "from_country",
            "to_holder",
            "to_country",
            "date",
        )
    }
    pos = {int(i): j for j, i in enumerate(known)}
    for i, slot in enumerate(part):
        inc = slot.incident
        rid = f"{inc.incident_id}-R{slot.number:03d}"
        j = pos.get(i)
        if j is None:  # absent from every registry
            fam_key = ABSENT_FAMILIES[int(u[i, 0] * len(ABSENT_FAMILIES))]
            fam = FAMILIES[fam_key]
            number = absent_next[fam.series]
            absent_next[fam.series] = number + 1 + int(u[i, 1] * 500)
            true = format_many(np.array([SERIES_KEYS.index(fam.series)]), np.array([number]))[0]
            year = fam.years[0] + int(u[i, 2] * (fam.years[1] - fam.years[0] + 1))
            reading, oblit, fault = true, False, "absent"
            tru_row: tuple = (None, "absent", None, None, None, None)
            counts["absent"] += 1
        else:
            fam = FAMILIES[FAMILY_KEYS[int(f["family"][j])]]
            true, year = serials[j], int(f["year"][j])
            wanted = "exact" if items[i] == plan.special else _FAULTS[int(faults[i])]
            reading, oblit, fault = apply_fault(wanted, true, rnd)
            cons, status = int(f["cons"][j]), int(f["status"][j])
            record = range_record_id(cons) if plan.c_range[cons] else rec_ids[j]
            holder = int(f["holder"][j])
            diverted = f["status_date"][j] if status in _LOST else COLLAPSE
            tru_row = (record, fault, plan.holders.names[holder], plan.holders.countries[holder],
                       f["holder_date"][j], diverted)  # fmt: skip
            _illicit(ill, u[i], record, true, fam, tru_row[2:4], status, diverted, inc)
        rec["recovery_id"].append(rid)
        rec["incident_id"].append(inc.incident_id)
        rec["serial"].append(reading)
        rec["obliterated"].append(oblit)
        rec["manufacturer"].append(fam.spellings[0] if u[i, 3] < 0.55 else fam.manufacturer if u[i, 3] < 0.7
                                   else None)  # fmt: skip
        rec["model"].append(fam.model if u[i, 4] < 0.75 else None)
        rec["calibre"].append(fam.calibre if u[i, 4] < 0.6 else None)
        rec["weapon_type"].append(fam.weapon_type)
        rec["country"].append(fam.country if u[i, 5] < 0.5 else None)
        rec["year"].append(year if "{year}" in fam.markings else None)
        rec["markings"].append(fam.markings.format(serial=reading or "(serial obliterated)", year=year))
        rec["condition"].append("serial filed off, partly restored" if oblit
                                else CONDITIONS[int(u[i, 5] * len(CONDITIONS))])  # fmt: skip
        tru["recovery_id"].append(rid)
        for key, value in zip(list(tru)[1:], tru_row, strict=True):
            tru[key].append(value)
    recoveries_w.write(table("recoveries", {**rec, "year": pa.array(rec["year"], pa.int64())}))
    dates = {
        key: np.array([np.datetime64("NaT") if d is None else d for d in tru[key]], dtype="datetime64[D]")
        for key in ("last_legal_date", "diverted_at")
    }
    truth_w.write(table("truth", {**tru, **dates}))
    if ill["record_id"]:
        n = len(ill["record_id"])
        base = counts["illicit_transfers"]
        transfers_w.write(table("transfers", {
            **ill, "date": np.array(ill["date"], dtype="datetime64[D]"),
            "transfer_id": [f"TI-{base + k:09d}" for k in range(n)], "quantity": [1] * n, "legal": [False] * n,
        }))  # fmt: skip
        counts["illicit_transfers"] += n
    counts["recoveries"] += len(part)


def _illicit(
    ill: dict[str, list],
    u: np.ndarray,
    record: str,
    serial: str,
    fam: Family,
    last: tuple[str, str],
    status: int,
    diverted: np.datetime64,
    inc: NamedIncident,
) -> None:
    """The illicit legs the story knows (not always): capture or loss, the market, the armed group."""
    if u[0] >= 0.6:
        return
    day = np.timedelta64(1, "D")
    when = np.datetime64(inc.date)
    if status in _LOST:
        taker, taker_c = "unknown (reported lost or stolen)", last[1]
    else:
        taker, taker_c = "Taliban forces (seized at the collapse)", "AF"
    legs = [(last[0], last[1], taker, taker_c, diverted)]
    span = int((when - diverted) / day)
    if u[1] < 0.5 and span > 60:
        market = MARKETS[int(u[2] * len(MARKETS))]
        sold = diverted + int(30 + u[3] * (span - 60)) * day
        legs.append((taker, taker_c, market, "PK", sold))
        if u[4] < 0.4:
            legs.append((market, "PK", f"armed group ({inc.place.admin1})", "PK", when - int(1 + u[5] * 20) * day))
    for frm, frm_c, to, to_c, date in legs:
        for key, value in (
            ("record_id", record),
            ("serial", serial),
            ("manufacturer", fam.manufacturer),
            ("model", fam.model),
            ("weapon_type", fam.weapon_type),
            ("from_holder", frm),
            ("from_country", frm_c),
            ("to_holder", to),
            ("to_country", to_c),
            ("date", date),
        ):
            ill[key].append(value)
