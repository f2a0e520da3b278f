"""The phrase indexes and the phrases normalised while priming, kept on disk between commands: building them
is most of a command's start-up (some 55,000 phrases normalised); reading them back costs a tenth of that.

They are kept in the cache folder ``vocabulary.use_cache`` names, under the same fingerprint (the reference rows
and identification's code), so a new row or a changed rule makes the file stale. The file is a pickle: it is read
only from a folder and file this user owns and no one else may write, and only this package's classes are
rebuilt from it. Reference rows are written as their place in the tables and read back as the very rows of the
loaded tables, so an index's payloads stay the rows every other lookup returns.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

from armstrace.reference import TABLES, Reference

from . import vocabulary
from .text import normalised

__all__ = ["load", "loaded", "save"]

_FORMAT = 1
_STALE_AFTER = 86_400.0  # seconds a file of another fingerprint is kept
#: the modules whose classes a kept index may hold; anything else in the file refuses it
_TRUSTED_MODULES = ("armstrace.identify.", "armstrace.reference")
_LOADED: set[Reference] = set()  # the references (hashed by identity) whose indexes came from a file


def load(ref: Reference) -> Any | None:
    """The indexes kept for ``ref``'s fingerprint, or None (no cache folder, no file, stale, not trusted); the
    phrases normalised with them are answered from the file too."""
    path = _path(ref)
    if path is None:
        return None
    try:
        if not (vocabulary.private(path.parent) and vocabulary.private(path)):
            return None  # a file another user could have written is never unpickled
        with path.open("rb") as fh:
            kept = _Reader(fh, ref).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return None
    if not isinstance(kept, tuple) or len(kept) != 4 or kept[:2] != (_FORMAT, vocabulary.fingerprint(ref)):
        return None
    if isinstance(kept[3], dict):
        memo = normalised()
        memo.update((k, v) for k, v in kept[3].items() if k not in memo)
    _LOADED.add(ref)
    return kept[2]


def loaded(ref: Reference) -> bool:
    """True when ``ref``'s indexes were read from the cache folder in this process (nothing to write)."""
    return ref in _LOADED


def save(ref: Reference, indexes: object) -> None:
    """Keep ``indexes`` (built from ``ref``) and the phrases normalised so far for the next command; a folder that
    cannot be written costs nothing but time. Files of other fingerprints older than a day are removed."""
    path = _path(ref)
    if path is None:
        return
    tmp = ""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        buffer = io.BytesIO()
        _Writer(buffer, ref).dump((_FORMAT, vocabulary.fingerprint(ref), indexes, dict(normalised())))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".indexes-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(tmp, path)
        tmp = ""
        for old in path.parent.glob("indexes-*.pickle"):
            if old != path and time.time() - old.stat().st_mtime > _STALE_AFTER:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _path(ref: Reference) -> Path | None:
    folder = vocabulary.cache_folder()
    return None if folder is None else folder / f"indexes-{vocabulary.fingerprint(ref)[:32]}.pickle"


def _rows(ref: Reference) -> dict[int, tuple[str, int]]:
    return {id(row): (table, i) for table in TABLES if hasattr(ref, table) for i, row in enumerate(getattr(ref, table))}


class _Writer(pickle.Pickler):
    def __init__(self, fh: io.BytesIO, ref: Reference) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._ref = ref
        self._places = _rows(ref)

    def persistent_id(self, obj: Any) -> Any:
        if obj is self._ref:
            return ("reference",)
        return self._places.get(id(obj))


class _Reader(pickle.Unpickler):
    def __init__(self, fh: Any, ref: Reference) -> None:
        super().__init__(fh)
        self._ref = ref

    def persistent_load(self, pid: Any) -> Any:
        if pid == ("reference",):
            return self._ref
        table, i = pid
        if table not in TABLES:
            raise pickle.UnpicklingError(f"no table {table!r}")
        return getattr(self._ref, table)[i]

    def find_class(self, module: str, name: str) -> Any:
        if not module.startswith(_TRUSTED_MODULES):
            raise pickle.UnpicklingError(f"a kept index may not hold {module}.{name}")
        return super().find_class(module, name)
