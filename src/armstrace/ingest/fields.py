"""The fields of each kind of file, and their validation, done a column at a time with PyArrow.

Each validator takes a column of text and returns the typed column and a mask of the rows whose value
is wrong, with the reason. Working on whole columns keeps import fast; only faulty rows are looked at
one by one, to write their reasons into the quarantine file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from armstrace.exceptions import InputError
from armstrace.values import LATITUDE, LONGITUDE, QUANTITY, YEARS, HolderStatus, IncidentKind, WeaponType, choices

__all__ = ["KINDS", "STATUSES", "WEAPON_TYPES", "Field", "Validated", "check_values", "validate"]

WEAPON_TYPES = choices(WeaponType)
WEAPON_SYNONYMS = {
    "assault_rifle": "rifle", "sniper_rifle": "rifle", "battle_rifle": "rifle", "handgun": "pistol",
    "light_machine_gun": "machine_gun", "lmg": "machine_gun", "mg": "machine_gun", "gpmg": "machine_gun",
    "heavy_machine_gun": "machine_gun", "smg": "submachine_gun", "grenade_launcher": "launcher",
    "rocket_launcher": "launcher", "rpg": "launcher", "ammo": "ammunition", "cartridge": "ammunition",
}  # fmt: skip
STATUSES = choices(HolderStatus)
INCIDENT_KINDS = choices(IncidentKind)
_SYNONYM_KEYS = pa.array(list(WEAPON_SYNONYMS), pa.string())
_SYNONYM_VALUES = pa.array(list(WEAPON_SYNONYMS.values()), pa.string())
TRUE = ("true", "t", "yes", "y", "1")
FALSE = ("false", "f", "no", "n", "0")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text, code, int, date, bool, country, float, enum
    required: bool = False
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


_COMMON_ITEM = [
    Field("serial_end"), Field("quantity", "int", low=QUANTITY.low, high=QUANTITY.high), Field("manufacturer"),
    Field("model"), Field("weapon_type", "enum", choices=WEAPON_TYPES),
]  # fmt: skip
KINDS: dict[str, list[Field]] = {
    "registry": [
        Field("record_id", "code", required=True), Field("serial", required=True), *_COMMON_ITEM,
        Field("calibre"), Field("country", "country"), Field("year", "int", low=YEARS.low, high=YEARS.high),
        Field("nsn"), Field("lot"), Field("markings"), Field("status", "enum", choices=STATUSES),
        Field("holder"), Field("holder_country", "country"), Field("date", "date"), Field("synthetic", "bool"),
    ],
    "transfers": [
        Field("transfer_id", "code", required=True), Field("record_id", "code"), Field("serial"), *_COMMON_ITEM,
        Field("from_holder", required=True), Field("from_country", "country"),
        Field("to_holder", required=True), Field("to_country", "country"), Field("date", "date", required=True),
        Field("document_ref"), Field("legal", "bool"), Field("synthetic", "bool"),
    ],
    "incidents": [
        Field("incident_id", "code", required=True), Field("date", "date", required=True),
        Field("country", "country", required=True), Field("admin1"), Field("admin2"), Field("place"),
        Field("latitude", "float", low=LATITUDE.low, high=LATITUDE.high),
        Field("longitude", "float", low=LONGITUDE.low, high=LONGITUDE.high),
        Field("kind", "enum", choices=INCIDENT_KINDS), Field("title"), Field("description"),
        Field("synthetic", "bool"),
    ],
    "recoveries": [
        Field("recovery_id", "code", required=True), Field("incident_id", "code"), Field("serial"),
        Field("obliterated", "bool"), Field("manufacturer"), Field("model"), Field("calibre"),
        Field("weapon_type", "enum", choices=WEAPON_TYPES), Field("country", "country"),
        Field("year", "int", low=YEARS.low, high=YEARS.high), Field("markings"), Field("importer"), Field("condition"),
        Field("synthetic", "bool"),
    ],
}  # fmt: skip


@dataclass
class Validated:
    values: pa.Array  # typed: string, int64, float64, bool, or ISO date text
    bad: pa.Array  # bool mask: the value is present and wrong
    reason: str


def _clean(column: pa.Array) -> pa.Array:
    """Trimmed text with empty cells as null."""
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _matches(column: pa.Array, pattern: str) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(column, pattern), False)


def _int(column: pa.Array, spec: Field) -> Validated:
    shape = _matches(column, r"^[+-]?\d{1,12}(\.0+)?$")
    numbers = pc.cast(pc.if_else(shape, pc.replace_substring_regex(column, r"\.0+$", ""), None), pa.int64())
    bad = pc.or_(pc.and_(pc.is_valid(column), pc.invert(shape)), _outside(numbers, spec))
    return Validated(numbers, bad, f"not a whole number{_range_text(spec)}")


def _float(column: pa.Array, spec: Field) -> Validated:
    shape = _matches(column, r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
    numbers = pc.cast(pc.if_else(shape, column, None), pa.float64())
    bad = pc.or_(pc.and_(pc.is_valid(column), pc.invert(shape)), _outside(numbers, spec))
    return Validated(numbers, bad, f"not a number{_range_text(spec)}")


def _outside(numbers: pa.Array, spec: Field) -> pa.Array:
    out = pc.less(numbers, spec.low if spec.low is not None else float("-inf"))
    if spec.high is not None:
        out = pc.or_(out, pc.greater(numbers, spec.high))
    return pc.fill_null(out, False)


def _range_text(spec: Field) -> str:
    return f" between {spec.low:g} and {spec.high:g}" if spec.low is not None and spec.high is not None else ""


def _date(column: pa.Array, spec: Field) -> Validated:
    # Full dates, year-months and years (record keeping often knows only the year); times are dropped.
    head = pc.replace_substring_regex(column, r"^(\d{4}-\d{2}-\d{2})[T ][0-9:.+Z-]*$", r"\1")
    full = pc.if_else(_matches(head, r"^\d{4}-\d{2}$"), pc.binary_join_element_wise(head, "01", "-"), head)
    full = pc.if_else(_matches(full, r"^\d{4}$"), pc.binary_join_element_wise(full, "01-01", "-"), full)
    parsed = pc.strptime(
        pc.if_else(_matches(full, r"^\d{4}-\d{2}-\d{2}$"), full, None), format="%Y-%m-%d", unit="s", error_is_null=True
    )
    text = pc.strftime(parsed, format="%Y-%m-%d")
    years = pc.year(parsed)
    wrong = pc.or_(pc.not_equal(text, full), pc.or_(pc.less(years, YEARS.low), pc.greater(years, YEARS.high)))
    bad = pc.and_(pc.is_valid(column), pc.fill_null(wrong, True))  # 2018-02-30 does not come back the same
    text = pc.if_else(bad, None, text)
    return Validated(text, bad, "not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)")


def _bool(column: pa.Array, spec: Field) -> Validated:
    low = pc.utf8_lower(column)
    truth = pc.is_in(low, value_set=pa.array(TRUE))
    bad = pc.and_(pc.is_valid(column), pc.invert(pc.or_(truth, pc.is_in(low, value_set=pa.array(FALSE)))))
    return Validated(pc.if_else(pc.is_valid(column), truth, None), bad, "not true/false (or yes/no, 1/0)")


def _country(column: pa.Array, spec: Field) -> Validated:
    upper = pc.utf8_upper(column)
    bad = pc.and_(pc.is_valid(column), pc.invert(_matches(upper, r"^[A-Z]{2}$")))
    return Validated(pc.if_else(bad, None, upper), bad, "not an ISO 3166-1 alpha-2 country code (e.g. PK, US)")


def _enum(column: pa.Array, spec: Field) -> Validated:
    key = pc.replace_substring_regex(pc.utf8_lower(column), r"[\s\-/]+", "_")
    if spec.name == "weapon_type":  # synonyms to the standard word, in one vectorised lookup
        synonym = pc.index_in(key, value_set=_SYNONYM_KEYS)
        key = pc.coalesce(pc.take(_SYNONYM_VALUES, synonym), key)
    bad = pc.and_(pc.is_valid(column), pc.invert(pc.is_in(key, value_set=pa.array(spec.choices))))
    return Validated(pc.if_else(bad, None, key), bad, f"not one of: {', '.join(spec.choices)}")


#: control characters (C0, DEL, C1, line and paragraph separators) have no place in an identifier: in a
#: file name or a header they split lines or inject parameters (RE2 syntax, for PyArrow)
CONTROL = r"[\x00-\x1f\x7f-\x9f\x{2028}\x{2029}]"


def _code(column: pa.Array, spec: Field) -> Validated:
    bad = _matches(column, CONTROL)
    reason = "an identifier may not hold control characters (CR, LF, tab …)"
    return Validated(pc.if_else(bad, None, column), bad, reason)


def _text(column: pa.Array, spec: Field) -> Validated:
    return Validated(column, pa.nulls(len(column), pa.bool_()).fill_null(False), "")


VALIDATORS: dict[str, Callable[[pa.Array, Field], Validated]] = {
    "text": _text, "code": _code, "int": _int, "float": _float, "date": _date, "bool": _bool, "country": _country,
    "enum": _enum,
}  # fmt: skip


def validate(column: pa.Array, spec: Field) -> Validated:
    """Typed values and the faulty rows of one column (required-ness is checked by the caller).

    Dates, numbers, codes and choices repeat a lot in a file: their distinct values are checked once
    and the results spread back to every row, which makes the regular expressions cheap.
    """
    if spec.kind != "text" and len(column) > 64 and _repeats(column):
        encoded = pc.dictionary_encode(column)
        if len(encoded.dictionary) * 4 <= len(column):
            checked = VALIDATORS[spec.kind](_clean(encoded.dictionary), spec)
            return Validated(
                pc.take(checked.values, encoded.indices),
                pc.fill_null(pc.take(checked.bad, encoded.indices), False),
                checked.reason,
            )
    return VALIDATORS[spec.kind](_clean(column), spec)


_SAMPLE = 1024


def _repeats(column: pa.Array) -> bool:
    """Whether the column's first values repeat enough for checking its distinct values to pay: an
    identifier column (record ids, all distinct) would build a dictionary as large as itself for nothing."""
    sample = column.slice(0, _SAMPLE)
    return int(pc.count_distinct(sample, mode="all").as_py()) * 4 <= len(sample)


def check_values(kind: str, values: Mapping[str, Any], names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One record's values checked by a file import's rules for ``kind`` (fields without a rule pass as they
    are); ``names`` maps a key to the import's column name (``code`` → ``incident_id``). Typed values back,
    or one InputError naming every wrong field, so every way in (file, CLI, API, sync) refuses the same."""
    specs = {f.name: f for f in KINDS[kind]}
    names = names or {}
    out: dict[str, Any] = {}
    problems = []
    for key, value in values.items():
        spec = specs.get(names.get(key, key))
        if spec is None or value is None or isinstance(value, (dict, list)):
            out[key] = value
            continue
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        checked = validate(pa.array([text], pa.string()), spec)
        if checked.bad[0].as_py():
            problems.append(f"{key}: {checked.reason} (got {value!r})")
        out[key] = checked.values[0].as_py()
    if problems:
        raise InputError("; ".join(problems))
    return out
