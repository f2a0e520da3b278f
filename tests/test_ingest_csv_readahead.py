"""CSV blocks parsed in a thread ahead of the checking: the same rows, lines and malformed rows as a reader
that parses each block only when asked, whatever row a block ends on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from armstrace.exceptions import ImportFileError
from armstrace.ingest import csvfile

BODIES = {
    "short and long rows across blocks": "a,b,c\n"
    + "".join(f"{i},x{i},y\n" if i % 7 else f"{i},short\n" if i % 2 else f"{i},long,y,z\n" for i in range(1, 120)),
    "quoted line breaks": "a,b\n" + "".join(f'{i},"two\nlines {i}"\n' if i % 5 == 0 else f"{i},v\n" for i in range(90)),
    "unclosed quote in the last row": "a,b\n" + "".join(f"{i},v\n" for i in range(60)) + '61,"open\n62,v\n',
    "a bad row first and last": "a,b\nonly\n" + "".join(f"{i},v\n" for i in range(70)) + "x,y,z\n",
    "blank lines": "a,b\n" + "".join(f"{i},v\n\n" if i % 9 == 0 else f"{i},v\n" for i in range(80)),
}


def _serial(reader: Any, found: list[Any]) -> Iterator[csvfile.Block]:
    """Each block parsed when asked, in the caller's thread: what the read-ahead must equal."""
    while True:
        try:
            block, error = reader.read_next_batch(), None
        except StopIteration:
            block, error = None, None
        except pa.ArrowInvalid as exc:
            block, error = None, exc
        taken = found[:]
        del found[:]
        yield block, taken, error
        if block is None:
            return


def _read(path: Path, batch_rows: int) -> list[tuple[Any, ...]]:
    return [
        (
            batch.lines.tolist(),
            {name: column.to_pylist() for name, column in batch.columns.items()},
            [(m.line, m.field, m.reason, m.raw) for m in batch.malformed],
        )
        for batch in csvfile.read_csv(path, batch_rows)
    ]


@pytest.mark.parametrize("shape", list(BODIES))
@pytest.mark.parametrize("block_bytes", [64, 200, 1 << 20])
def test_read_ahead_gives_the_rows_lines_and_malformed_rows_of_a_serial_read(
    shape: str, block_bytes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(BODIES[shape], encoding="utf-8", newline="")
    monkeypatch.setattr(csvfile, "CSV_BLOCK_BYTES", block_bytes)
    ahead = _read(path, 25)
    monkeypatch.setattr(csvfile, "_read_ahead", _serial)
    serial = _read(path, 25)
    assert ahead == serial
    assert sum(len(malformed) for _, _, malformed in serial) > 0 or shape in ("quoted line breaks", "blank lines")


def test_blocks_are_parsed_in_the_read_ahead_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.csv"
    path.write_text(BODIES["short and long rows across blocks"], encoding="utf-8")
    monkeypatch.setattr(csvfile, "CSV_BLOCK_BYTES", 64)
    threads: set[str] = set()
    invalid = csvfile._Invalid

    def noted(*args: Any) -> csvfile._Invalid:
        threads.add(threading.current_thread().name)
        return invalid(*args)

    monkeypatch.setattr(csvfile, "_Invalid", noted)
    assert _read(path, 1000)
    assert any(name.startswith("armstrace-csv") for name in threads)


def test_a_block_that_cannot_be_read_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.csv"
    # a row longer than a block (with line breaks in values allowed) stops PyArrow's chunker
    path.write_text("a,b\n1,v\n2," + "w" * 400 + "\n3,v\n", encoding="utf-8")
    monkeypatch.setattr(csvfile, "CSV_BLOCK_BYTES", 64)
    with pytest.raises(ImportFileError, match=r"f\.csv: cannot read the file as CSV: "):
        _read(path, 10)
