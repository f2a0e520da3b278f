"""The summary of findings: plain sentences an analyst would write from the report's figures.

Each sentence states a count or a measured value and, where it matters, what it does not prove.
Sentences are built from the context dicts only, so they always agree with the tables that follow.
"""

from __future__ import annotations

from typing import Any

from .context import PLAUSIBLE, PROBABLE
from .maps import country_name

__all__ = ["TIE_MARGIN", "incident_findings", "overview_findings"]

#: a custodian leads only by at least one whole expected item: less is within the spread of the matches
TIE_MARGIN = 1.0


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _stockpile(ctx: dict[str, Any]) -> list[str]:
    if not ctx["stockpiles"]:
        return []
    top = ctx["stockpiles"][0]
    if "expected" in top:
        tied = [s for s in ctx["stockpiles"] if top["expected"] - s["expected"] < TIE_MARGIN]
        if len(tied) > 1:
            names = "; ".join(f"{s['custodian']} {s['expected']:.2f}" for s in tied[:4])
            more = f" and {len(tied) - 4} more" if len(tied) > 4 else ""
            return [
                f"No single source stockpile stands out: {len(tied)} last legal custodians are within "
                f"{TIE_MARGIN:g} expected item of each other ({names}{more} expected items); the table below "
                "ranks them, but the difference between them is not evidence."
            ]
    where = f" ({country_name(top['country'])})" if top.get("country") else ""
    text = (
        f"The most probable source stockpile is {top['custodian']}{where}: the last legal custodian of "
        f"{_n(top['count'], 'recovered item')}"
    )
    if "expected" in top:
        text += f", {top['expected']:.1f} items expected when every candidate is weighted by its probability."
    else:
        text += f", in {_n(top['incidents'], 'incident')}."
    if len(ctx["stockpiles"]) > 1:
        second = ctx["stockpiles"][1]
        more = f"{second['expected']:.1f} expected" if "expected" in second else _n(second["count"], "item")
        text += f" Next: {second['custodian']} ({more})."
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
    if y.get("inconsistent"):
        text += f" {_n(y['inconsistent'], 'item')} recovered before their last legal transfer: a data error to check."
    return [text]


def _matching(c: dict[str, Any], recovered_what: str) -> list[str]:
    out = [
        f"{_n(c['recovered'], 'item')} {recovered_what}; {c['with_candidates']} have at least one candidate registry "
        f"record, {c['plausible']} a plausible one (probability {PLAUSIBLE} or more, or confirmed) and "
        f"{c['probable']} a single candidate with probability {PROBABLE} or more."
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
        what = {"range_record": f"range record {big['key']}", "range_transfer": f"range transfer {big['key']}"}.get(
            big["basis"], f"consecutive serials {big['first_serial']} to {big['last_serial']}"
        )
        held = f", last legally held by {big['custodian']}" if big.get("custodian") else ""
        out.append(
            f"{_n(len(ctx['consignments']), 'consignment')} account for more than one recovered item each; the "
            f"largest ({what}{held}): {big['size']} items in {_n(len(big['incidents']), 'incident')}."
        )
    known = [f for f in ctx["flows"] if f["recipient"] != "unknown"]
    if known:
        f = known[0]
        place = f["recovery_admin1"] if f["recovery_admin1"] != "unknown" else country_name(f["recovery_country"])
        held = f"{f['recipient']} ({country_name(f['recipient_country'])})"
        out.append(f"The main route: made in {country_name(f['origin'])}, last legally held by {held}, "
                   f"recovered in {place}: {_n(f['count'], 'item')}.")  # fmt: skip
    return out + _years(ctx) + _traces(c)
