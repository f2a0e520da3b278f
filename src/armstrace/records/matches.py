"""Matches: candidate links from a recovery to a registry record, and a person's review of them.

A match is evidence, not truth: the matcher stores candidates (``store_candidates``), and only a person
confirms or rejects one (``review``), with a reason, a name and a time. Both are audited (``match.search``,
``match.review``); a rank-1 candidate on another agency's record tells that agency (a hit notice).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, InputError
from armstrace.model import Match, Recovery, utcnow
from armstrace.sharing import notices
from armstrace.store.ids import public_id

from . import actions
from .access import get_visible, match_visible, require

__all__ = ["DECISIONS", "Search", "match_dict", "matches", "review", "review_match", "search_and_store"]

#: what a reviewer may decide (``candidate`` undoes an earlier decision)
DECISIONS = ("confirmed", "rejected", "candidate")
#: a serial search over the registry the actor may see: (serial, manufacturer, observed fields) →
#: (engine name, candidates as dicts with item_id, rank, probability, explanation, matched_serial)
Search = Callable[[str, str | None, dict[str, Any]], tuple[str, list[dict[str, Any]]]]
_OBSERVED = ("model", "calibre", "weapon_type", "country", "year")


def matches(actor: Actor, *, recovery_id: int | None = None, status: str | None = None) -> Select[Any]:
    """A query of the matches the actor may see (both ends visible), best first."""
    if status is not None and status not in DECISIONS:
        raise InputError(f"status {status!r}: use one of {', '.join(DECISIONS)}")
    stmt = select(Match).where(match_visible(actor))
    if recovery_id is not None:
        stmt = stmt.where(Match.recovery_id == recovery_id)
    if status:
        stmt = stmt.where(Match.status == status)
    return stmt.order_by(Match.recovery_id, Match.rank, Match.id)


def search_and_store(db: Session, actor: Actor, recovery: Recovery, search: Search) -> tuple[list[Match], int]:
    """Search the registry for the recovery's serial and keep the candidates for review (a reviewed match
    keeps its decision and scores); returns the visible matches and the number of hit notices sent."""
    require(actor, "write", recovery)
    if not (recovery.serial_read or "").strip():
        raise ConflictError(f"recovery {recovery.recovery_code} has no serial reading to search for")
    observed = {f: getattr(recovery, f) for f in _OBSERVED}
    engine, found = search(recovery.serial_read or "", recovery.manufacturer, observed)
    store_candidates(db, actor, recovery, found)
    audit.record(
        db,
        actor=actor.username,
        action=actions.MATCH_SEARCH,
        agency_id=recovery.agency_id,
        entity="recovery",
        entity_id=recovery.id,
        detail={"engine": engine, "candidates": len(found)},
    )
    sent = notices.issue(db, actor.agency_id, actor.username)  # a hit on another agency's record tells its owner
    stmt = select(Match).where(Match.recovery_id == recovery.id, match_visible(actor))
    return list(db.scalars(stmt.order_by(Match.rank, Match.id))), len(sent)


def store_candidates(db: Session, actor: Actor, recovery: Recovery, found: Sequence[dict[str, Any]]) -> None:
    """Candidates as the actor's agency's matches: new ones added, undecided ones rescored."""
    existing = {
        m.item_id: m
        for m in db.scalars(select(Match).where(Match.recovery_id == recovery.id, Match.agency_id == actor.agency_id))
    }
    for c in found:
        m = existing.get(c["item_id"])
        explanation = c["explanation"] if isinstance(c["explanation"], dict) else {"text": c["explanation"]}
        if m is None:
            m = Match(
                id=public_id(db, Match),
                agency_id=actor.agency_id,
                visibility="private",
                recovery_id=recovery.id,
                item_id=c["item_id"],
                status="candidate",
            )
            db.add(m)
        if m.status == "candidate":
            m.rank, m.probability, m.explanation, m.matched_serial = (
                c["rank"],
                c["probability"],
                explanation,
                c["matched_serial"],
            )
    db.flush()


def review_match(db: Session, actor: Actor, match: Match, decision: str, note: str | None) -> Match:
    """A reviewer's decision on a candidate: evidence is confirmed or rejected by a person, never by code."""
    require(actor, "review", match)
    if decision not in DECISIONS:
        raise InputError(f"decision {decision!r}: use confirmed, rejected or candidate")
    before = match.status
    match.status, match.review_note = decision, note
    match.reviewed_by, match.reviewed_at = actor.username, utcnow()
    db.flush()
    audit.record(
        db,
        actor=actor.username,
        action=actions.MATCH_REVIEW,
        agency_id=match.agency_id,
        entity="match",
        entity_id=match.id,
        detail={"before": before, "decision": decision, "note": note},
    )
    return match


def review(db: Session, actor: Actor, match_id: int, decision: str, note: str | None = None) -> Match:
    """``review_match`` for the match numbered ``match_id`` (NotFoundError when the actor may not see it)."""
    return review_match(db, actor, get_visible(db, Match, match_id, actor), decision, note)


def match_dict(match: Match) -> dict[str, Any]:
    """A match as the command line and scripts show it."""
    explanation = match.explanation or {}
    return {
        "match_id": match.id, "recovery_id": match.recovery_id, "item_id": match.item_id, "rank": match.rank,
        "probability": match.probability, "matched_serial": match.matched_serial, "status": match.status,
        "explanation": explanation.get("text") if isinstance(explanation, dict) else explanation,
        "reviewed_by": match.reviewed_by, "reviewed_at": match.reviewed_at, "review_note": match.review_note,
    }  # fmt: skip
