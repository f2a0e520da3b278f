"""armstrace: trace illicit small arms and light weapons from recovery back to the stockpile they leaked from.

The library is the product; the CLI (``armstrace``) and the agency server are thin shells over it.

    from armstrace import Settings, Workspace, import_file, Matcher, identify

    ws = Workspace.create(Settings(database_url="sqlite:///case.db", agency="PK-CTD"))
    import_file(ws, "registry", "registry.csv", source="US transfers to ANDSF")
    Matcher.from_file("registry.csv").search("W10?43[0O]*")
    identify("COLT'S MFG CO / HARTFORD CONN / M4A1 CARBINE CAL 5.56MM")

Names are loaded on first use, so that ``import armstrace`` (and the CLI's start) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Settings": "armstrace.settings",
    "load_settings": "armstrace.settings",
    "Workspace": "armstrace.store",
    "ArmstraceError": "armstrace.exceptions",
    "InputError": "armstrace.exceptions",
    "NotFoundError": "armstrace.exceptions",
    "import_file": "armstrace.ingest",
    "ImportSummary": "armstrace.ingest",
    "add_incident": "armstrace.records",
    "normalise": "armstrace.serials",
    "skeleton": "armstrace.serials",
    "parse_query": "armstrace.serials",
    "Matcher": "armstrace.linkage",
    "Candidate": "armstrace.linkage",
    "xref_files": "armstrace.linkage",
    "identify": "armstrace.identify",
    "custody_chain": "armstrace.analysis",
    "summary": "armstrace.analysis",
    "incident_report": "armstrace.report",
    "overview_report": "armstrace.report",
    "generate_scenario": ("armstrace.synth", "generate"),
    "run_demo": "armstrace.demo",
}

__all__ = [
    "ArmstraceError",
    "Candidate",
    "ImportSummary",
    "InputError",
    "Matcher",
    "NotFoundError",
    "Settings",
    "Workspace",
    "add_incident",
    "custody_chain",
    "generate_scenario",
    "identify",
    "import_file",
    "incident_report",
    "load_settings",
    "normalise",
    "overview_report",
    "parse_query",
    "run_demo",
    "skeleton",
    "summary",
    "xref_files",
]

if TYPE_CHECKING:
    from armstrace.analysis import custody_chain, summary
    from armstrace.demo import run_demo
    from armstrace.exceptions import ArmstraceError, InputError, NotFoundError
    from armstrace.identify import identify
    from armstrace.ingest import ImportSummary, import_file
    from armstrace.linkage import Candidate, Matcher, xref_files
    from armstrace.records import add_incident
    from armstrace.report import incident_report, overview_report
    from armstrace.serials import normalise, parse_query, skeleton
    from armstrace.settings import Settings, load_settings
    from armstrace.store import Workspace
    from armstrace.synth import generate as generate_scenario


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'armstrace' has no attribute {name!r}")
    module, attribute = target if isinstance(target, tuple) else (target, name)
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
