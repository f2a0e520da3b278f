"""Identification reference tables: CSV files shipped in this package, loaded as typed, validated rows.

Each table is a CSV file (UTF-8, header row, multi-valued cells separated by `|`) next to this module;
every row names its public source. `load_reference()` reads them once (cached) and checks every row:
a non-empty `source`, ISO 3166-1 alpha-2 country codes, the required columns filled, ids unique.
A bad row is an InputError naming file, line, field and reason, so a contributor adding a row sees
exactly what to fix. Extra directories holding tables with the same file names (an agency's own rows)
can be layered on top: `load_reference(extra=[Path("my-tables")])`.

See README.md in this directory for the columns of each table and how to add rows.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from armstrace.exceptions import InputError
from armstrace.values import ItemKind, choices

__all__ = [
    "COUNTRY_CODES",
    "HISTORIC_COUNTRY_CODES",
    "MAKER_RELATIONS",
    "MODEL_KINDS",
    "RELATIONS",
    "TABLES",
    "WEAPON_TYPES",
    "Calibre",
    "FactoryCode",
    "Headstamp",
    "ImportMark",
    "MakerRelation",
    "Manufacturer",
    "Model",
    "NsnCountry",
    "Place",
    "PropertyMark",
    "Reference",
    "load_reference",
    "load_table",
    "reference_dir",
]

# ISO 3166-1 alpha-2, officially assigned codes (249).
COUNTRY_CODES: frozenset[str] = frozenset(
    str.split(
        """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
    BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
    ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
    IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
    NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
    SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
    VG VI VN VU WF WS YE YT ZA ZM ZW
    """
    )
)
# Former states whose factories marked much of the surplus still in circulation (ISO 3166-3 codes,
# plus XK for Kosovo, user-assigned but used by the EU and INTERPOL). Accepted in tables and results.
HISTORIC_COUNTRY_CODES: frozenset[str] = frozenset({"SU", "YU", "CS", "DD", "XK"})
_VALID_COUNTRIES = COUNTRY_CODES | HISTORIC_COUNTRY_CODES


@dataclass(frozen=True)
class Manufacturer:
    manufacturer_id: str
    name: str
    country: str
    variants: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    founded: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class FactoryCode:
    code: str
    system: str
    manufacturer_id: str = ""
    country: str = ""
    marking_form: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class Headstamp:
    code: str
    manufacturer_id: str = ""
    manufacturer_name: str = ""
    country: str = ""
    calibres: tuple[str, ...] = ()
    years: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class ImportMark:
    importer: str
    country: str
    variants: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class NsnCountry:
    code: str
    country: str
    country_name: str = ""
    source: str = ""


@dataclass(frozen=True)
class PropertyMark:
    pattern: str
    meaning: str = ""
    country: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class Model:
    model: str
    aliases: tuple[str, ...] = ()
    manufacturer_id: str = ""
    family: str = ""
    calibre: str = ""
    weapon_type: str = ""
    country: str = ""
    kind: str = ""  # firearm, ammunition, ordnance, explosive
    relation: str = ""  # original, licence, copy, derivative (of `based_on`)
    based_on: str = ""  # the design this one is licensed from, copies or derives from
    makers: tuple[str, ...] = ()  # other manufacturer ids known to make it
    years: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class Calibre:
    calibre: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    source: str = ""


@dataclass(frozen=True)
class MakerRelation:
    """Two maker rows that name one business: a brand and its owner, a subsidiary and its parent, a successor.

    Reports name either (`Browning` for FN Herstal's brand, `Kalashnikov Concern` for the Izhevsk plants), so
    evaluation accepts either row of a pair, and identification lists the related row as an alternative.
    """

    manufacturer_id: str
    related_id: str
    relation: str
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class Place:
    """A province, region or town of a country investigators work in: a country named right after one of its own
    places is where an item was found, not where it was made (`AK-47, Kandahar, Afghanistan`)."""

    place: str
    country: str
    kind: str = ""
    source: str = ""


@dataclass(frozen=True)
class _Spec:
    """How one table is read: its row type, which columns must be filled, which are lists or countries."""

    row_type: type
    required: tuple[str, ...]
    countries: tuple[str, ...] = ("country",)
    key: str | None = None  # column whose values must be unique
    optional_country: tuple[str, ...] = ()


TABLES: dict[str, _Spec] = {
    "manufacturers": _Spec(Manufacturer, ("manufacturer_id", "name", "country"), key="manufacturer_id"),
    "factory_codes": _Spec(FactoryCode, ("code", "system"), countries=(), optional_country=("country",)),
    "headstamps": _Spec(Headstamp, ("code",), countries=(), optional_country=("country",)),
    "import_marks": _Spec(ImportMark, ("importer", "country")),
    "nsn_countries": _Spec(NsnCountry, ("code", "country"), key="code"),
    "property_marks": _Spec(PropertyMark, ("pattern",), countries=(), optional_country=("country",)),
    "models": _Spec(Model, ("model",), countries=(), optional_country=("country",)),
    "calibres": _Spec(Calibre, ("calibre",), countries=(), key="calibre"),
    "maker_relations": _Spec(MakerRelation, ("manufacturer_id", "related_id", "relation"), countries=()),
    "places": _Spec(Place, ("place", "country")),
}
MAKER_RELATIONS = frozenset({"brand_of", "subsidiary_of", "successor_of", "part_of"})

WEAPON_TYPES = frozenset(
    str.split(
        "rifle carbine pistol revolver machine_gun launcher shotgun submachine_gun grenade mortar other "
        "rocket missile fuze mine recoilless mortar_bomb cartridge charge bomb submunition detonator"
    )
)
MODEL_KINDS = frozenset(choices(ItemKind)) - {ItemKind.PACKAGING}
RELATIONS = frozenset({"original", "licence", "copy", "derivative"})

R = TypeVar("R")


def reference_dir() -> Path:
    """The directory holding the packaged tables."""
    return Path(__file__).resolve().parent


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def load_table(path: Path, name: str) -> tuple[Any, ...]:
    """Read and validate one table file; raises InputError naming file, line, field and reason."""
    spec = TABLES[name]
    names = [f.name for f in fields(spec.row_type)]
    list_cols = {f.name for f in fields(spec.row_type) if str(f.type).startswith("tuple")}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in (*spec.required, "source") if c not in header]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(names)}")
            rows: list[Any] = []
            seen: dict[str, int] = {}
            for raw in reader:
                line = reader.line_num
                if None in raw:  # an unquoted comma (in a URL, a note) would shift every later cell
                    raise InputError(
                        f"{path}:{line}: {len(header) + len(raw[None])} fields where the header has {len(header)}: "
                        "quote a cell that holds a comma"
                    )
                cells = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
                if not any(cells.values()):
                    continue
                _check_row(path, line, name, spec, cells, seen)
                values: dict[str, Any] = {}
                for col in names:
                    cell = cells.get(col, "")
                    values[col] = _split(cell) if col in list_cols else cell
                for col in (*spec.countries, *spec.optional_country):
                    if values.get(col):
                        values[col] = values[col].upper()
                rows.append(spec.row_type(**values))
    except OSError as exc:
        raise InputError(f"{path}: cannot read reference table: {exc.strerror or exc}") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable UTF-8 CSV table: {exc}") from exc
    return tuple(rows)


def _check_row(path: Path, line: int, name: str, spec: _Spec, cells: dict[str, str], seen: dict[str, int]) -> None:
    def bad(col: str, reason: str) -> InputError:
        return InputError(f"{path}:{line}: field {col!r}: {reason}")

    for col in spec.required:
        if not cells.get(col):
            raise bad(col, "is empty but required")
    if not cells.get("source"):
        raise bad("source", "every row must cite its public source (a URL or a full citation)")
    for col in (*spec.countries, *spec.optional_country):
        value = cells.get(col, "").upper()
        if (value or col in spec.countries) and value not in _VALID_COUNTRIES:
            raise bad(col, f"{cells.get(col)!r} is not an ISO 3166-1 alpha-2 country code")
    if name == "models" and cells.get("weapon_type") and cells["weapon_type"] not in WEAPON_TYPES:
        raise bad("weapon_type", f"{cells['weapon_type']!r} is not one of {', '.join(sorted(WEAPON_TYPES))}")
    if name == "models" and cells.get("kind") and cells["kind"] not in MODEL_KINDS:
        raise bad("kind", f"{cells['kind']!r} is not one of {', '.join(sorted(MODEL_KINDS))}")
    if name == "maker_relations" and cells["relation"] not in MAKER_RELATIONS:
        raise bad("relation", f"{cells['relation']!r} is not one of {', '.join(sorted(MAKER_RELATIONS))}")
    if name == "models" and cells.get("relation") and cells["relation"] not in RELATIONS:
        raise bad("relation", f"{cells['relation']!r} is not one of {', '.join(sorted(RELATIONS))}")
    if name == "models":  # one row per designation and maker: a second would split its aliases and facts
        pair = f"{cells['model'].lower()}\x00{cells.get('manufacturer_id', '').lower()}"
        if pair in seen:
            raise bad(
                "model",
                f"{cells['model']!r} of {cells.get('manufacturer_id') or 'no maker'!r} "
                f"already defined on line {seen[pair]}",
            )
        seen[pair] = line
    if spec.key:
        key = cells[spec.key].lower()
        if key in seen:
            raise bad(spec.key, f"{cells[spec.key]!r} already defined on line {seen[key]}")
        seen[key] = line


@dataclass(frozen=True, eq=False)
class Reference:
    """All identification tables, loaded and validated; lookups by id are built once.

    Compared and hashed by identity (`eq=False`): the engine caches its indexes per Reference, and hashing
    thousands of rows on every lookup would cost more than identifying the marking.
    """

    manufacturers: tuple[Manufacturer, ...] = ()
    factory_codes: tuple[FactoryCode, ...] = ()
    headstamps: tuple[Headstamp, ...] = ()
    import_marks: tuple[ImportMark, ...] = ()
    nsn_countries: tuple[NsnCountry, ...] = ()
    property_marks: tuple[PropertyMark, ...] = ()
    models: tuple[Model, ...] = ()
    calibres: tuple[Calibre, ...] = ()
    maker_relations: tuple[MakerRelation, ...] = ()
    places: tuple[Place, ...] = ()
    missing: tuple[str, ...] = ()
    _by_id: dict[str, Manufacturer] = field(default_factory=dict, repr=False, compare=False)

    def manufacturer(self, manufacturer_id: str) -> Manufacturer | None:
        """The manufacturer row with this id (case-insensitive), or None."""
        if not self._by_id:
            self._by_id.update({m.manufacturer_id.lower(): m for m in self.manufacturers})
        return self._by_id.get(manufacturer_id.lower()) if manufacturer_id else None

    def related_makers(self, manufacturer_id: str) -> tuple[str, ...]:
        """Ids of the rows `maker_relations.csv` ties to this one, either way (a brand and its owner)."""
        mid = manufacturer_id.lower()
        out = [r.related_id for r in self.maker_relations if r.manufacturer_id.lower() == mid]
        out += [r.manufacturer_id for r in self.maker_relations if r.related_id.lower() == mid]
        return tuple(dict.fromkeys(out))

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in TABLES}

    def check_links(self) -> list[str]:
        """Cross-table problems: ids that name no manufacturer, calibres that are not standard names."""
        problems: list[str] = []
        calibres = {c.calibre for c in self.calibres}
        for table in ("factory_codes", "headstamps", "models"):
            for row in getattr(self, table):
                mid = getattr(row, "manufacturer_id", "")
                if mid and self.manufacturer(mid) is None:
                    problems.append(f"{table}: {_label(row)}: manufacturer_id {mid!r} is not in manufacturers")
        for rel in self.maker_relations:
            for mid in (rel.manufacturer_id, rel.related_id):
                if self.manufacturer(mid) is None:
                    problems.append(f"maker_relations: {rel.manufacturer_id}: {mid!r} is not in manufacturers")
        for model in self.models:
            for mid in model.makers:
                if self.manufacturer(mid) is None:
                    problems.append(f"models: {model.model}: maker {mid!r} is not in manufacturers")
        if calibres:
            for model in self.models:
                if model.calibre and model.calibre not in calibres:
                    problems.append(f"models: {model.model}: calibre {model.calibre!r} is not in calibres")
            for stamp in self.headstamps:
                for cal in stamp.calibres:
                    if cal not in calibres:
                        problems.append(f"headstamps: {stamp.code}: calibre {cal!r} is not in calibres")
        return problems


def _label(row: Any) -> str:
    return str(getattr(row, "code", None) or getattr(row, "model", None) or row)


def load_reference(directory: Path | None = None, extra: Sequence[Path] = ()) -> Reference:
    """The validated tables from `directory` (default: the packaged ones) plus rows from `extra` dirs.

    Cached: repeated calls with the same arguments return the same object.
    """
    return _load(directory.resolve() if directory else reference_dir(), tuple(p.resolve() for p in extra))


@functools.lru_cache(maxsize=8)
def _load(directory: Path, extra: tuple[Path, ...]) -> Reference:
    tables: dict[str, tuple[Any, ...]] = {}
    missing: list[str] = []
    for name in TABLES:
        rows: list[Any] = []
        found = False
        for folder in (directory, *extra):
            path = folder / f"{name}.csv"
            if path.is_file():
                found = True
                rows.extend(load_table(path, name))
        if not found:
            missing.append(name)
        tables[name] = tuple(_dedupe(rows))
    return Reference(**tables, missing=tuple(missing))  # type: ignore[arg-type]


def _dedupe(rows: Iterable[R]) -> list[R]:
    """Later rows (from extra directories) override earlier ones with the same key."""
    out: dict[Any, R] = {}
    for row in rows:
        key = getattr(row, "manufacturer_id", None) if isinstance(row, Manufacturer) else id(row)
        if isinstance(row, NsnCountry | Calibre):
            key = (type(row).__name__, getattr(row, "code", None) or getattr(row, "calibre", None))
        out[key] = row
    return list(out.values())
