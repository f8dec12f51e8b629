"""The HTTP API and the web UI: ``storyline serve``.

One FastAPI app over one open store.  JSON endpoints read through :mod:`storyline.query`
(the one read layer), so an API answer, a UI page and the CLI always agree; every HTML page
under ``/ui/`` links its JSON twin (``<link rel="alternate" type="application/json">``).

* Writes (``POST /documents``) need ``Authorization: Bearer <STORYLINE_TOKEN>``; with no
  token configured the server refuses writes.
* Request bodies are limited (``max_body`` bytes, 413 beyond); articles are also held to
  ``STORYLINE_MAX_BYTES`` like everywhere else.
* Every error has one shape: ``{"error": {"code", "message", "status"}}``.
* ``/docs`` is Swagger UI served from the ``fastapi-offline`` package's assets (no CDN);
  ``/openapi.json`` is the schema.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from . import __version__, query
from ._api_errors import ApiError, BodyLimit, ErrorBody, SecurityHeaders, install_error_handlers
from .errors import NoPublicationDate
from .export import geojson_features
from .geo import linestring, point
from .ingest.dates import find_dateline
from .model import Account, Claim, CorpusEntity, PublishedFrom, StoryEvent, TimelineEntry
from .pipeline import Pipeline
from .store import SaveStatus, Store, open_store

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY",
    "DEFAULT_PORT",
    "DocumentDetail",
    "ExtractRequest",
    "FeatureCollection",
    "IngestRequest",
    "IngestResponse",
    "Story",
    "create_app",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Room for the largest article (STORYLINE_MAX_BYTES, 2 MB) after JSON escaping of some of it.
DEFAULT_MAX_BODY = 4 * 1024 * 1024
TOKEN_ENV = "STORYLINE_TOKEN"
STORY_ROUTES = 20  # routes drawn on a story map: more is clutter
_NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses NUL in text; nothing legitimate contains one


class ExtractRequest(BaseModel):
    """An article to extract."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text (UTF-8, English).")
    published: dt.date | None = Field(
        default=None, description="Publication date; when absent, read from a dateline."
    )
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)


class IngestRequest(ExtractRequest):
    """An article to extract and store."""

    force: bool = Field(default=False, description="Replace the stored account if any.")
    merge: bool = Field(
        default=True,
        description="Rebuild the corpus (entities, timeline, claims) after storing; turn off "
        "when posting many documents and merge with `storyline merge` afterwards.",
    )


class IngestResponse(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    status: SaveStatus
    account: Account


class DocumentDetail(BaseModel):
    """One stored document: its text and its account."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    account: Account


class FeatureCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946)."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[dict[str, Any]]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    documents: int
    writes: bool = Field(description="Whether a token is configured, so writes are possible.")


class Story(BaseModel):
    """The story page's data: its timeline and its map."""

    model_config = ConfigDict(frozen=True)

    timeline: list[TimelineEntry]
    places: FeatureCollection
    routes: FeatureCollection


def story_of(
    store: Store,
    entity: str | None,
    place: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int = 100,
    offset: int = 0,
) -> Story:
    filters: dict[str, Any] = {"entity": entity, "place": place, "since": since, "until": until}
    return Story(
        timeline=query.timeline(store=store, limit=limit, offset=offset, **filters),
        places=FeatureCollection(
            features=place_features(query.located_places(store=store, limit=300, **filters))
        ),
        routes=FeatureCollection(
            features=route_features(query.routes(store=store, limit=STORY_ROUTES, **filters))
        ),
    )


@dataclass
class _Context:
    store: Store
    token: str | None
    pipeline: Pipeline | None = None
    own_store: bool = False
    # spaCy pipelines are not safe to share between threads: one extraction at a time.
    lock: threading.Lock = field(default_factory=threading.Lock)

    def extract(self, body: ExtractRequest) -> Account:
        published: dt.date
        origin: PublishedFrom = "argument"
        if body.published is not None:
            published = body.published
        else:
            found = find_dateline(body.text)
            if found is None:
                raise NoPublicationDate(
                    "no publication date: give 'published' (YYYY-MM-DD); the text has no "
                    "dateline with a year"
                )
            published, origin = found, "dateline"
        with self.lock:
            if self.pipeline is None:
                self.pipeline = Pipeline()
            article = self.pipeline.article(
                body.text, published, body.title, url=body.url, published_from=origin
            )
            return next(iter(self.pipeline.pipe([article])))


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (404, "Not found"),
        (409, "Ambiguous id prefix"),
        (413, "Request body too large"),
        (422, "Invalid request"),
    )
}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    401: {"model": ErrorBody, "description": "Missing or wrong token"},
    403: {"model": ErrorBody, "description": "Writes are disabled (no token configured)"},
}

Limit = Annotated[int, Query(ge=1, le=200, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
Since = Annotated[dt.date | None, Query(description="Published on or after (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Published on or before (YYYY-MM-DD).")]
Needle = Annotated[str | None, Query(max_length=200, pattern=_NO_NUL)]
CorpusLimit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
DocRef = Annotated[str | None, Query(max_length=64, description="A document id or prefix.")]


def create_app(
    *,
    store: Store | None = None,
    db: str | None = None,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The app over ``store`` (or a store opened on ``db``; ``None`` = the default store).

    ``token`` defaults to the ``STORYLINE_TOKEN`` environment variable; without one the
    server refuses writes (403).  ``pipeline`` is loaded on the first extraction if not given.
    """
    own = store is None
    ctx = _Context(
        store=store if store is not None else open_store(db),
        token=token if token is not None else (os.environ.get(TOKEN_ENV) or None),
        pipeline=pipeline,
        own_store=own,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if ctx.own_store:
            ctx.store.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description=(
            "Accounts of news articles -- entities, places, times, quantities, sources, "
            "quotes, events with certainty, the main event and the route, each with its "
            "span -- and the corpus: timeline, claims ledger, search.  Errors always have "
            'the shape `{"error": {"code", "message", "status"}}`.  The web UI is at /ui/.'
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.storyline = ctx
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    # The world outline (~1 MB of path data) and large claim pages shrink three- to tenfold.
    app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=6)
    _add_docs(app)
    _add_api(app, ctx)
    from ._api_pages import add_pages

    add_pages(app, ctx)
    return app


def _add_docs(app: FastAPI) -> None:
    assets = resources.files("fastapi_offline") / "static"
    app.mount("/docs-static", StaticFiles(directory=str(assets)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="storyline API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )


_BEARER = HTTPBearer(
    auto_error=False,
    description=f"The server's token ({TOKEN_ENV}), as `Authorization: Bearer <token>`.",
)


def _require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> None:
    """Writes need the server's token; without a configured token they are refused."""
    expected: str | None = request.app.state.storyline.token
    if not expected:
        raise ApiError(
            403,
            "auth.writes_disabled",
            f"writes are disabled: start the server with {TOKEN_ENV} set",
        )
    given = credentials.credentials if credentials is not None else ""
    # Constant-time comparison: the answer time must not tell how much of a guess was right.
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(
            401,
            "auth.required",
            "this request needs the server's token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _feature_collection(features: list[dict[str, Any]]) -> FeatureCollection:
    return FeatureCollection(features=features)


def place_features(points: list[query.PlacePoint]) -> list[dict[str, Any]]:
    return [
        point(
            p.lat,
            p.lon,
            {
                "kind": "place",
                "name": p.name,
                "country": p.country,
                "feature": p.feature,
                "geonameid": p.geonameid,
                "documents": p.documents,
            },
        )
        for p in points
    ]


def route_features(lines: list[query.RouteLine]) -> list[dict[str, Any]]:
    """Each route as a line cut at the antimeridian (RFC 7946 §3.1.9); stops without
    coordinates are left out of the geometry but listed."""
    out: list[dict[str, Any]] = []
    for line in lines:
        located = [(s.lat, s.lon) for s in line.stops if s.lat is not None and s.lon is not None]
        if len(located) < 2:
            continue
        out.append(
            linestring(
                located,
                {
                    "kind": "route",
                    "document": line.document,
                    "title": line.title,
                    "published": line.published.isoformat(),
                    "stops": [s.name for s in line.stops],
                },
                split=True,
            )
        )
    return out


def _json_list(items: Sequence[BaseModel]) -> Response:
    """A list of models as JSON, serialised once: FastAPI would check every item against
    the response model again, which costs more than the query on a page of claims."""
    body = (
        b"["
        + b",".join(item.__pydantic_serializer__.to_json(item, by_alias=True) for item in items)
        + b"]"
    )
    return Response(body, media_type="application/json")


def _add_api(app: FastAPI, ctx: _Context) -> None:
    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/health", tags=["meta"])
    def health() -> Health:
        """Liveness, version and the number of stored documents."""
        return Health(
            version=__version__,
            documents=query.count_documents(store=ctx.store),
            writes=bool(ctx.token),
        )

    @app.post("/extract", tags=["extract"], responses=_ERRORS, response_model_by_alias=True)
    def extract(body: ExtractRequest) -> Account:
        """Extract the account of one article (nothing is stored)."""
        return ctx.extract(body)

    @app.get("/documents", tags=["documents"], responses=_ERRORS)
    def documents(
        limit: Limit = query.DEFAULT_PAGE_SIZE,
        offset: Offset = 0,
        since: Since = None,
        until: Until = None,
        entity: Needle = None,
        place: Needle = None,
        source: Needle = None,
    ) -> query.DocumentPage:
        """Stored documents, newest first, filtered by date, entity, place and source
        (substring of a name or a mention, case-insensitive)."""
        return query.page_documents(
            store=ctx.store,
            limit=limit,
            offset=offset,
            since=since,
            until=until,
            entity=entity,
            place=place,
            source=source,
        )

    @app.get("/documents/{doc_id}", tags=["documents"], responses=_ERRORS)
    def document(doc_id: str) -> DocumentDetail:
        """One stored document (id or unique prefix of ≥ 6 hex digits): text and account."""
        full = query.resolve_id(doc_id, store=ctx.store)
        return DocumentDetail(
            id=full,
            text=query.get_text(full, store=ctx.store),
            account=query.get_account(full, store=ctx.store),
        )

    @app.get("/documents/{doc_id}/geojson", tags=["documents", "geo"], responses=_ERRORS)
    def document_geojson(doc_id: str) -> FeatureCollection:
        """One document's located places (Points) and route (LineString, cut at ±180°)."""
        account = query.get_account(doc_id, store=ctx.store)
        return _feature_collection(list(geojson_features(account)))

    @app.post(
        "/documents",
        tags=["documents"],
        status_code=201,
        responses={**_WRITE_ERRORS, 200: {"model": IngestResponse, "description": "Unchanged"}},
        dependencies=[Depends(_require_token)],
    )
    def ingest(body: IngestRequest, response: Response) -> IngestResponse:
        """Extract an article and store its account (needs the token).  201 when stored or
        replaced, 200 when the same text was already stored."""
        account = ctx.extract(body)
        result = ctx.store.save(account, body.text, force=body.force, origin="api")
        if result.status is SaveStatus.UNCHANGED:
            response.status_code = 200
            account = query.get_account(result.document_id, store=ctx.store)
        elif body.merge:
            from .corpus import merge

            with ctx.lock:  # one merge at a time; it rebuilds the corpus tables
                merge(store=ctx.store)
        return IngestResponse(id=result.document_id, status=result.status, account=account)

    @app.get("/entities", tags=["corpus"], responses=_ERRORS, response_model=list[CorpusEntity])
    def entities(q: Needle = None, limit: CorpusLimit = 100, offset: Offset = 0) -> Response:
        """Entities merged across documents, most documents first; ``q`` keeps those whose
        name or a merged name contains it."""
        return _json_list(query.corpus_entities(store=ctx.store, q=q, limit=limit, offset=offset))

    @app.get("/events", tags=["corpus"], responses=_ERRORS, response_model=list[StoryEvent])
    def events(
        entity: Needle = None,
        place: Needle = None,
        since: Since = None,
        until: Until = None,
        limit: CorpusLimit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Story events (event mentions merged across documents), in timeline order."""
        return _json_list(
            query.story_events(
                store=ctx.store,
                entity=entity,
                place=place,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/timeline", tags=["corpus"], responses=_ERRORS, response_model=list[TimelineEntry])
    def timeline(
        entity: Needle = None,
        place: Needle = None,
        since: Since = None,
        until: Until = None,
        limit: CorpusLimit = 100,
        offset: Offset = 0,
    ) -> Response:
        """The story's timeline: story events by normalised time (undated last)."""
        return _json_list(
            query.timeline(
                store=ctx.store,
                entity=entity,
                place=place,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/claims", tags=["corpus"], responses=_ERRORS, response_model=list[Claim])
    def claims(
        contradictions: Annotated[
            bool, Query(description="Only claims in conflict with another.")
        ] = False,
        entity: Needle = None,
        limit: CorpusLimit = 100,
        offset: Offset = 0,
    ) -> Response:
        """The claims ledger: each claim with the documents that support it and the claims
        that contradict or overtake it."""
        return _json_list(
            query.claims(
                store=ctx.store,
                contradictions=contradictions,
                entity=entity,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/story", tags=["corpus"], responses=_ERRORS)
    def story(
        entity: Needle = None,
        place: Needle = None,
        since: Since = None,
        until: Until = None,
        limit: CorpusLimit = 100,
        offset: Offset = 0,
    ) -> Story:
        """What the story page shows: the timeline, the located places and the routes of
        the documents matching the same filters."""
        return story_of(ctx.store, entity, place, since, until, limit, offset)

    @app.get("/search", tags=["search"], responses=_ERRORS, response_model=list[query.SearchHit])
    def search(
        q: Annotated[
            str | None,
            Query(
                max_length=500,
                pattern=_NO_NUL,
                description='Words (stemmed), "a phrase", OR, -excluded.',
            ),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Offset = 0,
    ) -> Response:
        """Full-text search over the stored documents (SQLite FTS5 / PostgreSQL full text),
        most relevant first, each hit with a plain-text snippet and the offsets of the
        matched words in it.  No ``q`` (or only spaces): no hits."""
        if q is None or not q.strip():
            return _json_list([])
        return _json_list(query.search(q, store=ctx.store, limit=limit, offset=offset))

    @app.get("/places", tags=["geo"], responses=_ERRORS)
    def places(
        document: DocRef = None,
        since: Since = None,
        until: Until = None,
        entity: Needle = None,
        place: Needle = None,
        source: Needle = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    ) -> FeatureCollection:
        """Located places of the matching documents (or of one document) as GeoJSON Points,
        with how many documents name each."""
        points = query.located_places(
            store=ctx.store,
            document=document,
            since=since,
            until=until,
            entity=entity,
            place=place,
            source=source,
            limit=limit,
        )
        return _feature_collection(place_features(points))

    @app.get("/route", tags=["geo"], responses=_ERRORS)
    def route(
        document: DocRef = None,
        since: Since = None,
        until: Until = None,
        entity: Needle = None,
        place: Needle = None,
        source: Needle = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> FeatureCollection:
        """Routes of the matching documents (or of one document) as GeoJSON lines, cut at
        the antimeridian."""
        lines = query.routes(
            store=ctx.store,
            document=document,
            since=since,
            until=until,
            entity=entity,
            place=place,
            source=source,
            limit=limit,
        )
        return _feature_collection(route_features(lines))


def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    db: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    log_level: str = "info",
) -> None:
    """Run the app with uvicorn until interrupted (the store is opened first, so a bad
    ``--db`` fails before the port is bound)."""
    import uvicorn

    app = create_app(db=db, max_body=max_body)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
