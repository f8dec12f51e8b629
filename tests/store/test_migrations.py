"""The Alembic migrations create exactly the tables of ``schema.py``, on SQLite and (as SQL)
on PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from storyline.store import open_store
from storyline.store import schema as t
from storyline.store.search import SEARCH_TABLE
from storyline.store.store import MIGRATIONS_DIR


def _config(url: str | None = None) -> Config:
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def test_migrations_are_shipped_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("*.py"))


def test_one_head_and_a_linear_history() -> None:
    script = ScriptDirectory.from_config(_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None


def _portable(name: str | None, type_: str, _parents: object) -> bool:
    # The search index is engine-specific by design (FTS5 / tsvector), outside schema.py.
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


def _search_tables(tables: set[str]) -> set[str]:
    return {name for name in tables if name.startswith(SEARCH_TABLE)}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return str(request.getfixturevalue("empty_postgres_url"))


def test_upgrade_from_empty_matches_schema_py(empty_url: str) -> None:
    with open_store(empty_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _portable})
        diff = compare_metadata(context, t.metadata)
        tables = set(sa.inspect(conn).get_table_names())
    assert diff == [], f"schema.py and the migrations disagree: {diff}"
    assert tables - _search_tables(tables) == set(t.metadata.tables) | {"alembic_version"}
    assert SEARCH_TABLE in tables


def test_downgrade_to_base_and_back(empty_url: str) -> None:
    url = empty_url
    config = _config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    command.upgrade(config, "head")
    with open_store(url) as store:
        assert store.count() == 0


def test_open_is_a_no_op_when_at_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        head = store.revision()
    with open_store(url) as store:
        assert store.revision() == head == ScriptDirectory.from_config(_config()).get_current_head()


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in t.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "CREATE TABLE" in ddl


def test_migrations_render_as_postgresql_sql() -> None:
    # Offline mode needs only the dialect, not a server or a driver.
    out = io.StringIO()
    config = Config(output_buffer=out)
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", "postgresql://localhost/storyline")
    command.upgrade(config, "head", sql=True)
    sql = out.getvalue()
    for table in t.metadata.tables:
        assert f"CREATE TABLE {table} " in sql
    assert "DOUBLE PRECISION" in sql and "JSON" in sql
    assert f"CREATE TABLE {SEARCH_TABLE} " in sql and "USING gin (vector)" in sql
