"""The scenario's skeleton: consignments, serial allocation, custody blocks and per-item facts.

A *consignment* is a run of consecutive serials of one family shipped together on one date (for the
other inventories: a lot taken on charge together). It is split into *blocks*, each issued to one
unit. Items are numbered globally 0..items-1, group after group, consignment after consignment, so an
item's consignment and block are found by binary search and every per-item fact is a pure function
of (seed, item index): the registry writer and the recovery sampler agree without sharing state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.exceptions import InputError

from .catalogue import ANA_CORPS, ANP_PROVINCES, FAMILIES, GROUPS, PLACES, SERIES, SPECIAL_SERIAL
from .numbering import format_serials, uniform

__all__ = ["COLLAPSE", "FAMILY_KEYS", "GROUP_KEYS", "SERIES_KEYS", "STATUSES", "Plan", "format_many", "plan"]

DAY = np.timedelta64(1, "D")
COLLAPSE = np.datetime64("2021-08-15")  # Kabul falls; Afghan inventories pass out of legal hands
GROUP_KEYS = list(GROUPS)
FAMILY_KEYS = list(FAMILIES)
SERIES_KEYS = list(SERIES)
FAM_SERIES = np.array([SERIES_KEYS.index(FAMILIES[f].series) for f in FAMILY_KEYS])
FAM_MIN_YEAR = np.array([FAMILIES[f].years[0] for f in FAMILY_KEYS])
FAM_MAX_YEAR = np.array([FAMILIES[f].years[1] for f in FAMILY_KEYS])
STATUSES = ("in_service", "in_inventory", "transferred", "lost", "stolen", "destroyed", "unknown")
_ST = {s: i for i, s in enumerate(STATUSES)}
# Status shares per group (US: most of the supplied stock was still on charge at the collapse).
STATUS_MIX = {
    "us_supplied": (("in_inventory", 0.72), ("in_service", 0.06), ("lost", 0.03), ("stolen", 0.02),
                    ("destroyed", 0.08), ("unknown", 0.09)),
    "anp_stock": (("in_inventory", 0.85), ("lost", 0.05), ("stolen", 0.04), ("destroyed", 0.03),
                  ("unknown", 0.03)),
    "iraq_stock": (("in_service", 0.60), ("stolen", 0.25), ("lost", 0.10), ("destroyed", 0.05)),
    "libya_stock": (("stolen", 0.60), ("unknown", 0.30), ("destroyed", 0.10)),
    "lost_stolen": (("lost", 0.45), ("stolen", 0.55)),
}  # fmt: skip
# US deliveries per year (relative): the surge years 2007–2013 dominate.
US_YEAR_WEIGHTS = {2005: 2, 2006: 4, 2007: 8, 2008: 10, 2009: 10, 2010: 12, 2011: 12, 2012: 10, 2013: 8,
                   2014: 5, 2015: 4, 2016: 3, 2017: 4, 2018: 4, 2019: 3, 2020: 2, 2021: 1}  # fmt: skip
DATE_SPANS = {"anp_stock": ("2003-01-01", "2020-12-31"), "iraq_stock": ("2004-01-01", "2013-12-31"),
              "libya_stock": ("1975-01-01", "2010-12-31"), "lost_stolen": ("2008-01-01", "2024-12-31")}  # fmt: skip

# salts of the per-item hash streams
S_STATUS, S_WHEN, S_YEAR, S_MAKER, S_DUP, S_MISS = 1, 2, 3, 4, 5, 10


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@dataclass
class Holders:
    """Every holder named in the scenario, interned: arrays carry indices into `names`."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, country: str) -> int:
        if name not in self._index:
            self._index[name] = len(self.names)
            self.names.append(name)
            self.countries.append(country)
        return self._index[name]


@dataclass
class Plan:
    seed: int
    items: int
    group_first: np.ndarray  # first global item index of each group, plus the end
    c_group: np.ndarray
    c_family: np.ndarray
    c_first: np.ndarray
    c_size: np.ndarray
    c_base: np.ndarray  # serial number of the consignment's first item
    c_date: np.ndarray  # shipped (US) / taken on charge / reported lost (lost_stolen)
    c_recv: np.ndarray  # received by the consignee
    c_range: np.ndarray  # recorded as one range record
    c_consignee: np.ndarray
    b_first: np.ndarray
    b_cons: np.ndarray
    b_holder: np.ndarray
    b_via: np.ndarray  # intermediate holder (brigade) or -1
    b_date: np.ndarray
    holders: Holders
    series_max: dict[str, int]
    special: int  # global item index of the public-record Colt M4A1 (-1 when the scenario is too small)

    @property
    def consignments(self) -> int:
        return len(self.c_first)

    def cons_of(self, idx: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.c_first, idx, side="right") - 1

    def block_of(self, idx: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.b_first, idx, side="right") - 1

    def u(self, idx: np.ndarray, salt: int) -> np.ndarray:
        return uniform(self.seed, idx, salt)

    def facts(self, idx: np.ndarray) -> dict[str, np.ndarray]:
        """Everything the story knows about items idx (global indices), vectorised."""
        cons = self.cons_of(idx)
        block = self.block_of(idx)
        fam = self.c_family[cons]
        group = self.c_group[cons]
        number = self.c_base[cons] + (idx - self.c_first[cons])
        status, when = self._status(idx, group, block, cons)
        ship_year = self.c_date[cons].astype("datetime64[Y]").astype(np.int64) + 1970
        uy = self.u(idx, S_YEAR)
        us = group == GROUP_KEYS.index("us_supplied")
        year_us = np.minimum(ship_year, FAM_MAX_YEAR[fam]) - (uy < 0.3)
        span = FAM_MAX_YEAR[fam] - FAM_MIN_YEAR[fam] + 1
        year_other = np.minimum(FAM_MIN_YEAR[fam] + (uy * span).astype(np.int64), ship_year)
        year = np.maximum(np.where(us, year_us, year_other), FAM_MIN_YEAR[fam])
        return {"cons": cons, "block": block, "family": fam, "group": group, "number": number,
                "series": FAM_SERIES[fam], "status": status, "status_date": when, "year": year,
                "holder": self.b_holder[block], "holder_date": self.b_date[block]}  # fmt: skip

    def _status(
        self, idx: np.ndarray, group: np.ndarray, block: np.ndarray, cons: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        u = self.u(idx, S_STATUS)
        w = self.u(idx, S_WHEN)
        status = np.zeros(len(idx), dtype=np.int64)
        bdate = self.b_date[block]
        when = bdate.copy()
        for g, key in enumerate(GROUP_KEYS):
            sel = group == g
            if not sel.any():
                continue
            edges = np.cumsum([share for _, share in STATUS_MIX[key]])
            codes = np.array([_ST[s] for s, _ in STATUS_MIX[key]])
            status[sel] = codes[np.minimum(np.searchsorted(edges, u[sel], side="right"), len(codes) - 1)]
            st, ws, bd = status[sel], w[sel], bdate[sel]
            gone = np.isin(st, [_ST["lost"], _ST["stolen"], _ST["destroyed"]])
            if key in ("us_supplied", "anp_stock"):
                days = ((COLLAPSE - DAY - bd) / DAY * ws).astype(np.int64)
                when[sel] = np.where(gone, bd + days * DAY, bd)
            elif key == "iraq_stock":  # most thefts when Mosul fell, 10 June 2014
                mosul = np.datetime64("2014-06-10") + (ws * 20).astype(np.int64) * DAY
                other = bd + ((np.datetime64("2016-12-31") - bd) / DAY * ws).astype(np.int64) * DAY
                when[sel] = np.where(st == _ST["stolen"], mosul, np.where(gone, other, bd))
            elif key == "libya_stock":  # depots looted during the 2011 war
                looted = np.datetime64("2011-02-17") + (ws * 240).astype(np.int64) * DAY
                when[sel] = np.where(gone, looted, bd)
            else:
                when[sel] = self.c_date[cons[sel]]
        return status, when


def format_many(series_idx: np.ndarray, numbers: np.ndarray) -> list[str]:
    """Serial strings for (series, number) pairs of mixed series, in input order."""
    series_idx = np.asarray(series_idx)
    if len(series_idx) == 0:
        return []
    parts, positions = [], []
    for s in np.unique(series_idx):
        pos = np.nonzero(series_idx == s)[0]
        parts.append(format_serials(SERIES[SERIES_KEYS[int(s)]], np.asarray(numbers)[pos]))
        positions.append(pos)
    order = np.argsort(np.concatenate(positions), kind="stable")
    return list(pc.take(pa.concat_arrays(parts), pa.array(order)).to_pylist())


def _sizes(rng: np.random.Generator, n: int, lo: int, hi: int) -> np.ndarray:
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    sizes = rng.integers(lo, hi + 1, size=n // lo + 2)
    total = np.cumsum(sizes)
    m = int(np.searchsorted(total, n))
    sizes = sizes[: m + 1].copy()
    sizes[-1] -= total[m] - n
    return sizes


def _dates(rng: np.random.Generator, key: str, n: int) -> np.ndarray:
    if key == "us_supplied":
        years = np.array(list(US_YEAR_WEIGHTS))
        p = np.array(list(US_YEAR_WEIGHTS.values()), dtype=float)
        y = rng.choice(years, size=n, p=p / p.sum())
        start = (y - 1970).astype("datetime64[Y]").astype("datetime64[D]")
        d = start + rng.integers(0, 365, size=n) * DAY
        return np.minimum(d, np.datetime64("2021-06-30"))
    lo, hi = (np.datetime64(x) for x in DATE_SPANS[key])
    return lo + rng.integers(0, int((hi - lo) / DAY) + 1, size=n) * DAY


def plan(items: int, seed: int) -> Plan:
    """Lay out `items` weapons in consignments and blocks, deterministically from `seed`."""
    if items < 100:
        raise InputError(f"--items must be at least 100 (got {items})")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 20250311]))
    scale = float(np.clip(np.sqrt(items / 1e7), 0.1, 1.0))
    holders = Holders()
    shares = [GROUPS[k].share for k in GROUP_KEYS]
    counts = [round(items * s) for s in shares[:-1]]
    counts.append(items - sum(counts))

    c_group, c_family, c_size, c_date, special_cons = [], [], [], [], -1
    for g, key in enumerate(GROUP_KEYS):
        grp = GROUPS[key]
        lo = max(1, round(grp.lot_size[0] * scale))
        hi = max(lo, round(grp.lot_size[1] * scale))
        n = counts[g]
        fams = np.array([FAMILY_KEYS.index(f) for f in grp.families])
        p = np.array(list(grp.families.values()))
        if key == "us_supplied" and n > 0:  # the public-record consignment comes first
            special_size = min(n, max(lo, min(hi, 400)))
            special_cons = 0
            c_group.append(np.array([g]))
            c_family.append(np.array([FAMILY_KEYS.index(SPECIAL_SERIAL[0])]))
            c_size.append(np.array([special_size]))
            c_date.append(np.array([np.datetime64(SPECIAL_SERIAL[2])]))
            n -= special_size
        sizes = _sizes(rng, n, lo, hi)
        c_group.append(np.full(len(sizes), g))
        c_family.append(rng.choice(fams, size=len(sizes), p=p / p.sum()))
        c_size.append(sizes)
        c_date.append(_dates(rng, key, len(sizes)))
    group = np.concatenate(c_group).astype(np.int64)
    family = np.concatenate(c_family).astype(np.int64)
    size = np.concatenate(c_size).astype(np.int64)
    date = np.concatenate(c_date).astype("datetime64[D]")
    first = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
    ncons = len(size)

    base, series_max = _allocate(rng, group, family, size, date, special_cons)
    us = group == GROUP_KEYS.index("us_supplied")
    numeric = np.array([SERIES[SERIES_KEYS[s]].letters == 0 for s in FAM_SERIES[family]])
    c_range = us & numeric & (rng.random(ncons) < 0.12)
    if special_cons >= 0:
        c_range[special_cons] = False
    eligible = np.nonzero(us & numeric)[0][1:]
    if not c_range.any() and len(eligible) >= 2:
        c_range[eligible[0]] = True
    recv = np.minimum(date + rng.integers(15, 91, size=ncons) * DAY, COLLAPSE - 10 * DAY)
    recv = np.where(us, recv, date)

    consignee, b_first, b_cons, b_holder, b_via, b_date = _blocks(rng, holders, group, family, first, size, recv)
    special = -1
    if special_cons >= 0:
        special = int(first[special_cons] + (SPECIAL_SERIAL[1] - base[special_cons]))
    return Plan(seed, items, np.concatenate([[0], np.cumsum(counts)]), group, family, first, size, base,
                date, recv, c_range, consignee, b_first, b_cons, b_holder, b_via, b_date, holders,
                series_max, special)  # fmt: skip


def _allocate(
    rng: np.random.Generator,
    group: np.ndarray,
    family: np.ndarray,
    size: np.ndarray,
    date: np.ndarray,
    special_cons: int,
) -> tuple[np.ndarray, dict[str, int]]:
    """Serial numbers: per series, consignments in date order take consecutive runs with small gaps
    (lost/stolen lots take isolated numbers far apart); the public-record run is reserved."""
    base = np.zeros(len(size), dtype=np.int64)
    lost = GROUP_KEYS.index("lost_stolen")
    gap_hi = np.where(group == lost, 20, np.maximum(2, size // 10))
    gaps = rng.integers(0, gap_hi)
    series_of = FAM_SERIES[family]
    reserved = (0, 0)
    if special_cons >= 0:
        lo = SPECIAL_SERIAL[1] - min(200, int(size[special_cons]) // 2)
        reserved = (lo, lo + int(size[special_cons]))
        base[special_cons] = lo
    series_max: dict[str, int] = {}
    for s, key in enumerate(SERIES_KEYS):
        spec = SERIES[key]
        members = np.nonzero(series_of == s)[0]
        members = members[members != special_cons]
        if not len(members):
            continue
        order = members[np.lexsort((members, date[members]))]
        cursor = spec.start
        for c in order.tolist():
            b = cursor + int(gaps[c])
            if key == "colt_w" and b < reserved[1] and b + size[c] > reserved[0]:
                b = reserved[1] + int(gaps[c])
            base[c] = b
            cursor = b + int(size[c])
        top = max(cursor, reserved[1]) if key == "colt_w" else cursor
        if top >= spec.capacity:
            raise InputError(
                f"--items is too large for the synthetic serial series {key!r} "
                f"({spec.capacity:,} numbers); use at most about 10 million items"
            )
        series_max[key] = top
    return base, series_max


def _blocks(
    rng: np.random.Generator,
    holders: Holders,
    group: np.ndarray,
    family: np.ndarray,
    first: np.ndarray,
    size: np.ndarray,
    recv: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """Split consignments into unit issues and name the holders (ANA corps → brigade → kandak,
    ANP provincial HQs, the other inventories' depots and police units)."""
    us = GROUP_KEYS.index("us_supplied")
    kabul = holders.add("ANP National Logistics Centre, Kabul", "AF")
    anp = [holders.add(f"ANP Provincial HQ {p}", "AF") for p in ANP_PROVINCES]
    other = {
        "anp_stock": anp,
        "iraq_stock": [holders.add(f"Iraqi Army {_ordinal(n)} Division depot", "IQ") for n in range(1, 15)],
        "libya_stock": [holders.add(f"Libyan armed forces depot, {c}", "LY")
                        for c in ("Tripoli", "Benghazi", "Sirte", "Sabha", "Misrata", "Zintan")],
        "lost_stolen": [holders.add(f"{'Khyber Pakhtunkhwa Police' if p.admin1 != 'Balochistan' else f}, "
                                    f"{p.admin2}", "PK")
                        for p in PLACES for f in ("Balochistan Police", "Balochistan Levies")],
    }  # fmt: skip
    pistols = {FAMILY_KEYS.index(f) for f in ("glock_17", "glock_19", "beretta_m9", "beretta_m9_ber")}
    m4a1 = FAMILY_KEYS.index("colt_m4a1")
    n = len(size)
    consignee = np.zeros(n, dtype=np.int64)
    b_first: list[int] = []
    b_cons: list[int] = []
    b_holder: list[int] = []
    b_via: list[int] = []
    b_date: list[np.datetime64] = []
    r = rng.random((n, 4))
    for c in range(n):
        g, f, sz = int(group[c]), int(family[c]), int(size[c])
        if g != us:
            pool = other[GROUP_KEYS[g]]
            h = pool[int(r[c, 0] * len(pool))]
            consignee[c] = h
            b_first.append(int(first[c]))
            b_cons.append(c)
            b_holder.append(h)
            b_via.append(-1)
            b_date.append(recv[c])
            continue
        to_police = r[c, 0] < (0.6 if f in pistols else 0.2)
        if f == m4a1 and r[c, 1] < 0.7:
            corps = "ANA Special Operations Corps"
            to_police = False
        else:
            corps = ANA_CORPS[int(r[c, 1] * len(ANA_CORPS))][0]
        consignee[c] = kabul if to_police else holders.add(f"{corps}, ANA", "AF")
        k = int(rng.integers(1, min(6, max(1, sz // 40)) + 1))
        cuts = np.sort(rng.choice(np.arange(1, sz), size=k - 1, replace=False)) if k > 1 else np.zeros(0)
        starts = np.concatenate([[0], cuts]).astype(np.int64)
        days = rng.integers(5, 61, size=k)
        for j, s in enumerate(starts.tolist()):
            if to_police:
                via, h = -1, anp[int(rng.integers(len(anp)))]
            else:
                bde = f"{_ordinal(int(rng.integers(1, 5)))} Brigade, {corps}, ANA"
                kdk = f"{_ordinal(int(rng.integers(1, 7)))} Kandak, {bde}"
                via, h = holders.add(bde, "AF"), holders.add(kdk, "AF")
            b_first.append(int(first[c]) + s)
            b_cons.append(c)
            b_holder.append(h)
            b_via.append(via)
            b_date.append(min(recv[c] + int(days[j]) * DAY, COLLAPSE - 5 * DAY))
    return (consignee, np.array(b_first, dtype=np.int64), np.array(b_cons, dtype=np.int64),
            np.array(b_holder, dtype=np.int64), np.array(b_via, dtype=np.int64),
            np.array(b_date, dtype="datetime64[D]"))  # fmt: skip
