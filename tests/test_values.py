"""One rule per field: a file (import), a command (CLI) and a request body (API) accept the same values."""

from __future__ import annotations

import pyarrow as pa
import pytest
from pydantic import ValidationError

from armstrace.ammunition import record_ammunition
from armstrace.auth import ROLES, Actor
from armstrace.exceptions import InputError
from armstrace.explosives import record_component
from armstrace.ingest.fields import INCIDENT_KINDS, KINDS, WEAPON_TYPES, validate
from armstrace.model import VISIBILITIES
from armstrace.store import Workspace
from armstrace.tracing import STATUSES
from armstrace.values import YEARS, IncidentKind, Role, TraceStatus, Visibility, WeaponType, choices
from armstrace.web.schemas import IncidentIn, RecoveryIn

from .webkit import build_world


def _import_refuses(kind: str, field: str, value: str) -> bool:
    spec = next(f for f in KINDS[kind] if f.name == field)
    return bool(validate(pa.array([value]), spec).bad[0].as_py())


def _api_refuses(model: type[RecoveryIn] | type[IncidentIn], **fields: object) -> bool:
    try:
        model(**fields)
    except ValidationError:
        return True
    return False


RECOVERY = {"recovery_code": "R1", "serial_read": "123"}
INCIDENT = {"code": "I1", "date": "2020-01-01", "country": "PK"}


@pytest.mark.parametrize("year", [1799, 1800, 2100, 2101, 2200])
def test_a_year_is_valid_to_the_same_last_year_on_import_and_in_the_api(year: int) -> None:
    refused = year not in YEARS
    assert _import_refuses("recoveries", "year", str(year)) is refused
    assert _api_refuses(RecoveryIn, **RECOVERY, year=year) is refused  # the API took years to 2200
    assert _import_refuses("incidents", "date", f"{year}-06-01") is refused
    assert _api_refuses(IncidentIn, **{**INCIDENT, "date": f"{year}-06-01"}) is refused


@pytest.mark.parametrize("kind", ["surrender", "battlefield", "picnic"])
def test_an_incident_kind_is_valid_on_import_exactly_when_in_the_api(kind: str) -> None:
    refused = kind not in choices(IncidentKind)
    assert _import_refuses("incidents", "kind", kind) is refused
    assert _api_refuses(IncidentIn, **INCIDENT, kind=kind) is refused  # the API refused "surrender"


@pytest.mark.parametrize("weapon_type", ["grenade", "mortar", "rifle", "spear"])
def test_a_weapon_type_is_valid_on_import_exactly_when_in_the_api(weapon_type: str) -> None:
    refused = weapon_type not in choices(WeaponType)
    assert _import_refuses("recoveries", "weapon_type", weapon_type) is refused
    assert _api_refuses(RecoveryIn, **RECOVERY, weapon_type=weapon_type) is refused  # it refused grenade, mortar


def test_the_vocabularies_are_the_enums_in_their_order() -> None:
    assert ROLES == choices(Role) == ("viewer", "analyst", "agency_admin", "server_admin")  # ranked by `auth`
    assert choices(TraceStatus) == STATUSES and choices(Visibility) == VISIBILITIES
    assert choices(IncidentKind) == INCIDENT_KINDS and choices(WeaponType) == WEAPON_TYPES
    assert Visibility.SHARED == "shared" and f"{TraceStatus.SENT}" == "sent"  # the database keeps the strings


def test_recorded_ammunition_and_components_refuse_a_year_outside_the_rule(sqlite_workspace: Workspace) -> None:
    world = build_world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        with pytest.raises(InputError, match="year: 2150 is not between 1800 and 2100"):
            record_ammunition(s, a, "A-PRIV", "AM-9", lot="LC12", year=2150)
        with pytest.raises(InputError, match="year: 1700 is not between 1800 and 2100"):
            record_component(s, a, "A-PRIV", "EXP-9", component="fuze", lot="F1", year=1700)
        assert record_ammunition(s, a, "A-PRIV", "AM-9", lot="LC12", year=2012).year == 2012
