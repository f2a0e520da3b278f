"""`armstrace identify`: markings, headstamps and codes → a standard description.

armstrace identify "COLT'S MFG CO / M4A1 / W1004340" [--json]
armstrace identify --file markings.txt [--json]
armstrace identify evaluate [--set tests/data/markings.yaml] [--json]
armstrace identify tables
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from typer.core import TyperGroup

from armstrace.exceptions import ImportFileError, InputError

from .app import JsonOption, app, console, print_json, state


class _DefaultGroup(TyperGroup):
    """A group whose first word, when it is not a subcommand, is the marking text itself."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["text", *args]
        return super().parse_args(ctx, args)


identify_app = typer.Typer(
    cls=_DefaultGroup,
    no_args_is_help=True,
    help="Identify an item from its markings: kind (firearm, ammunition, ordnance, explosive, packaging), "
    "manufacturer, country of manufacture, model, calibre, year, importer, serial, with the evidence, the readings "
    "left open and what could not be read. `armstrace identify TEXT` is short for `armstrace identify text TEXT`.",
)
app.add_typer(identify_app, name="identify")

_COLUMNS = ("kind", "manufacturer", "country", "model", "calibre", "year", "importer", "import_country", "serial")


@identify_app.command("text")
def identify_text(
    ctx: typer.Context,
    text: list[str] = typer.Argument(
        None, help="The marking as transcribed; several arguments are several lines; `-` reads stdin."
    ),
    file: Path | None = typer.Option(
        None,
        "--file",
        "-f",
        help="Identify many: a CSV with a `markings` (or `text`) column, or a text "
        "file with one marking per block of lines (blocks separated by a blank line).",
    ),
    as_json: JsonOption = False,
) -> None:
    """Identify one marking (or every marking in --file)."""
    from armstrace.identify import identify
    from armstrace.identify.vocabulary import use_cache

    use_cache(state(ctx).settings.cache_dir)  # the phrase indexes as built by the last command

    if file is not None:
        items = _read_markings(file)
        results = [(key, identify(marking)) for key, marking in items]
        if as_json:
            print_json([{"id": key, **r.to_dict()} for key, r in results])
            return
        table = Table("id", *_COLUMNS, "confidence")
        for key, r in results:
            table.add_row(key, *[_cell(getattr(r, c)) for c in _COLUMNS], f"{r.confidence:.2f}")
        console.print(table)
        return
    if not text:
        raise InputError('identify: give the marking text (or --file FILE); e.g. armstrace identify "COLT M4A1"')
    joined = sys.stdin.read() if text == ["-"] else "\n".join(text)
    if not joined.strip():
        raise InputError("identify: the marking text is empty; give what is stamped on the item")
    result = identify(joined)
    if as_json:
        print_json(result.to_dict())
        return
    table = Table("field", "value", "confidence", show_header=True)
    for name in _COLUMNS:
        table.add_row(name, _cell(getattr(result, name)), _conf(result.field_confidence.get(name)))
        if name == "country" and result.state_at_manufacture:  # the factory's state in the year it was made
            table.add_row(f"  made in ({result.year})", result.state_at_manufacture, "")
    table.add_row("overall", "", f"{result.confidence:.2f}")
    console.print(table)
    evidence = Table("field", "marked", "table", "row", "weight", "why", title="evidence")
    for e in result.evidence:
        evidence.add_row(e.field, e.text, e.table, e.row, f"{e.weight:.2f}", e.note)
    console.print(evidence)
    if result.alternatives:
        alternatives = Table("field", "value", "score", "marks", title="readings left open")
        for a in result.alternatives:
            alternatives.add_row(a.field, a.value, f"{a.score:.2f}", "; ".join(a.evidence))
        console.print(alternatives)
    for conflict in result.conflicts:
        console.print(f"[yellow]conflict:[/] {conflict}")
    if result.unread:
        console.print(f"not read: {', '.join(result.unread)}")


@identify_app.command("evaluate")
def identify_evaluate(
    test_set: Path = typer.Option(
        Path("tests/data/markings.yaml"), "--set", help="The test set (YAML: text, expected, source per case)."
    ),
    as_json: JsonOption = False,
    show_misses: bool = typer.Option(True, "--misses/--no-misses", help="List the misses."),
) -> None:
    """Accuracy per field on a set of real marking transcriptions, and the misses."""
    from armstrace.identify.evaluation import evaluate, load_cases

    report = evaluate(load_cases(test_set))
    if as_json:
        print_json(report.to_dict())
        return
    table = Table("field", "checked", "correct", "accuracy", title=f"{report.cases} cases from {test_set}")
    for name, n in report.checked.items():
        ok = report.correct.get(name, 0)
        table.add_row(name, str(n), str(ok), f"{ok / n:.1%}")
    console.print(table)
    if show_misses and report.misses:
        misses = Table("case", "field", "expected", "got", "marking", title=f"{len(report.misses)} misses")
        for m in report.misses:
            misses.add_row(m.case, m.field, _cell(m.expected), _cell(m.got), m.text.replace("\n", " / ")[:80])
        console.print(misses)


@identify_app.command("tables")
def identify_tables(
    as_json: JsonOption = False,
) -> None:
    """Rows per reference table, and cross-table problems (run this after adding rows)."""
    from armstrace.reference import load_reference, reference_dir

    ref = load_reference()
    problems = ref.check_links()
    if as_json:
        print_json({"directory": reference_dir(), "counts": ref.counts(), "missing": ref.missing, "problems": problems})
        return
    table = Table("table", "rows", title=f"reference tables in {reference_dir()}")
    for name, n in ref.counts().items():
        table.add_row(name, "missing" if name in ref.missing else str(n))
    console.print(table)
    for p in problems:
        console.print(f"[yellow]warning:[/] {p}")
    if not problems:
        console.print("all rows valid; every row cites a source")


def _read_markings(path: Path) -> list[tuple[str, str]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text: {exc}") from exc
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(content.splitlines()))
        header = set(rows[0]) if rows else set()
        col = "markings" if "markings" in header else "text" if "text" in header else None
        if col is None:
            raise ImportFileError(f"{path}: no `markings` or `text` column (found: {', '.join(sorted(header))})")
        key = next((k for k in ("recovery_id", "record_id", "id") if k in header), None)
        return [(row[key] if key else str(n), row[col] or "") for n, row in enumerate(rows, 2)]
    blocks = [b.strip() for b in content.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [(str(n), b) for n, b in enumerate(blocks, 1)]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _conf(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
