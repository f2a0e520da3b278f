"""Reading a match's stored explanation into rows a reader can check, and spotting tied candidates.

The matcher stores its per-evidence explanation as JSON. The report does not depend on one exact
layout: it accepts a list of evidence entries (under ``evidence``, ``factors`` or ``fields``) whose
entries name the evidence, what was compared and its weight (a likelihood ratio or its logarithm),
or a plain mapping of evidence name to text, and shows whatever summary sentence the matcher wrote.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["TIE_RATIO", "evidence_rows", "summary_text", "text_rows", "tie_group"]

TIE_RATIO = 0.8  # candidates within this ratio of the best probability are reported as sharing it

_NAME_KEYS = ("evidence", "field", "name", "kind", "feature")
_DETAIL_KEYS = ("detail", "text", "note", "reason", "explanation", "description", "agreement", "level")
_LIST_KEYS = ("evidence", "factors", "fields", "components", "comparisons")


def _weight(entry: Mapping[str, Any]) -> tuple[float | None, str]:
    """The entry's weight as log10 of a likelihood ratio, and the ratio written for a reader."""
    for key in ("log10_lr", "log10_bf"):
        if isinstance(entry.get(key), int | float):
            v = float(entry[key])
            return v, _ratio_text(10**v)
    for key in ("log2_lr", "log2_bf", "match_weight"):
        if isinstance(entry.get(key), int | float):
            v = float(entry[key]) * math.log10(2)
            return v, _ratio_text(10**v)
    for key in ("log_lr", "ln_lr"):
        if isinstance(entry.get(key), int | float):
            v = float(entry[key]) / math.log(10)
            return v, _ratio_text(10**v)
    for key in ("lr", "likelihood_ratio", "bayes_factor", "bf", "weight"):
        value = entry.get(key)
        if isinstance(value, int | float) and value > 0:
            return math.log10(float(value)), _ratio_text(float(value))
    return None, ""


def _ratio_text(lr: float) -> str:
    if lr >= 1:
        return f"×{lr:,.0f}" if lr >= 10 else f"×{lr:.1f}"
    return f"÷{1 / lr:,.0f}" if lr <= 0.1 else f"÷{1 / lr:.1f}"


def _compared(entry: Mapping[str, Any]) -> str:
    seen = next((entry[k] for k in ("observed", "read", "query", "recovered", "left") if entry.get(k)), None)
    known = next((entry[k] for k in ("registry", "expected", "candidate", "record", "right") if entry.get(k)), None)
    if seen is None and known is None:
        return ""
    return f"{seen if seen is not None else '—'} vs {known if known is not None else '—'}"


_LR = re.compile(r"\s*\(LR ([0-9][0-9,]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\)\s*$", re.IGNORECASE)


def _clauses(text: str) -> list[str]:
    """Split the matcher's sentence on '; ' outside parentheses: one clause per piece of evidence."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and text.startswith("; ", i):
            out.append(text[start:i])
            start = i + 2
    out.append(text[start:])
    return [c.strip() for c in out if c.strip()]


_HEADS = {"serial", "manufacturer", "maker", "model", "calibre", "weapon_type", "type", "country", "year", "markings",
          "importer", "nsn", "lot", "date", "holder", "status"}  # fmt: skip


def text_rows(text: str) -> list[dict[str, Any]]:
    """Rows from the matcher's one-line explanation ("serial read 'X' vs registry 'Y': … (LR 2,579); model …").

    A clause that does not start with an evidence name continues the one before it.
    """
    rows: list[dict[str, Any]] = []
    for clause in _clauses(text):
        lr = _LR.search(clause)
        body = clause[: lr.start()] if lr else clause
        value = float(lr.group(1).replace(",", "")) if lr else None
        head, _, rest = body.partition(" ")
        lowered = body.lower()
        if lowered.startswith("other registry records"):
            head, rest = "other candidates", body.split(":", 1)[-1].strip()
        elif lowered.startswith("p(not"):
            head, rest = "not in registry", body
        elif head.lower() not in _HEADS and rows:
            rows[-1]["detail"] += "; " + body
            head = ""
        if head:
            rows.append({"name": head.replace("_", " "), "compared": "", "detail": rest, "weight": "", "log10": None})
        if value and value > 0 and rows:
            rows[-1]["weight"], rows[-1]["log10"] = _ratio_text(value), math.log10(value)
    return rows


def evidence_rows(explanation: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Rows of (evidence, compared, detail, weight text, log10 weight), whatever layout the matcher used."""
    if not explanation:
        return []
    if not any(isinstance(explanation.get(k), list | dict) for k in _LIST_KEYS) and isinstance(
        explanation.get("text"), str
    ):
        return text_rows(explanation["text"])
    entries: Any = next((explanation[k] for k in _LIST_KEYS if isinstance(explanation.get(k), list | dict)), None)
    if entries is None:
        entries = {k: v for k, v in explanation.items() if k not in ("summary", "text", "probability", "ties")}
    if isinstance(entries, Mapping):
        entries = [{"evidence": k, **v} if isinstance(v, Mapping) else {"evidence": k, "detail": v}
                   for k, v in entries.items()]  # fmt: skip
    rows: list[dict[str, Any]] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            rows.append({"name": "", "compared": "", "detail": str(entry), "weight": "", "log10": None})
            continue
        name = next((str(entry[k]) for k in _NAME_KEYS if isinstance(entry.get(k), str)), "")
        detail = next((str(entry[k]) for k in _DETAIL_KEYS if entry.get(k) not in (None, "")), "")
        log10, text = _weight(entry)
        rows.append({"name": name.replace("_", " "), "compared": _compared(entry), "detail": detail,
                     "weight": text, "log10": log10})  # fmt: skip
    return rows


def summary_text(explanation: Mapping[str, Any] | None) -> str:
    """The matcher's own one-sentence summary, if it wrote one."""
    if not explanation:
        return ""
    for key in ("summary", "reason"):
        if isinstance(explanation.get(key), str):
            return str(explanation[key])
    return ""


def tie_group(candidates: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The candidates that share the best probability (within TIE_RATIO); empty when one stands out.

    Dense consecutive serials make this common: one misread digit names another real weapon of the
    same consignment, and the matcher cannot tell them apart on the serial alone.
    """
    live = sorted(candidates, key=lambda c: -c["probability"])
    if len(live) < 2 or live[0]["probability"] <= 0:
        return []
    group = [c for c in live if c["probability"] >= TIE_RATIO * live[0]["probability"]]
    return group if len(group) > 1 else []
