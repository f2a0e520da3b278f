"""Fuzz the JSON API from its own OpenAPI schema (schemathesis, in process): never a server error.

Each operation gets a bounded number of generated requests, valid and invalid, sent with a real
analyst's token against a small two-agency world; every answer must be below 500 and match the
response schema the API declares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.web import create_app

from .webkit import build_world

TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("schema") / "ws.db"
    ws = Workspace.create(Settings(database_url=f"sqlite:///{path}", agency="TEST", user="tester"))
    world = build_world(ws)
    TOKEN["value"] = world.tokens["a_analyst"]
    app = create_app(Settings(database_url=ws.settings.database_url, secret_key="k"), workspace=ws)
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    # The coverage phase (every boundary value of every parameter) takes about a minute more: run it with
    # ARMSTRACE_FUZZ_FULL=1 before a release; the fuzzing phase always runs.
    loaded.config.phases.coverage.enabled = os.environ.get("ARMSTRACE_FUZZ_FULL") == "1"
    yield loaded
    ws.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_generated_requests(case: Any) -> None:
    response = case.call(headers={"authorization": f"Bearer {TOKEN['value']}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance, status_code_conformance])
