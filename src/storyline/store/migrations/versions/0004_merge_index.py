"""The merge's index (corpus_documents, corpus_entity_keys, corpus_event_keys,
corpus_mentions), so a merge recomputes only the corpus entities and story events that new
or removed documents touch.

A store upgraded from 0003 has an empty index; its next merge rebuilds the corpus in full
and fills it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 15:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corpus_documents",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_corpus_documents")),
    )
    op.create_table(
        "corpus_entity_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("corpus_entity_id", sa.String(length=32), nullable=False),
        sa.Column("first_document_id", sa.String(length=64), nullable=False),
        sa.Column("first_ordinal", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_entity_keys")),
    )
    with op.batch_alter_table("corpus_entity_keys", schema=None) as batch_op:
        for column in ("document_id", "entity_id", "key"):
            batch_op.create_index(
                batch_op.f(f"ix_corpus_entity_keys_{column}"), [column], unique=False
            )
    op.create_table(
        "corpus_event_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("story_event_id", sa.String(length=32), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=False),
        sa.Column("first_document_id", sa.String(length=64), nullable=False),
        sa.Column("first_ordinal", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_event_keys")),
    )
    with op.batch_alter_table("corpus_event_keys", schema=None) as batch_op:
        for column in ("document_id", "event_id", "key", "story_event_id"):
            batch_op.create_index(
                batch_op.f(f"ix_corpus_event_keys_{column}"), [column], unique=False
            )
        batch_op.create_index(
            "ix_corpus_event_keys_order", ["published", "document_id", "ordinal"], unique=False
        )
    op.create_table(
        "corpus_mentions",
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("mention", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_corpus_mentions")),
    )
    with op.batch_alter_table("corpus_mentions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_corpus_mentions_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("corpus_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corpus_mentions_document_id"))
    op.drop_table("corpus_mentions")
    with op.batch_alter_table("corpus_event_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_corpus_event_keys_order")
        for column in ("story_event_id", "key", "event_id", "document_id"):
            batch_op.drop_index(batch_op.f(f"ix_corpus_event_keys_{column}"))
    op.drop_table("corpus_event_keys")
    with op.batch_alter_table("corpus_entity_keys", schema=None) as batch_op:
        for column in ("key", "entity_id", "document_id"):
            batch_op.drop_index(batch_op.f(f"ix_corpus_entity_keys_{column}"))
    op.drop_table("corpus_entity_keys")
    op.drop_table("corpus_documents")
