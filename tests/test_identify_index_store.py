"""Identification's phrase indexes kept in the cache folder: the next process reads them instead of building them,
answers as if it had built them, and never unpickles a file another user could have written."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.identify import identify, index_store, scan
from armstrace.identify.text import forget_normalised, normalised
from armstrace.identify.vocabulary import fingerprint, use_cache
from armstrace.reference import load_reference

_TEXTS = (
    "AK-47 made in China 7.62x39 Factory 66",
    "ИЖМАШ АК-74 5,45х39 1987",
    "GLOCK 17 AUSTRIA 9x19",
    "قنبلة يدوية إيرانية",
)


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    use_cache(cache)
    yield cache
    use_cache(None)


def _answers() -> list[dict[str, object]]:
    return [identify(t).to_dict() for t in _TEXTS]


def test_kept_indexes_answer_as_the_built_ones_with_the_tables_own_rows(folder: Path) -> None:
    ref = load_reference()
    built = scan.indexes(ref)
    index_store.save(ref, built)
    before = _answers()
    kept = index_store.load(ref)
    assert isinstance(kept, scan.Indexes) and kept is not built
    assert kept.ref is ref  # rows are the loaded tables' own, not copies
    ak = next(p for p in kept.models.get("AK-47") if getattr(p, "model", "") == "AK-47")
    assert any(ak is m for m in ref.models)
    assert kept.declined[kept.makers] is not None  # the declined names still belong to their index
    scan.indexes.cache_clear()
    try:
        scan.indexes(ref)  # as a new process would: from the file
        assert index_store.loaded(ref)
        assert _answers() == before
    finally:
        scan.indexes.cache_clear()


def test_a_new_process_reads_what_the_first_one_wrote(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "ARMSTRACE_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "armstrace", "identify", _TEXTS[1], "--json"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    kept = list(cache.glob("indexes-*.pickle"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o077 == 0
    written = kept[0].stat().st_mtime_ns
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout
    assert kept[0].stat().st_mtime_ns == written  # read, not built and written again


def test_a_file_others_may_write_is_not_read(folder: Path) -> None:
    ref = load_reference()
    index_store.save(ref, scan.indexes(ref))
    (path,) = folder.glob("indexes-*.pickle")
    assert index_store.load(ref) is not None
    path.chmod(0o666)
    assert index_store.load(ref) is None


def test_a_file_naming_other_code_is_refused_unrun(folder: Path, tmp_path: Path) -> None:
    ref = load_reference()
    marker = tmp_path / "ran"
    path = folder / f"indexes-{fingerprint(ref)[:32]}.pickle"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    path.write_bytes(pickle.dumps((1, fingerprint(ref), Payload(), {})))
    path.chmod(0o600)
    assert index_store.load(ref) is None
    assert not marker.exists()


def test_a_stale_or_foreign_file_is_ignored(folder: Path) -> None:
    ref = load_reference()
    path = folder / f"indexes-{fingerprint(ref)[:32]}.pickle"
    path.write_bytes(pickle.dumps((1, "another fingerprint", None, {})))
    path.chmod(0o600)
    assert index_store.load(ref) is None
    path.write_bytes(b"not a pickle")
    assert index_store.load(ref) is None


def test_the_phrases_normalised_while_priming_are_kept_too(folder: Path) -> None:
    ref = load_reference()
    identify(_TEXTS[0])  # primed: the tables' phrases normalised
    index_store.save(ref, scan.indexes(ref))
    count = len(normalised())
    forget_normalised()
    assert index_store.load(ref) is not None
    assert len(normalised()) == count > 10_000
