"""A cross-check's two input files, read beside each other and beside whatever the caller does meanwhile.

Arrow reads and cleans a file without the GIL: started before the matcher's modules are imported (``armstrace
xref`` starts it first), the registry's read takes the core the imports leave idle, and the recoveries' read
takes a thread of its own instead of waiting for the registry's. Light on purpose: this module imports only
the readers and the row checks, not the matcher.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .input_checks import BadRow, refuse_bad_rows, set_aside
from .tables import read_table

__all__ = ["RECOVERY_REQUIRED", "REGISTRY_REQUIRED", "Inputs"]

REGISTRY_REQUIRED = ("record_id", "serial")
RECOVERY_REQUIRED = ("recovery_id", "serial")


@dataclass
class Read:
    """Both files as tables: the registry (every row good, else the read raised), the recoveries as read and the
    ones that can be matched, with the bad ones set aside."""

    registry: pa.Table
    recoveries: pa.Table  # as read: the quarantine file names its rows
    usable: pa.Table
    bad: list[BadRow]


class Inputs:
    """The two files being read, each in a thread of its own (``start``); ``result`` waits for both."""

    def __init__(self, registry: str | Path, recoveries: str | Path):
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="read")
        self._registry: Future[pa.Table] = self._pool.submit(_registry, Path(registry))
        self._recoveries: Future[tuple[pa.Table, pa.Table, list[BadRow]]] = self._pool.submit(
            _recoveries, Path(recoveries)
        )

    @classmethod
    def start(cls, registry: str | Path, recoveries: str | Path) -> Inputs:
        """Both reads started now."""
        return cls(registry, recoveries)

    def result(self) -> Read:
        """Both tables, once read; a file's error raised here (the registry's first, as one after the other
        would). The threads have ended when it returns: a batch may fork then."""
        try:
            registry = self._registry.result()
            read, usable, bad = self._recoveries.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        return Read(registry, read, usable, bad)


def _registry(path: Path) -> pa.Table:
    table = read_table(path, REGISTRY_REQUIRED, "registry")
    refuse_bad_rows(table, "record_id", path, "registry")
    return table


def _recoveries(path: Path) -> tuple[pa.Table, pa.Table, list[BadRow]]:
    read = read_table(path, RECOVERY_REQUIRED, "recoveries")
    usable, bad = set_aside(read, path)
    return read, usable, bad
