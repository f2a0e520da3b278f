"""Serial matching: the candidate index, scoring, explanations and the batch cross-check.

    from armstrace.linkage import Matcher, Candidate, xref_files
    m = Matcher.from_file("registry.csv")
    m.search("W10?43[0O]*", manufacturer="Colt")          # -> list[Candidate]
    xref_files("registry.csv", "recoveries.csv", "out.csv")  # -> summary dict

How it works and what a probability means: docs/matching.md.
"""

from __future__ import annotations

from .explanation import Candidate, Evidence
from .files import xref_files
from .matcher import Matcher
from .scoring import ScoringModel
from .xref import XrefResult, cross_check

__all__ = ["Candidate", "Evidence", "Matcher", "ScoringModel", "XrefResult", "cross_check", "xref_files"]
