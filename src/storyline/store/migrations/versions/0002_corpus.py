"""Corpus tables: merged entities, story events, the claims ledger (storyline.corpus).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:46:30.736364
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corpus_entities",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=False),
        sa.Column("last_published", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_entities")),
    )
    with op.batch_alter_table("corpus_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corpus_entities_key"), ["key"], unique=False)
        batch_op.create_index("ix_corpus_entities_rank", ["documents", "mentions"], unique=False)
        batch_op.create_index(batch_op.f("ix_corpus_entities_type"), ["type"], unique=False)

    op.create_table(
        "corpus_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("last_ingested_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_state")),
    )
    op.create_table(
        "story_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("lat", sa.Double(), nullable=True),
        sa.Column("lon", sa.Double(), nullable=True),
        sa.Column("time_value", sa.String(length=128), nullable=True),
        sa.Column("time_start", sa.Date(), nullable=True),
        sa.Column("time_end", sa.Date(), nullable=True),
        sa.Column("granularity", sa.Integer(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=False),
        sa.Column("last_published", sa.Date(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_events")),
    )
    with op.batch_alter_table("story_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_story_events_order",
            ["time_start", "granularity", "first_published", "id"],
            unique=False,
        )
        batch_op.create_index("ix_story_events_place", ["place"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_events_type"), ["type"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("story_event_id", sa.String(length=32), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("predicate", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("value_kind", sa.String(length=16), nullable=False),
        sa.Column("time_value", sa.String(length=128), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("contradicted", sa.Boolean(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=False),
        sa.Column("last_published", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_event_id"],
            ["story_events.id"],
            name=op.f("fk_claims_story_event_id_story_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_contradicted"), ["contradicted"], unique=False)
        batch_op.create_index("ix_claims_order", ["first_published", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_claims_story_event_id"), ["story_event_id"], unique=False
        )

    op.create_table(
        "story_event_entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("story_event_id", sa.String(length=32), nullable=False),
        sa.Column("corpus_entity_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_entity_id"],
            ["corpus_entities.id"],
            name=op.f("fk_story_event_entities_corpus_entity_id_corpus_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_event_id"],
            ["story_events.id"],
            name=op.f("fk_story_event_entities_story_event_id_story_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_event_entities")),
        sa.UniqueConstraint(
            "story_event_id", "corpus_entity_id", "role", name="uq_story_event_entities_role"
        ),
    )
    with op.batch_alter_table("story_event_entities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_story_event_entities_corpus_entity_id"),
            ["corpus_entity_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_story_event_entities_story_event_id"), ["story_event_id"], unique=False
        )

    op.create_table(
        "claim_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("other_claim_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_conflicts_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_conflicts_other_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_conflicts")),
    )
    with op.batch_alter_table("claim_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_conflicts_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_claim_conflicts_other_claim_id"), ["other_claim_id"], unique=False
        )

    op.create_table(
        "claim_supports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_supports_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_claim_supports_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_supports")),
    )
    with op.batch_alter_table("claim_supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_supports_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_claim_supports_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "corpus_entity_members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("corpus_entity_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_entity_id"],
            ["corpus_entities.id"],
            name=op.f("fk_corpus_entity_members_corpus_entity_id_corpus_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_corpus_entity_members_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_corpus_entity_members_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_entity_members")),
    )
    with op.batch_alter_table("corpus_entity_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_corpus_entity_members_corpus_entity_id"),
            ["corpus_entity_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_corpus_entity_members_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_corpus_entity_members_entity_id"), ["entity_id"], unique=False
        )
        batch_op.create_index("ix_corpus_entity_members_name", ["name"], unique=False)

    op.create_table(
        "story_event_members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("story_event_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_story_event_members_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_story_event_members_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_event_id"],
            ["story_events.id"],
            name=op.f("fk_story_event_members_story_event_id_story_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_event_members")),
    )
    with op.batch_alter_table("story_event_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_story_event_members_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_story_event_members_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_story_event_members_story_event_id"), ["story_event_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("story_event_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_event_members_story_event_id"))
        batch_op.drop_index(batch_op.f("ix_story_event_members_event_id"))
        batch_op.drop_index(batch_op.f("ix_story_event_members_document_id"))

    op.drop_table("story_event_members")
    with op.batch_alter_table("corpus_entity_members", schema=None) as batch_op:
        batch_op.drop_index("ix_corpus_entity_members_name")
        batch_op.drop_index(batch_op.f("ix_corpus_entity_members_entity_id"))
        batch_op.drop_index(batch_op.f("ix_corpus_entity_members_document_id"))
        batch_op.drop_index(batch_op.f("ix_corpus_entity_members_corpus_entity_id"))

    op.drop_table("corpus_entity_members")
    with op.batch_alter_table("claim_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_supports_document_id"))
        batch_op.drop_index(batch_op.f("ix_claim_supports_claim_id"))

    op.drop_table("claim_supports")
    with op.batch_alter_table("claim_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_conflicts_other_claim_id"))
        batch_op.drop_index(batch_op.f("ix_claim_conflicts_claim_id"))

    op.drop_table("claim_conflicts")
    with op.batch_alter_table("story_event_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_event_entities_story_event_id"))
        batch_op.drop_index(batch_op.f("ix_story_event_entities_corpus_entity_id"))

    op.drop_table("story_event_entities")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_story_event_id"))
        batch_op.drop_index(batch_op.f("ix_claims_status"))
        batch_op.drop_index("ix_claims_order")
        batch_op.drop_index(batch_op.f("ix_claims_contradicted"))

    op.drop_table("claims")
    with op.batch_alter_table("story_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_events_type"))
        batch_op.drop_index("ix_story_events_place")
        batch_op.drop_index("ix_story_events_order")

    op.drop_table("story_events")
    op.drop_table("corpus_state")
    with op.batch_alter_table("corpus_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corpus_entities_type"))
        batch_op.drop_index("ix_corpus_entities_rank")
        batch_op.drop_index(batch_op.f("ix_corpus_entities_key"))

    op.drop_table("corpus_entities")
