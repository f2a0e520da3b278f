"""Reading a match's stored explanation into rows a reader can check, and spotting tied candidates.

The matcher stores its per-evidence explanation as JSON. The report does not depend on one exact
layout: it prefers the matcher's structured evidence (``linkage.Evidence.as_dict()``: name, observed,
expected, weight as log10 of the likelihood ratio, text), under ``evidence`` or as a bare list; it also
reads other lists of entries (``factors``, ``fields`` …) with a likelihood ratio or its logarithm, a
plain mapping of evidence name to text, and the matcher's one-line sentence (``text``), split into
clauses. Whatever it cannot read is shown as text, never dropped and never an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "COLUMNS",
    "TIE_RATIO",
    "evidence_columns",
    "evidence_rows",
    "serial_note",
    "summary_text",
    "text_rows",
    "tie_group",
]

TIE_RATIO = 0.8  # candidates within this ratio of the best probability are reported as sharing it

_NAME_KEYS = ("evidence", "field", "name", "kind", "feature")
_DETAIL_KEYS = ("detail", "text", "note", "reason", "explanation", "description", "agreement", "level")
_LIST_KEYS = ("evidence", "factors", "fields", "components", "comparisons")


def _weight(entry: Mapping[str, Any]) -> tuple[float | None, str]:
    """The entry's weight as log10 of a likelihood ratio, and the ratio written for a reader."""
    if "expected" in entry and isinstance(entry.get("weight"), int | float):  # linkage.Evidence: log10 weight
        v = float(entry["weight"])
        return v, _ratio_text(10**v)
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


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _big(x: float) -> str:
    """1,234 as is; above a million as '2.3×10⁹' so a column of ratios stays narrow and readable."""
    if x < 1e6:
        return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"
    exponent = math.floor(math.log10(x))
    mantissa = x / 10**exponent
    if mantissa >= 9.95:
        mantissa, exponent = 1.0, exponent + 1
    return f"{mantissa:.1f}×10{str(exponent).translate(_SUPERSCRIPT)}"


def _ratio_text(lr: float) -> str:
    if lr >= 1:
        return f"×{_big(lr)}"
    return f"÷{_big(1 / lr)}" if lr <= 0.1 else f"÷{1 / lr:.1f}"


def _compared(entry: Mapping[str, Any]) -> str:
    seen = next((entry[k] for k in ("observed", "read", "query", "recovered", "left") if entry.get(k)), None)
    known = next((entry[k] for k in ("registry", "expected", "candidate", "record", "right") if entry.get(k)), None)
    if seen is None and known is None:
        return ""
    return f"{seen if seen is not None else '—'} vs {known if known is not None else '—'}"


_LR = re.compile(r"\s*\(LR ([0-9][0-9,]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\)\s*$", re.IGNORECASE)


_MARKS = re.compile(r"[()]|; ")


def _clauses(text: str) -> list[str]:
    """Split the matcher's sentence on '; ' outside parentheses: one clause per piece of evidence."""
    out, depth, start = [], 0, 0
    for m in _MARKS.finditer(text):
        mark = m.group()
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth -= 1
        elif depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
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


def evidence_rows(explanation: Mapping[str, Any] | Sequence[Any] | str | None) -> list[dict[str, Any]]:
    """Rows of (evidence, compared, detail, weight text, log10 weight), whatever layout the matcher used."""
    if not explanation:
        return []
    if isinstance(explanation, str):
        return text_rows(explanation)
    if not isinstance(explanation, Mapping):
        explanation = {"evidence": list(explanation)}
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


def summary_text(explanation: Any) -> str:
    """The matcher's own one-sentence summary, if it wrote one."""
    if not isinstance(explanation, Mapping):
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


# Columns of the case-wide evidence table, and the evidence names (as matchers write them) each one takes.
COLUMNS: dict[str, tuple[str, ...]] = {
    "serial": ("serial",),
    "maker": ("manufacturer", "maker", "make"),
    "model": ("model",),
    "calibre": ("calibre", "caliber"),
    "type": ("weapon type", "weapon_type", "type"),
    "country": ("country", "origin"),
    "year": ("year",),
}
_SKIP = {"prior", "not in registry", "alternatives", "other candidates"}


def evidence_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One followed candidate's evidence as table cells: column → row, plus ``other`` rows and ``alternatives``.

    Evidence the table has no column for is kept in ``other`` (shown beside the serial note), so nothing
    the matcher weighed disappears from the report.
    """
    by_name = {name: col for col, names in COLUMNS.items() for name in names}
    out: dict[str, Any] = {"other": [], "alternatives": ""}
    for row in rows:
        name = str(row.get("name") or "").lower()
        if name in ("alternatives", "other candidates"):
            text = str(row.get("detail") or "")
            out["alternatives"] = text.split(":", 1)[1].strip() if text.startswith("other registry records:") else text
        elif name in _SKIP:
            continue
        elif by_name.get(name) and by_name[name] not in out:
            out[by_name[name]] = row
        elif row.get("detail") or row.get("weight"):
            out["other"].append(row)
    return out


_SERIAL_HOW = re.compile(r"registry '[^']*':\s*(.*)$")
_BACKGROUND = re.compile(
    r";\s*(?:under the model, )?a (?:random serial|weapon not in the registry)[^;]*(?:reads|be read) so.*$"
)


def serial_note(row: Mapping[str, Any] | None) -> str:
    """The serial comparison in a few words ("agrees exactly", "differs: 43 read as 34 (swapped) at 6").

    The matcher's sentence goes on about how often, under the model, a weapon not in the registry would be
    read so; that is in the weight already, so only a note that serials are dense here is kept.
    """
    if not row:
        return ""
    detail = str(row.get("detail") or "")
    hit = _SERIAL_HOW.search(detail)
    text = _BACKGROUND.sub("", hit.group(1) if hit else detail).strip()
    if "dense" in detail:
        text += " (dense serials)"
    return text  # whole: a cut explanation ("(swa…") is no explanation; the table cell wraps it
