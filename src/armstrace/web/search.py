"""Serial search for the server: the matcher, built only from the registry records the caller may see.

Probabilities are shares of evidence among the candidates, so a record the caller may not see must
not even take part in the ranking — otherwise a lower probability would betray a hidden near-twin.
The matcher is therefore built per agency view from the visible items (``armstrace.linkage.Matcher``,
the same scoring the CLI uses) and cached until the visible registry changes: the cache key is the count and
highest id of the visible items, the share table's, and a token that every change of a registry record's
visibility renews (``records.registry_view_changed``) — one record made private and another made public
leave the counts as they were, and the stale matcher would rank the hidden record. Without the linkage
package a small fallback scores candidates by edit distance on the confusion skeleton — adequate for a demo
workspace, not for a national registry.
"""

from __future__ import annotations

import importlib
import math
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from rapidfuzz.distance import OSA
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from armstrace.auth import Principal
from armstrace.model import Item, Share
from armstrace.serials import ANY, STAR, normalise, parse_query, skeleton, skeleton_char
from armstrace.store import visible

from .records import registry_view_version

__all__ = ["SearchService"]

_FIELDS = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")


@dataclass
class _Fallback:
    ids: list[int]
    skeletons: list[str]
    norms: list[str]

    def search(self, text: str, limit: int) -> list[tuple[int, str, float, dict[str, Any]]]:
        query = parse_query(text)
        if query.is_literal:
            key = skeleton(query.literal)
            scored = []
            for i, sk in enumerate(self.skeletons):
                if abs(len(sk) - len(key)) > 2:
                    continue
                d = OSA.distance(key, sk, score_cutoff=2)
                if d <= 2:
                    exact = self.norms[i] == normalise(query.literal)
                    scored.append((i, d if d or exact else 0.5))
        else:
            pattern = re.compile("".join(_rx(e) for e in query.elements) + r"\Z")
            scored = [(i, 0.0) for i, sk in enumerate(self.skeletons) if pattern.match(sk)]
        weights = [(i, math.exp(-3.0 * d)) for i, d in scored]
        total = sum(w for _, w in weights) or 1.0
        weights.sort(key=lambda t: -t[1])
        out = []
        for i, w in weights[:limit]:
            distance = next(d for j, d in scored if j == i)
            out.append((self.ids[i], self.norms[i], w / total, {
                "engine": "fallback",
                "skeleton_distance": distance,
                "note": "edit distance on the confusion skeleton; probabilities shared among visible records",
            }))
        return out


def _rx(e: Any) -> str:
    if e is STAR:
        return ".*"
    if e is ANY:
        return "."
    if isinstance(e, str):
        return re.escape(skeleton_char(e))
    return "[" + "".join(re.escape(skeleton_char(c)) for c in sorted(e)) + "]"


@dataclass
class SearchService:
    """Answers serial queries for a caller over the registry records their agency may see."""

    _cache: dict[Any, tuple[Any, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _version(self, db: Session, p: Principal) -> tuple[Any, ...]:
        items = db.execute(select(func.count(Item.id), func.max(Item.id)).where(visible(Item, p.scope))).one()
        shares = db.execute(select(func.count(Share.id), func.max(Share.id))).one()
        return (tuple(items), tuple(shares), registry_view_version(db))

    def _matcher(self, db: Session, p: Principal) -> tuple[str, Any]:
        version = self._version(db, p)
        with self._lock:
            hit = self._cache.get(p.scope)
            if hit is not None and hit[0] == version:
                return hit[1]
        built = self._build(db, p)
        with self._lock:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[p.scope] = (version, built)
        return built

    def _build(self, db: Session, p: Principal) -> tuple[str, Any]:
        linkage = _linkage()
        if linkage is not None:
            columns = [Item.id, Item.record_id, Item.serial, Item.serial_end, *(getattr(Item, f) for f in _FIELDS)]
            rows = db.execute(select(*columns).where(visible(Item, p.scope), Item.serial.is_not(None))).all()
            if not rows:
                return "linkage", None
            table = pa.table({
                "record_id": [r.record_id for r in rows],
                "serial": [r.serial for r in rows],
                "serial_end": [r.serial_end for r in rows],
                **{f: [None if getattr(r, f) is None else str(getattr(r, f)) for r in rows] for f in _FIELDS},
            })
            return "linkage", (linkage.Matcher.from_table(table), [r.id for r in rows])
        fallback = db.execute(select(Item.id, Item.serial, Item.serial_norm).where(visible(Item, p.scope),
                                                                                 Item.serial.is_not(None))).all()
        norms = [r.serial_norm or normalise(r.serial) for r in fallback]
        return "fallback", _Fallback([r.id for r in fallback], [skeleton(n) for n in norms], norms)

    def search(self, db: Session, p: Principal, text: str, *, manufacturer: str | None = None,
               limit: int = 10, observed: dict[str, Any] | None = None) -> tuple[str, list[dict[str, Any]]]:
        """Ranked candidates (dicts with the item's fields) for a serial query, over visible items only."""
        parse_query(text)  # a bad query is the caller's mistake: QuerySyntaxError → 422
        engine, matcher = self._matcher(db, p)
        if engine == "linkage":
            found = []
            if matcher is not None:
                index, ids = matcher
                for c in index.search(text, manufacturer=manufacturer, limit=limit, **(observed or {})):
                    explanation = {"text": c.explanation_text(), "evidence": [e.as_dict() for e in c.explanation]}
                    found.append((ids[c.row], c.matched_serial, c.probability, explanation))
        else:
            found = matcher.search(text, limit)
        items = {it.id: it for it in db.scalars(select(Item).where(Item.id.in_([f[0] for f in found]),
                                                                    visible(Item, p.scope)))}
        out = []
        for rank, (item_id, matched, prob, explanation) in enumerate(found, start=1):
            item = items.get(item_id)
            if item is None:  # changed since the matcher was built
                continue
            out.append({
                "item_id": item.id, "record_id": item.record_id, "serial": item.serial, "matched_serial": matched,
                "rank": rank, "probability": round(float(prob), 6), "explanation": explanation,
                "manufacturer": item.manufacturer, "model": item.model, "calibre": item.calibre,
                "holder": item.holder, "status": item.status,
            })
        return engine, out


def _linkage() -> Any:
    """The linkage package when it offers a matcher the server can build from a query, else None."""
    try:
        module = importlib.import_module("armstrace.linkage")
    except ImportError:
        return None
    matcher = getattr(module, "Matcher", None)
    return module if matcher is not None and hasattr(matcher, "from_table") else None
