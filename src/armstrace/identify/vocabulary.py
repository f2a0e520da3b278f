"""One vocabulary: the canonical maker, model, calibre and country that identification produces, for a value
recorded anywhere (a registry's make column, a seizure report, an import file).

The matcher compares recorded descriptions with these names, so the Type 56 identified from a marking and
the "TYPE 56 7.62" typed in a registry meet on the same words. Lookups go through the phrase indexes first
(exact spellings, aliases, transliterations: cheap) and fall back to identifying the value as a marking.
Names are stable: they are the reference rows' `name`, `model` and `calibre` cells, which are never renamed
(README.md in `armstrace/reference`).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
import unicodedata
from importlib import import_module
from pathlib import Path

import armstrace.reference as _reference_package
from armstrace.reference import Reference, load_reference

#: the package, whose rules (``canonical_names``: identification, its phrase indexes and word lists) load on
#: first use: a process whose answers are all kept (``use_cache``) never loads them
_IDENTIFICATION = import_module(__package__)

__all__ = [
    "FIELDS",
    "cache_folder",
    "canonical",
    "canonical_calibre",
    "canonical_maker",
    "canonical_model",
    "code_files",
    "fingerprint",
    "private",
    "save_cache",
    "use_cache",
]

FIELDS = ("manufacturer", "model", "calibre", "country")


def canonical(field: str, value: str | None, reference: Reference | None = None) -> str | None:
    """The canonical name of a recorded `field` value (manufacturer, model, calibre, country), or None.

    `canonical("manufacturer", "IZHMASH")` → "Izhmash (Kalashnikov Concern)"; `canonical("calibre", "7,62x39")`
    → "7.62x39mm"; `canonical("country", "Yugoslavia")` → "RS"; unknown values give None.
    """
    if not value or not str(value).strip():
        return None
    ref = reference or load_reference()
    name = "manufacturer" if field in {"maker", "make", "manufacturer"} else field
    if name not in FIELDS:
        raise ValueError(f"canonical: unknown field {field!r}; use one of {', '.join(FIELDS)}")
    return _canonical(name, str(value).strip(), ref)


@functools.lru_cache(maxsize=65536)
def _canonical(field: str, value: str, ref: Reference) -> str | None:
    disk = _DISK
    if disk is None:
        return _work_out(field, value, ref)
    answers = disk.answers(ref)
    key = f"{field}\x1f{value}"
    if key in answers:
        return answers[key]
    found = answers[key] = _work_out(field, value, ref)
    disk.dirty.add(fingerprint(ref))
    return found


def _work_out(field: str, value: str, ref: Reference) -> str | None:
    """A value not kept yet, named by identification's rules (``canonical_names.work_out``, loaded now)."""
    named: str | None = _IDENTIFICATION.work_out(field, value, ref)
    return named


def canonical_maker(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard maker name (`COLT'S MFG CO` → "Colt's Manufacturing Company"), or None."""
    return canonical("manufacturer", value, reference)


def canonical_model(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard model name (`AK 47` → "AK-47", `56式` → "Type 56"), or None."""
    return canonical("model", value, reference)


def canonical_calibre(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard calibre name (`7,62x39` → "7.62x39mm", `.308 WIN` → "7.62x51mm NATO"), or None."""
    return canonical("calibre", value, reference)


# -- canonical()'s answers kept on disk --------------------------------------------------------------------
# The first canonical() call builds every phrase index of identification (~1 CPU s): a registry's hundred
# distinct values cost more to name than to index. Their answers are kept in the user's cache folder, keyed
# by a fingerprint of the reference tables and of identification's code, so a new row or a changed rule
# makes the file stale: it is then ignored and written again.

_CACHE_FORMAT = 1


@functools.lru_cache(maxsize=8)
def fingerprint(ref: Reference) -> str:
    """A hash of the reference rows (every table, as loaded), of the code and data files that name values with
    them, and of the Python and Unicode versions their case and compatibility folding follow."""
    versions = f"{sys.version_info[:2]} {unicodedata.unidata_version}"
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\n{versions}\n{ref!r}".encode())
    for name, path in code_files():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def code_files() -> list[tuple[str, Path]]:
    """The files whose rules and words decide canonical()'s answers: identification's, subpackages included (its
    word lists are rules), and the reference package's, its tables included (`script_names.csv` and
    `country_names.csv` feed the word lists without being rows of a `Reference`)."""
    out = []
    for folder in (Path(__file__).parent, Path(_reference_package.__file__).parent):
        files = (p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
        out += [(f"{folder.name}/{p.relative_to(folder).as_posix()}", p) for p in files]
    return out


class _DiskCache:
    """canonical()'s answers per reference fingerprint, read from ``folder`` on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.loaded: dict[str, dict[str, str | None]] = {}
        self.dirty: set[str] = set()

    def path(self, key: str) -> Path:
        return self.folder / f"vocabulary-{key[:32]}.json"

    def answers(self, ref: Reference) -> dict[str, str | None]:
        key = fingerprint(ref)
        found = self.loaded.get(key)
        if found is None:
            found = self.loaded[key] = self._read(key)
        return found

    def _read(self, key: str) -> dict[str, str | None]:
        path = self.path(key)
        try:
            if not (private(self.folder) and private(path)):
                return {}  # a folder or file another user could have written: its answers are not trusted
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or unreadable: worked out again
        if not isinstance(data, dict) or data.get("fingerprint") != key or not isinstance(data.get("answers"), dict):
            return {}  # another reference or another version of the code: stale
        return {str(k): (v if isinstance(v, str) else None) for k, v in data["answers"].items()}

    def save(self) -> None:
        """Write the fingerprints with new answers (atomically: a reader sees the old file or the new one), merged
        with what another process wrote meanwhile, and remove files of other fingerprints left for a day (stale once
        the tables or the code changed; another installation sharing the folder keeps its own)."""
        for key in sorted(self.dirty):
            tmp = ""
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                answers = {**self._read(key), **self.loaded[key]}
                fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".vocabulary-", suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"fingerprint": key, "answers": answers}, fh, sort_keys=True)
                os.replace(tmp, self.path(key))
                tmp = ""
                keep = {self.path(k).name for k in self.loaded}
                for old in self.folder.glob("vocabulary-*.json"):
                    if old.name not in keep and time.time() - old.stat().st_mtime > _STALE_AFTER:
                        old.unlink(missing_ok=True)
            except OSError:
                pass  # a cache that cannot be written only costs time
            finally:
                if tmp:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
        self.dirty.clear()


_STALE_AFTER = 86_400.0  # seconds a file of another fingerprint is kept


def private(path: Path) -> bool:
    """True when ``path`` is this user's and no one else may write it (a cache others could write could steer the
    matcher's standardisation of makes and calibres)."""
    if not hasattr(os, "getuid"):
        return False  # no owners to check (Windows): nothing read back, nothing written
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


_DISK: _DiskCache | None = None


def use_cache(folder: Path | None) -> None:
    """Keep canonical()'s answers in ``folder`` between runs (None: in memory only, the default); they are
    written when the process ends (``save_cache`` writes them sooner)."""
    global _DISK
    if _DISK is not None:
        _DISK.save()
    _DISK = _DiskCache(folder) if folder is not None else None
    _canonical.cache_clear()


def cache_folder() -> Path | None:
    """The folder ``use_cache`` named (identification's phrase indexes are kept there too), or None."""
    return _DISK.folder if _DISK is not None else None


def save_cache() -> None:
    """Write canonical()'s new answers to the cache folder now (``use_cache``)."""
    if _DISK is not None:
        _DISK.save()


atexit.register(save_cache)
