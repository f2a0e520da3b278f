"""Import a file into the workspace: validate every row, keep every good one, quarantine the rest.

The guarantees an investigator relies on:
- every good row is stored, every bad row is written to a quarantine CSV (line, field, reason, the
  original values) and counted;
- the import is one transaction: a crash or an error leaves no half import;
- re-importing the same file adds nothing: each row carries a content hash, unique within its source
  (identical lines in one file are told apart by their occurrence, so none is lost);
- bulk paths: Arrow columns validated and hashed whole, written by the ADBC driver and copied with
  INSERT … SELECT on SQLite, streamed through COPY on PostgreSQL; never a Python object per value.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.exceptions import ImportFileError, InputError, NotFoundError, QuerySyntaxError
from armstrace.linkage.keys import normalise_column
from armstrace.linkage.range_rows import range_fault
from armstrace.model import Incident, Source, utcnow
from armstrace.serials import MAX_SERIAL_LENGTH, parse_query
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS
from armstrace.store import Workspace
from armstrace.store.contention import busy_error, is_busy
from armstrace.values import MAX_CELL_LENGTH, Visibility, choices

from . import writer
from .batch import Batch
from .fields import KINDS, Field, validate
from .rowhash import HashSet
from .sink import Sink, check_parents_once, existing_hashes, open_sink, serialise_imports
from .tabular import count_rows, detect_format, read_batches

__all__ = ["ImportContext", "ImportSummary", "import_file"]

Progress = Callable[[int], None]
Quarantined = tuple[int, str, str, dict[str, str | None]]


@dataclass
class ImportSummary:
    kind: str
    file: str
    rows: int = 0
    inserted: int = 0
    already_present: int = 0
    quarantined: int = 0
    quarantine_file: str | None = None
    seconds: float = 0.0
    source: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rows_per_second": round(self.rows_per_second)}


@dataclass
class ImportContext:
    kind: str
    agency_id: int
    visibility: str
    sink: Sink
    source_id: int | None = None
    incident_id: int | None = None  # --incident given
    incident_codes: dict[str, int] = field(default_factory=dict)  # code -> id, for per-row incident_id
    hashes: HashSet = field(default_factory=HashSet)  # row hashes given out in this import
    existing: HashSet | None = None  # row hashes the source had before this import
    synthetic: bool = False  # any stored row is marked synthetic
    recovery_keys: set[tuple[int | None, str]] = field(default_factory=set)  # (incident, recovery_id) seen
    #: per date field: [dates given only to the month or year, line and text of the first one]
    partial_dates: dict[str, list[Any]] = field(default_factory=dict)
    max_range_items: int = DEFAULT_MAX_RANGE_ITEMS  # a range row claiming more numbers is quarantined


def import_file(
    ws: Workspace,
    kind: str,
    path: str | Path,
    *,
    source: str | None = None,
    incident: str | None = None,
    mapping: dict[str, str] | None = None,
    visibility: str = "private",
    quarantine: str | Path | None = None,
    provenance: str | None = None,
    progress: Progress | None = None,
    total: Callable[[int | None], None] | None = None,
    stored: Progress | None = None,
    wait: float | None = None,
    waiting: Callable[[], None] | None = None,
) -> ImportSummary:
    """Import ``path`` as ``kind`` (registry, transfers, incidents, recoveries) for the acting agency.

    ``progress`` is told how many rows were read and checked, ``stored`` how many were written (on
    SQLite the rows are written after all are checked, on PostgreSQL as they are checked). On PostgreSQL
    imports take turns: ``waiting`` is told when this one waits for another, for at most ``wait`` seconds
    (``None``: until the other ends; past ``wait`` a ``BusyError``).
    """
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
    if visibility not in choices(Visibility):
        raise InputError(f"visibility must be private, shared or public, not {visibility!r}")
    if kind in ("registry", "transfers") and not source:
        raise InputError(f"importing {kind} needs --source NAME (the dataset the rows come from)")
    path = Path(path)
    fmt = detect_format(path)
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file" if not path.exists() else f"{path}: is not a file")
    specs = KINDS[kind]
    rename = _mapping(mapping or {}, specs)
    summary = ImportSummary(kind=kind, file=str(path), source=source)
    quarantine_path = Path(quarantine) if quarantine else Path.cwd() / f"{path.stem}.quarantine.csv"
    bad_rows: list[Quarantined] = []
    started = time.perf_counter()
    expected = count_rows(path, fmt)
    if total:
        total(expected)
    agency = ws.agency()
    target = writer.TARGETS[kind]
    sink: Sink | None = None
    try:
        with ws.session() as session, _no_gc():
            check_parents_once(session)  # SQLite: before the transaction begins
            serialise_imports(session, wait, waiting)
            source_id = _source(session, agency.id, source, kind, provenance, visibility) if source else None
            constants: dict[str, Any] = {"agency_id": agency.id, "visibility": visibility}
            if source_id is not None and target.sourced:
                constants["source_id"] = source_id
            if kind != "transfers":
                constants["created_at"] = utcnow().isoformat(sep=" ")
            existing = existing_hashes(session, target, source_id) if source_id and target.sourced else None
            # the file's size tells how many rows will be new only when its source has none yet
            sink = open_sink(session, target, constants, expected if not existing else None, stored)
            ctx = ImportContext(kind, agency.id, visibility, sink, source_id=source_id, existing=existing)
            ctx.max_range_items = ws.settings.max_range_items
            if kind == "recoveries":
                _incidents(session, ctx, incident)
            error: BaseException | None = None
            try:
                header = _read(path, fmt, ctx, rename, specs, incident, summary, bad_rows, progress)
                summary.inserted = sink.finish(stored)
            except BaseException as exc:
                error = exc
                raise
            finally:
                sink.end(error)
            summary.quarantined = len(bad_rows)
            if ctx.synthetic and ctx.source_id is not None:  # reports label a source made of synthetic rows
                source_row = session.get(Source, ctx.source_id)
                if source_row is not None:
                    source_row.synthetic = True
            summary.already_present = summary.rows - summary.inserted - summary.quarantined
            summary.warnings.extend(_date_warnings(ctx))
            if bad_rows:
                _write_quarantine(quarantine_path, header, bad_rows)
                summary.quarantine_file = str(quarantine_path)
                summary.warnings.extend(_advice(bad_rows, summary.rows))
            summary.seconds = time.perf_counter() - started
            audit.record(
                session, actor=ws.settings.user, agency_id=agency.id, action=f"import.{kind}",
                entity="source" if ctx.source_id else None, entity_id=ctx.source_id,
                detail={"file": path.name, "sha256": _file_hash(path), "rows": summary.rows,
                        "inserted": summary.inserted, "quarantined": summary.quarantined},
            )  # fmt: skip
    except Exception as exc:
        if is_busy(exc):  # another import or a reader holds what this one needs: one line, try again later
            raise busy_error(exc, ws.settings.busy_timeout) from exc
        raise
    finally:
        if sink is not None:
            sink.close()
    return summary


def _read(
    path: Path,
    fmt: str,
    ctx: ImportContext,
    rename: dict[str, str],
    specs: list[Field],
    incident: str | None,
    summary: ImportSummary,
    bad_rows: list[Quarantined],
    progress: Progress | None,
) -> list[str]:
    """Read, check and stage every batch of the file; returns its header."""
    header: list[str] | None = None
    for batch in read_batches(path, fmt):
        if header is None:
            header = list(batch.header)
            _check_columns(path, header, rename, specs, ctx.kind, incident)
        header.extend(name for name in batch.header[len(header) :])  # JSON Lines: keys seen later
        summary.rows += len(batch) + len(batch.malformed)
        for malformed in batch.malformed:
            bad_rows.append((malformed.line, malformed.field, malformed.reason, {"raw": malformed.raw}))
        if len(batch):
            bad_rows.extend(_load(ctx, batch, rename, specs))
        if progress:
            progress(len(batch) + len(batch.malformed))
    return header or []


def _advice(bad_rows: list[Quarantined], rows: int) -> list[str]:
    """One line of advice when most bad rows share a cause the user can fix at once."""
    encoding = sum(1 for _, _, reason, _ in bad_rows if "not valid UTF-8" in reason)
    if encoding and encoding >= len(bad_rows) // 2:
        return [f"{encoding} row(s) are not UTF-8 text: save the file as UTF-8 (e.g. 'CSV UTF-8' in Excel) "
                "and import it again; the rows already stored are skipped"]  # fmt: skip
    return []


@contextmanager
def _no_gc() -> Iterator[None]:
    """Many short-lived objects (quarantine rows, Arrow wrappers) make the cyclic collector run for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _mapping(mapping: dict[str, str], specs: list[Field]) -> dict[str, str]:
    """--map field=COLUMN, checked against the fields this kind has."""
    names = {s.name for s in specs}
    for target in mapping:
        if target not in names:
            raise InputError(f"--map {target}=…: {target!r} is not a field here; fields: {', '.join(sorted(names))}")
    return {column: target for target, column in mapping.items()}


def _check_columns(
    path: Path, header: list[str], rename: dict[str, str], specs: list[Field], kind: str, incident: str | None
) -> None:
    for column in rename:
        if column not in header:
            raise ImportFileError(
                f"{path}: --map names column {column!r}, which the file does not have; "
                f"its columns are: {', '.join(header)}"
            )
    present = {rename.get(c, c) for c in header}
    required = [s.name for s in specs if s.required]
    if kind == "recoveries":
        required.append("serial")
        if incident is None:
            required.append("incident_id")
    missing = [name for name in required if name not in present]
    if missing:
        raise ImportFileError(
            f"{path}: no column for required field(s) {', '.join(missing)}; the file has: {', '.join(header)}. "
            "Name a column with --map FIELD=COLUMN"
        )


def _source(session: Session, agency_id: int, name: str, kind: str, provenance: str | None, visibility: str) -> int:
    found = session.scalar(select(Source).where(Source.agency_id == agency_id, Source.name == name))
    if found is None:
        found = Source(agency_id=agency_id, name=name, kind=kind, provenance=provenance, visibility=visibility)
        session.add(found)
        session.flush()
    elif found.kind != kind:
        raise InputError(f"source {name!r} holds {found.kind}, not {kind}: choose another --source name")
    return found.id


def _incidents(session: Session, ctx: ImportContext, code: str | None) -> None:
    rows = session.execute(select(Incident.code, Incident.id).where(Incident.agency_id == ctx.agency_id))
    ctx.incident_codes = {code: id_ for code, id_ in rows}
    if code is not None:
        if code not in ctx.incident_codes:
            raise NotFoundError(
                f"no incident {code!r}: record it first with `armstrace incident add {code} …` "
                "or `armstrace import incidents FILE`"
            )
        ctx.incident_id = ctx.incident_codes[code]


def _load(ctx: ImportContext, batch: Batch, rename: dict[str, str], specs: list[Field]) -> list[Quarantined]:
    """Validate one batch column by column, stage the good rows, and return the bad ones with reasons."""
    n = len(batch)
    arrays: dict[str, pa.Array] = {}
    by_name = {s.name: s for s in specs}
    faults: list[tuple[str, np.ndarray, str]] = []
    faulty: dict[str, np.ndarray] = {}  # per field, rows whose value is there but not usable
    for column, mask, reason in batch.faults:
        name = rename.get(column, column)
        faults.append((name, mask, reason))
        faulty[name] = mask
    extras = [c for c in batch.columns if rename.get(c, c) not in by_name]
    for column, values in batch.columns.items():
        name = rename.get(column, column)
        if name in by_name:
            checked = validate(values, by_name[name])
            arrays[name] = checked.values
            wrong = _mask(checked.bad)
            if by_name[name].kind == "date":
                _note_partial_dates(ctx, name, values, wrong, batch.lines)
            faults.append((name, wrong, checked.reason))
            faulty[name] = faulty[name] | wrong if name in faulty else wrong
    for spec in specs:
        if spec.required:
            missing = np.ones(n, dtype=bool) if spec.name not in arrays else _mask(pc.is_null(arrays[spec.name]))
            if spec.name in faulty:  # a value that is there but wrong is reported as such
                missing &= ~faulty[spec.name]
            faults.append((spec.name, missing, "required, but empty"))
    faults += _oversized({rename.get(c, c): v for c, v in batch.columns.items()})
    if ctx.kind == "recoveries":
        _recovery_checks(ctx, arrays, faults, n)
    if "serial" in arrays and "serial_end" in arrays:
        for mask, reason in _bad_ranges(arrays["serial"], arrays["serial_end"], n, ctx.max_range_items):
            faults.append(("serial_end", mask, reason))
    bad = np.zeros(n, dtype=bool)
    for _, mask, _ in faults:
        bad |= mask
    if ctx.kind == "recoveries":  # after every other check, so that a bad row does not claim its id
        faults.append(("recovery_id", _repeated_recoveries(ctx, arrays, bad, n), _REPEATED))
        bad |= faults[-1][1]
    quarantined: list[Quarantined] = []
    if bad.any():
        rows = np.flatnonzero(bad)
        reasons: dict[int, list[tuple[str, str]]] = {}
        for name, mask, reason in faults:
            for i in np.flatnonzero(mask[rows]).tolist():
                reasons.setdefault(i, []).append((name, reason))
        lines = batch.lines[rows].tolist()
        for j, original in enumerate(batch.originals(rows)):
            problems = reasons[j]
            fields = "; ".join(dict.fromkeys(p[0] for p in problems))
            quarantined.append((lines[j], fields, "; ".join(f"{f}: {r}" for f, r in problems), original))
        keep = pa.array(~bad)
        arrays = {name: array.filter(keep) for name, array in arrays.items()}
        extra_values = {c: batch.columns[c].filter(keep) for c in extras}
    else:
        extra_values = {c: batch.columns[c] for c in extras}
    writer.write(ctx, arrays, extra_values, int(n - bad.sum()))
    return quarantined


def _bad_ranges(serial: pa.Array, end: pa.Array, n: int, limit: int) -> list[tuple[np.ndarray, str]]:
    """Rows whose range (``serial`` … ``serial_end``) the matcher would refuse (too wide to index, or more than
    ``limit`` numbers), by reason: refused here rather than stored to break every later search."""
    out: dict[str, np.ndarray] = {}
    rows = np.flatnonzero(_mask(pc.and_(pc.is_valid(serial), pc.is_valid(end))))
    if len(rows):
        take = pa.array(rows)
        starts = normalise_column(pc.take(serial, take)).to_pylist()
        ends = normalise_column(pc.take(end, take)).to_pylist()
        for i, a, b in zip(rows.tolist(), starts, ends, strict=True):
            fault = range_fault(a or "", b or "", limit)
            if fault is not None:
                out.setdefault(fault, np.zeros(n, dtype=bool))[i] = True
    return [(mask, reason) for reason, mask in out.items()]


def _oversized(columns: dict[str, pa.Array]) -> list[tuple[str, np.ndarray, str]]:
    """Cells longer than a serial or a text cell can be (``MAX_SERIAL_LENGTH``, ``MAX_CELL_LENGTH``: a pasted
    document, which matching and identification would work on for minutes), and serials with control
    characters."""
    out = []
    for name, values in columns.items():
        if not pa.types.is_string(values.type):
            continue
        limit = MAX_SERIAL_LENGTH if name in ("serial", "serial_end") else MAX_CELL_LENGTH
        long = _mask(pc.greater(pc.utf8_length(values), limit))
        if long.any():
            out.append((name, long, f"longer than {limit:,} characters"))
        if name in ("serial", "serial_end"):  # `W12<NUL>34567` would agree exactly with W1234567
            control = _mask(pc.match_substring_regex(values, r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"))
            if control.any():
                out.append((name, control, "holds a control character (a damaged file?)"))
    return out


def _mask(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow column as a NumPy mask (null counts as False)."""
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _recovery_checks(
    ctx: ImportContext, arrays: dict[str, pa.Array], faults: list[tuple[str, np.ndarray, str]], n: int
) -> None:
    serial = arrays.get("serial", pa.nulls(n, pa.string()))
    obliterated = pc.fill_null(arrays.get("obliterated", pa.nulls(n, pa.bool_())), False)
    faults.append(
        ("serial", _mask(pc.and_(pc.is_null(serial), pc.invert(obliterated))), "required unless obliterated is true")
    )
    faults.append(("serial", *_serial_syntax(serial)))
    if ctx.incident_id is None:
        codes = arrays.get("incident_id", pa.nulls(n, pa.string()))
        known = pc.is_in(codes, value_set=pa.array(list(ctx.incident_codes), pa.string()))
        faults.append(
            (
                "incident_id",
                _mask(pc.and_(pc.is_valid(codes), pc.invert(known))),
                "no such incident in this workspace: import or add the incident first",
            )
        )


_REPEATED = "appears on an earlier line for the same incident: a recovery_id is unique in its incident"


def _repeated_recoveries(ctx: ImportContext, arrays: dict[str, pa.Array], bad: np.ndarray, n: int) -> np.ndarray:
    """Rows whose (incident, recovery_id) an earlier good row of this import already took."""
    codes = arrays.get("recovery_id", pa.nulls(n, pa.string())).to_pylist()
    if ctx.incident_id is not None:
        incidents: list[Any] = [ctx.incident_id] * n
    else:
        incidents = arrays.get("incident_id", pa.nulls(n, pa.string())).to_pylist()
    repeated = np.zeros(n, dtype=bool)
    for i, (incident, code) in enumerate(zip(incidents, codes, strict=True)):
        if bad[i] or code is None:
            continue
        key = (incident, str(code).strip())
        if key in ctx.recovery_keys:
            repeated[i] = True
        else:
            ctx.recovery_keys.add(key)
    return repeated


def _serial_syntax(serial: pa.Array) -> tuple[np.ndarray, str]:
    """Serials as read whose query syntax (`?`, `*`, `[38]`) does not parse: they could never be matched."""
    wrong = np.zeros(len(serial), dtype=bool)
    suspect = _mask(pc.match_substring_regex(serial, r"[\[\]]"))
    for i in np.flatnonzero(suspect).tolist():
        try:
            parse_query(serial[i].as_py())
        except QuerySyntaxError:
            wrong[i] = True
    return wrong, "query syntax does not parse: `[38]` is one of the characters listed, `?` one unknown, `*` a run"


def _note_partial_dates(ctx: ImportContext, name: str, values: pa.Array, wrong: np.ndarray, lines: np.ndarray) -> None:
    """Count dates given only to the month or the year, which are stored as the first day of that period."""
    partial = _mask(pc.match_substring_regex(pc.utf8_trim_whitespace(values), r"^\d{4}(-\d{2})?$")) & ~wrong
    if partial.any():
        first = int(np.flatnonzero(partial)[0])
        note = ctx.partial_dates.setdefault(name, [0, int(lines[first]), str(values[first].as_py()).strip()])
        note[0] += int(partial.sum())


def _date_warnings(ctx: ImportContext) -> list[str]:
    return [
        f"{count} {name} value(s) give only a month or a year (e.g. line {line}: {text}): stored as the first day "
        "of that month or year, so the day shown is not known"
        for name, (count, line, text) in ctx.partial_dates.items()
    ]


def _write_quarantine(
    path: Path, header: list[str], rows: Iterable[tuple[int, str, str, dict[str, str | None]]]
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(header)
    # surrogateescape writes undecodable bytes back exactly as they were in the file: nothing is lost
    with path.open("w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        out = csv.writer(f)
        out.writerow(["line", "field", "reason", *columns, "raw"])
        for line, field_name, reason, original in sorted(rows, key=lambda r: r[0]):
            out.writerow([line, field_name, reason, *[original.get(c) or "" for c in columns], original.get("raw", "")])


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()
