"""The Alembic migrations create exactly the tables of ``schema.py``, on SQLite and (as SQL)
on PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

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


def test_upgrade_from_empty_matches_schema_py(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
        tables = set(sa.inspect(conn).get_table_names())
    assert diff == [], f"schema.py and the migrations disagree: {diff}"
    assert tables == set(t.metadata.tables) | {"alembic_version"}


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
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
