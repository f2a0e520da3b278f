"""Writes registry.csv and the legal custody chain in transfers.csv, chunk by chunk.

Registry defects are reproduced on purpose, in the proportions a 2014 audit found in the records of
weapons supplied to Afghan forces (SIGAR 14-84: of 474,823 serial numbers, 43% had missing data or
duplicates; 24,520 serials were recorded two or three times; 50,304 weapons lacked shipping or
receipt dates): duplicated serial rows, missing dates, holders, models, makers and calibres.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .catalogue import FAMILIES, GROUPS, SERIES
from .numbering import format_serials, uniform
from .plan import (
    FAM_SERIES,
    FAMILY_KEYS,
    GROUP_KEYS,
    S_DUP,
    S_MAKER,
    S_MISS,
    SERIES_KEYS,
    STATUSES,
    Plan,
    format_many,
)
from .tables import TableWriter, table

__all__ = ["DUPLICATE_SHARE", "range_record_id", "record_ids", "write_registry"]

DUPLICATE_SHARE = 24_520 / 474_823  # serials recorded more than once (SIGAR 14-84)
THIRD_SHARE = DUPLICATE_SHARE / 3  # of which recorded three times (assumed one in three)
# Share of rows missing each field, per group kind: (US-supplied, other inventories).
MISSING = {
    "date": (50_304 / 474_823, 0.05),  # SIGAR 14-84: no shipping/receipt date
    "holder": (0.08, 0.04),
    "model": (0.05, 0.05),
    "manufacturer": (0.04, 0.10),
    "calibre": (0.15, 0.20),
    "year": (0.25, 0.35),
    "nsn": (0.30, 1.0),
}
_US = GROUP_KEYS.index("us_supplied")
_MAKERS: list[str] = []
_MAKER_FIRST: list[int] = []
_MAKER_COUNT: list[int] = []
for _key in FAMILY_KEYS:
    _MAKER_FIRST.append(len(_MAKERS))
    _MAKERS.extend((FAMILIES[_key].manufacturer, *FAMILIES[_key].spellings))
    _MAKER_COUNT.append(1 + len(FAMILIES[_key].spellings))
MAKER_FIRST, MAKER_COUNT = np.array(_MAKER_FIRST), np.array(_MAKER_COUNT)


def _fam_column(attr: str) -> pa.Array:
    return pa.array([getattr(FAMILIES[k], attr) or None for k in FAMILY_KEYS], pa.string())


FAM_COLS = {a: _fam_column(a) for a in ("model", "calibre", "weapon_type", "country", "nsn", "manufacturer")}
GROUP_PREFIX = pa.array([GROUPS[k].record_prefix for k in GROUP_KEYS])
_ROW_PREFIX = pa.array([f"{GROUPS[k].record_prefix}-" for k in GROUP_KEYS] + ["DUP-"])
_COPY_SUFFIX = pa.array(["", "", "-2", "-3"])
_TRANSFERRED, _IN_INVENTORY = STATUSES.index("transferred"), STATUSES.index("in_inventory")


def record_ids(group: np.ndarray, idx: np.ndarray) -> pa.Array:
    """Item record ids: group prefix + global item index (e.g. USA-0000012345)."""
    digits = pc.utf8_lpad(pa.array(idx).cast(pa.string()), 10, "0")
    return pc.binary_join_element_wise(pc.take(GROUP_PREFIX, pa.array(group)), digits, "-")


def range_record_id(cons: int) -> str:
    return f"USA-R{cons:07d}"


def _take(values: pa.Array | list[str], indices: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    arr = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    return pc.take(arr, pa.array(indices, mask=missing))


def _serials(series_idx: np.ndarray, numbers: np.ndarray) -> pa.Array:
    parts, positions = [], []
    for s in np.unique(series_idx):
        pos = np.nonzero(series_idx == s)[0]
        parts.append(format_serials(SERIES[SERIES_KEYS[int(s)]], numbers[pos]))
        positions.append(pos)
    order = np.argsort(np.concatenate(positions), kind="stable")
    return pc.take(pa.concat_arrays(parts), pa.array(order))


def _missing(plan: Plan, idx: np.ndarray, us: np.ndarray, field: str, salt: int) -> np.ndarray:
    p_us, p_other = MISSING[field]
    return plan.u(idx, S_MISS + salt) < np.where(us, p_us, p_other)


def _item_rows(plan: Plan, items: np.ndarray) -> pa.Table:
    """Rows for items (global indices), each duplicated copy right after its original, as a merged
    export of the two record systems would list them."""
    us_items = plan.c_group[plan.cons_of(items)] == _US
    dup = np.nonzero(us_items & (plan.u(items, S_DUP) < DUPLICATE_SHARE))[0]
    third = dup[plan.u(items[dup], S_DUP + 1) < THIRD_SHARE / DUPLICATE_SHARE]
    pos = np.concatenate([np.arange(len(items)), dup, third])
    nth = np.concatenate([np.ones(len(items), np.int64), np.full(len(dup), 2), np.full(len(third), 3)])
    order = np.lexsort((nth, pos))
    idx, nth = items[pos[order]], nth[order]
    copy = nth > 1

    f = plan.facts(idx)
    fam, us = f["family"], f["group"] == _US
    um = uniform(plan.seed, idx * 4 + nth, S_MAKER)
    k = np.where(um < 0.5, 0, 1 + ((um - 0.5) * 2 * (MAKER_COUNT[fam] - 1)).astype(np.int64))
    maker = MAKER_FIRST[fam] + np.minimum(k, MAKER_COUNT[fam] - 1)
    miss = {name: _missing(plan, idx, us, name, i) for i, name in enumerate(MISSING)}
    # the second system's copy: keyed by hand, often still naming the consignee, often without a date
    ud = plan.u(idx, S_DUP + 2)
    status = np.where(copy, np.where(ud < 0.5, _TRANSFERRED, _IN_INVENTORY), f["status"])
    holder = np.where(copy, plan.c_consignee[f["cons"]], f["holder"])
    no_holder = np.where(copy, ud < 0.3, miss["holder"])
    date = np.where(copy, plan.c_recv[f["cons"]], f["status_date"])
    date = np.where(np.where(copy, ud > 0.6, miss["date"]), np.datetime64("NaT"), date)
    prefix = np.where(copy, len(GROUP_KEYS), f["group"])
    cols = {
        "record_id": pc.binary_join_element_wise(
            pc.take(_ROW_PREFIX, pa.array(prefix)),
            pc.utf8_lpad(pa.array(idx).cast(pa.string()), 10, "0"),
            pc.take(_COPY_SUFFIX, pa.array(nth)),
            "",
        ),
        "serial": _serials(f["series"], f["number"]),
        "manufacturer": _take(_MAKERS, maker, miss["manufacturer"]),
        "model": _take(FAM_COLS["model"], fam, miss["model"]),
        "calibre": _take(FAM_COLS["calibre"], fam, miss["calibre"]),
        "weapon_type": _take(FAM_COLS["weapon_type"], fam),
        "country": _take(FAM_COLS["country"], fam),
        "year": pa.array(f["year"], mask=miss["year"]),
        "nsn": _take(FAM_COLS["nsn"], fam, miss["nsn"]),
        "status": _take(list(STATUSES), status),
        "holder": _take(plan.holders.names, holder, no_holder),
        "holder_country": _take(plan.holders.countries, holder, no_holder),
        "date": pa.array(date, pa.date32()),
    }
    return table("registry", cols)


def _range_rows(plan: Plan, cons: np.ndarray) -> pa.Table:
    fam = plan.c_family[cons]
    ser = FAM_SERIES[fam]
    first = plan.c_base[cons]
    last = first + plan.c_size[cons] - 1
    return table("registry", {
        "record_id": [range_record_id(int(c)) for c in cons],
        "serial": _serials(ser, first), "serial_end": _serials(ser, last),
        "quantity": pa.array(plan.c_size[cons]),
        "manufacturer": _take(FAM_COLS["manufacturer"], fam), "model": _take(FAM_COLS["model"], fam),
        "calibre": _take(FAM_COLS["calibre"], fam), "weapon_type": _take(FAM_COLS["weapon_type"], fam),
        "country": _take(FAM_COLS["country"], fam), "nsn": _take(FAM_COLS["nsn"], fam),
        "status": pa.array(["transferred"] * len(cons)),
        "holder": _take(plan.holders.names, plan.c_consignee[cons]),
        "holder_country": _take(plan.holders.countries, plan.c_consignee[cons]),
        "date": pa.array(plan.c_recv[cons], pa.date32()),
    })  # fmt: skip


def _transfers(plan: Plan, cons: np.ndarray, counter: int) -> pa.Table:
    """Legal custody lines for consignments `cons`: maker → US Army → CSTC-A → corps → brigade → kandak
    for US deliveries (serial ranges), and one acquisition line per lot for the other inventories."""
    h = plan.holders
    tacom = h.add("US Army TACOM Life Cycle Management Command", "US")
    cstca = h.add("CSTC-A, Kabul", "US")
    rows: list[tuple[Any, ...]] = []  # (record, series, first, last, qty, fam, from, from_c, to, to_c, date, doc)
    for c in cons.tolist():
        g, fam = int(plan.c_group[c]), int(plan.c_family[c])
        if GROUP_KEYS[g] == "lost_stolen":
            continue
        spec = FAMILIES[FAMILY_KEYS[fam]]
        s, b0, n = int(FAM_SERIES[fam]), int(plan.c_base[c]), int(plan.c_size[c])
        shipped, recv = plan.c_date[c], plan.c_recv[c]
        yy = str(shipped.astype("datetime64[Y]"))
        rec = range_record_id(c) if plan.c_range[c] else None
        maker = h.add(spec.manufacturer, spec.country)
        whole = (rec, s, b0, b0 + n - 1, n, fam)
        if g != _US:
            to = int(plan.c_consignee[c])
            rows.append((*whole, maker, spec.country, to, h.countries[to], shipped,
                         f"EUC-{h.countries[to]}-{yy}-{c:06d}"))  # fmt: skip
            continue
        rows.append(
            (
                *whole,
                maker,
                spec.country,
                tacom,
                "US",
                shipped - np.timedelta64(30 + c % 150, "D"),
                f"W56HZV-{yy[2:]}-C-{c % 10000:04d}",
            )
        )
        rows.append((*whole, tacom, "US", cstca, "US", shipped, f"DD1149-AF-{yy}-{c:06d}"))
        consignee = int(plan.c_consignee[c])
        rows.append((*whole, cstca, "US", consignee, "AF", recv, f"MOD14-{yy}-{c:06d}-0"))
        b_lo, b_hi = np.searchsorted(plan.b_cons, [c, c + 1])
        for j, b in enumerate(range(int(b_lo), int(b_hi))):
            start = int(plan.b_first[b] - plan.c_first[c])
            end = int(plan.b_first[b + 1] - plan.c_first[c]) if b + 1 < len(plan.b_first) else n
            end = min(end, n)
            part = (rec, s, b0 + start, b0 + end - 1, end - start, fam)
            holder, via, when = int(plan.b_holder[b]), int(plan.b_via[b]), plan.b_date[b]
            if via >= 0:
                rows.append(
                    (*part, consignee, "AF", via, "AF", when - np.timedelta64(3, "D"), f"MOD14-{yy}-{c:06d}-{j + 1}a")
                )
                rows.append((*part, via, "AF", holder, "AF", when, f"MOD14-{yy}-{c:06d}-{j + 1}b"))
            else:
                rows.append((*part, consignee, "AF", holder, "AF", when, f"MOD14-{yy}-{c:06d}-{j + 1}"))
    if not rows:
        return table("transfers", {"transfer_id": []})
    cols = list(zip(*rows, strict=True))
    series = np.array(cols[1] + cols[1])
    serials = format_many(series, np.array(cols[2] + cols[3]))
    fams = np.array(cols[5])
    return table("transfers", {
        "transfer_id": [f"TR-{counter + i:09d}" for i in range(len(rows))],
        "record_id": pa.array(cols[0], pa.string()),
        "serial": serials[: len(rows)], "serial_end": serials[len(rows):],
        "quantity": pa.array(cols[4], pa.int64()),
        "manufacturer": _take(FAM_COLS["manufacturer"], fams), "model": _take(FAM_COLS["model"], fams),
        "weapon_type": _take(FAM_COLS["weapon_type"], fams),
        "from_holder": [h.names[i] for i in cols[6]], "from_country": list(cols[7]),
        "to_holder": [h.names[i] for i in cols[8]], "to_country": list(cols[9]),
        "date": pa.array(np.array(cols[10], dtype="datetime64[D]"), pa.date32()),
        "document_ref": list(cols[11]), "legal": [True] * len(rows),
    })  # fmt: skip


def write_registry(
    plan: Plan,
    registry: TableWriter,
    transfers: TableWriter,
    chunk_items: int = 500_000,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Stream the registry and the legal transfers; returns counts of range and duplicate rows."""
    counts = {"range_records": 0, "duplicate_rows": 0, "item_records": 0}
    ncons, c = plan.consignments, 0
    ends = plan.c_first + plan.c_size
    while c < ncons:
        stop = int(np.searchsorted(ends, plan.c_first[c] + chunk_items, side="right"))
        stop = max(stop, c + 1)
        cons = np.arange(c, stop)
        ranged = cons[plan.c_range[cons]]
        itemised = cons[~plan.c_range[cons]]
        sizes = plan.c_size[itemised]
        total = int(sizes.sum())
        if total:
            offsets = np.repeat(plan.c_first[itemised] - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
            rows = _item_rows(plan, offsets + np.arange(total))
            counts["item_records"] += total
            counts["duplicate_rows"] += rows.num_rows - total
            registry.write(rows)
        if len(ranged):
            registry.write(_range_rows(plan, ranged))
            counts["range_records"] += len(ranged)
        transfers.write(_transfers(plan, cons, transfers.rows))
        if progress:
            progress(int(ends[stop - 1] - plan.c_first[c]))
        c = stop
    return counts
