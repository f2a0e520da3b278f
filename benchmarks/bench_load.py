"""Load on the agency server: requests/s, p50/p99 and errors by status for many clients at once.

    python -m benchmarks.bench_load                             # SQLite, 200k registry rows, 20 s per scenario
    python -m benchmarks.bench_load --registry 1000000          # the visibility (M6) figures at 1M rows
    python -m benchmarks.bench_load --postgres                  # the same on a throw-away PostgreSQL
    python -m benchmarks.bench_load --registry 1000000 --seconds 60 --import-rows 5000000   # the full run

It fills a workspace (three agencies; a public registry of ``--registry`` rows owned by US-NTC and a small
private one of PK-CTD's; incidents, recoveries and matches for each agency; one user and API token per
client), starts the real server (``armstrace serve``, Uvicorn) in a subprocess on loopback, builds the
search indexes (one search per view, timed), times ``GET /api/v1/matches`` for an agency analyst and for
the server admin, then runs each scenario: client processes (threads inside, at most 4 processes) that
stop by themselves after ``--seconds``; each client loops on a mix of list reads (45%), serial searches
(30%) and writes (25%: a new incident) with its API token or its login session. The "import" scenario
runs the same clients while ``armstrace import registry`` writes ``--import-rows`` rows for AF-MOI in
another process. Errors are every answer that is not 2xx, by status, and client time-outs (60 s).
Server settings come from the environment (ARMSTRACE_RATE, ARMSTRACE_BUSY_TIMEOUT, ...), as in production.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine, func, insert, select, text

from armstrace import auth
from armstrace.ingest import import_file
from armstrace.model import Incident, Item, Match, Recovery, User
from armstrace.settings import Settings
from armstrace.store import Workspace

from .bench_import import make_registry

AGENCIES = ("PK-CTD", "US-NTC", "AF-MOI")
PASSWORD = "load benchmark password"
READS = (
    "/api/v1/incidents?limit=20",
    "/api/v1/recoveries?limit=20",
    "/api/v1/matches?limit=20",
    "/api/v1/items?limit=20",
    "/api/v1/me",
    "/api/v1/traces?limit=20",
)
TIMEOUT = 60.0
CLI = [sys.executable, "-c", "import sys; from armstrace.cli import main; sys.argv[0] = 'armstrace'; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the workspace -------------------------------------------------------------------------------------


def fill(url: str, registry: int, clients: int, tmp: Path, seed: int) -> dict[str, Any]:
    """A workspace with three agencies, a registry, records to list and one user and token per client."""
    started = time.perf_counter()
    settings = Settings(database_url=url, agency="US-NTC", user="bench")
    ws = Workspace.create(settings, agency_name="US tracing centre")
    with ws.session() as s:
        for code in ("PK-CTD", "AF-MOI"):
            auth.create_agency(s, code, code, actor="bench")
        hashed = auth.hash_password(PASSWORD)
        users: list[dict[str, Any]] = []
        for i in range(clients):
            name, agency = f"load{i:03d}", AGENCIES[i % 3]
            auth.create_user(s, name, agency_code=agency, role="analyst", actor="bench").password_hash = hashed
            users.append(
                {"name": name, "agency": agency, "token": auth.create_token(s, name, name="load", actor="bench")[1]}
            )
        auth.create_user(s, "root", agency_code="US-NTC", role="server_admin", actor="bench").password_hash = hashed
        root = auth.create_token(s, "root", name="load", actor="bench")[1]
    reg = tmp / "registry.csv"
    make_registry(reg, registry, seed)
    import_file(ws, "registry", reg, source="US registry", visibility="public")
    pk = Workspace.open(replace(settings, agency="PK-CTD"))
    small = tmp / "pk.csv"
    make_registry(small, 2_000, seed + 1)
    import_file(pk, "registry", small, source="PK seized-arms register", visibility="private")
    pk.close()
    rng = np.random.default_rng(seed)
    with ws.session() as s:
        low, high = s.execute(select(func.min(Item.id), func.max(Item.id))).one()
        serials = list(
            s.scalars(select(Item.serial).where(Item.id.in_([int(x) for x in rng.integers(low, high, 2000)])))
        )
        agency_ids = {code: s.scalar(text("select id from agency where code = :c"), {"c": code}) for code in AGENCIES}
        for code, agency_id in agency_ids.items():
            incidents = [
                {
                    "agency_id": agency_id,
                    "visibility": "private",
                    "code": f"{code}-{i}",
                    "country": "PK",
                    "kind": "seizure",
                    "title": f"seizure {i}",
                }
                for i in range(100)
            ]
            s.execute(insert(Incident), incidents)
            ids = list(s.scalars(select(Incident.id).where(Incident.agency_id == agency_id)))
            s.execute(
                insert(Recovery),
                [
                    {
                        "agency_id": agency_id,
                        "visibility": "private",
                        "incident_id": inc,
                        "recovery_code": f"R{inc}-{j}",
                        "serial_read": serials[(inc * 3 + j) % len(serials)],
                        "row_hash": inc * 10 + j,
                    }
                    for inc in ids
                    for j in range(3)
                ],
            )
            recs = list(s.scalars(select(Recovery.id).where(Recovery.agency_id == agency_id)))
            s.execute(
                insert(Match),
                [
                    {
                        "agency_id": agency_id,
                        "visibility": "private",
                        "recovery_id": r,
                        "item_id": int(item),
                        "probability": float(p),
                        "status": "candidate",
                    }
                    for r in recs
                    for item, p in zip(low + rng.choice(high - low + 1, 3, replace=False), rng.random(3), strict=True)
                ],
            )
        count = s.scalar(select(func.count(Item.id)))
        assert s.scalar(select(func.count(User.id))) == clients + 1
    ws.close()
    return {
        "users": users,
        "root": root,
        "serials": serials,
        "items": count,
        "fill_seconds": round(time.perf_counter() - started, 1),
    }


# --- the server ----------------------------------------------------------------------------------------


def start_server(url: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    cmd = [*CLI, "--db", url, "serve", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


# --- the clients ---------------------------------------------------------------------------------------


class Client:
    """One keep-alive HTTP connection acting as one user, with an API token or a login session."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.headers = {"authorization": f"Bearer {token}"} if token else {}
        self.csrf: str | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        for attempt in (0, 1):  # one reconnect when the server closed an idle keep-alive connection
            try:
                self.conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("connection", "").lower() == "close":
                    self.conn.close()
                return response.status, data, response
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def login(self, username: str) -> None:
        status, page, response = self.request("GET", "/login")
        self._cookie(response)
        csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page)
        form = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrf_token": csrf.group(1).decode() if csrf else ""}
        ).encode()
        status, _, response = self.request(
            "POST", "/login", form, {"content-type": "application/x-www-form-urlencoded"}
        )
        if status != 303:
            raise RuntimeError(f"login of {username} answered {status}")
        self._cookie(response)
        _, home, response = self.request("GET", "/")
        self._cookie(response)
        found = re.search(rb'name="csrf_token" value="([^"]+)"', home)
        self.csrf = found.group(1).decode() if found else None

    def _cookie(self, response: http.client.HTTPResponse) -> None:
        cookie = response.getheader("set-cookie")
        if cookie:
            self.headers["cookie"] = cookie.split(";", 1)[0]


def client_loop(
    port: int, user: dict[str, Any], mode: str, serials: list[str], start: Any, seconds: float, seed: str
) -> list[tuple[str, int, float]]:
    """Log in when the client uses a session, wait at ``start`` (a barrier) for every other client, then run
    for ``seconds``: (kind, status, seconds) per request."""
    rng = random.Random(seed)
    c = Client(port, user["token"] if mode == "token" else None)
    failed = None
    if mode == "session":
        try:
            c.login(user["name"])
        except Exception as exc:  # counted below, after the barrier every client must reach
            failed = exc
    start.wait()
    if failed is not None:
        return [("login", -1, 0.0)]
    end_at = time.time() + seconds
    out: list[tuple[str, int, float]] = []
    n = 0
    while time.time() < end_at:
        r = rng.random()
        if r < 0.45:
            kind, method, path, body = "read", "GET", rng.choice(READS), None
        elif r < 0.75:
            serial = list(rng.choice(serials))
            i = rng.randrange(len(serial))
            serial[i] = "?" if rng.random() < 0.5 else rng.choice("0123456789")
            kind, method, path, body = (
                "search",
                "GET",
                "/api/v1/search?" + urllib.parse.urlencode({"q": "".join(serial)}),
                None,
            )
        else:
            n += 1
            payload = {"code": f"{seed}-{n}", "date": "2025-03-11", "country": "PK", "kind": "attack"}
            kind, method, path, body = "write", "POST", "/api/v1/incidents", json.dumps(payload).encode()
        headers = {"content-type": "application/json"} if body else {}
        if body and c.csrf:
            headers["x-csrf-token"] = c.csrf
        t0 = time.perf_counter()
        try:
            status = c.request(method, path, body, headers)[0]
        except (TimeoutError, OSError):
            status = 0  # a client time-out or a refused connection
            c.conn.close()
            c.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        out.append((kind, status, time.perf_counter() - t0))
    return out


def _worker(
    port: int,
    users: list[dict[str, Any]],
    mode: str,
    serials: list[str],
    start: Any,
    seconds: float,
    tag: str,
    results: Any,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(users)) as pool:
        futures = [pool.submit(client_loop, port, u, MODES[mode](u["index"]), serials, start, seconds,
                               f"{tag}-{u['index']}") for u in users]  # fmt: skip
        results.put([row for f in futures for row in f.result()])


def _mode_token(i: int) -> str:
    return "token"


def _mode_session(i: int) -> str:
    return "session"


def _mode_mixed(i: int) -> str:
    return "token" if i % 2 == 0 else "session"


MODES = {"token": _mode_token, "session": _mode_session, "mixed": _mode_mixed}


def run_scenario(
    port: int,
    users: list[dict[str, Any]],
    clients: int,
    mode: str,
    serials: list[str],
    seconds: float,
    seed: int,
    during: Any = None,
) -> dict[str, Any]:
    chosen = [{**u, "index": i} for i, u in enumerate(users[:clients])]
    procs = min(4, clients)
    ctx = mp.get_context("fork")
    start = ctx.Barrier(clients + 1, timeout=600)
    results = ctx.Queue()
    tag = f"L{seed}{int(time.time()) % 100000}"  # incident codes unique across scenarios and runs
    workers = [ctx.Process(target=_worker, args=(port, chosen[k::procs], mode, serials, start, seconds, tag, results))
               for k in range(procs)]  # fmt: skip
    for w in workers:
        w.start()
    start.wait()  # every client logged in: the measured window starts
    extra = during() if during is not None else {}
    rows = [row for _ in workers for row in results.get(timeout=seconds + 600)]
    for w in workers:
        w.join()
    return summarise(rows, seconds, clients, mode) | extra


def summarise(rows: list[tuple[str, int, float]], seconds: float, clients: int, mode: str) -> dict[str, Any]:
    def pct(values: list[float], q: float) -> float:
        return round(float(np.percentile(values, q)) * 1000, 1) if values else float("nan")

    statuses = collections.Counter(status for _, status, _ in rows)
    errors = {("timeout" if k == 0 else "login" if k < 0 else str(k)): v
              for k, v in sorted(statuses.items()) if not 200 <= k < 300}  # fmt: skip
    rows = [r for r in rows if r[0] != "login"]
    times = [t for _, _, t in rows]
    kinds = {}
    for kind in ("read", "search", "write"):
        t = [x for k, _, x in rows if k == kind]
        kinds[kind] = {"n": len(t), "p50_ms": pct(t, 50), "p99_ms": pct(t, 99)}
    return {
        "clients": clients,
        "auth": mode,
        "seconds": seconds,
        "requests": len(rows),
        "rps": round(len(rows) / seconds, 1),
        "p50_ms": pct(times, 50),
        "p99_ms": pct(times, 99),
        "max_ms": round(max(times) * 1000, 1) if times else None,
        "errors": errors,
        "by_kind": kinds,
    }


def timed_gets(port: int, token: str, path: str, n: int) -> float | str:
    """Median milliseconds of ``n`` sequential GETs (after one warm-up), or why there is none."""
    c = Client(port, token)
    times = []
    for _ in range(n + 1):
        t0 = time.perf_counter()
        try:
            status = c.request("GET", path)[0]
        except TimeoutError:
            return f"> {TIMEOUT:.0f} s (client time-out)"
        times.append(time.perf_counter() - t0)
        if status != 200:
            return f"HTTP {status}"
        if sum(times) > 60:  # slow enough to say so with fewer calls
            break
    return round(float(np.median(times[1:] or times)) * 1000, 1)


# --- the run -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", type=int, default=200_000, help="registry rows (public, US-NTC)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each scenario")
    parser.add_argument("--import-rows", type=int, default=300_000, help="rows imported during the import scenario")
    parser.add_argument(
        "--scenarios",
        default="token20,session20,mixed100,import20",
        help="comma-separated: token20, session20, token100, session100, mixed100, import20; '' for none",
    )
    parser.add_argument("--postgres", action="store_true", help="on a throw-away PostgreSQL instead of SQLite")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    clients = max([int(re.sub(r"\D", "", s) or 0) for s in wanted] + [20])

    with tempfile.TemporaryDirectory(prefix="armstrace-load-") as tmpdir, contextlib.ExitStack() as stack:
        tmp = Path(tmpdir)
        if args.postgres:
            # here, not at the top: only PostgreSQL runs need tests/ on the path
            from tests.pg import throwaway_postgres

            admin = stack.enter_context(throwaway_postgres())
            with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text('CREATE DATABASE "bench"'))
            url = admin.rsplit("/", 1)[0] + "/bench"
        else:
            url = f"sqlite:///{tmp / 'load.db'}"
        server = None
        try:
            print(f"filling the workspace: {args.registry:,} registry rows, {clients} users ...", flush=True)
            world = fill(url, args.registry, clients, tmp, args.seed)
            port = _free_port()
            server = start_server(url, port, dict(os.environ))
            result: dict[str, Any] = {
                "backend": "postgresql" if args.postgres else "sqlite",
                "registry": world["items"],
                "fill_seconds": world["fill_seconds"],
            }
            t0 = time.perf_counter()
            for agency in AGENCIES if wanted else ():  # one search per view builds its index
                user = next(u for u in world["users"] if u["agency"] == agency)
                warm = Client(port, user["token"])
                warm.conn.timeout = 1800  # a build of a large view takes minutes on a loaded machine
                warm.request("GET", "/api/v1/search?q=W1000500")
            result["index_build_seconds"] = round(time.perf_counter() - t0, 1) if wanted else None
            analyst = world["users"][0]["token"]
            result["matches_ms_analyst"] = timed_gets(port, analyst, "/api/v1/matches?limit=50", 20)
            result["matches_ms_admin"] = timed_gets(port, world["root"], "/api/v1/matches?limit=50", 20)
            print(json.dumps(result), flush=True)
            result["scenarios"] = {}
            for name in wanted:
                mode = "token" if name.startswith("import") else re.sub(r"\d", "", name)
                n = int(re.sub(r"\D", "", name))
                during = None
                if name.startswith("import"):
                    reg = tmp / "import.csv"
                    make_registry(reg, args.import_rows, args.seed + 2)

                    def during(reg: Path = reg) -> dict[str, Any]:
                        cmd = [
                            *CLI,
                            "--db",
                            url,
                            "--agency",
                            "AF-MOI",
                            "import",
                            "registry",
                            str(reg),
                            "--source",
                            f"AF import {time.time()}",
                        ]
                        t = time.perf_counter()
                        done = subprocess.run(cmd, capture_output=True, env=dict(os.environ), check=False)
                        return {
                            "import_seconds": round(time.perf_counter() - t, 1),
                            "import_rows": args.import_rows,
                            "import_exit": done.returncode,
                            "import_error": done.stderr.decode()[-300:],
                        }

                out = run_scenario(port, world["users"], n, mode, world["serials"], args.seconds, args.seed, during)
                result["scenarios"][name] = out
                print(name, json.dumps(out), flush=True)
            result["server_peak_rss_mib"] = peak_rss_mib(server.pid)
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:  # requests still stuck inside: say so, and stop it
                    print("the server did not stop within 30 s of SIGTERM; killed", flush=True)
                    server.kill()
                    server.wait()
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


def print_table(result: dict[str, Any]) -> None:
    print(
        f"\n{result['backend']}, {result['registry']:,} registry rows; first searches (index builds) "
        f"{result['index_build_seconds']} s; GET /api/v1/matches median {result['matches_ms_analyst']} ms (analyst),"
        f" {result['matches_ms_admin']} ms (server admin); server peak RSS {result.get('server_peak_rss_mib')} MiB"
    )
    print(f"{'scenario':<10} {'clients':>7} {'auth':<8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  errors")
    for name, s in result["scenarios"].items():
        extra = f"  import {s['import_rows']:,} rows in {s['import_seconds']} s" if "import_seconds" in s else ""
        cells = [str(s[k]) for k in ("rps", "p50_ms", "p99_ms", "max_ms")]
        print(f"{name:<10} {s['clients']:>7} {s['auth']:<8} {cells[0]:>7} {cells[1]:>8} {cells[2]:>8} {cells[3]:>8}  "
              f"{s['errors'] or 0}{extra}")  # fmt: skip


if __name__ == "__main__":
    main()
