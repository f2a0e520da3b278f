"""Recovered-weapon readings with known faults, drawn from a registry, for measuring serial matching.

Each recovery is one registry record (the truth) read the way examiners and cameras actually get it wrong:

    exact            the serial as the registry writes it
    format           case and separators only (`w100-4340`, `ВС 8846`)
    confusable       1-2 characters replaced by a lookalike: O/0/D/Q, I/1/L, S/5, B/8, Z/2, G/6 and
                     Cyrillic/Latin lookalikes (А/A, В/B, Е/E, К/K, М/M, Н/H, О/O, Р/P, С/C, Т/T, Х/X)
    edit1, edit2     one or two substitutions, insertions or deletions (never a lookalike substitution)
    substitution     one character read as another of its kind that is not a lookalike (edit1, one kind only)
    insertion        one extra character read (edit1, one kind only)
    deletion         one character not read (edit1, one kind only)
    transposition    two adjacent different characters swapped
    unknown1..3      1-3 characters unknown, written `?` or as alternatives `[38]` (the truth among them)
    prefix_unknown   the start filed off: `*04340`
    absent           the weapon is not in the registry, but its series is: 1-3 past a consignment's end,
                     1-2 before its start, or a number the registry skips inside a consignment (truth: no
                     record). Why: an absent weapon is an unrecorded member of a recorded delivery (an item
                     left off the list, a lot's last items), which is how both independent descriptions of
                     real absent weapons put it ("a few numbers from real series"; gap numbers and a few
                     past or before a consignment); a serial one digit off anywhere (a changed leading digit)
                     is another series the registry never had, not a neighbour of one it has
    dense_neighbour  a weapon inside a dense consecutive consignment, one of its last digits misread,
                     which usually names another real weapon of the same consignment
    range_member     a weapon inside a consignment recorded as one range row (truth: the range record)
    transliteration  a Cyrillic serial transliterated (ЕЛ -> EL, ХС -> KHS) rather than copied by shape

Every fault other than `format` may also carry case/separator noise (it is not a content error).
Descriptive fields are read from the weapon with other spellings, some missing, a few wrong.
The output is a recoveries table (docs/formats.md) and a truth table: recovery_id, record_id (null when
absent), fault, true_serial, reading detail. Deterministic for (registry, n, seed, mix).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .misreads import (
    CONFUSABLE_ALTERNATIVES,
    TRANSLITERATION,
    Reader,
    format_noise,
    other_char,
    skeleton,
    skeleton_array,
    strip,
)
from .registry_gen import PROFILES

__all__ = [
    "CONFUSABLE_ALTERNATIVES",
    "FAULTS",
    "REALISTIC_MIX",
    "TRANSLITERATION",
    "make_recoveries",
    "skeleton",
    "skeleton_array",
    "strip",
]

FAULTS = (
    "exact",
    "format",
    "confusable",
    "edit1",
    "edit2",
    "substitution",
    "insertion",
    "deletion",
    "transposition",
    "unknown1",
    "unknown2",
    "unknown3",
    "prefix_unknown",
    "absent",
    "dense_neighbour",
    "range_member",
    "transliteration",
)

# A plausible share of each fault in a real batch of recoveries (used by the batch benchmark).
REALISTIC_MIX: Mapping[str, float] = {
    "exact": 0.30,
    "format": 0.14,
    "confusable": 0.14,
    "edit1": 0.10,
    "edit2": 0.04,
    "transposition": 0.04,
    "unknown1": 0.04,
    "unknown2": 0.03,
    "unknown3": 0.02,
    "prefix_unknown": 0.02,
    "absent": 0.07,
    "dense_neighbour": 0.03,
    "range_member": 0.02,
    "transliteration": 0.01,
}

_MANUFACTURER_PROFILE = {m: p for p in PROFILES for m in p.manufacturers}


_NUMBER_TAIL = re.compile(r"^(.*?)(\d+)$")


def _shift(serial: str, delta: int) -> str | None:
    """The serial `delta` further along its consignment (same prefix, same width), if it exists."""
    m = _NUMBER_TAIL.match(strip(serial))
    if not m:
        return None
    value = int(m.group(2)) + delta
    if value < 0 or len(str(value)) > len(m.group(2)):
        return None
    return m.group(1) + str(value).zfill(len(m.group(2)))


def make_recoveries(
    registry: pa.Table,
    n: int,
    seed: int = 11,
    mix: Mapping[str, float] | None = None,
) -> tuple[pa.Table, pa.Table]:
    """`n` recoveries with their truth; `mix` gives the share of each fault (default: equal shares).

    A fault the registry cannot show (no range rows, no Cyrillic serials) yields fewer rows than asked.
    """
    mix = dict(mix) if mix else {f: 1.0 for f in FAULTS}
    unknown = set(mix) - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown faults: {sorted(unknown)}")
    rnd = random.Random(f"{seed}:{n}:{registry.num_rows}")
    rng = np.random.default_rng([seed, n, registry.num_rows])
    faults = list(mix)
    weights = np.array([mix[f] for f in faults], dtype=float)
    counts = np.floor(weights / weights.sum() * n).astype(int)
    for i in np.argsort(-weights)[: n - counts.sum()]:
        counts[i] += 1

    is_range = np.asarray(pc.is_valid(registry["serial_end"]).to_numpy(zero_copy_only=False))
    single = np.flatnonzero(~is_range)
    ranges = np.flatnonzero(is_range)
    skel = skeleton_array(registry["serial"])
    reader = Reader(rnd)
    fields = ("record_id", "serial", "serial_end", "manufacturer", "model", "calibre", "weapon_type",
              "country", "year")  # fmt: skip

    def rows(idx: np.ndarray) -> list[dict[str, str | None]]:
        return registry.select(list(fields)).take(pa.array(idx, type=pa.int64())).to_pylist()

    sorted_skel: list[np.ndarray] = []  # built on first use: one sort instead of a hash set per call

    def exists(values: list[str]) -> np.ndarray:
        if not values:
            return np.zeros(0, dtype=bool)
        if not sorted_skel:
            sorted_skel.append(np.sort(np.asarray(skel.to_numpy(zero_copy_only=False)).astype(str)))
        keys = sorted_skel[0]
        test = np.asarray(skeleton_array(pa.array(values, type=pa.string())).to_numpy(zero_copy_only=False)).astype(str)
        pos = np.minimum(np.searchsorted(keys, test), len(keys) - 1)
        return np.asarray(keys[pos] == test, dtype=bool)

    range_bounds = _range_bounds(registry, ranges)
    # the absent weapons draw from their own generators: how many tries they take moves no other fault's readings
    own_rnd = random.Random(f"{seed}:{n}:{registry.num_rows}:absent")
    own_rng = np.random.default_rng([seed, n, registry.num_rows, 1])
    out: list[dict[str, str | None]] = []
    truth: list[dict[str, str | None]] = []
    for fault, count in zip(faults, counts, strict=True):
        if count == 0:
            continue
        made: list[tuple[dict[str, str | None], str, str, str | None]] = []  # (row, reading, detail, truth)
        if fault == "range_member":
            if len(ranges) == 0:
                continue
            for row in rows(rng.choice(ranges, size=count)):
                reading = _inside_range(rnd, row)
                if reading is not None:
                    made.append((row, reading, "", row["record_id"]))
        elif fault == "absent":
            serials = registry["serial"].combine_chunks()
            for _ in range(10):
                picks = own_rng.choice(single, size=count * 3)
                ends = [_consignment_end(serials, int(i)) for i in picks[:count]]
                starts = [_consignment_end(serials, int(i), -1) for i in picks[count : 2 * count]]
                picks = np.array([*ends, *starts, *picks[2 * count :]], dtype=np.int64)
                more = _absent(own_rnd, rows(picks), exists, range_bounds, count)
                made += more[: count - len(made)]
                if len(made) >= count:
                    break
        elif fault == "dense_neighbour":
            for _ in range(10):
                made += _dense(rnd, rows(rng.choice(single, size=count * 4)), exists, count)[: count - len(made)]
                if len(made) >= count:
                    break
        else:
            apply: Callable[[str], tuple[str, str] | None] = getattr(reader, fault)
            pool = single
            if fault == "transliteration":
                cyr = pc.match_substring_regex(registry["serial"], "[А-Я]")
                pool = np.flatnonzero(np.asarray(cyr.to_numpy(zero_copy_only=False)) & ~is_range)
                if len(pool) == 0:
                    continue
            tries = 0
            while len(made) < count and tries < 20:
                tries += 1
                for row in rows(rng.choice(pool, size=(count - len(made)) * 2)):
                    got = apply(str(row["serial"]))
                    if got is not None and len(made) < count:
                        made.append((row, got[0], got[1], row["record_id"]))
        draw = own_rnd if fault == "absent" else rnd
        for row, reading, detail, record_id in made:
            true_serial = str(row["serial"]) if fault not in ("absent", "range_member") else reading
            if fault not in ("exact", "format") and draw.random() < 0.2:
                reading = format_noise(draw, reading)
            rid = f"X{len(out) + 1:08d}"
            out.append(_recovery(draw, rid, reading, row, fault))
            truth.append({"recovery_id": rid, "record_id": record_id, "fault": fault,
                          "true_serial": true_serial,
                          "detail": detail})  # fmt: skip
    order = rng.permutation(len(out))
    rec = pa.Table.from_pylist([out[i] for i in order], schema=_RECOVERY_SCHEMA)
    tru = pa.Table.from_pylist([truth[i] for i in order], schema=_TRUTH_SCHEMA)
    return rec, tru


_RECOVERY_SCHEMA = pa.schema(
    [
        (c, pa.string())
        for c in (
            "recovery_id",
            "incident_id",
            "serial",
            "obliterated",
            "manufacturer",
            "model",
            "calibre",
            "weapon_type",
            "country",
            "year",
            "synthetic",
        )
    ]
)
_TRUTH_SCHEMA = pa.schema([(c, pa.string()) for c in ("recovery_id", "record_id", "fault", "true_serial", "detail")])


def _range_bounds(registry: pa.Table, ranges: np.ndarray) -> dict[str, list[tuple[int, int]]]:
    bounds: dict[str, list[tuple[int, int]]] = {}
    if len(ranges) == 0:
        return bounds
    sub = registry.select(["serial", "serial_end"]).take(pa.array(ranges)).to_pylist()
    for r in sub:
        a, b = _NUMBER_TAIL.match(strip(r["serial"])), _NUMBER_TAIL.match(strip(r["serial_end"]))
        if a and b:
            bounds.setdefault(skeleton(a.group(1)), []).append((int(a.group(2)), int(b.group(2))))
    return bounds


def _in_ranges(serial: str, bounds: Mapping[str, list[tuple[int, int]]]) -> bool:
    m = _NUMBER_TAIL.match(strip(serial))
    if not m:
        return False
    value = int(m.group(2))
    return any(lo <= value <= hi for lo, hi in bounds.get(skeleton(m.group(1)), ()))


def _inside_range(rnd: random.Random, row: Mapping[str, str | None]) -> str | None:
    a, b = _NUMBER_TAIL.match(strip(str(row["serial"]))), _NUMBER_TAIL.match(strip(str(row["serial_end"])))
    if not a or not b or a.group(1) != b.group(1):
        return None
    value = rnd.randint(int(a.group(2)), int(b.group(2)))
    return a.group(1) + str(value).zfill(len(a.group(2)))


def _absent(rnd, rows, exists, bounds, count):  # type: ignore[no-untyped-def]
    """Serials no record (or range) holds, of a recorded series: the first third of ``rows`` end their
    consignments (read 1-3 past the end), the second third start them (1-2 before the start), the rest
    are any rows, whose next number is taken when the registry skips it inside the consignment (the
    number after it recorded). A registry without gaps yields only the first two kinds."""
    third = len(rows) // 3
    cands: list[tuple[dict[str, str | None], str, str]] = []
    gaps: list[tuple[dict[str, str | None], str, str]] = []
    for k, row in enumerate(rows):
        s = str(row["serial"])
        if k < third:
            shifted, detail = _shift(s, rnd.choice([1, 2, 3])), "past consignment"
        elif k < 2 * third:
            shifted, detail = _shift(s, -rnd.choice([1, 2])), "before consignment"
        else:
            shifted, after = _shift(s, 1), _shift(s, 2)
            if shifted and after:
                gaps.append((row, shifted, after))
            continue
        if shifted:
            cands.append((row, shifted, detail))
    if gaps:  # a gap: the next number free, the one after it recorded
        free = ~exists([g[1] for g in gaps]) & exists([g[2] for g in gaps])
        cands += [(row, gap, "gap in consignment") for (row, gap, _), ok in zip(gaps, free, strict=True) if ok]
    rnd.shuffle(cands)
    present = exists([c[1] for c in cands])
    made = []
    for (row, reading, detail), hit in zip(cands, present, strict=True):
        if not hit and not _in_ranges(reading, bounds) and len(made) < count:
            made.append((row, reading, detail, None))
    return made


def _consignment_end(serials: pa.StringArray, i: int, way: int = 1) -> int:
    """Row of the last serial (``way`` -1: the first) of the consecutive run, in registry order, that row
    `i` belongs to."""
    first = str(serials[i].as_py())

    def consecutive(k: int) -> bool:
        j = i + way * k
        return 0 <= j < len(serials) and _shift(first, way * k) == strip(str(serials[j].as_py()))

    step = 1
    while consecutive(step):
        step *= 2
    lo, hi = step // 2, step  # consecutive(lo) holds (or lo == 0), consecutive(hi) fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if consecutive(mid) else (lo, mid)
    return i + way * lo


def _dense(rnd, rows, exists, count):  # type: ignore[no-untyped-def]
    """Weapons whose consignment neighbours exist, read with one of the last three digits wrong."""
    nexts = [_shift(str(r["serial"]), 1) or "" for r in rows]
    prevs = [_shift(str(r["serial"]), -1) or "" for r in rows]
    dense = exists(nexts) & exists(prevs)
    cands = []
    for row, ok in zip(rows, dense, strict=True):
        if not ok:
            continue
        t = strip(str(row["serial"]))
        i = len(t) - 1 - rnd.choice([0, 0, 0, 1, 1, 2])
        if not t[i].isdigit():
            continue
        cands.append((row, t[:i] + other_char(rnd, t[i]) + t[i + 1 :]))
    hits = exists([c[1] for c in cands])
    made = []
    for (row, reading), hit in zip(cands, hits, strict=True):
        if len(made) < count:
            made.append((row, reading, "names another record" if hit else "names no record", row["record_id"]))
    return made


def _recovery(
    rnd: random.Random, rid: str, reading: str, row: Mapping[str, str | None], fault: str
) -> dict[str, str | None]:
    """A recovery row: the reading plus descriptive fields as an examiner would read them off the weapon."""
    profile = _MANUFACTURER_PROFILE.get(str(row["manufacturer"]))

    def maybe(p: float, value: str | None) -> str | None:
        return value if value and rnd.random() < p else None

    manufacturer = maybe(0.65, row["manufacturer"])
    if manufacturer and profile and rnd.random() < 0.5:
        manufacturer = rnd.choice(list(profile.manufacturers))
        manufacturer = manufacturer.upper() if rnd.random() < 0.2 else manufacturer
    model = maybe(0.5, row["model"])
    if model and profile and rnd.random() < 0.15:
        model = rnd.choice(profile.models)[0]  # a sibling model: a plausible misidentification
    if rnd.random() < 0.03:  # a plainly wrong make, as happens when the markings are misattributed
        manufacturer = rnd.choice(PROFILES).manufacturers[0]
    obliterated = fault in ("unknown1", "unknown2", "unknown3", "prefix_unknown") or rnd.random() < 0.02
    return {
        "recovery_id": rid,
        "incident_id": f"INC-{int(rid[1:]) // 25 + 1:05d}",
        "serial": reading,
        "obliterated": "true" if obliterated else "false",
        "manufacturer": manufacturer,
        "model": model,
        "calibre": maybe(0.4, row["calibre"]),
        "weapon_type": maybe(0.6, row["weapon_type"]),
        "country": maybe(0.3, row["country"]),
        "year": maybe(0.1, row["year"]),
        "synthetic": "true",
    }


def main(argv: list[str] | None = None) -> None:
    """Write recoveries.csv and truth.csv for a registry file (to try `armstrace xref` by hand)."""
    import argparse
    from pathlib import Path

    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--registry", type=Path, required=True, help="CSV or Parquet registry")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--mix", choices=("realistic", "equal"), default="realistic")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, required=True, help="directory")
    args = ap.parse_args(argv)
    if args.registry.suffix == ".parquet":
        registry = pq.read_table(args.registry)
    else:
        registry = pcsv.read_csv(
            args.registry,
            convert_options=pcsv.ConvertOptions(
                column_types={c: pa.string() for c in ("record_id", "serial", "serial_end", "quantity", "year")},
                strings_can_be_null=True,
            ),
        )
    rec, truth = make_recoveries(registry, args.n, args.seed, REALISTIC_MIX if args.mix == "realistic" else None)
    args.out.mkdir(parents=True, exist_ok=True)
    pcsv.write_csv(rec, args.out / "recoveries.csv")
    pcsv.write_csv(truth, args.out / "truth.csv")
    print(f"{rec.num_rows} recoveries -> {args.out}/recoveries.csv, truth.csv")


if __name__ == "__main__":
    main()
