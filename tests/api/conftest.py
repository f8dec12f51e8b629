"""Fixtures for the API tests: an app over an in-memory store of hand-built accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.store import Store, open_store
from tests.sample_accounts import FERRY_TEXT, HARVEST_TEXT, ferry_account, harvest_account
from tests.web.hostile import HOSTILE_TEXT, hostile_account

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api_store() -> Iterator[Store]:
    store = open_store("sqlite://")
    store.save(ferry_account(), FERRY_TEXT)
    store.save(harvest_account(), HARVEST_TEXT)
    store.save(hostile_account(), HOSTILE_TEXT)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def app(api_store: Store) -> FastAPI:
    return create_app(store=api_store, token=TOKEN, max_body=64 * 1024)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)
