"""PostgreSQL search matches as SQLite's does: a text search configuration whose English
snowball dictionary has no stop words, and the index rebuilt from text split into words and
stripped of accents in Python (see :mod:`storyline.store.search`).  SQLite: nothing to do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 16:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from storyline.store.search import PG_CONFIG, PG_MAX_INDEXED_CHARS, SEARCH_TABLE, search_text

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DICTIONARY = "storyline_english_stem"
# Every word token the parser can give for a text of plain words; numbers keep 'simple'.
_WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
_BATCH = 200


def upgrade() -> None:
    if context.get_context().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE TEXT SEARCH DICTIONARY {_DICTIONARY} (TEMPLATE = snowball, Language = english)"
    )
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = english)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
        f"ALTER MAPPING FOR {_WORD_TOKENS} WITH {_DICTIONARY}"
    )
    if not context.is_offline_mode():
        _reindex(op.get_bind())


def downgrade() -> None:
    if context.get_context().dialect.name != "postgresql":
        return
    op.execute(
        f"UPDATE {SEARCH_TABLE} AS s SET vector = "
        "setweight(to_tsvector('english', coalesce(d.title, '')), 'A') || "
        f"to_tsvector('english', left(c.text, {PG_MAX_INDEXED_CHARS})) "
        "FROM documents AS d JOIN contents AS c ON c.document_id = d.id "
        "WHERE s.document_id = d.id"
    )
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {PG_CONFIG}")
    op.execute(f"DROP TEXT SEARCH DICTIONARY {_DICTIONARY}")


def _reindex(conn: sa.Connection) -> None:
    select = sa.text(
        "SELECT d.id, d.title, c.text FROM documents AS d "
        "JOIN contents AS c ON c.document_id = d.id ORDER BY d.id"
    )
    update = sa.text(
        f"UPDATE {SEARCH_TABLE} SET vector = "
        f"setweight(to_tsvector('{PG_CONFIG}', :title), 'A') || "
        f"to_tsvector('{PG_CONFIG}', :body) WHERE document_id = :id"
    )
    batch: list[dict[str, object]] = []
    for doc_id, title, text in conn.execute(select).all():
        batch.append(
            {
                "id": doc_id,
                "title": search_text(title or ""),
                "body": search_text(text[:PG_MAX_INDEXED_CHARS]),
            }
        )
        if len(batch) >= _BATCH:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)
