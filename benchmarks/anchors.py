"""The systems armstrace's matcher is compared against, run side by side in the same benchmark run.

* exhaustive RapidFuzz: `rapidfuzz.process.extract` with Levenshtein distance over every serial;
* PostgreSQL pg_trgm: a real server (Debian's postgresql binaries, started by `tests.pg` as the `postgres`
  OS user on a free loopback port in a temp dir), a GIN trigram index, `%` filter ordered by `similarity`;
* Splink on DuckDB: Fellegi-Sunter link-only job with blocking rules, serial comparison levels
  (exact, skeleton, Damerau-Levenshtein 1, Levenshtein 2, Jaro-Winkler 0.9), make/model/calibre
  comparisons, u by random sampling and m by EM.

None of them understands `?`, `*` or `[38]`: queries are given to them as `anchor_query` turns them
into plain strings (unknown kept as a literal character, alternatives reduced to the first, `*` dropped).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .noise import skeleton_array

__all__ = ["PgTrgm", "anchor_query", "norm_column", "rapidfuzz_search", "splink_link", "start_postgres"]


def anchor_query(reading: str) -> str:
    """A plain string for systems without the query syntax: `[38]` -> `3`, `*` dropped, `?` kept."""
    out, i = [], 0
    s = reading.upper()
    while i < len(s):
        c = s[i]
        if c == "[":
            j = s.find("]", i)
            out.append(s[i + 1] if j > i + 1 else "")
            i = j + 1 if j > 0 else len(s)
            continue
        if c.isalnum() or c == "?":
            out.append(c)
        i += 1
    return "".join(out)


def norm_column(serials: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Upper case, separators removed: the form the anchors index (they get no confusion model)."""
    return pc.replace_substring_regex(pc.utf8_upper(serials), r"[\s\-./_]", "")


# ---------------------------------------------------------------------------------------------- RapidFuzz


def rapidfuzz_search(choices: Sequence[str], queries: Sequence[str], limit: int = 10) -> tuple[list, list]:
    """Exhaustive Levenshtein top-`limit` for each query; returns (indices per query, seconds per query)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    hits, times = [], []
    for q in queries:
        t0 = time.perf_counter()
        got = process.extract(q, choices, scorer=Levenshtein.distance, limit=limit)
        times.append(time.perf_counter() - t0)
        hits.append([idx for _, _, idx in got])
    return hits, times


# ---------------------------------------------------------------------------------------------- pg_trgm


#: what the anchor's server is given beyond the tests' settings: memory for the GIN build, one worker per query
PG_TUNING = ("-c shared_buffers=512MB -c work_mem=64MB -c maintenance_work_mem=1GB -c synchronous_commit=off "
             "-c max_parallel_workers_per_gather=0")  # fmt: skip


@contextlib.contextmanager
def start_postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server on loopback (``tests.pg``); yields its psycopg connection URL, removes it
    afterwards. No binaries: RuntimeError, which the benchmark reports as the anchor's result."""
    # here, not at the top: only PostgreSQL runs need tests/ on the path
    from tests.pg import find_binaries, throwaway_postgres

    if find_binaries() is None:
        raise RuntimeError("PostgreSQL binaries not found: apt-get install postgresql")
    with throwaway_postgres(PG_TUNING) as url:
        yield url.replace("postgresql+psycopg://", "postgresql://", 1)


@dataclass
class PgTrgm:
    """pg_trgm over the registry's normalised serials; `load` then `search`."""

    url: str
    threshold: float = 0.3
    load_seconds: float = 0.0
    index_seconds: float = 0.0

    def __post_init__(self) -> None:
        import psycopg

        self.conn: Any = psycopg.connect(self.url, autocommit=True)

    def load(self, record_ids: pa.Array, norms: pa.Array) -> None:
        cur = self.conn.cursor()
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("DROP TABLE IF EXISTS reg; CREATE UNLOGGED TABLE reg (pos int, record_id text, norm text)")
        t0 = time.perf_counter()
        with cur.copy("COPY reg (pos, record_id, norm) FROM STDIN") as copy:
            ids, ns = record_ids.to_pylist(), norms.to_pylist()
            for i in range(0, len(ids), 100_000):
                chunk = "".join(f"{i + k}\t{r}\t{n}\n" for k, (r, n) in
                                enumerate(zip(ids[i : i + 100_000], ns[i : i + 100_000], strict=True)))  # fmt: skip
                copy.write(chunk)
        self.load_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        cur.execute("CREATE INDEX reg_trgm ON reg USING gin (norm gin_trgm_ops)")
        cur.execute("ANALYZE reg")
        self.index_seconds = time.perf_counter() - t0
        cur.execute(f"SET pg_trgm.similarity_threshold = {self.threshold}")

    def index_bytes(self) -> int:
        cur = self.conn.cursor()
        cur.execute("SELECT pg_relation_size('reg_trgm')")
        return int(cur.fetchone()[0])

    def search(self, queries: Sequence[str], limit: int = 10) -> tuple[list[list[int]], list[float]]:
        cur = self.conn.cursor()
        sql = "SELECT pos FROM reg WHERE norm %% %s ORDER BY similarity(norm, %s) DESC LIMIT %s"
        hits, times = [], []
        for q in queries:
            t0 = time.perf_counter()
            cur.execute(sql, (q, q, limit))
            rows = cur.fetchall()
            times.append(time.perf_counter() - t0)
            hits.append([r[0] for r in rows])
        return hits, times

    def close(self) -> None:
        self.conn.close()


# ---------------------------------------------------------------------------------------------- Splink


def _splink_frame(table: pa.Table, id_col: str) -> pa.Table:
    norm = norm_column(table["serial"])
    plain = pc.replace_substring_regex(norm, r"[\[\]*?]", "")
    cols = {
        "unique_id": table[id_col],
        "serial_norm": plain,
        "serial_skel": skeleton_array(plain),
    }
    for c in ("manufacturer", "model", "calibre", "weapon_type", "country"):
        cols[c] = pc.utf8_lower(table[c]) if c in table.column_names else pa.nulls(table.num_rows, pa.string())
    return pa.table(cols)


def splink_link(registry: pa.Table, recoveries: pa.Table, threshold: float = 0.001) -> dict[str, Any]:
    """Link recoveries to the registry with Splink on DuckDB; returns top-1 per recovery and timings."""
    import duckdb
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    t_start = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET threads = 2")
    reg = _splink_frame(registry, "record_id")
    rec = _splink_frame(recoveries, "recovery_id")
    db_api = DuckDBAPI(connection=con)
    left = db_api.register(reg, dataset_display_name="registry")
    right = db_api.register(rec, dataset_display_name="recoveries")
    serial = cl.CustomComparison(
        output_column_name="serial",
        comparison_levels=[
            cll.NullLevel("serial_norm"),
            cll.ExactMatchLevel("serial_norm"),
            cll.ExactMatchLevel("serial_skel"),
            cll.DamerauLevenshteinLevel("serial_skel", 1),
            cll.LevenshteinLevel("serial_skel", 2),
            cll.JaroWinklerLevel("serial_skel", 0.9),
            cll.ElseLevel(),
        ],
    )
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("serial_skel"),
            block_on("substr(serial_skel, 1, 6)"),
            block_on("right(serial_skel, 5)"),
        ],
        comparisons=[
            serial,
            cl.JaroWinklerAtThresholds("manufacturer", [0.9, 0.7]),
            cl.ExactMatch("model"),
            cl.ExactMatch("calibre"),
            cl.ExactMatch("weapon_type"),
            cl.ExactMatch("country"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker([left, right], settings, log_level=40)
    t_train = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match([block_on("serial_norm")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("serial_skel"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("substr(serial_skel, 1, 6)"))
    train_s = time.perf_counter() - t_train
    t_pred = time.perf_counter()
    pred = linker.inference.predict(threshold_match_probability=threshold)
    name = pred.physical_name
    top = con.sql(
        "SELECT * FROM (SELECT unique_id_l, unique_id_r, source_dataset_l, match_probability, "
        "row_number() OVER (PARTITION BY CASE WHEN source_dataset_l = 'recoveries' THEN unique_id_l "
        f"ELSE unique_id_r END ORDER BY match_probability DESC) AS rk FROM {name}) WHERE rk = 1"
    ).fetchall()
    predict_s = time.perf_counter() - t_pred
    n_pairs = con.execute(f"SELECT count(*) FROM {name}").fetchone()
    best: dict[str, tuple[str, float]] = {}
    for uid_l, uid_r, src_l, p, _ in top:
        rec_id, reg_id = (uid_l, uid_r) if src_l == "recoveries" else (uid_r, uid_l)
        best[str(rec_id)] = (str(reg_id), float(p))
    total = time.perf_counter() - t_start
    con.close()
    return {"top1": best, "seconds": total, "train_seconds": train_s, "predict_seconds": predict_s,
            "pairs_above_threshold": int(n_pairs[0]) if n_pairs else 0}  # fmt: skip
