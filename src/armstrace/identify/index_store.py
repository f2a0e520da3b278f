"""The phrase indexes and the phrases normalised while priming, kept on disk between commands: building them
is most of a command's start-up (some 55,000 phrases normalised); reading them back costs a tenth of that.

They are kept in the cache folder ``vocabulary.use_cache`` names, under the same fingerprint (the reference rows,
identification's code and data files, the Python and Unicode versions) and the segmenter's words, so a new row or
a changed rule makes the file stale. The file is a pickle, so it is read only through descriptors of a folder and
a file this user owns and no one else may write (no symbolic link followed), its payload must match the hash in
its header, and only the index classes below are rebuilt from it. Reference rows are written as their place in
the tables and read back as the very rows of the loaded tables, so an index's payloads stay the rows every other
lookup returns.
"""

from __future__ import annotations

import contextlib
import hashlib
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
from .unspaced import lexicon_digest

__all__ = ["load", "loaded", "save"]

_MAGIC = b"armstrace phrase indexes 2\n"
_STALE_AFTER = 86_400.0  # seconds a file of another fingerprint is kept
#: every class a kept index may hold (the reference rows travel as their place in the tables)
_CLASSES = {
    ("armstrace.identify.scan", "Indexes"),
    ("armstrace.identify.spellings", "Spellings"),
    ("armstrace.identify.text", "PhraseIndex"),
    *((spec.row_type.__module__, spec.row_type.__name__) for spec in TABLES.values()),
}
_LOADED: set[Reference] = set()  # the references (hashed by identity) whose indexes came from a file


def load(ref: Reference) -> Any | None:
    """The indexes kept for ``ref``, or None (no cache folder, no file, stale, damaged, not trusted); the
    phrases normalised with them are answered from the file too."""
    path = _path(ref)
    if path is None:
        return None
    data = _read_private(path)
    if data is None or not data.startswith(_MAGIC):
        return None
    header, _, payload = data[len(_MAGIC) :].partition(b"\n")
    if header != _header(ref, payload):
        return None  # another reference, code or segmenter, or a damaged payload
    try:
        kept = _Reader(io.BytesIO(payload), ref).load()
    except Exception:  # a file that does not read back is built again, whatever broke
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict)):
        return None
    memo = normalised()
    memo.update((k, v) for k, v in kept[1].items() if k not in memo)
    _LOADED.add(ref)
    return kept[0]


def loaded(ref: Reference) -> bool:
    """True when ``ref``'s indexes were read from the cache folder in this process (nothing to write)."""
    return ref in _LOADED


def save(ref: Reference, indexes: object) -> None:
    """Keep ``indexes`` (built from ``ref``) and the phrases normalised so far for the next command. Nothing is
    written to a folder another user could write (it would never be read); a folder that cannot be written costs
    nothing but time. Files of other fingerprints older than a day are removed."""
    path = _path(ref)
    if path is None:
        return
    tmp = ""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not vocabulary.private(path.parent):
            return
        buffer = io.BytesIO()
        _Writer(buffer, ref).dump((indexes, dict(normalised())))
        payload = buffer.getvalue()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".indexes-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + _header(ref, payload) + b"\n" + payload)
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


def _header(ref: Reference, payload: bytes) -> bytes:
    return f"{vocabulary.fingerprint(ref)} {lexicon_digest()} {hashlib.sha256(payload).hexdigest()}".encode()


def _path(ref: Reference) -> Path | None:
    folder = vocabulary.cache_folder()
    return None if folder is None else folder / f"indexes-{vocabulary.fingerprint(ref)[:32]}.pickle"


def _read_private(path: Path) -> bytes | None:
    """The file's bytes, when it and its folder are this user's and no one else may write them, checked on the
    open descriptors (a name swapped for a link between a check and the open is never followed)."""
    if not hasattr(os, "getuid") or os.open not in os.supports_dir_fd:
        return None  # no owners to check (Windows): never unpickle
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | nofollow)
    except OSError:
        return None
    try:
        if not _owned(os.fstat(folder)):
            return None
        fd = os.open(path.name, os.O_RDONLY | nofollow, dir_fd=folder)
        with os.fdopen(fd, "rb") as fh:
            return fh.read() if _owned(os.fstat(fh.fileno())) else None
    except OSError:
        return None
    finally:
        os.close(folder)


def _owned(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _rows(ref: Reference) -> dict[int, tuple[str, int]]:
    return {id(row): (table, i) for table in TABLES for i, row in enumerate(getattr(ref, table))}


class _Writer(pickle.Pickler):
    def __init__(self, fh: io.BytesIO, ref: Reference) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._ref = ref
        self._places = _rows(ref)

    def persistent_id(self, obj: Any) -> Any:
        if obj is self._ref:
            return "reference"
        return self._places.get(id(obj))


class _Reader(pickle.Unpickler):
    def __init__(self, fh: io.BytesIO, ref: Reference) -> None:
        super().__init__(fh)
        self._ref = ref

    def persistent_load(self, pid: Any) -> Any:
        if pid == "reference":
            return self._ref
        if not (isinstance(pid, tuple) and len(pid) == 2 and pid[0] in TABLES and isinstance(pid[1], int)):
            raise pickle.UnpicklingError(f"not a place in the tables: {pid!r}")
        return getattr(self._ref, pid[0])[pid[1]]

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _CLASSES:  # a dotted name would walk a module's attributes to any callable
            raise pickle.UnpicklingError(f"a kept index may not hold {module}.{name}")
        found = super().find_class(module, name)
        if not isinstance(found, type) or found.__module__ != module:
            raise pickle.UnpicklingError(f"{module}.{name} is not one of the index classes")
        return found
