"""canonical()'s answers kept on disk: read back instead of building identification's phrase indexes, and
thrown away when the reference rows or identification's code change (a stale name would be a wrong one)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.cli import run
from armstrace.identify import canonical_names, scan, vocabulary
from armstrace.identify.vocabulary import canonical, fingerprint, save_cache, use_cache
from armstrace.linkage.descriptor import standardise
from armstrace.reference import load_reference, reference_dir
from armstrace.settings import load_settings


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    use_cache(folder)
    yield folder
    use_cache(None)


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("vocabulary-*.json"))


def test_answers_are_read_back_without_building_the_indexes(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    values = [("manufacturer", "COLT'S MFG CO"), ("calibre", "7,62x39"), ("model", "AK 47"), ("model", "NO SUCH")]
    first = [canonical(f, v) for f, v in values]
    assert first[0] and first[1] and first[3] is None
    save_cache()
    (path,) = _files(cache)
    assert json.loads(path.read_text())["fingerprint"] == fingerprint(load_reference())
    use_cache(cache)  # as a new process: nothing in memory

    def no_index(ref: object) -> None:
        raise AssertionError("the phrase indexes were built")

    monkeypatch.setattr(canonical_names, "indexes", no_index)
    assert [canonical(f, v) for f, v in values] == first


def test_a_stale_or_broken_file_is_worked_out_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = load_reference()
    cache.mkdir(parents=True)
    key = fingerprint(ref)
    path = cache / f"vocabulary-{key[:32]}.json"
    # a file written for other tables (another fingerprint) under this name, and a stale file of another key
    path.write_text(json.dumps({"fingerprint": "0" * 64, "answers": {"calibre\x1f7,62x39": "WRONG"}}))
    (cache / "vocabulary-old.json").write_text("{}")
    os.utime(cache / "vocabulary-old.json", (time.time() - 2 * 86_400, time.time() - 2 * 86_400))
    (cache / "vocabulary-other.json").write_text("{}")  # another installation's, written today: kept
    assert canonical("calibre", "7,62x39") == "7.62x39mm"
    save_cache()
    assert json.loads(path.read_text())["fingerprint"] == key
    assert _files(cache) == sorted([path, cache / "vocabulary-other.json"])  # the day-old stale file is gone
    path.write_text("{not json")
    use_cache(cache)
    assert canonical("calibre", "7,62x39") == "7.62x39mm"


def test_the_fingerprint_follows_the_reference_rows(tmp_path: Path) -> None:
    """A reference row added (identification's tables grow) changes the fingerprint: the old answers,
    which could not know the new row, are not read."""
    extra = tmp_path / "extra"
    extra.mkdir()
    source = reference_dir() / "manufacturers.csv"
    header, first = source.read_text(encoding="utf-8").splitlines()[:2]
    (extra / "manufacturers.csv").write_text(
        header
        + "\n"
        + first.replace("colt,", "zz_test_maker,", 1).replace("Colt's Manufacturing Company", "ZZ Test", 1)
        + "\n",
        encoding="utf-8",
    )
    assert fingerprint(load_reference(extra=[extra])) != fingerprint(load_reference())
    assert fingerprint(load_reference()) == fingerprint(load_reference())


def test_the_cli_cache_folder_is_a_setting() -> None:
    assert load_settings({"ARMSTRACE_CACHE_DIR": "/x/y"}).cache_dir == Path("/x/y")
    assert load_settings({"ARMSTRACE_CACHE_DIR": "off"}).cache_dir is None
    assert load_settings({"XDG_CACHE_HOME": "/c"}).cache_dir == Path("/c/armstrace")


def test_scan_indexes_are_not_needed_once_cached(cache: Path) -> None:
    canonical("manufacturer", "NORINCO")
    save_cache()
    use_cache(cache)
    scan.indexes.cache_clear()
    canonical("manufacturer", "NORINCO")
    assert scan.indexes.cache_info().currsize == 0
    shutil.rmtree(cache)


def test_a_process_whose_answers_are_kept_never_loads_the_rules(cache: Path) -> None:
    """The matcher's batch imports ``vocabulary`` alone: with every value it names kept, identification's engine,
    phrase indexes and word lists (most of a process's start-up) are not imported at all. Both processes are fresh
    ones, so nothing this test process loaded or changed before decides the answer."""
    values = [("manufacturer", "COLT'S MFG CO"), ("calibre", "7,62x39"), ("model", "AK 47"), ("country", "Yugoslavia")]
    keep = (
        "import sys; from pathlib import Path; "
        "from armstrace.identify.vocabulary import canonical, save_cache, use_cache; use_cache(Path(sys.argv[1])); "
        f"print([canonical(f, v) for f, v in {values!r}]); save_cache()"
    )
    read = (
        "import sys; from pathlib import Path; import armstrace.linkage.descriptor; "
        "from armstrace.identify.vocabulary import canonical, use_cache; use_cache(Path(sys.argv[1])); "
        f"print([canonical(f, v) for f, v in {values!r}]); "
        "print(sorted(m for m in sys.modules if m.startswith('armstrace.identify.')))"
    )
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    kept = subprocess.run([sys.executable, "-c", keep, str(cache)], capture_output=True, text=True, env=env)
    assert kept.returncode == 0, kept.stderr
    assert _files(cache)
    run = subprocess.run([sys.executable, "-c", read, str(cache)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    answers, modules = run.stdout.splitlines()
    assert answers == kept.stdout.strip() == repr([canonical(f, v) for f, v in values])
    assert modules == repr(["armstrace.identify.vocabulary"])


def test_a_file_others_may_write_is_not_read(cache: Path) -> None:
    """Answers another user could have planted (a group- or world-writable file) would steer the matcher's
    standardisation of makes and calibres: they are worked out again instead."""
    ref = load_reference()
    cache.mkdir(parents=True, mode=0o700)
    path = cache / f"vocabulary-{fingerprint(ref)[:32]}.json"
    path.write_text(json.dumps({"fingerprint": fingerprint(ref), "answers": {"calibre\x1f7,62x39": "PLANTED"}}))
    path.chmod(0o600)
    use_cache(cache)
    assert canonical("calibre", "7,62x39") == "PLANTED"  # this user's file alone: read as it is
    path.chmod(0o666)
    use_cache(cache)
    assert canonical("calibre", "7,62x39") == "7.62x39mm"  # writable by others: worked out again


def test_two_processes_saving_keep_each_others_answers(cache: Path) -> None:
    use_cache(cache)
    assert canonical("manufacturer", "GLOCK") is not None
    save_cache()
    key = fingerprint(load_reference())
    path = cache / f"vocabulary-{key[:32]}.json"
    first = json.loads(path.read_text())["answers"]
    use_cache(cache)  # a second process: reads the file, then another one rewrites it with one more answer
    assert canonical("calibre", "7,62x39") == "7.62x39mm"
    data = json.loads(path.read_text())
    data["answers"]["model\x1fELSEWHERE"] = None
    path.write_text(json.dumps(data))
    path.chmod(0o600)
    save_cache()
    kept = json.loads(path.read_text())["answers"]
    assert set(first) <= set(kept) and "model\x1fELSEWHERE" in kept and "calibre\x1f7,62x39" in kept


def test_the_fingerprint_follows_the_rules_of_identifications_subpackages() -> None:
    """A word list of identify/words changes what canonical() answers as much as a rule of identify/ does:
    its code is in the fingerprint, or a stale answer would be read back after the lists grew."""
    names = {name for name, _ in vocabulary.code_files()}
    assert {"identify/words/countries.py", "identify/text.py", "reference/__init__.py"} <= names


def test_a_search_keeps_the_names_it_works_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`armstrace search --registry` names the registry's makes and calibres once, as `armstrace xref` does: the
    next search reads them back instead of loading identification again."""
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "record_id,serial,manufacturer,calibre\nR1,W0039798,Colt's Manufacturing,5.56x45mm\n", encoding="utf-8"
    )
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARMSTRACE_CACHE_DIR", str(folder))
    standardise.cache_clear()  # as in a new process: a test before this one may have standardised the same make
    try:
        assert run(["search", "W003979?", "--registry", str(registry), "--manufacturer", "COLT'S MFG CO"]) == 0
        save_cache()
    finally:
        use_cache(None)
    (path,) = _files(folder)
    assert "manufacturer\x1fCOLT'S MFG CO" in json.loads(path.read_text())["answers"]
