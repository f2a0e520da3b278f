"""Field sync (``armstrace.sync``): a laptop's workspace pushed to a server in-process, then synced again.

    python -m benchmarks.bench_sync                    # 1,000 recovered items, 20 photos: well under a minute
    python -m benchmarks.bench_sync --items 5000

The server runs in the same process behind Starlette's test client (no network: what is measured is the
library and the database work, SQLite on both sides). Printed: the first sync (everything pushed, files
uploaded, the echo pulled), a second sync with nothing new (the cost of finding that out: hashing every
record on both sides), a sync after one change, and the requests each made.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import select

from armstrace import attachments, auth
from armstrace import records as lib
from armstrace.model import Incident, Recovery
from armstrace.records import add_incident
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.sync import sync
from armstrace.tracing.lifecycle import actor_for
from armstrace.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


class _Counting:
    """The test client, counting requests."""

    def __init__(self, client: TestClient) -> None:
        self.client, self.requests = client, 0

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.requests += 1
        return self.client.request(method, url, **kwargs)

    def close(self) -> None:
        self.client.close()


def _photo(n: int) -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 480), (200, 200, 200))
    ImageDraw.Draw(img).text((20, 200), f"SYNTHETIC DRAWING {n}", fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "JPEG")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        srv = Workspace.create(Settings(database_url=f"sqlite:///{d / 'server.db'}", agency="PK-CTD", user="server"))
        with srv.session() as s:
            auth.create_user(s, "field-officer", agency_code="PK-CTD", role="analyst", actor="bench")
            token = auth.create_token(s, "field-officer", name="bench", actor="bench")[1]
        lap = Workspace.create(
            Settings(database_url=f"sqlite:///{d / 'laptop.db'}", agency="PK-CTD", user="field-officer")
        )
        add_incident(lap, "JE25", date="2025-03-11", country="PK")
        with lap.session() as s:
            actor = actor_for(s, lap.agency(), "field-officer", "analyst")
            incident = s.scalars(select(Incident)).one()
            for n in range(args.items):
                rec = lib.create_recovery(
                    s, actor, incident, {"recovery_code": f"R-{n:05d}", "serial_read": f"W{n:07d}"}
                )
                if n < args.photos:
                    attachments.add(s, actor, "recovery", rec.id, _photo(n), file_name=f"r{n}.jpg", shows="marking")
        app = create_app(Settings(database_url=srv.settings.database_url, agency="PK-CTD", user="server",
                                  secret_key="bench", rate_per_second=0), workspace=srv)  # fmt: skip
        print(f"{args.items:,} recovered items, {args.photos} photos, 1 incident; SQLite on both sides")
        for label in ("first sync", "second sync (nothing new)", "after one change"):
            if label == "after one change":
                with lap.session() as s:
                    s.scalars(select(Recovery).limit(1)).one().condition = "rusted"
            client = _Counting(TestClient(app))
            start = time.perf_counter()
            done = sync(lap, "http://testserver", token, client=client)  # type: ignore[arg-type]
            took = time.perf_counter() - start
            print(f"{label:28} {took:7.2f} s  {client.requests:4d} requests  pushed {done.pushed:5d}  "
                  f"pulled {done.pulled}  files {done.files_uploaded} ({done.bytes_uploaded:,} bytes)")  # fmt: skip
        lap.close()
        srv.close()


if __name__ == "__main__":
    main()
