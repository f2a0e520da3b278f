"""Bulk writes of validated rows: executemany on SQLite, COPY on PostgreSQL, duplicates skipped."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.orm import Session

from armstrace.model import utcnow

if TYPE_CHECKING:
    from .loader import _Context

__all__ = ["write"]

# table, its columns filled from the file (field name in the file -> column), and the dedupe key
TARGETS: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {
    "registry": ("item", {
        "record_id": "record_id", "serial": "serial", "serial_end": "serial_end", "quantity": "quantity",
        "manufacturer": "manufacturer", "model": "model", "calibre": "calibre", "weapon_type": "weapon_type",
        "country": "country", "year": "year", "nsn": "nsn", "lot": "lot", "markings": "markings",
        "status": "status", "holder": "holder", "holder_country": "holder_country", "date": "date",
    }, ("source_id", "row_hash")),
    "transfers": ("transfer", {
        "transfer_id": "transfer_id", "record_id": "record_id", "serial": "serial", "serial_end": "serial_end",
        "quantity": "quantity", "manufacturer": "manufacturer", "model": "model", "weapon_type": "weapon_type",
        "from_holder": "from_holder", "from_country": "from_country", "to_holder": "to_holder",
        "to_country": "to_country", "date": "date", "document_ref": "document_ref",
    }, ("source_id", "row_hash")),
    "incidents": ("incident", {
        "incident_id": "code", "date": "date", "country": "country", "admin1": "admin1", "admin2": "admin2",
        "place": "place", "latitude": "latitude", "longitude": "longitude", "kind": "kind", "title": "title",
        "description": "description",
    }, ("agency_id", "code")),
    "recoveries": ("recovery", {
        "recovery_id": "recovery_code", "serial": "serial_read", "manufacturer": "manufacturer", "model": "model",
        "calibre": "calibre", "weapon_type": "weapon_type", "country": "country", "year": "year",
        "markings": "markings", "importer": "importer", "condition": "condition",
    }, ("incident_id", "row_hash")),
}  # fmt: skip
BOOLEAN_DEFAULTS = {"synthetic": False, "legal": True, "obliterated": False}


def write(session: Session, ctx: _Context, good: dict[str, pa.Array], extras: dict[str, list[Any]], n: int) -> int:
    """Insert ``n`` validated rows; returns how many were new (the others were imported before)."""
    if n == 0:
        return 0
    table, fields, key = TARGETS[ctx.kind]
    columns: dict[str, list[Any]] = {}
    for name, column in fields.items():
        columns[column] = good[name].to_pylist() if name in good else [None] * n
    for name, default in BOOLEAN_DEFAULTS.items():
        if name in _fields_of(ctx.kind):
            values = good[name].to_pylist() if name in good else [None] * n
            columns[name] = [default if v is None else v for v in values]
    ctx.synthetic = ctx.synthetic or any(columns.get("synthetic", ()))
    columns["attributes"] = _attributes(extras, n)
    content = [pc.cast(good[name], pa.string()) for name in sorted(good)]
    content.append(pa.array(columns["attributes"], pa.string()))
    if ctx.kind in ("registry", "transfers"):
        columns["serial_norm"] = _normalise(good["serial"] if "serial" in good else pa.nulls(n, pa.string()))
    if ctx.kind == "recoveries":
        codes = good["incident_id"].to_pylist() if "incident_id" in good else [None] * n
        columns["incident_id"] = [ctx.incident_id or ctx.incident_codes[str(c)] for c in codes]
        columns["identification"] = _identify(columns)
    if ctx.kind != "incidents":
        columns["row_hash"] = _row_hashes(ctx, content)
    if ctx.source_id is not None and ctx.kind != "recoveries":
        columns["source_id"] = [ctx.source_id] * n
    columns["agency_id"] = [ctx.agency_id] * n
    columns["visibility"] = [ctx.visibility] * n
    if ctx.kind != "transfers":
        columns["created_at"] = [utcnow().isoformat(sep=" ")] * n
    names = list(columns)
    rows = list(zip(*(columns[c] for c in names), strict=True))
    return _insert(session, table, names, rows, key)


def _fields_of(kind: str) -> set[str]:
    from .fields import KINDS

    return {f.name for f in KINDS[kind]}


def _normalise(serials: pa.Array) -> list[str | None]:
    """``serials.normalise`` of a column: ASCII values in one vectorised pass, the rest one by one."""
    from armstrace.serials import normalise

    ascii_form = pc.replace_substring_regex(pc.utf8_upper(serials), r"[^A-Z0-9]", "")
    is_ascii = pc.fill_null(pc.string_is_ascii(serials), True)
    if pc.all(is_ascii).as_py():
        return [v or None for v in ascii_form.to_pylist()]
    return [
        (a or None) if ok else (normalise(raw) or None)
        for a, ok, raw in zip(ascii_form.to_pylist(), is_ascii.to_pylist(), serials.to_pylist(), strict=True)
    ]


def _attributes(extras: dict[str, list[Any]], n: int) -> list[str | None]:
    if not extras:
        return [None] * n
    out: list[str | None] = []
    names = list(extras)
    for values in zip(*(extras[c] for c in names), strict=True):
        kept = {k: v for k, v in zip(names, values, strict=True) if v not in (None, "")}
        out.append(json.dumps(kept, ensure_ascii=False) if kept else None)
    return out


def _identify(columns: dict[str, list[Any]]) -> list[str | None]:
    """Identification of recovered items from their markings (the same markings are identified once)."""
    from armstrace.identify import identify_record

    names = ("manufacturer", "model", "calibre", "markings", "country", "importer")
    known: dict[tuple[Any, ...], str | None] = {}
    out: list[str | None] = []
    for values in zip(*(columns[c] for c in names), strict=True):
        if values not in known:
            record = {k: v for k, v in zip(names, values, strict=True) if v}
            known[values] = json.dumps(identify_record(record), ensure_ascii=False, default=str) if record else None
        out.append(known[values])
    return out


def _row_hashes(ctx: _Context, content: list[pa.Array]) -> list[int]:
    """A 64-bit content hash per row; the k-th identical row of a file gets a distinct hash, so none is lost.

    64 bits keep the de-duplication index small (collisions: about 3 in a million for 10 million rows of
    one source, which would drop a row as "already present"; the summary would show it).
    """
    joined = pc.binary_join_element_wise(*content, "\x1f", null_handling="replace", null_replacement="\x00")
    seen = ctx.seen
    hashes = []
    blake2b = hashlib.blake2b
    for row in joined.to_pylist():
        seen[row] += 1
        if seen[row] > 1:
            row += f"#{seen[row]}"
        hashes.append(int.from_bytes(blake2b(row.encode(), digest_size=8).digest(), "big", signed=True))
    return hashes


def _insert(session: Session, table: str, names: list[str], rows: list[tuple[Any, ...]], key: tuple[str, ...]) -> int:
    connection = session.connection()
    raw = connection.connection.driver_connection
    column_list = ", ".join(names)
    if connection.dialect.name == "sqlite":
        before = raw.total_changes  # type: ignore[union-attr]
        placeholders = ", ".join("?" * len(names))
        raw.executemany(f"INSERT OR IGNORE INTO {table} ({column_list}) VALUES ({placeholders})", rows)  # type: ignore[union-attr]
        return int(raw.total_changes - before)  # type: ignore[union-attr]
    with raw.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS _import_{table} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE _import_{table}")
        with cursor.copy(f"COPY _import_{table} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM _import_{table} "
            f"ON CONFLICT ({', '.join(key)}) DO NOTHING"
        )
        return int(cursor.rowcount)
