"""Identification's phrase indexes kept in the cache folder: the next process reads them instead of building them,
answers as if it had built them, and never unpickles a file another user could have written."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.identify import identify, index_store, scan
from armstrace.identify.text import forget_normalised, normalised
from armstrace.identify.vocabulary import fingerprint, use_cache
from armstrace.reference import Reference, load_reference

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

    _write(path, ref, pickle.dumps((Payload(), {})))  # a well-formed file whose payload names os.system
    assert index_store.load(ref) is None
    assert not marker.exists()


def _write(path: Path, ref: Reference, payload: bytes) -> None:
    """A file as save() writes it (magic line, header with the payload's hash) around any payload."""
    path.write_bytes(index_store._MAGIC + index_store._header(ref, payload) + b"\n" + payload)
    path.chmod(0o600)


def test_a_stale_or_foreign_file_is_ignored(folder: Path) -> None:
    ref = load_reference()
    path = folder / f"indexes-{fingerprint(ref)[:32]}.pickle"
    payload = pickle.dumps(({}, {}))
    header = index_store._header(ref, payload).replace(fingerprint(ref).encode(), b"0" * 64)
    path.write_bytes(index_store._MAGIC + header + b"\n" + payload)  # another reference or code's file
    path.chmod(0o600)
    assert index_store.load(ref) is None
    path.write_bytes(b"not a pickle")
    assert index_store.load(ref) is None
    _write(path, ref, b"\x80\x05truncated")  # a hash that matches a payload that does not read back
    assert index_store.load(ref) is None


def test_the_phrases_normalised_while_priming_are_kept_too(folder: Path) -> None:
    ref = load_reference()
    identify(_TEXTS[0])  # primed: the tables' phrases normalised
    index_store.save(ref, scan.indexes(ref))
    count = len(normalised())
    forget_normalised()
    assert index_store.load(ref) is not None
    assert len(normalised()) == count > 10_000


_SRC = Path(index_store.__file__).parents[2]


def _string(text: str) -> bytes:
    data = text.encode()
    return b"X" + len(data).to_bytes(4, "little") + data


def test_a_dotted_name_through_a_trusted_module_is_refused_unrun(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    # protocol 4 resolves `os.system` as an attribute path from the trusted module index_store
    payload = b"\x80\x04c" + b"armstrace.identify.index_store\nos.system\n" + _string(f"touch {marker}") + b"\x85R."
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as nothing runs
        index_store._Reader(io.BytesIO(payload), load_reference()).load()
    assert not marker.exists()


@pytest.mark.parametrize(
    "damaged",
    [
        b"\x80\x04" + _string("abc") + b"Q.",  # a persistent id of the wrong shape
        b"\x80\x04X\x02\x00\x00\x00\xe5\x00.",  # a string that is not UTF-8
    ],
)
def test_a_damaged_file_is_rebuilt_not_raised(tmp_path: Path, damaged: bytes) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    use_cache(folder)
    try:
        ref = load_reference()
        path = folder / f"indexes-{fingerprint(ref)[:32]}.pickle"
        path.write_bytes(damaged)
        path.chmod(0o600)
        assert index_store.load(ref) is None
    finally:
        use_cache(None)


def _fingerprint(src: Path) -> str:
    code = (
        "from armstrace.reference import Reference, load_reference as load\n"
        "from armstrace.identify.vocabulary import fingerprint\n"
        "print(fingerprint(load()))"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("table", ["country_names.csv", "script_names.csv"])
def test_a_changed_word_list_table_changes_the_fingerprint(tmp_path: Path, table: str) -> None:
    copy = tmp_path / "src"
    shutil.copytree(_SRC / "armstrace", copy / "armstrace", ignore=shutil.ignore_patterns("__pycache__"))
    before = _fingerprint(copy)
    csv = copy / "armstrace" / "reference" / table
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer: the word lists built from it differ
    assert _fingerprint(copy) != before


def test_a_linked_file_is_not_followed(folder: Path, tmp_path: Path) -> None:
    ref = load_reference()
    index_store.save(ref, scan.indexes(ref))
    (path,) = folder.glob("indexes-*.pickle")
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)  # the same bytes, reached through a link another user could have planted
    assert index_store.load(ref) is None
    path.unlink()
    elsewhere.rename(path)
    assert index_store.load(ref) is not None


def test_a_flipped_byte_in_the_payload_is_noticed(folder: Path) -> None:
    ref = load_reference()
    index_store.save(ref, scan.indexes(ref))
    (path,) = folder.glob("indexes-*.pickle")
    data = bytearray(path.read_bytes())
    data[-1000] ^= 0x01
    path.write_bytes(bytes(data))
    assert index_store.load(ref) is None
