"""Custody and diversion analysis at scale, and agreement with the synthetic ground truth.

    python -m benchmarks.bench_analysis --items 200000 [--db postgresql://…]

Generates a scenario, imports it (registry, transfers, incidents, recoveries), links every recovery
to its true record with a confirmed match (the matcher has its own benchmark), then times one chain
(`custody_chain`), every chain (`chains`) and the whole `summary`, and prints how many chains name the
true last legal holder, its country and date, and the diversion date. Anchor: the time to read every
transfer row once (`select * from transfer`), measured in the same run, so the ratio says how much
the chain building costs beyond reading its input.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from armstrace import analysis
from armstrace.ingest import import_file
from armstrace.model import Item, Match, Recovery, Transfer
from armstrace.settings import Settings, database_url
from armstrace.store import Workspace
from armstrace.synth import generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temporary directory)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scenario"
        t0 = time.perf_counter()
        generate(out, items=args.items, seed=args.seed)
        url = database_url(args.db) if args.db else f"sqlite:///{Path(tmp) / 'ws.db'}"
        ws = Workspace.create(Settings(database_url=url, agency="BENCH", user="bench"))
        for kind in ("registry", "transfers", "incidents", "recoveries"):
            import_file(
                ws, kind, out / f"{kind}.csv", source=f"synth {kind}" if kind in ("registry", "transfers") else None
            )
        with open(out / "truth.csv", newline="", encoding="utf-8") as fh:
            truth = [r for r in csv.DictReader(fh) if r["record_id"]]
        with ws.session() as s:
            agency = ws.agency().id
            recs = {c: i for c, i in s.execute(select(Recovery.recovery_code, Recovery.id))}
            items: dict[str, int] = {}
            for rid, iid in s.execute(select(Item.record_id, Item.id).order_by(Item.id)):
                items.setdefault(rid, iid)
            s.add_all(
                Match(
                    agency_id=agency,
                    recovery_id=recs[r["recovery_id"]],
                    item_id=items[r["record_id"]],
                    probability=1.0,
                    status="confirmed",
                )
                for r in truth
            )
        print(
            f"scenario: {args.items:,} items, {len(recs):,} recoveries, prepared in {time.perf_counter() - t0:.1f} s "
            f"({ws.dialect})"
        )

        t = time.perf_counter()
        with ws.session() as s:
            n_transfers = len(s.scalars(select(Transfer)).all())
        anchor = time.perf_counter() - t
        t = time.perf_counter()
        for code in list(recs)[:50]:
            analysis.custody_chain(ws, code)
        one = (time.perf_counter() - t) / 50
        t = time.perf_counter()
        chains = {c.recovery.recovery_code: c for c in analysis.chains(ws) if c.recovery}
        every = time.perf_counter() - t
        t = time.perf_counter()
        summary = analysis.summary(ws)
        whole = time.perf_counter() - t
        print(f"anchor: read {n_transfers:,} transfers: {anchor:.3f} s")
        print(f"one chain (custody_chain): {one * 1000:.1f} ms")
        print(f"every chain ({len(chains):,}): {every:.2f} s ({every / anchor:.1f}x the anchor)")
        print(
            f"summary (chains, flows, consignments, shares): {whole:.2f} s ({whole / anchor:.1f}x the anchor); "
            f"{len(summary.consignments)} consignments, {len(summary.flows)} flows"
        )
        holder = date = dated = div = documented = 0
        for r in truth:
            c = chains[r["recovery_id"]]
            ll = c.last_legal
            holder += ll is not None and (ll.holder, ll.country) == (
                r["last_legal_holder"],
                r["last_legal_holder_country"],
            )
            date += ll is not None and str(ll.date) == r["last_legal_date"]
            dated += c.last_legal_basis == "transfer"
            if c.diversion and c.diversion.documented:
                documented += 1
                div += str(c.diversion.first_illicit.date) == r["diverted_at"]
        n = len(truth)
        print(
            f"truth: last legal holder+country {holder}/{n} ({holder / n:.1%}); date {date}/{n} ({date / n:.1%}; "
            f"receipt on record for {dated}); diversion date {div}/{documented} documented"
        )
        ws.close()


if __name__ == "__main__":
    main()
