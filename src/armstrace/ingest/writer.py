"""Validated rows → the database columns of their table, one Arrow table a batch, and on to the sink.

Everything here works on whole columns (PyArrow compute, NumPy): the derived columns (normalised
serial, attributes, content hash) cost no Python per row, so that an import runs near the speed of
a bare database write. Only recovered items, which are few, are identified one distinct set of
markings at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from armstrace.identify import identify_record
from armstrace.linkage.keys import normalise_column

from .fields import KINDS
from .rowhash import hash_column

if TYPE_CHECKING:
    from .loader import ImportContext

__all__ = ["TARGETS", "Target", "joined_content", "write"]


@dataclass(frozen=True)
class Target:
    """Where a kind of file goes: the table, file field → column, and the key that makes a row known."""

    table: str
    fields: dict[str, str]
    key: tuple[str, ...]
    hashed: bool = True  # rows carry a content hash (incidents are known by their code instead)
    sourced: bool = True  # rows belong to a source, and (source_id, row_hash) is unique


TARGETS: dict[str, Target] = {
    "registry": Target("item", {
        "record_id": "record_id", "serial": "serial", "serial_end": "serial_end", "quantity": "quantity",
        "manufacturer": "manufacturer", "model": "model", "calibre": "calibre", "weapon_type": "weapon_type",
        "country": "country", "year": "year", "nsn": "nsn", "lot": "lot", "markings": "markings",
        "status": "status", "holder": "holder", "holder_country": "holder_country", "date": "date",
    }, ("source_id", "row_hash")),
    "transfers": Target("transfer", {
        "transfer_id": "transfer_id", "record_id": "record_id", "serial": "serial", "serial_end": "serial_end",
        "quantity": "quantity", "manufacturer": "manufacturer", "model": "model", "weapon_type": "weapon_type",
        "from_holder": "from_holder", "from_country": "from_country", "to_holder": "to_holder",
        "to_country": "to_country", "date": "date", "document_ref": "document_ref",
    }, ("source_id", "row_hash")),
    "incidents": Target("incident", {
        "incident_id": "code", "date": "date", "country": "country", "admin1": "admin1", "admin2": "admin2",
        "place": "place", "latitude": "latitude", "longitude": "longitude", "kind": "kind", "title": "title",
        "description": "description",
    }, ("agency_id", "code"), hashed=False, sourced=False),
    "recoveries": Target("recovery", {
        "recovery_id": "recovery_code", "serial": "serial_read", "manufacturer": "manufacturer", "model": "model",
        "calibre": "calibre", "weapon_type": "weapon_type", "country": "country", "year": "year",
        "markings": "markings", "importer": "importer", "condition": "condition",
    }, ("incident_id", "row_hash"), sourced=False),
}  # fmt: skip
BOOLEAN_DEFAULTS = {"synthetic": False, "legal": True, "obliterated": False}
_ARROW_TYPES = {"text": pa.string(), "code": pa.string(), "int": pa.int64(), "float": pa.float64(),
                "date": pa.string(), "bool": pa.bool_(), "country": pa.string(), "enum": pa.string()}  # fmt: skip
_SEPARATOR = "\x1f"
_NULL = "\x00"


def write(ctx: ImportContext, good: dict[str, pa.Array], extras: dict[str, pa.Array], n: int) -> None:
    """Stage ``n`` validated rows: new ones go to the sink, those stored by an earlier import do not.

    Every batch has every column of the table (null where the file has no such field), so that the
    batches of a JSON Lines file whose keys first appear late still make one table.
    """
    if n == 0:
        return
    target = TARGETS[ctx.kind]
    specs = {f.name: f for f in KINDS[ctx.kind]}
    values = {
        name: good[name] if name in good else pa.nulls(n, _ARROW_TYPES[spec.kind]) for name, spec in specs.items()
    }
    columns: dict[str, pa.Array] = {column: values[name] for name, column in target.fields.items()}
    for name, default in BOOLEAN_DEFAULTS.items():
        if name in specs:
            columns[name] = values[name].fill_null(default)
    if "synthetic" in columns and not ctx.synthetic:
        ctx.synthetic = bool(pc.any(columns["synthetic"]).as_py())
    attributes = _attributes(extras, n)
    columns["attributes"] = attributes
    if ctx.kind in ("registry", "transfers"):
        columns["serial_norm"] = _normalise(values["serial"])
    if ctx.kind == "recoveries":
        columns["incident_id"] = _incident_ids(ctx, values["incident_id"], n)
        columns["identification"] = _identify(values, n)
    table = pa.table(columns)
    if target.hashed:
        content = [values[name] for name in sorted(values)]
        content.append(attributes)
        hashes = ctx.hashes.assign(hash_column(joined_content(content, n)))
        table = table.append_column("row_hash", pa.array(hashes))
        if ctx.existing is not None and len(ctx.existing):  # rows an earlier import stored are left out
            new = ~ctx.existing.contains(hashes)
            if not new.all():
                table = table.filter(pa.array(new))
    ctx.sink.write(table)


def joined_content(columns: list[pa.Array], n: int) -> pa.Array:
    """Each row's values as text joined by ``_SEPARATOR`` (a null as ``_NULL``): what its content hash is
    computed from. A column that is null, or one value, down the whole batch is joined as a literal, and
    neighbouring literals as one: a file's empty and repeated columns cost the join nothing per row."""
    pieces: list[pa.Array | str] = []
    for column in columns:
        value = _single(column)
        if value is None:
            pieces.append(pc.cast(column, pa.string()))
        elif pieces and isinstance(pieces[-1], str):
            pieces[-1] += _SEPARATOR + value
        else:
            pieces.append(value)
    if len(pieces) == 1 and isinstance(pieces[0], str):
        return pa.nulls(n, pa.string()).fill_null(pieces[0])
    return pc.binary_join_element_wise(
        *(pa.scalar(p, pa.string()) if isinstance(p, str) else p for p in pieces),
        _SEPARATOR,
        null_handling="replace",
        null_replacement=_NULL,
    )


def _single(column: pa.Array) -> str | None:
    """The text every row of ``column`` joins with (``_NULL`` for a null), when it is one for all rows."""
    n = len(column)
    if n == 0:
        return None
    if column.null_count == n:
        return _NULL
    if column.null_count or n < 2 or pa.types.is_floating(column.type):  # 0.0 equals -0.0, but reads "-0"
        return None
    first = column[0]
    if first != column[n - 1] or first != column[n // 2] or not pc.all(pc.equal(column, first)).as_py():
        return None
    text = pc.cast(first, pa.string()).as_py()
    return text if isinstance(text, str) else None


def _constant(value: Any, n: int) -> pa.Array:
    return pa.nulls(n, pa.bool_() if isinstance(value, bool) else pa.string()).fill_null(value)


def _normalise(serials: pa.Array) -> pa.Array:
    """``serials.normalise`` of a column, vectorised; a serial with nothing left is null."""
    normal = normalise_column(serials)
    return pc.if_else(pc.equal(normal, ""), pa.scalar(None, pa.string()), normal)


def _json_text(column: pa.Array) -> pa.Array:
    """Each value as a JSON string literal (None stays None)."""
    if pc.any(pc.match_substring_regex(column, r"[\x00-\x1f\x7f]")).as_py():
        return pa.array([None if v is None else json.dumps(v, ensure_ascii=False) for v in column.to_pylist()])
    escaped = pc.replace_substring(pc.replace_substring(column, "\\", "\\\\"), '"', '\\"')
    return pc.binary_join_element_wise('"', escaped, '"', "")


def _attributes(extras: dict[str, pa.Array], n: int) -> pa.Array:
    """The columns no field takes, as one JSON object per row (null when a row has none of them)."""
    if not extras:
        return pa.nulls(n, pa.string())
    parts = []
    for name, column in extras.items():  # '"name": "value", ' where there is a value, '' where not
        present = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(column), ""), False)
        key = json.dumps(name, ensure_ascii=False) + ": "
        value = pc.binary_join_element_wise(key, _json_text(column), ", ", "")
        parts.append(pc.if_else(present, value, ""))
    inner = pc.replace_substring_regex(pc.binary_join_element_wise(*parts, ""), ", $", "")
    braced = pc.binary_join_element_wise("{", inner, "}", "")
    return pc.if_else(pc.equal(inner, ""), pa.scalar(None, pa.string()), braced)


def _incident_ids(ctx: ImportContext, codes: pa.Array, n: int) -> pa.Array:
    if ctx.incident_id is not None:
        return pa.nulls(n, pa.int64()).fill_null(ctx.incident_id)
    known = list(ctx.incident_codes)
    position = pc.index_in(codes, value_set=pa.array(known, pa.string()))
    return pc.take(pa.array([ctx.incident_codes[c] for c in known], pa.int64()), position)


def _identify(good: dict[str, pa.Array], n: int) -> pa.Array:
    """Identification of recovered items from their markings (the same markings are identified once)."""
    names = ("manufacturer", "model", "calibre", "markings", "country", "importer")
    values = [good[c].to_pylist() for c in names]
    known: dict[tuple[Any, ...], str | None] = {}
    out: list[str | None] = []
    for row in zip(*values, strict=True):
        if row not in known:
            record = {k: v for k, v in zip(names, row, strict=True) if v}
            known[row] = json.dumps(identify_record(record), ensure_ascii=False, default=str) if record else None
        out.append(known[row])
    return pa.array(out, pa.string())
