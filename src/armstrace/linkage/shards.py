"""The registry in shards, for the Spark engine: which shard holds a record, what a shard answers, and
the whole-registry statistics the shards add up.

A record goes to the shard of its serial's *series block*: the series is ``density``'s shape (the
skeleton's head, the number of digits of its last digit run, its tail), the block its number divided by
``BLOCK`` (CRC-32 of both, modulo the shard count), so a long series is spread over the shards. Records
within ``MARGIN`` (density's widest window) of a block's edge are copied to the neighbouring block's
shard too; the records per series are a small statistic added up once. So everything the absent-weapon
terms ask about a serial — is it a registry serial (``Absence.registered``), how densely does the
registry fill the numbers around it (``Density.at``) — is answered by the one shard of its block, and
records of one weapon recorded twice (the same serial) share a shard. Range records (W1004000–W1004999)
are few and are copied to every shard. Copies are never counted: each record has one *owner*.

Candidates within two edits of a reading can have any shape (an edit in the head or a digit more), so
candidate search asks the shards that hold a series block with a serial that close (``routes.Routes``: each
series' blocks, from the shards' statistics; a distance bound against each series, then each block);
each returns the candidate records it owns. The reading's candidates on the
registry are exactly the union (``Matcher`` finds the same rows in the union as in the whole registry: a
candidate is a property of the pair), so the reading is scored by the local engine's own code on a
*sub-registry* of those records, with the whole-registry terms put back (``whole_registry``): the item
count, the background model of serials, each field's value frequencies, the alphabet, and the answers
of the shards for the absent-weapon lookups.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from armstrace.exceptions import ImportFileError, QuerySyntaxError
from armstrace.serials import Query, parse_query, skeleton
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS

from .absence import Absence, lookup_serials
from .density import _MAX_DIGITS, _WINDOWS, Density
from .descriptor import FieldCodes
from .keys import char_codes, code_column, normalise_column, skeleton_codes
from .matcher import REGISTRY_REQUIRED, Matcher
from .range_rows import range_fault, split_range
from .record_codes import strip_embedded
from .scoring import Background
from .tables import as_string_table, first_line

__all__ = [
    "BLOCK",
    "MARGIN",
    "RANGE_SHARD",
    "ROW",
    "Lookups",
    "ShardStats",
    "answer",
    "candidate_table",
    "copies",
    "discover",
    "lookup_keys",
    "parse",
    "registry_batches",
    "requests",
    "route",
    "serial_shard",
    "series_key",
    "shard_of",
    "shard_stats",
    "sub_registry",
    "whole_registry",
]

ROW = "__row"  # the record's row in the registry file (kept beside a shard's records, never scored)
_SHAPE = re.compile(rb"^(.*?)([0-9]*)([^0-9]*)$", re.DOTALL)  # as density._SHAPE, on one-byte codes


#: numbers of a series per block: a long series is cut into blocks, each block to its own shard; the
#: blocks' edges fall half-way (at x,500,000), away from the round numbers where series tend to start
BLOCK = 1_000_000
#: a record this close to its block's edge is copied to the neighbouring block's shard, so that the
#: shard answers the density of every number of its blocks (``density``'s widest finite window)
MARGIN = max(w for w in _WINDOWS if w is not None)
#: the shard that owns the range records (every shard holds a copy; one returns them as candidates)
RANGE_SHARD = 0


def _shape(codes: bytes) -> tuple[bytes, int]:
    """A skeleton key's series (head, digit count, tail of its last digit run) and its number there,
    shifted by half a block."""
    m = _SHAPE.match(codes)
    assert m is not None  # the pattern matches any bytes
    head, digits, tail = m.groups()
    number = int(digits[-_MAX_DIGITS:]) + BLOCK // 2 if digits else 0
    return head + b"\x1f" + str(len(digits)).encode() + b"\x1f" + tail, number


def _block_shard(shape: bytes, block: int, shards: int) -> int:
    return zlib.crc32(shape + b"\x1f" + str(block).encode()) % shards


def shard_of(codes: bytes, shards: int) -> int:
    """The shard of a skeleton key given as one-byte codes (``keys.char_codes``): its series block's."""
    shape, number = _shape(codes)
    return _block_shard(shape, number // BLOCK, shards)


def copies(codes: bytes, shards: int) -> int:
    """The other shard that must also hold a record near its block's edge (-1: none)."""
    shape, number = _shape(codes)
    block, at = divmod(number, BLOCK)
    if at < MARGIN and block > 0:
        other = _block_shard(shape, block - 1, shards)
    elif at >= BLOCK - MARGIN:
        other = _block_shard(shape, block + 1, shards)
    else:
        return -1
    return -1 if other == _block_shard(shape, block, shards) else other


def serial_shard(skel: str, shards: int) -> int:
    """The shard that answers for a skeleton string (the one holding its series block)."""
    return shard_of(char_codes(skel), shards)


def series_key(shape: str) -> bytes:
    """``density``'s shape string of a series as the key of ``ShardStats.series``."""
    head, width, tail = shape.split("\x1f")
    return char_codes(head) + b"\x1f" + width.encode() + b"\x1f" + char_codes(tail)


# -- the registry, streamed ---------------------------------------------------------------------------
def registry_batches(path: str | Path, rows: int = 65_536) -> Iterator[pa.Table]:
    """The registry file in tables of about ``rows`` records, as ``tables.read_table`` reads it (every
    column a string, canonical names), without holding the whole file."""
    path = Path(path)
    where = f"registry file {path}"
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
                yield as_string_table(pa.Table.from_batches([batch]), REGISTRY_REQUIRED, where)
            return
        with path.open("rb") as fh:
            head = fh.read(65536)  # the encoding and separator from the start, never the whole file
        encoding = "utf8"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4 or len(head) < 65536:  # a whole small file: no character was cut
                encoding = "cp1252"
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        delimiter = ","
        if first.count(b";") > first.count(b",") and first.count(b";") > 0:
            delimiter = ";"
        elif first.count(b"\t") > first.count(b","):
            delimiter = "\t"
        parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
        names = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding, block_size=1 << 16),
            parse_options=parse,
            convert_options=pacsv.ConvertOptions(auto_dict_encode=False, strings_can_be_null=False),
        ).schema.names
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding, block_size=1 << 22),
            parse_options=parse,
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                null_values=[],
                quoted_strings_can_be_null=False,
            ),
        )
        for batch in reader:
            yield as_string_table(pa.Table.from_batches([batch]), REGISTRY_REQUIRED, where)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, UnicodeDecodeError) as exc:
        reason = first_line(exc)
        raise ImportFileError(f"cannot read registry file {path}: {reason}") from exc


def route(
    table: pa.Table,
    shards: int,
    ignore_embedded_letters: bool,
    where: str = "registry row",
    first: int = 1,
    max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each record's shard (a range record's: ``RANGE_SHARD``); whether it is a range record (copied to
    every shard); and the other shard a record near its block's edge is copied to (-1: none). A range too
    wide to index (or of more than ``max_range_items`` numbers) is the user's row, named as ``Matcher`` names
    it (``first``: the table's first row's number in ``where``, e.g. "registry file F, line")."""
    norm = normalise_column(table.column("serial"))
    if ignore_embedded_letters:
        norm = strip_embedded(norm)
    skels = skeleton_codes(code_column(norm)).tolist() if table.num_rows else []
    shard = np.fromiter((shard_of(s, shards) for s in skels), dtype=np.int32, count=len(skels))
    other = np.fromiter((copies(s, shards) for s in skels), dtype=np.int32, count=len(skels))
    ranged = np.zeros(table.num_rows, dtype=bool)
    if "serial_end" in table.column_names:
        end = normalise_column(table.column("serial_end"))
        if ignore_embedded_letters:
            end = strip_embedded(end)
        has = pc.and_(pc.greater(pc.utf8_length(norm), 0), pc.greater(pc.utf8_length(end), 0))
        for row in np.flatnonzero(has.to_numpy(zero_copy_only=False)).tolist():
            start, stop = norm[row].as_py(), end[row].as_py()
            parts = split_range(start, stop)
            ranged[row] = parts is not None and parts[1] != parts[2]  # as ``Matcher`` decides
            fault = range_fault(start, stop, max_range_items, shape=max_range_items is not None)
            if fault is not None:
                rid = table.column("record_id")[row].as_py()
                raise ImportFileError(f"{where} {first + row} (record_id {rid}), field serial_end: {fault}")
    return np.where(ranged, RANGE_SHARD, shard).astype(np.int32), ranged, np.where(ranged, -1, other)


# -- what the shards add up -----------------------------------------------------------------------------
@dataclass
class ShardStats:
    """One shard's part of the whole-registry terms (its own records only: copies of ranges not counted)."""

    records: int = 0  # records the shard owns
    loaded: int = 0  # records its matcher holds (owned, and the copies of other shards' range records)
    items: int = 0  # distinct items among them (``Matcher.n_items``)
    background: tuple[int, np.ndarray, dict[int, np.ndarray], np.ndarray] | None = None
    fields: dict[str, dict[str, int]] = field(default_factory=dict)  # standardised value -> records
    present: dict[str, int] = field(default_factory=dict)
    alphabet: set[bytes] = field(default_factory=set)
    series: dict[bytes, int] = field(default_factory=dict)  # records per series (``series_key``)
    blocks: dict[bytes, set[int]] = field(default_factory=dict)  # series (any shape) -> its blocks
    ranges: int = 0  # range records owned

    def add(self, other: ShardStats) -> ShardStats:
        """The statistics of both shards together."""
        out = ShardStats(self.records + other.records, self.loaded + other.loaded, self.items + other.items)
        out.background = _add_background(self.background, other.background)
        for f in {*self.fields, *other.fields}:
            counts = dict(self.fields.get(f, {}))
            for v, c in other.fields.get(f, {}).items():
                counts[v] = counts.get(v, 0) + c
            out.fields[f] = counts
            out.present[f] = self.present.get(f, 0) + other.present.get(f, 0)
        out.alphabet = self.alphabet | other.alphabet
        out.series = dict(self.series)
        for k, c in other.series.items():
            out.series[k] = out.series.get(k, 0) + c
        out.blocks = {k: set(v) for k, v in self.blocks.items()}
        for k, b in other.blocks.items():
            out.blocks.setdefault(k, set()).update(b)
        out.ranges = self.ranges + other.ranges
        return out

    def background_model(self) -> Background:
        """The registry's ``Background``, from the added counts."""
        bg = Background.__new__(Background)
        total, lengths, by_length, overall = self.background or (0, np.zeros(1), {}, np.zeros(256))
        bg.total, bg.length_counts, bg.by_length, bg.overall = total, lengths, by_length, overall
        return bg


def _add_background(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return a if b is None else b
    width = max(len(a[1]), len(b[1]))
    lengths = np.zeros(width)
    lengths[: len(a[1])] += a[1]
    lengths[: len(b[1])] += b[1]
    by_length = {k: v.copy() for k, v in a[2].items()}
    for k, v in b[2].items():
        by_length[k] = by_length[k] + v if k in by_length else v.copy()
    return a[0] + b[0], lengths, by_length, a[3] + b[3]


def shard_stats(matcher: Matcher, owned: np.ndarray) -> ShardStats:
    """The statistics of the records a shard owns (``owned``: per matcher row)."""
    single = np.zeros(len(matcher), dtype=bool)
    single[matcher.index.forward.rows] = True
    ranges = 0
    range_records = 0
    for group in matcher.ranges.groups.values():
        mine = owned[group.rows]
        ranges += int((group.ends[mine] - group.starts[mine] + 1).sum())
        range_records += int(mine.sum())
    items = len(np.unique(matcher.items[single & owned])) + ranges  # copies near a block edge not counted
    rows, first, last, width = matcher.ranges.spans()
    mine = owned[rows]
    bg = Background(matcher.codes[single & owned], (matcher.codes[rows[mine]], first[mine], last[mine], width[mine]))
    stats = ShardStats(int(owned.sum()), len(matcher), items)
    stats.background = (bg.total, bg.length_counts, bg.by_length, bg.overall)
    for f, codes in matcher.fields.items():
        mine = codes.codes[owned]
        counts = np.bincount(mine[mine >= 0], minlength=len(codes.values))
        stats.fields[f] = {v: int(c) for v, c in zip(codes.values, counts.tolist(), strict=True) if c}
        stats.present[f] = int(counts.sum())
    stats.alphabet = set(matcher.index.alphabet)
    stats.ranges = range_records
    for key in skeleton_codes(matcher.codes[np.flatnonzero(single & owned)]).tolist():
        shape, number = _shape(key)
        stats.blocks.setdefault(shape, set()).add(number // BLOCK)
        if shape.split(b"\x1f")[-2] != b"0":  # as Density: serials with digits only
            stats.series[shape] = stats.series.get(shape, 0) + 1
    return stats


# -- the absent-weapon lookups ---------------------------------------------------------------------------
def lookup_keys(query: Query, alphabet: Sequence[bytes], background: Background | None = None) -> list[str] | None:
    """The skeletons ``Absence.terms`` asks about for a reading (None: a wildcard reading too vague to
    enumerate, whose terms need the density at its best candidate); ``background``: the whole registry's."""
    return [] if query.has_star else lookup_serials(query, alphabet, background)


@dataclass
class Lookups:
    """The shards' answers for skeletons: a registry serial or not, and the density there."""

    answers: dict[str, tuple[bool, float]] = field(default_factory=dict)
    misses: int = 0  # asked, but no shard answered (a bug if ever non-zero: the tests assert it)

    def at(self, skels: Sequence[str]) -> np.ndarray:
        return np.array([self._get(s)[1] for s in skels], dtype=np.float64)

    def registered(self, skels: Sequence[str]) -> np.ndarray:
        return np.array([self._get(s)[0] for s in skels], dtype=bool)

    def _get(self, skel: str) -> tuple[bool, float]:
        found = self.answers.get(skel)
        if found is None:
            self.misses += 1
            return False, 0.0
        return found


class _Alphabet:
    def __init__(self, alphabet: list[bytes]):
        self.alphabet = alphabet


class _ShardedAbsence(Absence):
    """``Absence`` answering from the shards' lookups, with the whole registry's alphabet."""

    def __init__(self, lookups: Lookups, alphabet: list[bytes], background: Background):
        self.index = _Alphabet(alphabet)  # type: ignore[assignment]
        self.density = lookups  # type: ignore[assignment]
        self.background = background  # the whole registry's: what an unknown character can stand for
        self.lookups = lookups

    def registered(self, skels: list[str]) -> np.ndarray:
        return self.lookups.registered(skels)


def whole_registry(matcher: Matcher, stats: ShardStats, lookups: Lookups) -> Matcher:
    """A matcher over a sub-registry (the candidates of some readings) given the whole registry's terms:
    it then scores those readings as a matcher over the whole registry would."""
    matcher.n_items = stats.items
    matcher.background = stats.background_model()
    for f, codes in list(matcher.fields.items()):
        counts = stats.fields.get(f, {})
        values = sorted(counts)
        where = {v: i for i, v in enumerate(values)}
        remap = np.array([where.get(v, -1) for v in codes.values] + [-1], dtype=np.int32)
        matcher.fields[f] = FieldCodes(
            f,
            remap[codes.codes].astype(np.int32),
            values,
            np.array([counts[v] for v in values], dtype=np.int64),
            stats.present.get(f, 0),
        )
    alphabet = sorted(stats.alphabet)
    matcher.absence = _ShardedAbsence(lookups, alphabet, matcher.background)
    return matcher


class _SeriesDensity(Density):
    """A shard's ``Density`` with the whole registry's records per series (the widest window)."""

    series: dict[bytes, int]

    def known(self, shape: str) -> bool:
        """A series the shard holds no record of near these numbers still counts."""
        return super().known(shape) or series_key(shape) in self.series

    def _series_size(self, shape: str, nums: np.ndarray) -> int:
        return self.series.get(series_key(shape), 0)


def answer(matcher: Matcher, keys: Sequence[str], stats: ShardStats) -> dict[str, tuple[bool, float]]:
    """A shard's answers for the skeletons it holds the series block of (``matcher``: the shard's)."""
    if not keys:
        return {}
    if not isinstance(matcher.density, _SeriesDensity):
        density_ = _SeriesDensity.__new__(_SeriesDensity)
        density_.__dict__.update(matcher.density.__dict__)
        matcher.density = matcher.absence.density = density_
    matcher.density.series = stats.series
    matcher.density.n_items = max(stats.items, 1)
    registered = matcher.absence.registered(list(keys))
    density = matcher.density.at(list(keys))
    return {k: (bool(r), float(d)) for k, r, d in zip(keys, registered.tolist(), density.tolist(), strict=True)}


def candidate_table(matcher: Matcher, rows: np.ndarray, global_rows: np.ndarray) -> pa.Table:
    """A shard's candidate records (matcher rows), with their rows in the registry file."""
    rows = np.unique(rows)
    table = matcher.table.take(pa.array(rows, type=pa.int64()))
    return table.append_column(ROW, pa.array(global_rows[rows], type=pa.int64()))


def sub_registry(parts: Sequence[pa.Table], schema: pa.Schema | None) -> pa.Table:
    """The candidate records of all shards, once each, in registry order (the row column dropped); a
    placeholder record without a serial (never a candidate) when there are none."""
    parts = [p for p in parts if p.num_rows]
    if not parts:
        assert schema is not None
        names = [n for n in schema.names if n != ROW]
        return pa.table({n: pa.array([""] if n == "record_id" else [None], pa.string()) for n in names})
    table = pa.concat_tables(parts)
    rows = table.column(ROW).to_numpy()
    _, first = np.unique(rows, return_index=True)  # sorted by row
    return table.take(pa.array(first, type=pa.int64())).drop_columns([ROW])


def parse(text: str, ignore_embedded_letters: bool) -> Query | None:
    """A reading as ``Matcher.parse`` parses it (None: no serial, or not a valid query)."""
    if not text:
        return None
    try:
        query = parse_query(text)
    except QuerySyntaxError:
        return None
    return query.without_embedded_letters() if ignore_embedded_letters else query


def requests(
    serials: Sequence[str | None],
    ignore_embedded_letters: bool,
    alphabet: Sequence[bytes],
    shards: int,
    background: Background | None = None,
) -> tuple[list[list[str]], list[int]]:
    """The lookup keys of a batch of readings, by the shard that answers each; and the readings too vague
    to enumerate (their best candidate's density is asked of the shard holding it)."""
    by_shard: list[set[str]] = [set() for _ in range(shards)]
    vague: list[int] = []
    for i, text in enumerate(serials):
        query = parse(text or "", ignore_embedded_letters)
        if query is None:
            continue
        keys = lookup_keys(query, alphabet, background)
        if keys is None:
            vague.append(i)
            continue
        for k in keys:
            by_shard[serial_shard(k, shards)].add(k)
    return [sorted(k) for k in by_shard], vague


def discover(
    matcher: Matcher,
    global_rows: np.ndarray,
    serials: Sequence[str | None],
    keys: Sequence[str],
    vague: Sequence[int],
    shard: int,
    shards: int,
    stats: ShardStats,
    owned: np.ndarray | None = None,
) -> tuple[pa.Table, dict[str, tuple[bool, float]]]:
    """What one shard answers for a batch of readings: its candidate records (all within the search's
    edits, with their registry rows; only those it owns when ``owned`` says which, per matcher row: a
    copy is returned by its owner) and the lookups it holds the series of."""
    queries: list[Query] = []
    which: list[int] = []
    for i, text in enumerate(serials):
        query = parse(text or "", matcher.ignore_embedded_letters)
        if query is not None:
            queries.append(query)
            which.append(i)
    empty = np.zeros(0, dtype=np.int64)
    owner, rows, _, inside = matcher._retrieve(queries) if queries else (empty, empty, empty, {})
    wanted = list(keys)
    if vague and len(rows):
        slot = {i: n for n, i in enumerate(which)}
        mine = np.isin(owner, [slot[i] for i in vague if i in slot])
        for j in np.flatnonzero(mine).tolist():
            best = skeleton(matcher.matched(int(rows[j]), inside.get(j)))
            if serial_shard(best, shards) == shard:
                wanted.append(best)
    if owned is not None:
        rows = rows[owned[rows]]
    return candidate_table(matcher, rows, global_rows), answer(matcher, wanted, stats)
