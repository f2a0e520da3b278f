"""Synthetic weapon registries for the matching benchmarks, vectorised so that 10 million rows take seconds.

A registry here looks like what a supplying state or a stockpile audit actually hands over: serials in the
formats of real makers of US-supplied and AK-pattern weapons, issued in DENSE consecutive consignments
(thousands of sequential serials, so that one misread digit usually names another real weapon), a few
consignments recorded as one range row (`serial`..`serial_end`), clerical duplicates (the SIGAR audit found
24,520 serials recorded two or three times), the same number used by two makers, and descriptive fields
that are often missing or spelled differently.

    python -m benchmarks.registry_gen --records 1000000 --out benchmarks/.data/registry_1m.parquet

The generator is deterministic for a given (records, seed) and writes the registry columns of
docs/formats.md (all strings, nulls for unknown values).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = [
    "CACHE_DIR",
    "CYRILLIC_SERIAL_LETTERS",
    "GENERATOR_VERSION",
    "PROFILES",
    "Profile",
    "cached_registry",
    "generate_registry",
]

GENERATOR_VERSION = 1
CACHE_DIR = Path(__file__).resolve().parent / ".data"

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Letters seen in Soviet/Russian AK serial prefixes: lookalikes of Latin letters and letters without one.
CYRILLIC_SERIAL_LETTERS = "АБВГДЕЖИКЛМНПРСТУФХЦЧШЭЮЯ"
# Glock skips letters that read as digits.
GLOCK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Profile:
    """One maker's serial format and the descriptive fields its weapons carry."""

    name: str
    weight: float
    prefix: str  # fixed leading text, e.g. "W", "FN", "M9-"
    letters: int  # variable letters after the prefix, e.g. 3 for Glock "ABC123"
    alphabet: str
    digits: int
    manufacturers: Sequence[str]  # first is the standard spelling, the rest as registries write it
    models: Sequence[tuple[str, str, str]]  # (model, calibre, weapon_type) as registries write them
    countries: Sequence[str]
    years: tuple[int, int]
    sep: str = ""  # between the letters and the digits, as the registry writes it
    numeric_group: str = field(default="")  # profiles sharing a number space (cross-maker duplicates)

    @property
    def space(self) -> int:
        return len(self.alphabet) ** self.letters * 10**self.digits


PROFILES: tuple[Profile, ...] = (
    Profile(
        "colt_w",
        0.20,
        "W",
        0,
        "",
        7,
        ("Colt's Manufacturing", "COLT", "Colt", "Colt Mfg Co"),
        (
            ("M4", "5.56x45mm", "carbine"),
            ("M4A1", "5.56x45mm", "carbine"),
            ("M4 Carbine", "5.56 NATO", "carbine"),
        ),
        ("US",),
        (2004, 2020),
    ),
    Profile(
        "colt_a",
        0.04,
        "A",
        0,
        "",
        7,
        ("Colt's Manufacturing", "COLT"),
        (("M16A2", "5.56x45mm", "rifle"), ("M16A4", "5.56mm", "rifle")),
        ("US",),
        (1990, 2008),
    ),
    Profile(
        "fn_us",
        0.09,
        "FN",
        0,
        "",
        7,
        ("FN Manufacturing", "FNH USA", "FN Herstal", "FN"),
        (
            ("M16A4", "5.56x45mm", "rifle"),
            ("M249", "5.56x45mm", "machine_gun"),
            ("M240B", "7.62x51mm", "machine_gun"),
        ),
        ("US", "BE"),
        (2001, 2019),
    ),
    Profile(
        "lc",
        0.04,
        "LC",
        0,
        "",
        6,
        ("Colt Canada", "Diemaco"),
        (("C7", "5.56x45mm", "rifle"), ("C8", "5.56x45mm", "carbine")),
        ("CA",),
        (1996, 2015),
    ),
    Profile(
        "beretta_m9",
        0.05,
        "M9-",
        0,
        "",
        6,
        ("Beretta USA", "Beretta", "BERETTA"),
        (("M9", "9x19mm", "pistol"), ("92FS", "9mm", "pistol")),
        ("US", "IT"),
        (1990, 2017),
    ),
    Profile(
        "glock",
        0.08,
        "",
        3,
        GLOCK_LETTERS,
        3,
        ("Glock", "GLOCK GmbH", "Glock Ges.m.b.H."),
        (("G17", "9x19mm", "pistol"), ("G19", "9x19mm", "pistol"), ("G22", ".40 S&W", "pistol")),
        ("AT",),
        (2000, 2020),
    ),
    Profile(
        "remington",
        0.05,
        "",
        0,
        "",
        7,
        ("Remington Arms", "Remington", "REM"),
        (("M24", "7.62x51mm", "rifle"), ("M870", "12 gauge", "shotgun")),
        ("US",),
        (1988, 2015),
        numeric_group="n7",
    ),
    Profile(
        "mossberg",
        0.02,
        "",
        0,
        "",
        7,
        ("O.F. Mossberg & Sons", "Mossberg"),
        (("590A1", "12 gauge", "shotgun"), ("500", "12ga", "shotgun")),
        ("US",),
        (1995, 2015),
        numeric_group="n7",
    ),
    Profile(
        "ruger",
        0.03,
        "",
        0,
        "",
        6,
        ("Sturm, Ruger & Co.", "Ruger"),
        (("Mini-14", "5.56x45mm", "rifle"), ("GP100", ".357 Magnum", "revolver")),
        ("US",),
        (1980, 2012),
        numeric_group="n6",
    ),
    Profile(
        "izhmash",
        0.13,
        "",
        2,
        CYRILLIC_SERIAL_LETTERS,
        4,
        ("Izhmash", "IZHMASH", "Kalashnikov Concern"),
        (("AKM", "7.62x39mm", "rifle"), ("AK-74", "5.45x39mm", "rifle"), ("AKS-74U", "5.45x39mm", "carbine")),
        ("RU",),
        (1959, 1991),
    ),
    Profile(
        "tula",
        0.04,
        "",
        2,
        CYRILLIC_SERIAL_LETTERS,
        4,
        ("Tula Arms Plant", "TOZ"),
        (("AKM", "7.62x39mm", "rifle"), ("PK", "7.62x54mmR", "machine_gun")),
        ("RU",),
        (1959, 1990),
    ),
    Profile(
        "cugir",
        0.04,
        "",
        2,
        LATIN,
        4,
        ("Cugir", "Uzina Mecanica Cugir"),
        (("PM md. 63", "7.62x39mm", "rifle"), ("PM md. 90", "7.62x39mm", "rifle")),
        ("RO",),
        (1964, 1999),
        sep=" ",
    ),
    Profile(
        "arsenal_bg",
        0.03,
        "",
        2,
        LATIN,
        5,
        ("Arsenal", "Arsenal AD"),
        (("AR-M1", "5.56x45mm", "rifle"), ("AKK", "7.62x39mm", "rifle")),
        ("BG",),
        (1985, 2018),
    ),
    Profile(
        "norinco",
        0.11,
        "",
        0,
        "",
        8,
        ("Norinco", "Factory 66", "China North Industries"),
        (
            ("Type 56", "7.62x39mm", "rifle"),
            ("Type 56-1", "7.62x39mm", "rifle"),
            ("Type 81", "7.62x39", "rifle"),
        ),
        ("CN",),
        (1965, 1995),
        numeric_group="n8",
    ),
    Profile(
        "zastava",
        0.03,
        "",
        0,
        "",
        6,
        ("Zastava Arms", "Zastava"),
        (("M70", "7.62x39mm", "rifle"), ("M70AB2", "7.62x39mm", "rifle")),
        ("RS",),
        (1970, 2005),
        numeric_group="n6",
    ),
    Profile(
        "hk",
        0.02,
        "",
        0,
        "",
        8,
        ("Heckler & Koch", "H&K"),
        (("G3", "7.62x51mm", "rifle"), ("MP5", "9x19mm", "submachine_gun")),
        ("DE",),
        (1970, 2010),
        numeric_group="n8",
    ),
)

_MISSING_RATE = {
    "manufacturer": 0.04,
    "model": 0.15,
    "calibre": 0.25,
    "weapon_type": 0.10,
    "country": 0.20,
    "year": 0.35,
}
_RANGE_BATCH_RATE = 0.08  # share of consignments (of 20+ items) recorded as one range row
_CLERICAL_DUP_RATE = 0.006  # rows recorded twice by hand
_CROSS_MAKER_DUP_RATE = 0.003  # a number also used by another maker of the same numeric format


def _batch_lengths(rng: np.random.Generator, n: int) -> np.ndarray:
    """Consignment sizes: many small lots, some hundreds, a few thousands (heavy tail)."""
    kind = rng.choice(3, size=n, p=[0.45, 0.40, 0.15])
    small = rng.integers(1, 21, size=n)
    medium = rng.integers(20, 501, size=n)
    large = rng.integers(500, 5001, size=n)
    return np.where(kind == 0, small, np.where(kind == 1, medium, large)).astype(np.int64)


def _encode(profile: Profile, idx: np.ndarray) -> pa.Array:
    """Serial strings for integer positions in the profile's number space (vectorised)."""
    num = pa.array(idx % 10**profile.digits, type=pa.int64())
    digits = pc.utf8_lpad(pc.cast(num, pa.string()), width=profile.digits, padding="0")
    parts: list[pa.Array | str] = []
    if profile.prefix:
        parts.append(profile.prefix)
    if profile.letters:
        k, alphabet = profile.letters, profile.alphabet
        code = idx // 10**profile.digits
        # precompute all letter groups once; their count is tiny (<= 26^3)
        groups = np.array(
            [
                "".join(alphabet[(c // len(alphabet) ** (k - 1 - j)) % len(alphabet)] for j in range(k))
                for c in range(len(alphabet) ** k)
            ],
            dtype=object,
        )
        letters = groups[code]
        parts.append(pa.array(letters, type=pa.string()))
        if profile.sep:
            parts.append(profile.sep)
    parts.append(digits)
    if len(parts) == 1:
        return digits
    return pc.binary_join_element_wise(*parts, "")


def _place_batches(rng: np.random.Generator, lengths: np.ndarray, space: int) -> np.ndarray:
    """Start positions of consecutive batches, in order, spread over the number space with random gaps."""
    total = int(lengths.sum())
    if total > space:
        raise ValueError(f"{total} serials do not fit a space of {space}")
    free = space - total
    weights = rng.exponential(size=len(lengths) + 1)
    gaps = np.floor(weights / weights.sum() * free * 0.98).astype(np.int64)
    starts = np.cumsum(gaps[:-1]) + np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return starts


def _pick(rng: np.random.Generator, options: Sequence[str], n: int, p_first: float = 0.6) -> np.ndarray:
    """Values from a list, the first (standard) one most often."""
    if len(options) == 1:
        return np.full(n, options[0], dtype=object)
    rest = (1 - p_first) / (len(options) - 1)
    probs = [p_first] + [rest] * (len(options) - 1)
    return np.array(options, dtype=object)[rng.choice(len(options), size=n, p=probs)]


def generate_registry(records: int, seed: int = 7) -> pa.Table:
    """A registry of exactly `records` rows; deterministic for (records, seed)."""
    rng = np.random.default_rng([seed, records, GENERATOR_VERSION])
    n_dup = int(records * _CLERICAL_DUP_RATE)
    n_cross = int(records * _CROSS_MAKER_DUP_RATE)
    n_base = records - n_dup - n_cross
    weights = np.array([p.weight for p in PROFILES])
    per_profile = np.floor(weights / weights.sum() * n_base).astype(np.int64)
    per_profile[0] += n_base - per_profile.sum()

    cols: dict[str, list[pa.Array]] = {
        k: []
        for k in (
            "serial",
            "serial_end",
            "quantity",
            "manufacturer",
            "model",
            "calibre",
            "weapon_type",
            "country",
            "year",
            "profile",
        )
    }
    for pi, (profile, rows) in enumerate(zip(PROFILES, per_profile, strict=True)):
        if rows <= 0:
            continue
        prng = np.random.default_rng([seed, records, GENERATOR_VERSION, pi])
        # draw consignments until they yield `rows` rows (a range consignment yields one row)
        lengths = _batch_lengths(prng, max(16, int(rows // 200) + 16))
        # range rows only where the serial is prefix + number (ABC999 -> ABD000 would not be one range)
        range_rate = _RANGE_BATCH_RATE if profile.letters == 0 else 0.0
        is_range = (prng.random(len(lengths)) < range_rate) & (lengths >= 20)
        row_count = np.where(is_range, 1, lengths)
        while row_count.sum() < rows:
            more = _batch_lengths(prng, len(lengths))
            more_range = (prng.random(len(more)) < range_rate) & (more >= 20)
            lengths = np.concatenate((lengths, more))
            is_range = np.concatenate((is_range, more_range))
            row_count = np.where(is_range, 1, lengths)
        cum = np.cumsum(row_count)
        last = int(np.searchsorted(cum, rows))
        lengths, is_range, row_count = lengths[: last + 1], is_range[: last + 1], row_count[: last + 1].copy()
        excess = int(cum[last] - rows)
        if excess:  # trim the last consignment to land on exactly `rows`
            lengths[last] -= excess
            row_count[last] -= excess
        space = profile.space
        items = int(lengths.sum())
        if items > space * 0.9:  # very large registries: fewer, denser batches still fit
            raise ValueError(f"profile {profile.name}: {items} items exceed its number space {space}")
        starts = _place_batches(prng, lengths, space)
        # expand to one row per item, or one per range consignment
        rep = np.repeat(np.arange(len(lengths)), row_count)
        offset = np.arange(len(rep)) - np.repeat(np.cumsum(row_count) - row_count, row_count)
        first = starts[rep] + offset
        serial = _encode(profile, first)
        rng_rows = is_range[rep]
        end_idx = starts[rep] + lengths[rep] - 1
        serial_end = pc.if_else(pa.array(rng_rows), _encode(profile, end_idx), pa.nulls(len(rep), pa.string()))
        quantity = pc.if_else(
            pa.array(rng_rows), pc.cast(pa.array(lengths[rep]), pa.string()), pa.nulls(len(rep), pa.string())
        )
        n = len(rep)
        # descriptive fields are constant within a consignment, spelling varies between consignments
        nb = len(lengths)
        variant = prng.integers(len(profile.models), size=nb)
        models = np.array(profile.models, dtype=object)[variant]
        fields = {
            "manufacturer": _pick(prng, profile.manufacturers, nb, 0.55),
            "model": models[:, 0],
            "calibre": models[:, 1],
            "weapon_type": models[:, 2],
            "country": _pick(prng, profile.countries, nb, 0.85),
            "year": prng.integers(profile.years[0], profile.years[1] + 1, size=nb).astype(str).astype(object),
        }
        cols["serial"].append(serial)
        cols["serial_end"].append(serial_end)
        cols["quantity"].append(quantity)
        for name, per_batch in fields.items():
            values = per_batch[rep]
            missing = prng.random(n) < _MISSING_RATE[name]
            cols[name].append(pa.array(np.where(missing, None, values), type=pa.string()))
        cols["profile"].append(pa.array(np.full(n, profile.name, dtype=object), type=pa.string()))

    base = pa.table({k: pa.concat_arrays(v) for k, v in cols.items()})
    extra = [base]
    if n_dup:  # the same weapon keyed twice by hand, sometimes with fewer fields
        take = rng.choice(base.num_rows, size=n_dup, replace=False)
        dup = base.take(pa.array(np.sort(take)))
        drop = pa.array(rng.random(n_dup) < 0.5)
        dup = dup.set_column(
            dup.schema.get_field_index("year"),
            "year",
            pc.if_else(drop, pa.nulls(n_dup, pa.string()), dup["year"]),
        )
        extra.append(dup)
    if n_cross:  # a number also carried by a weapon of another maker with the same format
        extra.append(_cross_maker_duplicates(rng, base, n_cross))
    table = pa.concat_tables(extra)
    ids = pc.binary_join_element_wise(
        "R", pc.utf8_lpad(pc.cast(pa.array(np.arange(1, table.num_rows + 1)), pa.string()), 9, "0"), ""
    )
    table = table.add_column(0, "record_id", ids)
    return table.drop_columns(["profile"]).combine_chunks()


def _cross_maker_duplicates(rng: np.random.Generator, base: pa.Table, n: int) -> pa.Table:
    """Rows copying a serial of one maker into another maker of the same numeric format."""
    groups: dict[str, list[Profile]] = {}
    for p in PROFILES:
        if p.numeric_group:
            groups.setdefault(p.numeric_group, []).append(p)
    names = np.asarray(base["profile"].to_numpy(zero_copy_only=False))
    eligible = np.flatnonzero(
        np.isin(names, [p.name for ps in groups.values() for p in ps])
        & np.asarray(pc.is_null(base["serial_end"]).to_numpy(zero_copy_only=False))
    )
    if len(eligible) == 0:
        return base.slice(0, 0)
    take = np.sort(rng.choice(eligible, size=min(n, len(eligible)), replace=False))
    src = base.take(pa.array(take))
    by_name = {p.name: p for p in PROFILES}
    rows: dict[str, list[str | None]] = {
        k: [] for k in ("manufacturer", "model", "calibre", "weapon_type", "country", "year")
    }
    for name in np.asarray(src["profile"].to_numpy(zero_copy_only=False)):
        group = groups[by_name[name].numeric_group]
        other = group[int(rng.integers(len(group)))]
        if other.name == name and len(group) > 1:
            other = next(p for p in group if p.name != name)
        rows["manufacturer"].append(other.manufacturers[0])
        model, calibre, weapon_type = other.models[int(rng.integers(len(other.models)))]
        rows["model"].append(model)
        rows["calibre"].append(calibre)
        rows["weapon_type"].append(weapon_type)
        rows["country"].append(other.countries[0])
        rows["year"].append(str(int(rng.integers(other.years[0], other.years[1] + 1))))
    out = src
    for k, v in rows.items():
        out = out.set_column(out.schema.get_field_index(k), k, pa.array(v, type=pa.string()))
    return out


def cached_registry(records: int, seed: int = 7, cache_dir: Path = CACHE_DIR) -> Path:
    """Path of the registry Parquet for (records, seed), generating it on first use."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"registry_v{GENERATOR_VERSION}_{records}_s{seed}.parquet"
    if not path.exists():
        table = generate_registry(records, seed)
        tmp = path.with_suffix(".tmp")
        pq.write_table(table, tmp, compression="zstd")
        tmp.rename(path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="Parquet or CSV path (default: the cache dir)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    if args.out is None:
        path = cached_registry(args.records, args.seed)
    else:
        table = generate_registry(args.records, args.seed)
        path = args.out
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".csv":
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, path)
        else:
            pq.write_table(table, path, compression="zstd")
    print(f"{args.records} records -> {path} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
