"""Accuracy of identification on a set of real marking transcriptions with their expected results.

The set is YAML: a list of cases, each with `text` (the marking as transcribed), `expected` (any of
manufacturer, country, model, calibre, year, importer, import_country, kind; an explicit null means
"must stay unknown") and `source` (where the transcription was published). `evaluate()` runs every
case and reports accuracy per field and the misses, which is what `armstrace identify evaluate` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from armstrace.exceptions import ImportFileError, InputError
from armstrace.reference import Reference, load_reference

from .engine import identify
from .names import standard_name

__all__ = ["FIELDS", "Case", "Evaluation", "Miss", "evaluate", "load_cases"]

FIELDS = ("manufacturer", "country", "model", "calibre", "year", "importer", "import_country", "kind")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expected: dict[str, Any]
    source: str


@dataclass(frozen=True)
class Miss:
    case: str
    field: str
    expected: Any
    got: Any
    text: str


@dataclass
class Evaluation:
    cases: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def accuracy(self) -> dict[str, float]:
        return {f: self.correct.get(f, 0) / n for f, n in self.checked.items() if n}

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "fields": {
                f: {"checked": n, "correct": self.correct.get(f, 0), "accuracy": round(a, 4)}
                for f, n in self.checked.items()
                if (a := self.correct.get(f, 0) / n if n else 0.0) is not None
            },
            "misses": [m.__dict__ for m in self.misses],
        }


def load_cases(path: Path) -> list[Case]:
    """Read a test set; a malformed case is an InputError naming the file, case and field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ImportFileError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise ImportFileError(f"{path}: expected a list of cases (- text: … expected: … source: …)")
    cases: list[Case] = []
    for n, item in enumerate(data, 1):
        where = f"{path}: case {n}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected a mapping with text, expected and source")
        text, expected, source = item.get("text"), item.get("expected"), item.get("source")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: field 'text' is empty")
        if not isinstance(expected, dict) or not expected:
            raise InputError(f"{where}: field 'expected' must map fields to expected values")
        unknown = set(expected) - set(FIELDS)
        if unknown:
            raise InputError(f"{where}: field 'expected' has unknown key(s) {', '.join(sorted(unknown))}")
        if not isinstance(source, str) or not source.strip():
            raise InputError(f"{where}: field 'source' is empty; every case cites where it was published")
        cases.append(Case(str(item.get("id") or n), text, expected, source))
    return cases


def _same(field_name: str, expected: Any, got: Any, ref: Reference) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if field_name == "year":
        return int(expected) == int(got)
    if field_name in ("country", "import_country", "kind"):
        return str(expected).upper() == str(got).upper()
    if str(expected).casefold() == str(got).casefold():
        return True
    if field_name in ("manufacturer", "model", "calibre"):
        std = standard_name(field_name, str(expected), ref)
        if std is not None and std == got:
            return True
        return field_name == "manufacturer" and std is not None and _related(std, str(got), ref)
    return False


def _related(expected: str, got: str, ref: Reference) -> bool:
    """A brand and the company whose brand it is (`maker_relations.csv`, `brand_of`): either row names the one
    maker. A subsidiary, a member of a group or a successor is another factory, so never counted as right."""
    ids = {m.name: m.manufacturer_id for m in ref.manufacturers}
    want, have = ids.get(expected), ids.get(got)
    if not (want and have):
        return False
    pairs = {(r.manufacturer_id.lower(), r.related_id.lower()) for r in ref.maker_relations if r.relation == "brand_of"}
    return (want.lower(), have.lower()) in pairs or (have.lower(), want.lower()) in pairs


def evaluate(cases: Sequence[Case], reference: Reference | None = None) -> Evaluation:
    """Run identification on every case and count, per field, how often it gives the expected value."""
    ref = reference or load_reference()
    report = Evaluation(cases=len(cases))
    for case in cases:
        result = identify(case.text, ref).to_dict()
        for name in FIELDS:
            if name not in case.expected:
                continue
            report.checked[name] = report.checked.get(name, 0) + 1
            if _same(name, case.expected[name], result.get(name), ref):
                report.correct[name] = report.correct.get(name, 0) + 1
            else:
                report.misses.append(Miss(case.id, name, case.expected[name], result.get(name), case.text))
    return report
