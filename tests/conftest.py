"""Shared fixtures: one pipeline per test session, the shared folder when present."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.errors import EvalError
from storyline.evaluation import find_shared
from storyline.store import Store, open_store
from tests.store._postgres import PG_TEMPLATE, PostgresCluster, find_bin_dir, postgres_required

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    try:
        return find_shared()
    except EvalError as exc:
        pytest.skip(f"shared folder absent: {exc}")


def read_article(name: str) -> str:
    with open(ARTICLES / name, encoding="utf-8-sig", newline="") as fh:
        return fh.read()


# --- stores on both engines (issue 8) ----------------------------------------------------
# ``store_url`` / ``any_store`` run a test once on SQLite and once on PostgreSQL (a throwaway
# cluster started once per session; see tests/store/_postgres.py).  Without PostgreSQL
# binaries the PostgreSQL half skips, unless STORYLINE_REQUIRE_POSTGRES=1 (CI) fails it.


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if postgres_required():
            pytest.fail("STORYLINE_REQUIRE_POSTGRES=1 but no PostgreSQL binaries (initdb) found")
        pytest.skip("PostgreSQL is not installed (no initdb)")
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
        # A migrated template: each test gets a copy instead of migrating its own database.
        cluster.execute(f"CREATE DATABASE \"{PG_TEMPLATE}\" TEMPLATE template0 ENCODING 'UTF8'")
        with open_store(cluster.url(PG_TEMPLATE)):
            pass
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh PostgreSQL database with the schema at head."""
    url = postgres_cluster.take(PG_TEMPLATE)
    yield url
    postgres_cluster.give_back(url)


@pytest.fixture
def empty_postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (no tables, for migration tests)."""
    url = postgres_cluster.new_database()
    yield url
    postgres_cluster.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh store URL, once on SQLite (a file) and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'nested' / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def any_store(store_url: str) -> Iterator[Store]:
    """An open store on each engine (see ``store_url``)."""
    with open_store(store_url) as opened:
        yield opened
