"""What the executors run in the Spark cross-check (``spark.xref_spark`` drives them): pass 0 cuts the
registry into shard files and builds each shard's matcher, pass 1 asks the shards for a partition's
candidates, pass 2 scores a partition of readings with the local engine's code, pass 3 turns them into rows.

Every function here is pickled by reference into the workers: module-level, taking plain values.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from armstrace.exceptions import ImportFileError
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS

from . import xref
from .em import em_features
from .input_checks import refuse_bad_rows
from .matcher import REGISTRY_REQUIRED, Matcher
from .routes import Routes, reading_shards
from .scoring import DESCRIPTIVE_FIELDS, ScoringModel
from .shards import (
    ROW,
    Lookups,
    ShardStats,
    discover,
    registry_batches,
    requests,
    route,
    shard_stats,
    sub_registry,
    whole_registry,
)
from .tables import as_string_table, first_line
from .xref import RECOVERY_REQUIRED

__all__ = [
    "OWN",
    "arrow_table",
    "asked",
    "csv_line",
    "discover_on_shard",
    "ipc",
    "peak_mb",
    "piece",
    "pieces",
    "readings",
    "rows",
    "score_partition",
    "shard_file",
    "shard_matcher",
    "write_shard",
]

# per Python worker process: the shard it holds, (file, mtime, ignore_embedded_letters) -> (Matcher, rows, own)
_SHARD: dict[tuple[str, float, bool], tuple[Any, Any, Any]] = {}


def shard_file(work: str, shard: int) -> str:
    return os.path.join(work, f"shard-{shard:04d}.parquet")


def shard_matcher(path: str, ignore_embedded_letters: bool) -> tuple[Any, Any, Any] | None:
    """A shard's matcher, the registry row of each of its records and whether the shard owns it (cached:
    one shard per process)."""

    key = (path, os.path.getmtime(path), ignore_embedded_letters)
    if key not in _SHARD:
        _SHARD.clear()
        table = pq.read_table(path)
        if table.num_rows == 0:
            return None
        rows = table.column(ROW).to_numpy()
        own = table.column(OWN).to_numpy(zero_copy_only=False).astype(bool)
        records = table.drop_columns([ROW, OWN])
        matcher = Matcher(records, ignore_embedded_letters=ignore_embedded_letters, threads=1, max_range_items=None)
        _SHARD[key] = (matcher, rows, own)
    return _SHARD[key]


OWN = "__own"  # the shard owns the record (False: a copy of another shard's range record)


def pieces(registry: str, work: str) -> list[tuple[str, int, int]]:
    """The registry as pieces of work for pass 0: (Parquet file, row group, its first row). A Parquet
    registry's row groups are read where they lie (only its footer here); a CSV registry is parsed once,
    by the one task that calls this, into ``registry.parquet`` in the work directory, a row group per
    batch, so no task parses the file a second time."""

    path = registry
    if Path(registry).suffix.lower() not in (".parquet", ".pq"):
        path = os.path.join(work, "registry.parquet")
        writer: pq.ParquetWriter | None = None
        try:
            for table in registry_batches(registry):
                if not table.num_rows:
                    continue
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema)
                writer.write_table(table.cast(writer.schema), row_group_size=max(1, table.num_rows))
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            return []
    meta = pq.ParquetFile(path).metadata
    pieces, at = [], 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if n:
            pieces.append((path, g, at))
        at += n
    return pieces


def piece(
    piece: tuple[str, int, int],
    registry: str,
    shards: int,
    ignore_embedded_letters: bool,
    sent: Any = None,
    max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
) -> Iterator[tuple[int, bytes]]:
    """Pass 0 on one row group of the registry (streamed): each record to its shard, range records to
    every shard; as Arrow IPC bytes per (shard, batch). The rows keep their place in the registry. A range row
    refused here (``route``) is refused once: the shards' matchers do not check their rows again."""

    path, group, at = piece
    where = f"registry file {registry}"
    csv = Path(registry).suffix.lower() not in (".parquet", ".pq")  # rows numbered as ``Matcher`` numbers them
    place, first = (f"{where}, line", 2) if csv else (f"{where}, row", 1)
    for batch in _row_group(path, group, registry):
        table = as_string_table(pa.Table.from_batches([batch]), REGISTRY_REQUIRED, where)
        n = table.num_rows
        if not n:
            continue
        refuse_bad_rows(table, "record_id", None, where, first=at + first - 1)  # lines as numbered below
        shard, ranged, other = route(table, shards, ignore_embedded_letters, place, at + first, max_range_items)
        table = table.append_column(ROW, pa.array(np.arange(at, at + n), pa.int64()))
        for s in range(shards):
            mine = shard == s
            keep = mine | ranged | (other == s)
            if keep.any():
                part = ipc(table.filter(pa.array(keep)).append_column(OWN, pa.array(mine[keep])))
                if sent is not None:
                    sent.add(len(part))
                yield s, part
        at += n


def _row_group(path: str, group: int, registry: str) -> Iterator[pa.RecordBatch]:
    """A row group's batches; one that cannot be read is the user's file, named with the row group (the
    driver turns this error, raised on a worker, back into one line)."""
    try:
        yield from pq.ParquetFile(path).iter_batches(batch_size=65_536, row_groups=[group])
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError) as exc:
        reason = first_line(exc)
        raise ImportFileError(f"cannot read registry file {registry}, row group {group + 1}: {reason}") from exc


def ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def arrow_table(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def write_shard(
    shard: int, parts: Iterator[tuple[int, bytes]], work: str, ignore_embedded_letters: bool
) -> Iterator[tuple[int, Any, float]]:
    """Pass 0, the shard's side: its records in registry order, written by the executor as one Parquet
    file; its matcher built (this worker holds only this shard); its statistics returned."""

    tables = [arrow_table(b) for _, b in parts]
    path = shard_file(work, shard)
    if not tables:
        pq.write_table(pa.table({ROW: pa.array([], pa.int64())}), path)
        yield shard, ShardStats(), peak_mb()
        return
    table = pa.concat_tables(tables)
    table = table.take(pc.sort_indices(table.column(ROW)))
    pq.write_table(table, path)
    own = table.column(OWN).to_numpy(zero_copy_only=False)
    del tables, table
    found = shard_matcher(path, ignore_embedded_letters)
    assert found is not None
    yield shard, shard_stats(found[0], own), peak_mb()


def readings(
    index: int,
    rows: Iterator[Any],
    columns: list[str],
    ignore: bool,
    alphabet: list[bytes],
    background: Any,
    shards: int,
    routes: Routes,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """One partition of recoveries: ids, serials, descriptive fields, the lookups by shard, and the
    readings each shard is asked about (``visits``)."""

    chunk = list(rows)
    # CSV columns are strings; Parquet keeps its types so as_string_table casts them as it does locally
    table = pa.table(
        {c: pa.array([r[i] for r in chunk], pa.string() if not chunk else None) for i, c in enumerate(columns)}
    )
    table = as_string_table(table, RECOVERY_REQUIRED, "recoveries")
    ids = ["" if v is None else str(v) for v in table.column("recovery_id").to_pylist()]
    serials = table.column("serial").to_pylist()
    observed = {f: table.column(f).to_pylist() for f in DESCRIPTIVE_FIELDS if f in table.column_names}
    keys, vague = requests(serials, ignore, alphabet, shards, background)
    visits: list[list[int]] = [[] for _ in range(shards)]
    for i, asked in enumerate(reading_shards(serials, ignore, routes, vague)):
        for s in asked:
            visits[s].append(i)
    yield index, {"ids": ids, "serials": serials, "observed": observed, "keys": keys, "vague": vague, "visits": visits}


def asked(p: int, bundle: dict[str, Any], shards: int) -> Iterator[tuple[int, tuple[int, Any, list[str], list[int]]]]:
    """What a partition of readings sends each shard: the serials of the readings routed there (None for
    the others, so indices stay the partition's), and the lookups it answers; nothing to a shard asked
    for neither."""
    serials = bundle["serials"]
    for s in range(shards):
        visit, keys = bundle["visits"][s], bundle["keys"][s]
        if not visit and not keys:
            continue
        mine = [None] * len(serials)
        for i in visit:
            mine[i] = serials[i]
        yield s, (p, mine, keys, [i for i in bundle["vague"] if mine[i] is not None])


def discover_on_shard(
    shard: int, parts: Iterator[tuple[int, tuple[int, Any, list[str], list[int]]]], work: str, ignore: bool,
    shards: int, stats: Any, sent: Any = None,
) -> Iterator[tuple[int, tuple[str, Any]]]:  # fmt: skip
    """Pass 1 on one shard: for every partition of readings sent to it, its candidate records and the
    lookups of the series it holds."""

    found = shard_matcher(shard_file(work, shard), ignore)
    for _, (p, serials, keys, vague) in parts:
        if found is None:
            continue
        matcher, rows, own = found
        table, answers = discover(matcher, rows, serials, keys, vague, shard, shards, stats, own)
        data = ipc(table)
        if sent is not None:
            sent.add(len(data) + 16 * len(answers) + sum(len(k) for k in answers))
        yield p, ("found", (data, answers, len(matcher), peak_mb()))


def score_partition(
    index: int, parts: Iterator[tuple[int, tuple[str, Any]]], ignore_embedded_letters: bool, stats: Any,
    schema: Any,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Pass 2 on one partition of readings: the shards' candidates put together as a sub-registry, the
    whole-registry terms put back, and the readings scored under the prior as ``cross_check`` scores
    them. Yields one bundle: the recovery ids, the (reading, Scored) pairs, the invalid readings, the EM
    features and the sub-registry's matcher (pass 3 writes the rows with it)."""

    bundle: dict[str, Any] = {}
    tables: list[pa.Table] = []
    lookups = Lookups()
    shard_peak = 0.0
    for _, (tag, value) in parts:
        if tag == "readings":
            bundle = value
        else:
            data, answers, _, peak = value
            tables.append(arrow_table(data))
            lookups.answers.update(answers)
            shard_peak = max(shard_peak, peak)
    matcher = whole_registry(
        Matcher(
            sub_registry(tables, schema),
            ignore_embedded_letters=ignore_embedded_letters,
            threads=1,
            max_range_items=None,
        ),
        stats,
        lookups,
    )
    ids = bundle.get("ids", [])
    xref._JOB = xref._Job(
        matcher, ids, bundle.get("serials", []), bundle.get("observed", {}), matcher.model, 1, 0.0, []
    )
    try:
        scored, invalid = xref._score_chunk(0, len(ids), None)
    finally:
        xref._JOB = None
    yield {
        "index": index,
        "ids": ids,
        "scored": scored,
        "invalid": invalid,
        "features": em_features([s for _, s in scored]),
        "matcher": matcher,
        "sub_records": len(matcher),
        "misses": lookups.misses,
        "peak_mb": max(shard_peak, peak_mb()),
        "visits": [len(v) for v in bundle.get("visits", [])],
    }


def peak_mb() -> float:
    """This process's peak resident memory in MB (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def rows(bundle: dict[str, Any], model: ScoringModel, limit: int, min_probability: float) -> Iterator[tuple[Any, ...]]:
    """Pass 3 on one partition: the output rows of its scored readings under the batch's model."""
    matcher = bundle["matcher"]
    ids = bundle["ids"]
    for i, s in bundle["scored"]:
        for c in matcher.candidates(s, model, limit, min_probability):
            yield (ids[i], c.rank, c.record_id, round(c.probability, 6), c.same_as, c.explanation_text())


def csv_line(row: tuple[Any, ...]) -> str:
    """One row as ``files.write_rows`` writes it, without the final newline (the text writer adds it)."""
    buf = io.StringIO()
    csv.writer(buf).writerow([row[0], row[1], row[2], f"{row[3]:.6f}", "" if row[4] is None else row[4], row[5]])
    return buf.getvalue()[:-1]  # "...\r\n" -> "...\r": Spark's text writer ends the line with "\n"
