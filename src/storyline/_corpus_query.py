"""Reading the corpus tables that :func:`storyline.corpus.merge` builds.

Re-exported by :mod:`storyline.query` (``corpus_entities``, ``story_events``, ``timeline``,
``claims``), the one read layer the CLI, the API and the UI share.  Every query reads
indexed rows of the corpus tables -- a page of at most ``limit`` rows and, for claims, their
supports and conflicts by primary key -- so it costs the same on 100 or 10,000 documents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from ._paging import check_page
from .model import Claim, ClaimConflict, ClaimSupport, CorpusEntity, Span, StoryEvent, TimelineEntry
from .store import schema as t
from .store.store import using_store as _opened

if TYPE_CHECKING:
    from .store import Store

__all__ = ["CorpusStatus", "claims", "corpus_entities", "corpus_status", "story_events", "timeline"]

# Rows the merge wrote are trusted: models are built without re-validation (model_construct),
# which is most of a page's cost otherwise.

_GRANULARITY = {0: "day", 1: "week", 2: "month", 3: "quarter", 4: "year"}





def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _entity_match(name: str) -> sa.ColumnElement[bool]:
    """Corpus entities whose name or one of the names they merge contains ``name``.

    The aliases hold every other name a corpus entity merges, so this reads the (small)
    ``corpus_entities`` table only, never the per-mention member rows.
    """
    ce = t.corpus_entities
    needle = name.strip()
    return sa.or_(
        ce.c.name.icontains(needle, autoescape=True),
        sa.cast(ce.c.aliases, sa.Text).icontains(needle, autoescape=True),
    )


def _entity_ids(conn: sa.Connection, name: str) -> list[str]:
    ce = t.corpus_entities
    return list(conn.execute(sa.select(ce.c.id).where(_entity_match(name))).scalars())


def corpus_entities(
    *,
    store: Store | None = None,
    db: str | None = None,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[CorpusEntity]:
    """Merged entities, most documents first; ``q`` keeps those whose name or any name
    they merge contains it (case-insensitive)."""
    check_page(limit, offset)
    ce = t.corpus_entities
    stmt = (
        sa.select(ce)
        .order_by(ce.c.documents.desc(), ce.c.mentions.desc(), ce.c.id)
        .limit(limit)
        .offset(offset)
    )
    if q is not None and q.strip():
        stmt = stmt.where(_entity_match(q))
    with _opened(store, db) as st, st.translate_errors("read"), st.engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return [
        CorpusEntity.model_construct(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            aliases=list(r["aliases"]),
            roles=list(r["roles"]),
            documents=r["documents"],
            mentions=r["mentions"],
            first_published=r["first_published"].isoformat(),
            last_published=r["last_published"].isoformat(),
        )
        for r in rows
    ]


def _with_entity(entity_ids: list[str]) -> sa.Select[tuple[str]]:
    sx = t.story_event_entities
    return sa.select(sx.c.story_event_id).where(sx.c.corpus_entity_id.in_(entity_ids))


def _event_stmt(
    entity_ids: list[str] | None,
    place: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> sa.Select[Any]:
    se = t.story_events
    stmt = sa.select(se)
    if entity_ids is not None:
        stmt = stmt.where(se.c.id.in_(_with_entity(entity_ids)))
    if place is not None and place.strip():
        stmt = stmt.where(se.c.place.icontains(place.strip(), autoescape=True))
    # An event counts when the span of its time meets [since, until].
    if since is not None:
        stmt = stmt.where(se.c.time_end >= since)
    if until is not None:
        stmt = stmt.where(se.c.time_start <= until)
    return stmt


def _timeline_rows(
    conn: sa.Connection, stmt: sa.Select[Any], limit: int, offset: int, dated_only: bool
) -> list[Any]:
    """A page of the timeline: dated events by normalised time (finer granularity first on
    the same start), then undated ones by first report.  Two index walks
    (``ix_story_events_order``) rather than one sort on an expression, so a page costs the
    same however many events are stored, on every database."""
    se = t.story_events
    dated = (
        stmt.where(se.c.time_start.is_not(None))
        .order_by(se.c.time_start, se.c.granularity, se.c.first_published, se.c.id)
        .limit(limit)
        .offset(offset)
    )
    rows = list(conn.execute(dated).mappings())
    if len(rows) == limit or dated_only:
        return rows
    if rows or offset == 0:
        n_dated = offset + len(rows)
    else:
        n_dated = int(
            conn.execute(
                sa.select(sa.func.count()).select_from(
                    stmt.where(se.c.time_start.is_not(None)).subquery()
                )
            ).scalar_one()
        )
    undated = (
        stmt.where(se.c.time_start.is_(None))
        .order_by(se.c.first_published, se.c.id)
        .limit(limit - len(rows))
        .offset(max(0, offset - n_dated))
    )
    return rows + list(conn.execute(undated).mappings())


def _story_event(r: Any) -> StoryEvent:
    return StoryEvent.model_construct(
        id=r["id"],
        type=r["type"],
        label=r["label"],
        trigger=r["trigger"],
        actors=list(r["actors"]),
        places=list(r["places"]),
        place=r["place"],
        lat=r["lat"],
        lon=r["lon"],
        time=r["time_value"],
        start=_iso(r["time_start"]),
        end=_iso(r["time_end"]),
        granularity=_GRANULARITY.get(r["granularity"], "unknown"),
        certainty=r["certainty"],
        documents=r["documents"],
        first_published=r["first_published"].isoformat(),
        last_published=r["last_published"].isoformat(),
        contested=bool(r["contested"]),
    )


def story_events(
    *,
    store: Store | None = None,
    db: str | None = None,
    entity: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[StoryEvent]:
    """Story events (event mentions merged across documents) in timeline order: dated ones
    by normalised time, finer granularity first on the same start, then undated ones.

    ``entity`` keeps events with a merged actor or target whose name contains it; ``place``
    those whose place contains it; ``since``/``until`` those whose time can fall in that
    range (undated events are left out when either is given).
    """
    check_page(limit, offset)
    dated_only = since is not None or until is not None
    with _opened(store, db) as st, st.translate_errors("read"), st.engine.connect() as conn:
        ids = _entity_ids(conn, entity) if entity is not None and entity.strip() else None
        stmt = _event_stmt(ids, place, since, until)
        rows = _timeline_rows(conn, stmt, limit, offset, dated_only)
    return [_story_event(r) for r in rows]


def timeline(
    *,
    store: Store | None = None,
    db: str | None = None,
    entity: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[TimelineEntry]:
    """The story's timeline: story events ordered by normalised time (earliest first; on
    the same day finer granularity first; undated last).  Filters as :func:`story_events`."""
    return [
        TimelineEntry.model_construct(
            story_event_id=e.id,
            when=e.time,
            start=e.start,
            end=e.end,
            granularity=e.granularity,
            type=e.type,
            label=e.label,
            actors=e.actors,
            place=e.place,
            lat=e.lat,
            lon=e.lon,
            certainty=e.certainty,
            documents=e.documents,
            contested=e.contested,
        )
        for e in story_events(
            store=store,
            db=db,
            entity=entity,
            place=place,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
    ]


def claims(
    *,
    store: Store | None = None,
    db: str | None = None,
    contradictions: bool = False,
    entity: str | None = None,
    limit: int = 100,
    offset: int = 0,
    max_supports: int = 20,
) -> list[Claim]:
    """The claims ledger, earliest first reported first, each with the documents that
    support it and the claims in conflict with it.

    ``contradictions`` keeps claims in conflict with another (contradicted, and
    expectations overtaken by later reports, with the reports that overtook them);
    ``entity`` keeps claims about story events with a merged actor or target whose name
    (or a name it merges) contains it.  Each claim lists its first ``max_supports``
    supporting reports (its ``documents`` counts them all).
    """
    check_page(limit, offset)
    if max_supports < 1:
        raise ValueError(f"max_supports must be 1 or more, not {max_supports}")
    c = t.claims
    # The order of ix_claims_order: a page is an index walk, not a sort of every claim.
    stmt = sa.select(c).order_by(c.c.first_published, c.c.id)
    if contradictions:
        cf = t.claim_conflicts
        stmt = stmt.where(sa.exists().where(cf.c.claim_id == c.c.id))
    stmt = stmt.limit(limit).offset(offset)
    with _opened(store, db) as st, st.translate_errors("read"), st.engine.connect() as conn:
        if entity is not None and entity.strip():
            stmt = stmt.where(c.c.story_event_id.in_(_with_entity(_entity_ids(conn, entity))))
        rows = conn.execute(stmt).mappings().all()
        ids = [r["id"] for r in rows]
        supports: dict[str, list[ClaimSupport]] = defaultdict(list)
        conflicts: dict[str, list[ClaimConflict]] = defaultdict(list)
        if ids:
            cs, d = t.claim_supports, t.documents
            # At most ``max_supports`` per claim, earliest first (``documents`` counts all).
            rank = (
                sa.func.row_number()
                .over(
                    partition_by=cs.c.claim_id,
                    order_by=(cs.c.published, cs.c.document_id, cs.c.id),
                )
                .label("rank")
            )
            ranked = sa.select(cs, rank).where(cs.c.claim_id.in_(ids)).subquery()
            for s in conn.execute(
                sa.select(ranked, d.c.title)
                .join(d, d.c.id == ranked.c.document_id)
                .where(ranked.c.rank <= max_supports)
                .order_by(ranked.c.claim_id, ranked.c.rank)
            ).mappings():
                evidence = (
                    Span.model_construct(
                        text=s["evidence_text"], start=s["evidence_start"], end=s["evidence_end"]
                    )
                    if s["evidence_text"] is not None
                    else None
                )
                supports[s["claim_id"]].append(
                    ClaimSupport.model_construct(
                        document_id=s["document_id"],
                        title=s["title"],
                        outlet=s["outlet"],
                        published=s["published"].isoformat(),
                        sources=list(s["sources"]),
                        certainty=s["certainty"],
                        evidence=evidence,
                    )
                )
            cf, other = t.claim_conflicts, t.claims.alias("other")
            for f in conn.execute(
                sa.select(cf.c.claim_id, cf.c.other_claim_id, cf.c.kind, other.c.value)
                .join(other, other.c.id == cf.c.other_claim_id)
                .where(cf.c.claim_id.in_(ids))
                .order_by(cf.c.claim_id, other.c.first_published, cf.c.other_claim_id)
            ).mappings():
                conflicts[f["claim_id"]].append(
                    ClaimConflict.model_construct(
                        claim_id=f["other_claim_id"], value=f["value"], kind=f["kind"]
                    )
                )
    return [
        Claim.model_construct(
            id=r["id"],
            story_event_id=r["story_event_id"],
            subject=r["subject"],
            predicate=r["predicate"],
            value=r["value"],
            value_kind=r["value_kind"],
            time=r["time_value"],
            place=r["place"],
            certainty=r["certainty"],
            status=r["status"],
            contradicted=bool(r["contradicted"]),
            documents=r["documents"],
            first_published=r["first_published"].isoformat(),
            last_published=r["last_published"].isoformat(),
            supports=supports[r["id"]],
            conflicts=conflicts[r["id"]],
        )
        for r in rows
    ]


class CorpusStatus(BaseModel):
    """When the corpus tables were last rebuilt, and whether documents changed since."""

    model_config = ConfigDict(frozen=True)

    merged_at: dt.datetime | None
    documents_merged: int
    documents_stored: int
    stale: bool


def corpus_status(*, store: Store | None = None, db: str | None = None) -> CorpusStatus:
    """Whether the corpus tables reflect the stored documents (``stale`` when documents were
    stored or removed since the last merge; run ``storyline merge``)."""
    cs, d = t.corpus_state, t.documents
    with _opened(store, db) as st, st.translate_errors("read"), st.engine.connect() as conn:
        state = conn.execute(sa.select(cs).where(cs.c.id == 1)).mappings().first()
        stored, newest = conn.execute(
            sa.select(sa.func.count(), sa.func.max(d.c.ingested_at))
        ).one()
    if state is None:
        return CorpusStatus(
            merged_at=None, documents_merged=0, documents_stored=stored, stale=stored > 0
        )
    merged_newest = state["last_ingested_at"]
    stale = stored != state["documents"] or (
        newest is not None and (merged_newest is None or _naive(newest) > _naive(merged_newest))
    )
    return CorpusStatus(
        merged_at=state["merged_at"],
        documents_merged=state["documents"],
        documents_stored=stored,
        stale=stale,
    )


def _naive(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes (all ours are UTC); compare like with like.
    return value.replace(tzinfo=None) if value.tzinfo is not None else value
