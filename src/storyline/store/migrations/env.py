"""Alembic environment for the store.

:func:`storyline.store.open_store` runs the migrations on the connection it has opened and
passes that connection in ``config.attributes["connection"]``; the ``alembic`` command line
(for developers writing a new revision) uses ``sqlalchemy.url`` from its config instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from storyline.store.schema import metadata
from storyline.store.search import SEARCH_TABLE

config = context.config


def _portable(name: str | None, type_: str, _parents: object) -> bool:
    # The full-text index is engine-specific (FTS5 / tsvector) and outside schema.py: keep
    # autogenerate from proposing to drop it.
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=_portable,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url in the Alembic config to run migrations")
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    _run_online()
