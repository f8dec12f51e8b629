"""Fixtures for the store tests: a fresh store on SQLite and on PostgreSQL.

``db_url``/``store`` are the root ``store_url``/``any_store`` (both engines); ``sqlite_url``
is for the few tests about SQLite itself (files, WAL, locks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.store import Store


@pytest.fixture
def db_url(store_url: str) -> str:
    return store_url


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'nested' / 'store.db'}"
