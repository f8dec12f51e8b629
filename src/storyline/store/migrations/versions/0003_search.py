"""Full-text search index: SQLite FTS5 virtual table, PostgreSQL tsvector with a GIN index.

The index is engine-specific, so it is not part of ``schema.py``'s metadata; the store
keeps it in step on save and delete (see :mod:`storyline.store.search`).  Upgrading fills
it from the documents already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

from storyline.store.search import PG_MAX_INDEXED_CHARS, SEARCH_TABLE, fts_rowid

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL_BATCH = 200


def upgrade() -> None:
    dialect = context.get_context().dialect.name
    if dialect == "sqlite":
        # porter: English stems, as PostgreSQL's 'english' configuration; diacritics folded.
        op.execute(
            f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
            "document_id UNINDEXED, title, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        if not context.is_offline_mode():
            _backfill_sqlite(op.get_bind())
    elif dialect == "postgresql":
        op.create_table(
            SEARCH_TABLE,
            sa.Column("document_id", sa.String(length=64), nullable=False),
            sa.Column("vector", postgresql.TSVECTOR(), nullable=False),
            sa.ForeignKeyConstraint(
                ["document_id"],
                ["documents.id"],
                name=op.f("fk_search_index_document_id_documents"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("document_id", name=op.f("pk_search_index")),
        )
        op.create_index("ix_search_index_vector", SEARCH_TABLE, ["vector"], postgresql_using="gin")
        op.execute(
            f"INSERT INTO {SEARCH_TABLE} (document_id, vector) "
            "SELECT d.id, setweight(to_tsvector('english', coalesce(d.title, '')), 'A') || "
            f"to_tsvector('english', left(c.text, {PG_MAX_INDEXED_CHARS})) "
            "FROM documents AS d JOIN contents AS c ON c.document_id = d.id"
        )


def downgrade() -> None:
    dialect = context.get_context().dialect.name
    if dialect == "postgresql":
        op.drop_index("ix_search_index_vector", table_name=SEARCH_TABLE)
        op.drop_table(SEARCH_TABLE)
    elif dialect == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")


def _backfill_sqlite(conn: sa.Connection) -> None:
    select = sa.text(
        "SELECT d.id, d.title, c.text FROM documents AS d "
        "JOIN contents AS c ON c.document_id = d.id ORDER BY d.id"
    )
    insert = sa.text(
        f"INSERT INTO {SEARCH_TABLE} (rowid, document_id, title, body) "
        "VALUES (:rowid, :id, :title, :body)"
    )
    batch: list[dict[str, object]] = []
    for doc_id, title, text in conn.execute(select).all():
        batch.append({"rowid": fts_rowid(doc_id), "id": doc_id, "title": title or "", "body": text})
        if len(batch) >= _BACKFILL_BATCH:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)
