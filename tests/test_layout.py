"""The layering the architecture promises (docs/architecture.md), checked on the source rather than trusted."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from sqlalchemy import inspect

from armstrace import model

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "armstrace"
#: third-party code most runs never load, imported where it is used (PDF, the cluster engine, PSI's native
#: library, Excel files, the bulk-load drivers of each database, a POSIX-only module, and numba, which only a
#: large batch's EM wins back)
OPTIONAL = {
    "numba",
    "weasyprint",
    "pyspark",
    "private_set_intersection",
    "openpyxl",
    "adbc_driver_sqlite",
    "psycopg",
    "resource",
    "pyarrow.parquet",  # the Parquet reader: a CSV cross-check never loads it
}


def _modules(under: Path = PACKAGE) -> list[Path]:
    return [p for p in sorted(under.rglob("*.py")) if "migrations" not in p.parts]


def _late_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import statement inside a function of ``path``: its top-level package, or the
    whole dotted name where that is an optional module of a package imported early (`pyarrow.parquet`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    found += [
                        (sub.lineno, alias.name if alias.name in OPTIONAL else alias.name.split(".")[0])
                        for alias in sub.names
                    ]
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


#: the only column expressions the web may still write on a table: the newest-first order of the trace
#: requests ``tracing.lifecycle.requests`` selects (the tracing package's lists have not yet taken the
#: ``(session, actor, filters…) -> page`` shape of ``records.lists``)
WEB_QUERIES_ALLOWED = {("web/api.py", "TraceRequest"), ("web/pages/traces.py", "TraceRequest")}


def _web_queries(path: Path) -> list[str]:
    """What in ``path`` builds a query: a query construct imported from SQLAlchemy (its ``Session`` type and
    its errors are fine), or a column of a table of ``armstrace.model`` (``Recovery.incident_id == …``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tables: dict[str, set[str]] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found += [
                f"imports {alias.name} from {node.module}"
                for alias in node.names
                if alias.name != "Session" and node.module != "sqlalchemy.exc"
            ]
        elif isinstance(node, ast.ImportFrom) and node.module == "armstrace.model":
            for alias in node.names:
                cls = getattr(model, alias.name)
                if isinstance(cls, type) and hasattr(cls, "__table__"):
                    tables[alias.asname or alias.name] = set(inspect(cls).attrs.keys())
    where = str(path.relative_to(PACKAGE))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in tables):
            continue
        if node.attr in tables[node.value.id] and (where, node.value.id) not in WEB_QUERIES_ALLOWED:
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return [f"{where}: {what}" for what in found]


def test_the_web_builds_no_query_on_the_tables() -> None:
    """Lists, pages and searches ask ``records`` (``lists``, ``items``, ``registry``), which applies the
    caller's visibility: a query written in a route is a place where that rule can be forgotten."""
    queries = [q for path in _modules(PACKAGE / "web") for q in _web_queries(path)]
    assert queries == [], "ask the library (records.lists …) instead:\n" + "\n".join(queries)


#: third-party modules the package imports that come with a declared dependency (FastAPI's own), or with an extra
#: (``pip install armstrace[spark]``), rather than being declared themselves
_COMES_WITH = {"pydantic": "fastapi", "starlette": "fastapi", "pyspark": "the spark extra"}


def test_every_third_party_module_the_package_imports_is_a_declared_dependency() -> None:
    """`pip install -e .` alone must run every command (the demo failed on a fresh machine when the sync client's
    httpx was only a test dependency)."""
    project = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=\[ ;~!]", d, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")
                for d in project["dependencies"]}  # fmt: skip
    distributions = packages_distributions()
    undeclared = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {n.split(".")[0] for n in names} - {"armstrace"} - set(sys.stdlib_module_names):
                dists = {d.lower().replace("_", "-").replace(".", "-") for d in distributions.get(top, [])}
                if not dists & declared and top not in _COMES_WITH:
                    undeclared.add(f"{top} ({path.relative_to(PACKAGE)})")
    assert not undeclared, f"imported but not in [project] dependencies: {sorted(undeclared)}"
