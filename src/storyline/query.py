"""The one read layer: what the CLI, the API and the UI ask of a store.

Every face calls these functions and renders what they return (pydantic models), so a page
in the UI, its JSON twin and ``storyline list`` always agree.

* :func:`list_documents` -- :class:`DocumentSummary` rows, filtered and paged
  (:func:`page_documents` adds the total);
* :func:`get_account` / :func:`get_text` -- one document, by id or unique prefix;
* :func:`iter_accounts` -- accounts streamed for export, by ids or by filter;
* :func:`resolve_id`, :func:`count_documents`;
* :func:`search` -- full-text search with snippets (:class:`SearchHit`);
* the corpus (built by :func:`storyline.corpus.merge`): :func:`corpus_entities`,
  :func:`story_events`, :func:`timeline`, :func:`claims`.

Each takes either ``store=`` (an open :class:`~storyline.store.Store`, for the API and the UI
that keep one open) or ``db=`` (a URL, ``None`` for the default store; the CLI), and opens and
closes the store for the call in the second case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._corpus_query import (
    CorpusStatus,
    claims,
    corpus_entities,
    corpus_status,
    story_events,
    timeline,
)
from ._paging import MAX_PAGE_SIZE, check_page
from .errors import AmbiguousId, NotFound, StoreError
from .model import Account, Span, Stop
from .store import schema as t
from .store.search import SearchHit, search
from .store.store import using_store as _opened

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "MIN_PREFIX",
    "CorpusStatus",
    "DocumentPage",
    "DocumentSummary",
    "PlacePoint",
    "RouteLine",
    "SearchHit",
    "claims",
    "corpus_entities",
    "corpus_status",
    "count_documents",
    "get_account",
    "get_text",
    "iter_accounts",
    "list_documents",
    "located_places",
    "page_documents",
    "resolve_id",
    "routes",
    "search",
    "story_events",
    "timeline",
]

DEFAULT_PAGE_SIZE = 20
MIN_PREFIX = 6
_SNIPPET_CHARS = 100
_BATCH = 100
_HEX = re.compile(r"[0-9a-f]+")


class DocumentSummary(BaseModel):
    """One line of ``storyline list``: a document and the size of its account."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str | None
    snippet: str = Field(description="The first line of the text, shortened.")
    published: dt.date
    published_from: str
    url: str | None
    length: int
    origin: str | None = Field(description="Where it was read from: path or path:line.")
    ingested_at: dt.datetime
    entities: int
    places: int
    times: int
    events: int
    what: str | None = Field(default=None, description="The main event's 'what' answer.")


class DocumentPage(BaseModel):
    """A page of summaries and how many documents match in all."""

    model_config = ConfigDict(frozen=True)

    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        nxt = self.offset + len(self.items)
        return nxt if nxt < self.total else None


@dataclass(frozen=True, slots=True)
class _Filter:
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str | None = None
    place: str | None = None
    source: str | None = None




def resolve_id(ref: str, *, store: Store | None = None, db: str | None = None) -> str:
    """The full id of the document ``ref`` names: a full id, or a unique prefix of ≥ 6 hex
    digits.  Raises :class:`~storyline.errors.NotFound` / :class:`~storyline.errors.AmbiguousId`.
    """
    key = ref.strip().lower()
    if len(key) < MIN_PREFIX or not _HEX.fullmatch(key):
        raise NotFound(
            f"no document {ref!r}: give a document id (16 hex digits) or at least its first "
            f"{MIN_PREFIX}"
        )
    ids = t.documents.c.id
    with _opened(store, db) as st, st.translate_errors("read"), st.engine.connect() as conn:
        found = list(
            conn.execute(
                sa.select(ids).where(ids.startswith(key, autoescape=True)).order_by(ids).limit(6)
            ).scalars()
        )
    if key in found:
        return key
    if not found:
        raise NotFound(f"no document {ref!r} in the store (see `storyline list`)")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise AmbiguousId(f"{ref!r} matches several documents ({shown}); give more digits")
    return str(found[0])


def get_account(ref: str, *, store: Store | None = None, db: str | None = None) -> Account:
    """The stored account of one document (``ref``: id or unique prefix ≥ 6), exactly as saved.

    Pass an open ``store``, or ``db`` (a URL; ``None`` = the default store) to open one for
    this call.  Raises :class:`~storyline.errors.NotFound`.
    """
    with _opened(store, db) as st:
        doc_id = resolve_id(ref, store=st)
        with st.translate_errors("read"), st.engine.connect() as conn:
            raw = conn.execute(
                sa.select(t.contents.c.account_json).where(t.contents.c.document_id == doc_id)
            ).scalar_one_or_none()
    if raw is None:
        raise NotFound(f"document {doc_id} has no stored account")
    return _parse_account(doc_id, raw)


def get_text(ref: str, *, store: Store | None = None, db: str | None = None) -> str:
    """The stored text of one document (``ref``: id or unique prefix ≥ 6)."""
    with _opened(store, db) as st:
        doc_id = resolve_id(ref, store=st)
        with st.translate_errors("read"), st.engine.connect() as conn:
            text = conn.execute(
                sa.select(t.contents.c.text).where(t.contents.c.document_id == doc_id)
            ).scalar_one_or_none()
    if text is None:
        raise NotFound(f"document {doc_id} has no stored text")
    return str(text)


def count_documents(
    *,
    store: Store | None = None,
    db: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
) -> int:
    """How many stored documents match the filters (see :func:`list_documents`)."""
    where = _Filter(since, until, entity, place, source)
    with _opened(store, db) as st:
        return _count(st, where)


def list_documents(
    *,
    store: Store | None = None,
    db: str | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
) -> list[DocumentSummary]:
    """Summaries of stored documents, newest publication first (then newest ingested, id).

    Filters, all optional and combined with AND: ``since``/``until`` bound the publication
    date (inclusive); ``entity``, ``place``, ``source`` keep documents with an entity /
    place / source whose name -- or one of its mentions in the text, so aliases count --
    contains the string, case-insensitively.  ``limit`` is 1..:data:`MAX_PAGE_SIZE` and
    ``offset`` ≥ 0 (``ValueError`` otherwise).  :func:`page_documents` adds the total.
    """
    return page_documents(
        store=store,
        db=db,
        limit=limit,
        offset=offset,
        since=since,
        until=until,
        entity=entity,
        place=place,
        source=source,
    ).items


def page_documents(
    *,
    store: Store | None = None,
    db: str | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
) -> DocumentPage:
    """Like :func:`list_documents`, with the number of matching documents (for paging)."""
    check_page(limit, offset)
    where = _Filter(since, until, entity, place, source)
    d = t.documents

    def _facts(table: sa.Table) -> sa.ScalarSelect[int]:
        return (
            sa.select(sa.func.count())
            .select_from(table)
            .where(table.c.document_id == d.c.id)
            .scalar_subquery()
        )

    what = (
        sa.select(t.main_event_answers.c.answer)
        .where(
            t.main_event_answers.c.document_id == d.c.id,
            t.main_event_answers.c.question == "what",
        )
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        sa.select(
            d,
            sa.func.substr(t.contents.c.text, 1, 4 * _SNIPPET_CHARS).label("head"),
            _facts(t.entities).label("n_entities"),
            _facts(t.places).label("n_places"),
            _facts(t.times).label("n_times"),
            _facts(t.events).label("n_events"),
            what.label("what"),
        )
        .select_from(d.outerjoin(t.contents, t.contents.c.document_id == d.c.id))
        .where(*_conditions(where))
        .order_by(d.c.published.desc(), d.c.ingested_at.desc(), d.c.id)
        .limit(limit)
        .offset(offset)
    )
    with _opened(store, db) as st:
        with st.translate_errors("read"), st.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        # The total needs its own query only when this page does not reveal it.
        if (rows or offset == 0) and len(rows) < limit:
            total = offset + len(rows)
        else:
            total = _count(st, where)
    items = [
        DocumentSummary(
            id=r["id"],
            title=r["title"],
            snippet=_snippet(r["head"] or ""),
            published=r["published"],
            published_from=r["published_from"],
            url=r["url"],
            length=r["length"],
            origin=r["origin"],
            ingested_at=_aware(r["ingested_at"]),
            entities=r["n_entities"],
            places=r["n_places"],
            times=r["n_times"],
            events=r["n_events"],
            what=r["what"],
        )
        for r in rows
    ]
    return DocumentPage(items=items, total=total, limit=limit, offset=offset)


def iter_accounts(
    ids: Sequence[str] | None = None,
    *,
    store: Store | None = None,
    db: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
) -> Iterator[Account]:
    """Stream stored accounts, for export.

    With ``ids`` (full ids or unique prefixes): those documents in that order, each once;
    an unknown id raises ``NotFound`` here, before anything is yielded.  Otherwise every
    document matching the filters (as :func:`list_documents`) in publication order, oldest
    first, then by id.  Accounts are read in batches of 100, so exports of large stores run
    in constant memory.  With ``db`` the store is opened now and closed when the iterator is
    exhausted or closed.
    """
    where = _Filter(since, until, entity, place, source)
    if store is not None:
        return _iter_accounts(store, ids, where)
    from .store import open_store

    opened = open_store(db)
    try:
        inner = _iter_accounts(opened, ids, where)
    except BaseException:
        opened.close()
        raise
    return _closing(inner, opened)


def _iter_accounts(store: Store, ids: Sequence[str] | None, where: _Filter) -> Iterator[Account]:
    if ids is not None:
        wanted = list(dict.fromkeys(resolve_id(ref, store=store) for ref in ids))
        return _accounts_by_id(store, wanted)
    return _accounts_matching(store, where)


def _closing(inner: Iterator[Account], store: Store) -> Iterator[Account]:
    try:
        yield from inner
    finally:
        store.close()


def _count(store: Store, where: _Filter) -> int:
    stmt = sa.select(sa.func.count()).select_from(t.documents).where(*_conditions(where))
    with store.translate_errors("read"), store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _accounts_by_id(store: Store, wanted: list[str]) -> Iterator[Account]:
    for i in range(0, len(wanted), _BATCH):
        chunk = wanted[i : i + _BATCH]
        with store.translate_errors("read"), store.engine.connect() as conn:
            result = conn.execute(
                sa.select(t.contents.c.document_id, t.contents.c.account_json).where(
                    t.contents.c.document_id.in_(chunk)
                )
            )
            found = {doc_id: raw for doc_id, raw in result}
        for doc_id in chunk:
            if doc_id not in found:
                raise NotFound(f"document {doc_id} was removed while reading")
            yield _parse_account(doc_id, found[doc_id])


def _accounts_matching(store: Store, where: _Filter) -> Iterator[Account]:
    d = t.documents
    # Keyset pagination on (published, id): stable while others write, no OFFSET scans.
    last: tuple[dt.date, str] | None = None
    while True:
        stmt = (
            sa.select(d.c.published, d.c.id, t.contents.c.account_json)
            .select_from(d.join(t.contents, t.contents.c.document_id == d.c.id))
            .where(*_conditions(where))
            .order_by(d.c.published, d.c.id)
            .limit(_BATCH)
        )
        if last is not None:
            stmt = stmt.where(sa.tuple_(d.c.published, d.c.id) > sa.tuple_(*last))
        with store.translate_errors("read"), store.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        for _published, doc_id, raw in rows:
            yield _parse_account(doc_id, raw)
        if len(rows) < _BATCH:
            return
        last = (rows[-1][0], rows[-1][1])


def _conditions(where: _Filter) -> list[sa.ColumnElement[bool]]:
    d = t.documents
    out: list[sa.ColumnElement[bool]] = []
    if where.since is not None:
        out.append(d.c.published >= where.since)
    if where.until is not None:
        out.append(d.c.published <= where.until)
    m = t.mentions
    for needle, table, names, kind in (
        (where.entity, t.entities, [t.entities.c.name], "entity"),
        (where.place, t.places, [t.places.c.name], "place"),
        (where.source, t.sources, [t.sources.c.name, t.sources.c.entity], "source"),
    ):
        if needle is None or not needle.strip():
            continue
        needle = needle.strip()
        named = sa.exists().where(
            table.c.document_id == d.c.id,
            sa.or_(*(c.icontains(needle, autoescape=True) for c in names)),
        )
        mentioned = sa.exists().where(
            m.c.document_id == d.c.id,
            m.c.kind == kind,
            m.c.text.icontains(needle, autoescape=True),
        )
        out.append(sa.or_(named, mentioned))
    return out


def _parse_account(doc_id: str, raw: str) -> Account:
    try:
        return Account.model_validate_json(raw)
    except ValidationError as exc:
        raise StoreError(
            f"document {doc_id} was stored by an incompatible version of storyline "
            f"({exc.error_count()} field errors); re-ingest it with --force"
        ) from None


def _snippet(head: str) -> str:
    line = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    return line if len(line) <= _SNIPPET_CHARS else line[: _SNIPPET_CHARS - 1].rstrip() + "…"


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every timestamp we write is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


# --- the map: located places and routes -------------------------------------------------


class PlacePoint(BaseModel):
    """A located place and how many of the matching documents name it."""

    model_config = ConfigDict(frozen=True)

    name: str
    lat: float
    lon: float
    country: str | None
    feature: str | None
    geonameid: int | None
    documents: int


class RouteLine(BaseModel):
    """One document's route: its stops in order (coordinates may be missing)."""

    model_config = ConfigDict(frozen=True)

    document: str
    title: str | None
    published: dt.date
    stops: list[Stop]


def located_places(
    *,
    store: Store | None = None,
    db: str | None = None,
    document: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
    limit: int = 500,
) -> list[PlacePoint]:
    """Places with coordinates in the matching documents (or the one ``document``: id or
    prefix), one per name and position, most documents first."""
    check_page(limit)
    # An alias: the place filter's EXISTS over ``places`` must not correlate with this one.
    p, d = t.places.alias("located"), t.documents
    n_docs = sa.func.count(sa.distinct(p.c.document_id))
    stmt = (
        sa.select(
            p.c.name,
            p.c.lat,
            p.c.lon,
            sa.func.max(p.c.country).label("country"),
            sa.func.max(p.c.feature).label("feature"),
            sa.func.max(p.c.geonameid).label("geonameid"),
            n_docs.label("documents"),
        )
        .select_from(p.join(d, d.c.id == p.c.document_id))
        .where(p.c.lat.is_not(None), p.c.lon.is_not(None))
        .group_by(p.c.name, p.c.lat, p.c.lon)
        .order_by(n_docs.desc(), p.c.name)
        .limit(limit)
    )
    with _opened(store, db) as st:
        if document is not None:
            stmt = stmt.where(d.c.id == resolve_id(document, store=st))
        else:
            stmt = stmt.where(*_conditions(_Filter(since, until, entity, place, source)))
        with st.translate_errors("read"), st.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
    return [PlacePoint(**r) for r in rows]


def routes(
    *,
    store: Store | None = None,
    db: str | None = None,
    document: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    entity: str | None = None,
    place: str | None = None,
    source: str | None = None,
    limit: int = 50,
) -> list[RouteLine]:
    """The routes of the matching documents that have one (newest first, at most ``limit``),
    or of the one ``document`` (id or prefix; an empty list when it has no route)."""
    check_page(limit)
    d, r = t.documents, t.route_stops
    has_route = sa.exists().where(r.c.document_id == d.c.id)
    docs = (
        sa.select(d.c.id, d.c.title, d.c.published)
        .where(has_route)
        .order_by(d.c.published.desc(), d.c.id)
        .limit(limit)
    )
    with _opened(store, db) as st:
        if document is not None:
            docs = docs.where(d.c.id == resolve_id(document, store=st))
        else:
            docs = docs.where(*_conditions(_Filter(since, until, entity, place, source)))
        with st.translate_errors("read"), st.engine.connect() as conn:
            heads = conn.execute(docs).all()
            ids = [h[0] for h in heads]
            stops = (
                conn.execute(
                    sa.select(r)
                    .where(r.c.document_id.in_(ids))
                    .order_by(r.c.document_id, r.c.ordinal)
                )
                .mappings()
                .all()
                if ids
                else []
            )
    by_doc: dict[str, list[Stop]] = {doc_id: [] for doc_id in ids}
    for s in stops:
        mention = (
            Span(text=s["mention_text"], start=s["mention_start"], end=s["mention_end"])
            if s["mention_text"] is not None
            else None
        )
        by_doc[s["document_id"]].append(
            Stop(name=s["name"], lat=s["lat"], lon=s["lon"], mention=mention)
        )
    return [
        RouteLine(document=doc_id, title=title, published=published, stops=by_doc[doc_id])
        for doc_id, title, published in heads
    ]
