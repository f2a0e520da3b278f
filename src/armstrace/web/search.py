"""Serial search for the server: the matcher, built only from the registry records the caller may see.

Probabilities are shares of evidence among the candidates, so a record the caller may not see must
not even take part in the ranking — otherwise a lower probability would betray a hidden near-twin.
The matcher is therefore built per view of the registry from the visible items (``armstrace.linkage.Matcher``,
the same scoring the CLI uses) and cached until that view changes. A view is what an agency sees: its own
items, the public ones and those shared with it; agencies that own no items and have none shared with
them all see the public registry and share one matcher. A view's version is read from indexes only (the
highest id of the agency's own items, of the public items and of the shares to it, the number of those
shares) plus two tokens (``records.registry_view_changed``): one renewed when a record becomes or stops
being public, one per agency renewed when a record is shared with it or withdrawn — so one agency's
share rebuilds only the views it changes, and a private↔public swap that leaves the counts as they were
still rebuilds. One matcher is built at a time (a lock; parallel searches of a view wait for its one
build) and at most ``cache_size`` are kept, which bounds memory. A view that only gained records keeps
answering from its previous matcher while the next is built in the background (``SearchService``).

A query's cost is bounded before it runs: a query with wildcards must name ``min_known`` characters,
else ``QueryTooBroadError`` (422) says so — ``*[0-9]?[0-9]*`` would rank the whole registry.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from fastapi import Request
from sqlalchemy.orm import Session

from armstrace import records
from armstrace.auth import Actor
from armstrace.exceptions import QueryTooBroadError
from armstrace.linkage import Matcher
from armstrace.linkage.wording import renumber_same_as
from armstrace.model import Match, Recovery
from armstrace.records import registry
from armstrace.records.visibility import registry_view_version
from armstrace.serials import parse_query
from armstrace.sharing import notices

from .deps import rate_limit

__all__ = ["ENGINE", "SearchService", "store_matches"]

log = logging.getLogger("armstrace.web")
#: the name of the engine that ranks candidates (answered in /search and written to the audit log)
ENGINE = "linkage"
_FIELDS = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")


@dataclass(frozen=True)
class _View:
    """One view of the registry: its cache key, its version, and the two tokens that say whether a matcher
    built for an older version still holds only records of this view (see ``SearchService._stale_ok``)."""

    key: tuple[Any, ...]
    version: tuple[Any, ...]
    everyone: str | None  # renewed when a record stops (or starts) being public
    agency: str | None  # renewed when a record is withdrawn from (or shared with) this agency


class SearchService:
    """Answers serial queries for a caller over the registry records their agency may see.

    With ``sessions`` (a session factory), a view that only gained records (an import, a new share
    while nothing was withdrawn) keeps answering from its previous matcher while the new one is built
    in the background: the previous one ranks a subset of what the caller may see, never more. Any
    withdrawal makes the caller wait for the new matcher.
    """

    def __init__(
        self,
        *,
        cache_size: int = 4,
        min_known: int = 3,
        sessions: Callable[[], AbstractContextManager[Session]] | None = None,
    ) -> None:
        self.cache_size = max(1, cache_size)
        self.min_known = min_known
        self.builds = 0  # matchers built so far (for tests and the benchmark)
        self._sessions = sessions
        self._cache: OrderedDict[Any, tuple[_View, tuple[str, Any]]] = OrderedDict()
        self._served: dict[int | None, tuple[Any, ...]] = {}  # agency -> key of the view it was last answered from
        self._pending: dict[tuple[Any, ...], threading.Thread] = {}
        self._lock = threading.Lock()  # guards the dictionaries
        self._building = threading.Lock()  # one build at a time: bounded memory, no duplicate builds

    def _view(self, db: Session, actor: Actor) -> _View:
        """The caller's view of the registry and its version, from indexed lookups only."""
        everyone = registry_view_version(db)
        if actor.scope is None:  # a server admin sees every record, whatever its visibility
            return _View(("all",), (registry.highest_item(db), everyone), everyone, None)
        m = registry.marks(db, actor.scope)
        agency = registry_view_version(db, actor.scope)
        if m.own_max is None and not m.shares[0]:
            return _View(("public",), (m.public_max, everyone), everyone, agency)
        return _View(("agency", actor.scope), (m.public_max, everyone, m.own_max, m.shares, agency), everyone, agency)

    def _stale_ok(self, now: _View, then: _View, scope: int | None) -> bool:
        """May a matcher built for ``then`` answer a caller whose view is ``now``, until it is rebuilt?

        Yes when nothing was withdrawn since: records leave a view only by leaving the public (which renews
        ``everyone``) or by a share withdrawn from the agency (which renews its ``agency`` token).
        """
        if self._sessions is None:
            return False
        if now.key == ("all",):
            return then.key == now.key  # the server admin sees every record: any earlier set is a subset
        if then.everyone != now.everyone:
            return False
        if then.key == ("public",):  # what is public to all still is; an agency's first records add to it
            return now.key == then.key or self._served.get(scope) == then.key
        return then.key == now.key and then.agency == now.agency

    def _matcher(self, db: Session, actor: Actor) -> Any:
        view = self._view(db, actor)
        stale: Any = None
        with self._lock:
            hit = self._cache.get(view.key)
            if hit is not None and hit[0].version == view.version:
                self._cache.move_to_end(view.key)
                self._served[actor.scope] = view.key
                return hit[1]
            for key in (view.key, ("public",)):
                entry = self._cache.get(key)
                if entry is not None and self._stale_ok(view, entry[0], actor.scope):
                    stale = entry[1]
                    break
        if stale is not None:
            self._build_later(actor)
            return stale
        return self._build_now(db, actor, view)

    def _build_now(self, db: Session, actor: Actor, view: _View) -> Any:
        with self._building:
            with self._lock:
                hit = self._cache.get(view.key)
                if hit is not None and hit[0].version == view.version:  # built by the search we waited for
                    self._served[actor.scope] = view.key
                    return hit[1]
                if hit is not None and not self._stale_ok(view, hit[0], actor.scope):
                    self._cache.pop(view.key, None)  # unusable: let it go before building its successor
            built = self._build(db, actor)
            with self._lock:
                self.builds += 1
                self._cache[view.key] = (view, built)
                self._cache.move_to_end(view.key)
                self._served[actor.scope] = view.key
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return built

    def _build_later(self, actor: Actor) -> None:
        """Build the caller's current view in a thread of its own (once per view at a time)."""
        sessions = self._sessions
        if sessions is None:  # pragma: no cover - _stale_ok is False without sessions
            return

        def run() -> None:
            try:
                with sessions() as s:
                    self._build_now(s, actor, self._view(s, actor))
            except Exception:  # the next search tries again, in the foreground if it must
                log.exception("building the search index in the background failed")
            finally:
                with self._lock:
                    self._pending.pop(key, None)

        key = ("build", actor.scope)
        with self._lock:
            if key in self._pending:
                return
            thread = self._pending[key] = threading.Thread(target=run, name="armstrace-search-build", daemon=True)
        thread.start()

    def wait(self) -> None:
        """Wait for the builds running in the background (for tests and the benchmark)."""
        while True:
            with self._lock:
                threads = list(self._pending.values())
            if not threads:
                return
            for t in threads:
                t.join()

    def check_cost(self, text: str) -> None:
        """Refuse a query whose wildcards leave too few known characters to bound its candidates."""
        query = parse_query(text)  # a bad query is the caller's mistake: QuerySyntaxError → 422
        if query.is_literal:
            return
        known = sum(1 for e in query.elements if isinstance(e, str))
        if known < self.min_known:
            raise QueryTooBroadError(
                f"q: {text!r} names {known} known character{'s' if known != 1 else ''} besides its wildcards; "
                f"name at least {self.min_known} (e.g. 'W10?43*') so that the search stays bounded"
            )

    def _build(self, db: Session, actor: Actor) -> Any:
        """The matcher over the registry records the actor's agency sees (None for an empty view)."""
        rows = registry.serial_rows(db, actor, _FIELDS)
        if not rows:
            return None
        table = pa.table(
            {
                "record_id": [r.record_id for r in rows],
                "serial": [r.serial for r in rows],
                "serial_end": [r.serial_end for r in rows],
                **{f: [None if getattr(r, f) is None else str(getattr(r, f)) for r in rows] for f in _FIELDS},
            }
        )
        # the import refused ranges wider than the workspace's limit; one refused here would fail every search
        return Matcher.from_table(table, max_range_items=None), [r.id for r in rows]

    def search(
        self,
        db: Session,
        actor: Actor,
        text: str,
        *,
        manufacturer: str | None = None,
        limit: int = 10,
        observed: dict[str, Any] | None = None,
    ) -> tuple[str, list[dict[str, Any]]]:
        """Ranked candidates (dicts with the item's fields) for a serial query, over visible items only."""
        self.check_cost(text)
        matcher = self._matcher(db, actor)
        found = []
        if matcher is not None:
            index, ids = matcher
            for c in index.search(text, manufacturer=manufacturer, limit=limit, **(observed or {})):
                explanation = {"text": c.explanation_text(), "evidence": [e.as_dict() for e in c.explanation]}
                found.append((ids[c.row], c.matched_serial, c.probability, explanation, c.same_as))
        items = registry.visible_items(db, actor, [f[0] for f in found])
        out: list[dict[str, Any]] = []
        shown: dict[int, int] = {}  # the matcher's rank -> the rank answered (rows of changed items left out)
        for at, (item_id, matched, prob, explanation, same_as) in enumerate(found, start=1):
            item = items.get(item_id)
            if item is None:  # changed since the matcher was built
                continue
            rank = shown[at] = len(out) + 1
            if same_as and shown.get(same_as) != same_as:  # rows left out above: say the rank this answer gives
                explanation = _renumbered(explanation, shown.get(same_as))
            out.append(
                {
                    "item_id": item.id,
                    "record_id": item.record_id,
                    "serial": item.serial,
                    "matched_serial": matched,
                    "rank": rank,
                    "probability": round(float(prob), 6),
                    # another record of the weapon ranked ``same_as``: its probability is that weapon's, counted once
                    "same_as": shown.get(same_as) if same_as else None,
                    "explanation": explanation,
                    "manufacturer": item.manufacturer,
                    "model": item.model,
                    "calibre": item.calibre,
                    "holder": item.holder,
                    "status": item.status,
                }
            )
        return ENGINE, out


def _renumbered(explanation: dict[str, Any], rank: int | None) -> dict[str, Any]:
    """The explanation naming the weapon's first record by the rank answered (None: that row was left out)."""
    evidence = [{**e, "text": renumber_same_as(e["text"], rank)} if "text" in e else e for e in explanation["evidence"]]
    return {"text": renumber_same_as(explanation["text"], rank), "evidence": evidence}


def store_matches(request: Request, db: Session, actor: Actor, recovery: Recovery, limit: int = 10) -> list[Match]:
    """``records.search_and_store`` with the server's search: rate-limited, and the hit notices it sends mailed."""

    def search(serial: str, manufacturer: str | None, observed: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        rate_limit(request, request.app.state.settings.search_cost - 1)
        service: SearchService = request.app.state.search
        return service.search(db, actor, serial, manufacturer=manufacturer, limit=limit, observed=observed)

    found, sent = records.search_and_store(db, actor, recovery, search)
    if sent:
        notices.deliver_email(db, request.app.state.settings)
    return found
