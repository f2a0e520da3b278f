"""Record operations: create, change, share and review incidents, recoveries, registry records and matches.

The layer every shell calls, in the shape ``tracing/`` has: functions of ``(session, actor, …)`` that check
what the actor may do, apply its visibility, and write the audit event in the caller's transaction, with
one vocabulary of actions (``actions``). The server's routes and pages call them directly; the command
line and scripts call ``workspace``, which acts for the workspace's agency. Attachments live beside them
in ``armstrace.attachments``, ammunition and explosive components in ``armstrace.ammunition`` and
``armstrace.explosives`` (recoveries with their own readings), trace requests in ``armstrace.tracing``.

Modules: ``access`` (who sees which record, lookups and counts), ``visibility`` (sharing), ``incidents``,
``recoveries``, ``changes`` (field edits), ``matches`` (candidates and review), ``items`` (custody),
``actions`` (audit names), ``lists`` (the read-only lists and pages every shell shows), ``registry`` (the
registry as the serial search sees it), ``workspace`` (over a Workspace).
"""

from __future__ import annotations

from . import actions, incidents, lists, matches, registry
from .access import (
    CONTROL,
    agencies,
    agency_codes,
    check_codes,
    dashboard_counts,
    find_visible,
    get_visible,
    match_visible,
    page,
    require,
    shared_with,
    trace_visible,
    where_visible,
)
from .changes import update_record
from .incidents import create_incident, incident_dict
from .items import custody, sightings
from .matches import review_match, search_and_store
from .recoveries import create_recovery, incident_for_new_item
from .visibility import registry_view_changed, registry_view_version, set_visibility
from .workspace import add_incident, list_incidents, list_matches

__all__ = [
    "CONTROL",
    "actions",
    "add_incident",
    "agencies",
    "agency_codes",
    "check_codes",
    "create_incident",
    "create_recovery",
    "custody",
    "dashboard_counts",
    "find_visible",
    "get_visible",
    "incident_dict",
    "incident_for_new_item",
    "incidents",
    "list_incidents",
    "list_matches",
    "lists",
    "match_visible",
    "matches",
    "page",
    "registry",
    "registry_view_changed",
    "registry_view_version",
    "require",
    "review_match",
    "search_and_store",
    "set_visibility",
    "shared_with",
    "sightings",
    "trace_visible",
    "update_record",
    "where_visible",
]
