"""The layering the architecture promises (docs/architecture.md), checked on the source rather than trusted."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "armstrace"
#: third-party code most runs never load, imported where it is used (PDF, the cluster engine, PSI's native
#: library, Excel files, the bulk-load drivers of each database, and a POSIX-only module)
OPTIONAL = {
    "weasyprint",
    "pyspark",
    "private_set_intersection",
    "openpyxl",
    "adbc_driver_sqlite",
    "psycopg",
    "resource",
}


def _modules(under: Path = PACKAGE) -> list[Path]:
    return [p for p in sorted(under.rglob("*.py")) if "migrations" not in p.parts]


def _late_imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of every import statement inside a function of ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    found += [(sub.lineno, alias.name.split(".")[0]) for alias in sub.names]
                elif isinstance(sub, ast.ImportFrom):
                    found.append((sub.lineno, "." if sub.level else (sub.module or "").split(".")[0]))
    return found


def test_no_import_inside_a_function_outside_the_cli_but_optional_third_party_code() -> None:
    late = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in _modules()
        if "cli" not in path.relative_to(PACKAGE).parts
        for line, module in _late_imports(path)
        if module not in OPTIONAL
    ]
    assert late == [], "a cycle is cut by moving a name, not by importing late:\n" + "\n".join(late)


def test_the_web_writes_no_audit_event_itself() -> None:
    """Every act on a record is a library function that checks permissions and audits (records/, tracing/ …)."""
    writes = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in _modules(PACKAGE / "web")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
        and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"
    ]  # fmt: skip
    assert writes == []
