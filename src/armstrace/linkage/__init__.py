"""Serial matching: the candidate index, scoring, explanations and the batch cross-check.

    from armstrace.linkage import Matcher, Candidate, xref_files
    m = Matcher.from_file("registry.csv")
    m.search("W10?43[0O]*", manufacturer="Colt")          # -> list[Candidate]
    xref_files("registry.csv", "recoveries.csv", "out.csv")  # -> summary dict

How it works and what a probability means: docs/matching.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .explanation import Candidate, Evidence
    from .files import xref_files
    from .matcher import Matcher
    from .scoring import ScoringModel
    from .xref import XrefResult, cross_check

__all__ = ["Candidate", "Evidence", "Matcher", "ScoringModel", "XrefResult", "cross_check", "xref_files"]

# each name's module, imported on first use: a light module of the package (``inputs``, which ``armstrace xref``
# starts the files' reads with) is imported without the matcher's
_EXPORTS = {
    "Candidate": "explanation",
    "Evidence": "explanation",
    "Matcher": "matcher",
    "ScoringModel": "scoring",
    "XrefResult": "xref",
    "cross_check": "xref",
    "xref_files": "files",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
