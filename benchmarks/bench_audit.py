"""What the secrets and audit anchors cost: an audited write, `audit verify`, a session cookie check.

    python -m benchmarks.bench_audit                 # SQLite in a temporary folder, about a minute
    python -m benchmarks.bench_audit --writes 2000 --verify-events 100000   # a few minutes

Writes: one audited transaction each (``Workspace.session`` + ``audit.record``), timed per call, with
anchors as configured by default (every 100 events), with an anchor after every event (the worst
case), and with anchoring switched off (what a write cost before anchors). Verify: ``audit.verify``
over the whole log, with the anchors file when there is one. Cookies: ``SessionSigner.loads`` with a
fixed key and with the key folder's keys (one ``stat`` per check, to see a rotation).
It also runs on a tree without anchors (the figures before): the parts that do not exist are skipped.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from armstrace import audit
from armstrace.settings import Settings
from armstrace.store import Workspace


def _write_times(ws: Workspace, n: int, start: int) -> list[float]:
    times = []
    for i in range(start, start + n):
        t0 = time.perf_counter()
        with ws.session() as s:
            audit.record(s, actor="bench", action="bench.write", entity="incident", entity_id=i, detail={"i": i})
        times.append(time.perf_counter() - t0)
    return times


def _writes(modes: list[tuple[str, Workspace]], n: int, rounds: int = 5) -> dict[str, dict[str, float]]:
    """Per-write times of each mode, the modes taking turns (rounds) so that drift and noise hit all alike."""
    for _, w in modes:
        _write_times(w, 50, 0)  # warm-up
    times: dict[str, list[float]] = {name: [] for name, _ in modes}
    per_round = max(1, n // rounds)
    for r in range(rounds):
        for name, w in modes:
            times[name] += _write_times(w, per_round, 1000 + r * per_round)
    out = {}
    for name, t in times.items():
        t.sort()
        out[name] = {
            "median_ms": 1000 * statistics.median(t),
            "p99_ms": 1000 * t[int(0.99 * (len(t) - 1))],
            "mean_ms": 1000 * statistics.fmean(t),
        }
    return out


def _anchor_costs(ws: Workspace, n: int) -> dict[str, float]:
    """What anchoring adds to a write: the check when no anchor is due, and signing + appending one."""
    with ws.engine.connect() as conn:
        from armstrace.store.anchors import chain_head

        head = chain_head(conn)
    assert head is not None
    ws.anchors.append(*head)
    t0 = time.perf_counter()
    for _ in range(n):
        ws.anchors.after_write(*head)  # not due: the last anchor is this head
    check = (time.perf_counter() - t0) / n
    times = []
    for i in range(1, 201):
        t0 = time.perf_counter()
        ws.anchors.append(head[0] + i, head[1])  # a stand-in head: only the cost is measured
        times.append(time.perf_counter() - t0)
    return {
        "check when none is due us": 1e6 * check,
        "sign and append (fsync) median ms": 1000 * statistics.median(times),
    }


def _bulk(ws: Workspace, n: int) -> None:
    with ws.session() as s:
        for i in range(n):
            audit.record(s, actor="bench", action="bench.bulk", entity="incident", entity_id=i)


def _verify(ws: Workspace) -> dict[str, Any]:
    t0 = time.perf_counter()
    with ws.session() as s:
        anchors = getattr(ws, "anchors", None)
        report = audit.verify(s, anchors=anchors) if anchors is not None else audit.verify(s)
    return {
        "seconds": time.perf_counter() - t0,
        "events": report.events,
        "ok": report.ok,
        "anchors": getattr(report, "anchors", None),
    }


def _cookies(ws: Workspace, n: int) -> dict[str, float]:
    from armstrace.web.security import SessionData, SessionSigner

    out = {}
    signers = {"fixed key": SessionSigner("bench-key")}
    keys = getattr(ws, "keys", None)
    if keys is not None:
        signers["key folder"] = SessionSigner(keys.session_secrets)
    for name, signer in signers.items():
        cookie = signer.dumps(SessionData(user_id=1))
        t0 = time.perf_counter()
        for _ in range(n):
            assert signer.loads(cookie) is not None
        out[name + " us"] = 1e6 * (time.perf_counter() - t0) / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--verify-events", type=int, default=20000)
    parser.add_argument("--cookies", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="armstrace-bench-audit-") as tmp:
        base = Settings(database_url=f"sqlite:///{Path(tmp) / 'ws.db'}", agency="BENCH", user="bench")
        ws = Workspace.create(base)
        has_anchors = hasattr(ws, "anchors")
        modes: list[tuple[str, Workspace]] = []
        if has_anchors:
            modes.append(("anchors every 100 (default)", ws))
            modes.append(("anchor after every event", Workspace.open(replace(base, anchor_every=1))))
            off = Workspace.open(base)
            off.anchors.after_write = lambda seq, head: None
            modes.append(("anchoring off", off))
        else:
            modes.append(("before anchors", ws))
        for name, figures in _writes(modes, args.writes).items():
            print(f"write, {name}: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
        if has_anchors:
            print(f"anchor: {_anchor_costs(ws, 5000)}")
            Path(str(ws.anchors.path)).unlink()  # the stand-in anchors above name no real event
        _bulk(ws, args.verify_events)
        if has_anchors:
            ws.anchors.anchor_now(ws.engine)
        print(f"verify: {_verify(ws)}")
        print(f"cookie check: {_cookies(ws, args.cookies)}")
        for _, w in modes:
            w.close()


if __name__ == "__main__":
    main()
