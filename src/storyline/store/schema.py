"""The store's tables, as SQLAlchemy Core.

Each document keeps its text and the exact JSON of its account (``contents``), so ``show``
and ``export`` give back byte-for-byte what was extracted, and normalised rows for every
fact, so the timeline, claims and search of later versions can query them in SQL.

Design rules, so the same schema serves SQLite and PostgreSQL (issue 8):

* portable types only (``String``, ``Text``, ``Integer``, ``BigInteger``, ``Double``,
  ``Boolean``, ``Date``, ``DateTime``, ``JSON``); no dialect-specific SQL;
* surrogate integer keys on fact rows, so corpus tables (merged entities, claims) can point
  at a document's entity or event row with a plain foreign key;
* every fact row carries ``document_id`` (indexed, ``ON DELETE CASCADE``), so a document is
  replaced or removed with one delete per table;
* character spans are ``start_char``/``end_char`` (``end`` is a reserved word in SQL);
* a constraint naming convention, so Alembic migrations name constraints the same way on
  every database.

:mod:`storyline.store.migrations` creates exactly these tables; a test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "CORPUS_TABLES",
    "FACT_TABLES",
    "claim_conflicts",
    "claim_supports",
    "claims",
    "contents",
    "corpus_documents",
    "corpus_entities",
    "corpus_entity_keys",
    "corpus_entity_members",
    "corpus_event_keys",
    "corpus_mentions",
    "corpus_state",
    "documents",
    "entities",
    "event_arguments",
    "events",
    "main_event_answers",
    "mentions",
    "metadata",
    "places",
    "quantities",
    "quotes",
    "route_legs",
    "route_stops",
    "sources",
    "story_event_entities",
    "story_event_members",
    "story_events",
    "times",
]

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=_NAMING)

# Wide enough for a full sha256, should ids ever grow past the 16 hex digits used today.
_ID = sa.String(64)
_NAME = sa.String(512)
_SHORT = sa.String(64)


def _document_fk() -> sa.Column[str]:
    return sa.Column(
        "document_id",
        _ID,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _span(prefix: str, *, nullable: bool = False) -> list[sa.Column[object]]:
    """Three columns holding one span: ``<prefix>_text``, ``<prefix>_start``, ``<prefix>_end``."""
    return [
        sa.Column(f"{prefix}_text", sa.Text, nullable=nullable),
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
    ]


def _owner(column: str, table: str) -> list[sa.Column[int]]:
    return [
        sa.Column(column, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)
    ]


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("text_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date, nullable=False, index=True),
    sa.Column("published_from", sa.String(16), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("length", sa.Integer, nullable=False),
    sa.Column("schema_version", sa.String(16), nullable=False),
    sa.Column("storyline_version", sa.String(32), nullable=False),
    # Where the text was read from ("path" or "path:line"); informative only.
    sa.Column("origin", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# Kept apart from ``documents`` so listing and filtering never read the large columns.
contents = sa.Table(
    "contents",
    metadata,
    sa.Column(
        "document_id",
        _ID,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("account_json", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("key", _NAME, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", _SHORT, nullable=False, index=True),
    sa.Column("country", sa.String(8)),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Index("ix_entities_name", "name"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("key", _NAME, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("feature", sa.String(16)),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    sa.Column("country", sa.String(8)),
    sa.Column("geonameid", sa.BigInteger, index=True),
    sa.Column("population", sa.BigInteger),
    sa.Column("source", _SHORT),
    sa.Index("ix_places_name", "name"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("key", _NAME, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", _SHORT, nullable=False),
    sa.Column("entity", sa.Text),
    sa.Index("ix_sources_name", "name"),
)

# One row per mention of an entity, a place or a source: exactly one owner column is set.
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("kind", sa.String(16), nullable=False),  # entity | place | source
    *_owner("entity_id", "entities"),
    *_owner("place_id", "places"),
    *_owner("source_id", "sources"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.CheckConstraint(
        "(CASE WHEN entity_id IS NULL THEN 0 ELSE 1 END)"
        " + (CASE WHEN place_id IS NULL THEN 0 ELSE 1 END)"
        " + (CASE WHEN source_id IS NULL THEN 0 ELSE 1 END) = 1",
        name="one_owner",
    ),
)

times = sa.Table(
    "times",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("value", sa.String(128), nullable=False, index=True),
    sa.Column("anchor", sa.String(64)),
    sa.Column("mod", sa.String(32)),
    sa.Column("quant", sa.String(64)),
    sa.Column("freq", sa.String(64)),
)

quantities = sa.Table(
    "quantities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("unit", _SHORT, nullable=False, index=True),
    sa.Column("approximate", sa.Boolean, nullable=False),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("speaker", sa.Text),
    *_span("source"),
    *_span("cue", nullable=True),
    *_span("content"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("key", _NAME, nullable=False),
    sa.Column("type", _SHORT, nullable=False, index=True),
    *_span("trigger"),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("time_text", sa.Text),
    sa.Column("time_value", sa.String(128), index=True),
    sa.Column("evidence", sa.JSON, nullable=False),
)

# Actors, targets, places and sources of an event, by name (as the contract refers to them).
event_arguments = sa.Table(
    "event_arguments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column(
        "event_id",
        sa.Integer,
        sa.ForeignKey("events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("role", sa.String(16), nullable=False),  # actor | target | place | source
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Index("ix_event_arguments_name", "name"),
)

# The 5W1H answers, one row per question answered (who, what, when, where, why, how).
main_event_answers = sa.Table(
    "main_event_answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("question", sa.String(8), nullable=False),
    sa.Column("answer", sa.Text),
    *_span("span", nullable=True),
    sa.UniqueConstraint("document_id", "question", name="uq_main_event_answers_question"),
)

route_stops = sa.Table(
    "route_stops",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    *_span("mention", nullable=True),
)

route_legs = sa.Table(
    "route_legs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("destination", sa.Text, nullable=False),
    sa.Column("distance_km", sa.Double),
    sa.Column("distance_source", sa.String(16)),
    *_span("evidence", nullable=True),
)

# Every table holding rows that belong to one document, children before parents, so deleting
# in this order never trips a foreign key even where cascades are off.
FACT_TABLES: tuple[sa.Table, ...] = (
    mentions,
    event_arguments,
    main_event_answers,
    route_legs,
    route_stops,
    events,
    quotes,
    quantities,
    times,
    sources,
    places,
    entities,
    contents,
)


# --- the corpus: what storyline.corpus.merge derives from all documents together ---------
# ``merge`` updates them in one transaction (only the rows new or removed documents touch;
# ``rebuild`` redoes them all), so every query over them reads plain indexed rows.  Member
# rows point at the per-document facts they merge and vanish with their document (ON DELETE
# CASCADE); the aggregate rows wait for the next merge.

_CORPUS_ID = sa.String(32)


def _corpus_fk(column: str, table: str) -> sa.Column[str]:
    return sa.Column(
        column,
        _CORPUS_ID,
        sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


corpus_entities = sa.Table(
    "corpus_entities",
    metadata,
    sa.Column("id", _CORPUS_ID, primary_key=True),
    sa.Column("key", _NAME, nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", _SHORT, nullable=False, index=True),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("first_published", sa.Date, nullable=False),
    sa.Column("last_published", sa.Date, nullable=False),
    sa.Index("ix_corpus_entities_rank", "documents", "mentions"),
)

# Which document entity (and under which name) each corpus entity merges.
corpus_entity_members = sa.Table(
    "corpus_entity_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _corpus_fk("corpus_entity_id", "corpus_entities"),
    _document_fk(),
    sa.Column(
        "entity_id",
        sa.Integer,
        sa.ForeignKey("entities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("name", sa.Text, nullable=False),
    sa.Index("ix_corpus_entity_members_name", "name"),
)

story_events = sa.Table(
    "story_events",
    metadata,
    sa.Column("id", _CORPUS_ID, primary_key=True),
    sa.Column("type", _SHORT, nullable=False, index=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("places", sa.JSON, nullable=False),
    sa.Column("place", sa.Text),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    sa.Column("time_value", sa.String(128)),
    sa.Column("time_start", sa.Date),
    sa.Column("time_end", sa.Date),
    # 0 day, 1 week, 2 month, 3 quarter/season, 4 year, 9 unknown: finer sorts first.
    sa.Column("granularity", sa.Integer, nullable=False),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("first_published", sa.Date, nullable=False),
    sa.Column("last_published", sa.Date, nullable=False),
    sa.Column("contested", sa.Boolean, nullable=False),
    sa.Index("ix_story_events_order", "time_start", "granularity", "first_published", "id"),
    sa.Index("ix_story_events_place", "place"),
)

story_event_members = sa.Table(
    "story_event_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _corpus_fk("story_event_id", "story_events"),
    _document_fk(),
    sa.Column(
        "event_id",
        sa.Integer,
        sa.ForeignKey("events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("published", sa.Date, nullable=False),
)

# The corpus entities taking part in a story event (its actors and targets), for filtering.
story_event_entities = sa.Table(
    "story_event_entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _corpus_fk("story_event_id", "story_events"),
    _corpus_fk("corpus_entity_id", "corpus_entities"),
    sa.Column("role", sa.String(16), nullable=False),
    sa.UniqueConstraint(
        "story_event_id", "corpus_entity_id", "role", name="uq_story_event_entities_role"
    ),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", _CORPUS_ID, primary_key=True),
    sa.Column(
        "story_event_id",
        _CORPUS_ID,
        sa.ForeignKey("story_events.id", ondelete="CASCADE"),
        index=True,
    ),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("predicate", _SHORT, nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("value_kind", sa.String(16), nullable=False),  # date | place | number
    sa.Column("time_value", sa.String(128)),
    sa.Column("place", sa.Text),
    sa.Column("certainty", sa.String(16), nullable=False),
    # agreed | contradicted | overtaken (an expectation later reports replaced) | superseding
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("contradicted", sa.Boolean, nullable=False, index=True),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("first_published", sa.Date, nullable=False),
    sa.Column("last_published", sa.Date, nullable=False),
    sa.Index("ix_claims_order", "first_published", "id"),
)

claim_supports = sa.Table(
    "claim_supports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _corpus_fk("claim_id", "claims"),
    _document_fk(),
    sa.Column("outlet", sa.Text),
    sa.Column("sources", sa.JSON, nullable=False),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("published", sa.Date, nullable=False),
    *_span("evidence", nullable=True),
)

# Pairs of claims on the same subject and predicate that disagree.
claim_conflicts = sa.Table(
    "claim_conflicts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _corpus_fk("claim_id", "claims"),
    _corpus_fk("other_claim_id", "claims"),
    sa.Column("kind", sa.String(16), nullable=False),  # contradiction | overtaken | overtakes
)

# One row: when the corpus tables were last rebuilt and from how many documents.
corpus_state = sa.Table(
    "corpus_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("last_ingested_at", sa.DateTime(timezone=True)),
)

# --- the merge's index: what lets a merge recompute only what new documents touch --------
# No foreign keys to the facts: after a document is deleted, its rows here still tell the
# next merge which corpus entities and story events it was part of.  ``key`` is a digest
# (32 hex digits) of a blocking key (a name key, an acronym, a surname, an event type with an
# actor or a trigger stem): items sharing no key cannot influence each other's merge.

_KEY = sa.String(32)

# The document versions the corpus tables were built from (id and when it was stored).
corpus_documents = sa.Table(
    "corpus_documents",
    metadata,
    sa.Column("document_id", _ID, primary_key=True),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

# One row per (document entity, blocking key), with the corpus entity it joined and that
# entity's first member in merge order (which decides between entities sharing a name).
corpus_entity_keys = sa.Table(
    "corpus_entity_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_id", sa.Integer, nullable=False, index=True),
    sa.Column("document_id", _ID, nullable=False, index=True),
    sa.Column("corpus_entity_id", _CORPUS_ID, nullable=False),
    sa.Column("first_document_id", _ID, nullable=False),
    sa.Column("first_ordinal", sa.Integer, nullable=False),
    sa.Column("key", _KEY, nullable=False, index=True),
)

# One row per (event mention, blocking key), with the mention's place in merge order
# (published, document, ordinal), the story event it joined and that story event's first
# mention's place (story events are created, and so ranked, in that order).
corpus_event_keys = sa.Table(
    "corpus_event_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, nullable=False, index=True),
    sa.Column("document_id", _ID, nullable=False, index=True),
    sa.Column("published", sa.Date, nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("story_event_id", _CORPUS_ID, nullable=False, index=True),
    sa.Column("first_published", sa.Date, nullable=False),
    sa.Column("first_document_id", _ID, nullable=False),
    sa.Column("first_ordinal", sa.Integer, nullable=False),
    sa.Column("key", _KEY, nullable=False, index=True),
    sa.Index("ix_corpus_event_keys_order", "published", "document_id", "ordinal"),
)

# What the merge read from each event mention's document (its time, place, numbers,
# sentence, actors ...), so a merge can replay story events without reloading documents.
corpus_mentions = sa.Table(
    "corpus_mentions",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("document_id", _ID, nullable=False, index=True),
    sa.Column("mention", sa.JSON, nullable=False),
)

# Children before parents, so a rebuild can empty them in this order.
CORPUS_TABLES: tuple[sa.Table, ...] = (
    claim_conflicts,
    claim_supports,
    claims,
    story_event_entities,
    story_event_members,
    story_events,
    corpus_entity_members,
    corpus_entities,
    corpus_state,
    corpus_entity_keys,
    corpus_event_keys,
    corpus_mentions,
    corpus_documents,
)
