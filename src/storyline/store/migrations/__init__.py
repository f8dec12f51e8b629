"""Alembic migrations of the store, shipped with the package and run by ``open_store``.

To change the schema: edit :mod:`storyline.store.schema`, then generate a revision against a
store at the current head and review it (``tests/store/test_migrations.py`` fails until the
migrations and ``schema.py`` agree)::

    python - <<'PY'
    from alembic import command
    from alembic.config import Config
    from storyline.store.store import MIGRATIONS_DIR, open_store
    url = "sqlite:////tmp/head.db"
    open_store(url).close()                      # an empty store at the current head
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    command.revision(config, message="what changed", autogenerate=True, rev_id="0002")
    PY

Keep revisions portable (SQLite and PostgreSQL): ``env.py`` turns on batch mode for SQLite,
so ``op.batch_alter_table`` works for ALTERs SQLite lacks.
"""
