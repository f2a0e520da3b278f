"""An application served in this process on a free loopback port, for the demo's laptop sync and the tests.

The socket the OS bound is the one served: a port probed, closed and bound again could be taken by another
process in between.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from armstrace.exceptions import WorkspaceError


@contextmanager
def served(app: Any, *, start_within: float = 30.0) -> Iterator[str]:
    """``app`` served by Uvicorn on 127.0.0.1 for the duration of the block; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + start_within
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise WorkspaceError(f"the server on 127.0.0.1:{port} did not start")
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=30)
