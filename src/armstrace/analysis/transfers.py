"""The transfer index: the transfers of a registry record, found by record_id, by serial or by a serial range."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from armstrace.model import Transfer
from armstrace.store import visible

from .chain import LinkedItem
from .lookup import SerialParts, basic_norm, split_serial

__all__ = ["TransferIndex", "in_chunks", "same_maker"]

_CHUNK = 500


class TransferIndex:
    """Transfers reachable by record_id, by serial, or by a serial range, loaded once per analysis."""

    def __init__(self, transfers: Iterable[Transfer]) -> None:
        self.by_record: dict[str, list[Transfer]] = defaultdict(list)
        self.by_serial: dict[str, list[Transfer]] = defaultdict(list)
        self.ranges: dict[tuple[str, int, str], list[tuple[int, int, Transfer]]] = defaultdict(list)
        for t in transfers:
            if t.record_id:
                self.by_record[t.record_id].append(t)
            start = t.serial_norm or basic_norm(t.serial)
            if t.serial_end:
                lo, hi = split_serial(start), split_serial(basic_norm(t.serial_end))
                if lo and hi and lo.key == hi.key:
                    self.ranges[lo.key].append((lo.number, hi.number, t))
            elif start:
                self.by_serial[start].append(t)
        # ranges sorted by first number, with the widest span per key: a lookup bisects instead of scanning
        self._starts: dict[tuple[str, int, str], list[int]] = {}
        self._span: dict[tuple[str, int, str], int] = {}
        for key, rows in self.ranges.items():
            rows.sort(key=lambda r: (r[0], r[1], r[2].id))
            self._starts[key] = [r[0] for r in rows]
            self._span[key] = max(r[1] - r[0] for r in rows)

    def _containing(self, parts: SerialParts) -> list[tuple[int, int, Transfer]]:
        rows = self.ranges.get(parts.key)
        if not rows:
            return []
        starts = self._starts[parts.key]
        first = bisect.bisect_left(starts, parts.number - self._span[parts.key])
        last = bisect.bisect_right(starts, parts.number)
        return [r for r in rows[first:last] if r[0] <= parts.number <= r[1]]

    @classmethod
    def load(cls, session: Session, agency_id: int | None, items: Sequence[LinkedItem] | None = None) -> TransferIndex:
        """All visible transfers, or (``items`` given) only those that can concern these items."""
        query = select(Transfer).where(visible(Transfer, agency_id))
        if items is None:
            return cls(session.scalars(query))
        records = sorted({i.record_id for i in items})
        serials = sorted({s for i in items for s in _lookup_serials(i) if s})
        rows: dict[int, Transfer] = {}
        for chunk in in_chunks(records):
            rows.update((t.id, t) for t in session.scalars(query.where(Transfer.record_id.in_(chunk))))
        for chunk in in_chunks(serials):
            rows.update((t.id, t) for t in session.scalars(query.where(Transfer.serial_norm.in_(chunk))))
        ranged = query.where(Transfer.serial_end.is_not(None))
        for serial in serials:  # ranges that can contain it: same prefix and length, starting at or before it
            parts = split_serial(serial)
            if parts is not None:
                rows.update(
                    (t.id, t)
                    for t in session.scalars(
                        ranged.where(
                            Transfer.serial_norm.startswith(parts.prefix, autoescape=True),
                            func.length(Transfer.serial_norm) == len(serial),
                            Transfer.serial_norm <= serial,
                        )
                    )
                )
        return cls(rows.values())

    def for_item(self, item: LinkedItem) -> list[Transfer]:
        """The transfer lines about this weapon: of its record, of its serial, of a range that contains it.

        Inside a range record whose reading fits several serials (or none), only the lines that cover every
        fitting serial (or the whole range) are about *this* weapon; the others belong to its neighbours.
        """
        serial = _item_serial(item)
        span = _item_span(item, serial)
        found: dict[int, Transfer] = {
            t.id: t
            for t in self.by_record.get(item.record_id, [])
            # a range record's line about other weapons of the range is not about this one
            if span is None or _covers(t, *span)
        }
        for t in self.by_serial.get(serial or "", []):
            if same_maker(t.manufacturer, item.manufacturer):
                found.setdefault(t.id, t)
        if span is not None:
            first, last = span
            inside = {id(r[2]) for r in self._containing(first)} if first is not None else set()
            for _lo, _hi, t in self._containing(last) if last is not None else []:
                if id(t) in inside and same_maker(t.manufacturer, item.manufacturer):
                    found.setdefault(t.id, t)
        elif (parts := split_serial(serial)) is not None:
            for _lo, _hi, t in self._containing(parts):
                if same_maker(t.manufacturer, item.manufacturer):
                    found.setdefault(t.id, t)
        return sorted(found.values(), key=lambda t: (t.date or dt.date.min, t.id))

    def range_of(self, parts: SerialParts | None) -> Transfer | None:
        """The narrowest range transfer that contains this serial (consignment analysis uses it)."""
        if parts is None:
            return None
        found = self._containing(parts)  # the narrowest range: the batch closest to the weapon's last holder
        return min(found, key=lambda r: (r[1] - r[0], -r[2].id))[2] if found else None


def _norm(t: Transfer) -> str | None:
    return t.serial_norm or basic_norm(t.serial)


def _covers(t: Transfer, first: SerialParts | None, last: SerialParts | None) -> bool:
    """Whether transfer line ``t`` (one serial or a range) includes every serial from ``first`` to ``last``."""
    start = split_serial(_norm(t))
    if start is None or first is None or last is None:
        return True  # a line without a serial, or a weapon we cannot place: cannot tell, keep the line
    if not t.serial_end:
        return start == first == last
    end = split_serial(basic_norm(t.serial_end))
    if end is None or not (start.key == end.key == first.key == last.key):
        return True  # numbered otherwise than the weapon: cannot tell, keep the line
    return start.number <= first.number and last.number <= end.number


def _item_serial(item: LinkedItem) -> str | None:
    """The single serial this chain is about: the serial the reading names inside a range record, else the record's."""
    if item.matched_serial:
        return basic_norm(item.matched_serial)
    if item.serial_end:
        return None
    return basic_norm(item.serial)


def _lookup_serials(item: LinkedItem) -> tuple[str | None, ...]:
    """The serials whose transfer lines can concern this item (loaded before the index is built)."""
    serial = _item_serial(item)
    if serial or not item.serial_end:
        return (serial,)
    if item.in_range_first and item.in_range_last:
        return (basic_norm(item.in_range_first), basic_norm(item.in_range_last))
    return (basic_norm(item.serial), basic_norm(item.serial_end))


def _item_span(item: LinkedItem, serial: str | None) -> tuple[SerialParts | None, SerialParts | None] | None:
    """For a range record: the serials the chain is about — the one the reading names, the span of those it
    fits, or (none fits) the whole range. None for a record of one weapon."""
    if not item.serial_end:
        return None
    if serial:
        parts = split_serial(serial)
        return (parts, parts)
    if item.in_range_first and item.in_range_last:
        return (split_serial(basic_norm(item.in_range_first)), split_serial(basic_norm(item.in_range_last)))
    return (split_serial(basic_norm(item.serial)), split_serial(basic_norm(item.serial_end)))


_MAKER_NOISE = frozenset(
    [
        "the",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "ag",
        "sa",
        "spa",
        "mfg",
        "manufacturing",
        "factory",
        "works",
        "arms",
        "industries",
        "industry",
        "plant",
        "group",
        "of",
        "and",
    ]
)


@lru_cache(maxsize=4096)
def _maker_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", name.casefold()) if len(t) > 1 and t not in _MAKER_NOISE)


def same_maker(a: str | None, b: str | None) -> bool:
    """Whether two spellings may name one maker ("COLT", "Colt's Mfg Co"); unknown agrees with anything."""
    if not a or not b:
        return True
    x, y = _maker_tokens(a), _maker_tokens(b)
    return not x or not y or bool(x & y)


def in_chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
