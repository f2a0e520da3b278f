"""Matching inside a workspace: search its items, and cross-check its recoveries into Match rows.

Only records the acting agency may see are loaded (``store.visible``), so a record another agency
keeps private is never a candidate. ``xref_workspace`` is incremental: a recovery is compared again
only when it has no match yet, or when registry items were added after the last comparison. Matches a
reviewer confirmed or rejected are never touched; open candidates of a re-compared recovery are replaced.
The model a workspace ``xref`` estimates is kept per agency (``server_setting``), and single searches in
the workspace score with it.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlalchemy import delete, func, select

from armstrace.exceptions import NotFoundError
from armstrace.model import Item, Match, Recovery, ServerSetting
from armstrace.sharing.notices import issue_for_workspace
from armstrace.store import visible
from armstrace.values import MatchStatus

from .matcher import Matcher
from .scoring import ScoringModel
from .xref import Progress, cross_check

if TYPE_CHECKING:
    from armstrace.store import Workspace

__all__ = ["last_model", "workspace_matcher", "xref_workspace"]

_ITEM_COLUMNS = (
    "record_id",
    "serial",
    "serial_end",
    "manufacturer",
    "model",
    "calibre",
    "weapon_type",
    "country",
    "year",
)


def _item_table(ws: Workspace, agency_id: int) -> pa.Table:
    cols = [getattr(Item, c) for c in _ITEM_COLUMNS]
    with ws.session() as s:
        rows = s.execute(select(Item.id, *cols).where(visible(Item, agency_id))).all()
    data: dict[str, list[Any]] = {"item_id": [str(r[0]) for r in rows]}
    for i, c in enumerate(_ITEM_COLUMNS, start=1):
        data[c] = [None if r[i] is None else str(r[i]) for r in rows]
    return pa.table({k: pa.array(v, type=pa.string()) for k, v in data.items()})


def workspace_matcher(ws: Workspace, agency: str | None = None, **options: Any) -> Matcher:
    """A Matcher over the workspace items the agency may see, scoring with the model the agency's last
    ``xref`` estimated (the documented prior before any).

    Range rows are not checked against ARMSTRACE_MAX_RANGE_ITEMS again: the import did, under the limit of
    its day; checked here, a row admitted under a raised limit (or read wider with embedded letters ignored)
    would fail every search of the workspace. The web search's view does the same."""
    owner = ws.agency(agency)
    if "model" not in options:
        options["model"] = last_model(ws, owner.id)
    options.setdefault("max_range_items", None)
    return Matcher.from_table(_nonempty(_item_table(ws, owner.id), owner.code), **options)


def _model_setting(agency_id: int) -> str:
    return f"matching_model:{agency_id}"


def last_model(ws: Workspace, agency_id: int) -> ScoringModel | None:
    """The model the agency's last workspace ``xref`` estimated, or None."""
    with ws.session() as s:
        row = s.get(ServerSetting, _model_setting(agency_id))
        return None if row is None else ScoringModel.from_dict(json.loads(row.value))


def _keep_model(ws: Workspace, agency_id: int, model: ScoringModel) -> None:
    with ws.session() as s:
        row = s.get(ServerSetting, _model_setting(agency_id))
        value = json.dumps(model.as_dict())
        if row is None:
            s.add(ServerSetting(name=_model_setting(agency_id), value=value))
        else:
            row.value = value


def _nonempty(items: pa.Table, agency: str) -> pa.Table:
    """The items, or a NotFoundError that says how to get some (an empty index cannot be searched)."""
    if items.num_rows == 0:
        raise NotFoundError(
            f"no registry records that agency {agency} may see in this workspace: import a registry first "
            "(`armstrace import registry FILE --source NAME`)"
        )
    return items


def xref_workspace(
    ws: Workspace,
    agency: str | None = None,
    *,
    limit: int = 5,
    min_probability: float = 0.001,
    estimate: bool = True,
    progress: Progress | None = None,
    ignore_embedded_letters: bool = False,
) -> dict[str, Any]:
    """Compare the workspace's recoveries with its items and store the candidates as Match rows."""
    started = time.perf_counter()
    owner = ws.agency(agency)
    items = _nonempty(_item_table(ws, owner.id), owner.code)
    # record ids repeat across sources; the workspace form keys candidates by item id
    items = items.set_column(items.column_names.index("record_id"), "record_id", items.column("item_id"))
    matcher = Matcher.from_table(
        items, ignore_embedded_letters=ignore_embedded_letters, max_range_items=None
    )  # as workspace_matcher
    with ws.session() as s:
        last_match = s.scalar(select(func.max(Match.created_at)).where(Match.agency_id == owner.id))
        last_item = s.scalar(select(func.max(Item.created_at)).where(visible(Item, owner.id)))
        matched_ids = set(s.scalars(select(Match.recovery_id).where(Match.agency_id == owner.id)).all())
        recs = s.execute(
            select(
                Recovery.id,
                Recovery.serial_read,
                Recovery.manufacturer,
                Recovery.model,
                Recovery.calibre,
                Recovery.weapon_type,
                Recovery.country,
                Recovery.year,
            ).where(visible(Recovery, owner.id))
        ).all()
    registry_changed = last_match is None or (last_item is not None and last_item > last_match)
    todo = [r for r in recs if registry_changed or r[0] not in matched_ids]
    names = ("recovery_id", "serial", "manufacturer", "model", "calibre", "weapon_type", "country", "year")
    table = pa.table(
        {
            n: pa.array([None if r[i] is None else str(r[i]) for r in todo], type=pa.string())
            for i, n in enumerate(names)
        }
    )
    result = cross_check(
        matcher, table, limit=limit, min_probability=min_probability, estimate=estimate, progress=progress
    )
    with ws.session() as s:
        done = [int(r[0]) for r in todo]
        if done:
            s.execute(
                delete(Match).where(
                    Match.recovery_id.in_(done), Match.status == MatchStatus.CANDIDATE, Match.agency_id == owner.id
                )
            )
        kept = {(m.recovery_id, m.item_id) for m in s.scalars(select(Match).where(Match.recovery_id.in_(done)))}
        # the registry serial each match is to (a range record's own serial is in its explanation)
        ids = {int(row["record_id"]) for row in result.rows}
        serials = {
            i: serial
            for i, serial, end in s.execute(select(Item.id, Item.serial, Item.serial_end).where(Item.id.in_(ids)))
            if not end
        }
        for row in result.rows:
            item_id = int(row["record_id"])
            key = (int(row["recovery_id"]), item_id)
            if key in kept:
                continue
            s.add(
                Match(
                    recovery_id=key[0],
                    item_id=item_id,
                    matched_serial=serials.get(item_id),
                    rank=row["rank"],
                    probability=row["probability"],
                    explanation={"text": row["explanation"]},
                    agency_id=owner.id,
                )
            )
    if result.model.source == "em":
        _keep_model(ws, owner.id, result.model)
    notices = issue_for_workspace(ws, owner.id)  # hits on other agencies' records tell their owners
    summary = result.summary()
    summary.update(
        seconds=round(time.perf_counter() - started, 3),
        notices=notices,
        compared=len(todo),
        skipped=len(recs) - len(todo),
        registry_records=len(matcher),
    )
    return summary
