"""The summary of findings: plain sentences an analyst would write from the report's figures.

Each sentence states a count or a measured value and, where it matters, what it does not prove.
Sentences are built from the context dicts only, so they always agree with the tables that follow.
"""

from __future__ import annotations

from typing import Any

from .context import PROBABLE
from .maps import country_name

__all__ = ["incident_findings", "overview_findings"]


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _stockpile(ctx: dict[str, Any]) -> list[str]:
    if not ctx["stockpiles"]:
        return []
    top = ctx["stockpiles"][0]
    where = f" ({country_name(top['country'])})" if top.get("country") else ""
    text = (
        f"The most probable source stockpile is {top['custodian']}{where}: the last legal custodian of "
        f"{_n(top['count'], 'recovered item')} by their followed candidate, {top['expected']:.1f} items expected "
        "when every candidate is weighted by its probability."
    )
    if len(ctx["stockpiles"]) > 1:
        second = ctx["stockpiles"][1]
        text += f" Next: {second['custodian']} ({second['expected']:.1f} expected)."
    return [text]


def _years(ctx: dict[str, Any]) -> list[str]:
    y = ctx.get("years")
    if not y:
        return []
    text = (
        f"Time from the last legal transfer to recovery: median {y['median']:.1f} years "
        f"(from {y['min']:.1f} to {y['max']:.1f}, {_n(y['n'], 'item')})."
    )
    if y["under_3"]:
        soon = _n(y["under_3"], "item")
        text += f" {soon} reached the place of recovery within three years, an indicator of trafficking."
    return [text]


def _matching(c: dict[str, Any], recovered_what: str) -> list[str]:
    out = [
        f"{_n(c['recovered'], 'item')} {recovered_what}; {c['with_candidates']} have at least one candidate registry "
        f"record and {c['probable']} a single candidate with probability {PROBABLE} or more."
    ]
    if c["tied"]:
        out.append(
            f"{_n(c['tied'], 'item has', 'items have')} several candidates sharing the probability: their serials are "
            "dense consecutive numbers, so one misread character names another real weapon. These identifications "
            "are not settled."
        )
    if c["obliterated"]:
        out.append(f"{_n(c['obliterated'], 'item')} had an obliterated serial, searched with the characters restored.")
    review = f"{c['confirmed']} confirmed and {c['rejected']} rejected by a reviewer"
    out.append(f"Of {_n(c['candidates'], 'candidate match', 'candidate matches')}, {review}; a match is evidence, "
               "not identification, until a reviewer confirms it.")  # fmt: skip
    return out


def _traces(c: dict[str, Any]) -> list[str]:
    if not c["trace_requests"]:
        return ["No trace request has been issued yet: the custody chains rest on registry and transfer records alone."]
    text = f"{_n(c['trace_requests'], 'trace request')}: {c['trace_answered']} answered, "
    text += f"{c['trace_open']} awaiting an answer"
    if c["trace_overdue"]:
        text += f", {c['trace_overdue']} overdue"
    return [text + "."]


def incident_findings(ctx: dict[str, Any]) -> list[str]:
    """Sentences for the cover of an incident report."""
    c = ctx["counts"]
    return [*_matching(c, "recovered"), *_stockpile(ctx), *_years(ctx), *_traces(c)]


def overview_findings(ctx: dict[str, Any]) -> list[str]:
    """Sentences for the cover of the overview report."""
    c = ctx["counts"]
    out = _matching(c, f"recovered in {_n(len(ctx['incidents']), 'incident')}")
    out += _stockpile(ctx)
    if ctx["consignments"]:
        big = ctx["consignments"][0]
        out.append(
            f"{_n(len(ctx['consignments']), 'consignment')} account for more than one recovered item; the largest, "
            f"{big['document_ref'] or 'an undocumented transfer'} to {big['custodian']}, for {big['count']} items "
            f"in {_n(len(big['incidents']), 'incident')}."
        )
    illicit = [f for f in ctx["flows"] if not f["legal"]]
    if illicit:
        f = illicit[0]
        out.append(f"The main illicit route ends in {country_name(f['to'])}, from {country_name(f['from'])} "
                   f"({_n(f['count'], 'item')}).")  # fmt: skip
    return out + _years(ctx) + _traces(c)
