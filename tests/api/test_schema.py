"""schemathesis over the OpenAPI schema, in process (ASGI): no input gives a server error.

Examples per operation are bounded so the whole run stays well under two minutes; writes
are sent with the token so generated articles reach the pipeline and the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from storyline import Pipeline
from storyline.api import create_app
from storyline.store import open_store
from tests.api.conftest import AUTH, TOKEN
from tests.sample_accounts import FERRY_TEXT, HARVEST_TEXT, ferry_account, harvest_account

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(pipeline: Pipeline) -> Iterator[Any]:
    store = open_store("sqlite://")
    store.save(ferry_account(), FERRY_TEXT)
    store.save(harvest_account(), HARVEST_TEXT)
    app = create_app(store=store, token=TOKEN, pipeline=pipeline, max_body=256 * 1024)
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    finally:
        store.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_server_errors(case: Any) -> None:
    # A generous timeout: the CPU is shared, and extraction is the slow path.
    response = case.call(headers=AUTH, timeout=120)
    case.validate_response(response, checks=[not_a_server_error])
