"""Opening the store, saving accounts transactionally, and reading them back.

The store is any database SQLAlchemy reaches: SQLite by default (a file in the user data
dir), PostgreSQL by URL.  Opening runs the Alembic migrations shipped in
:mod:`storyline.store.migrations` up to head, so a store is always at the schema the code
expects.  Every write is one transaction per document: all its rows or none.

Reads (:meth:`Store.get`, :meth:`Store.list`, ...) go through :mod:`storyline.query`, the one
read layer the CLI, the API and the UI share; the methods here are conveniences over it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import StaticPool

from ..errors import BadStoreUrl, StoreError, StoreLocked, StoreUnavailable
from ..model import Account, Span
from . import schema as t
from .search import index_document, unindex_document

if TYPE_CHECKING:
    from ..corpus import MergeSummary
    from ..query import DocumentSummary

__all__ = ["BUSY_TIMEOUT_S", "MIN_ID_LENGTH", "SaveResult", "SaveStatus", "Store", "open_store"]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")
# A document id is a prefix of its text's sha256, at least this long (the pipeline uses 16).
MIN_ID_LENGTH = 16
# How long a writer waits for another process's write lock before giving up (SQLite).
BUSY_TIMEOUT_S = 10.0
# How long opening a PostgreSQL connection may take before the server counts as unreachable.
PG_CONNECT_TIMEOUT_S = 10.0
# Key of the PostgreSQL advisory lock that serialises migrations of one database.
_MIGRATION_LOCK = 0x5354_4F52_594C


class SaveStatus(StrEnum):
    STORED = "stored"  # new document
    UNCHANGED = "unchanged"  # the same text was already stored: skipped as a duplicate
    REPLACED = "replaced"  # already stored, replaced because force=True


class SaveResult(BaseModel):
    """What :meth:`Store.save` did with one document."""

    model_config = ConfigDict(frozen=True)

    document_id: str
    status: SaveStatus

    @property
    def stored(self) -> bool:
        return self.status is SaveStatus.STORED

    @property
    def unchanged(self) -> bool:
        return self.status is SaveStatus.UNCHANGED

    @property
    def replaced(self) -> bool:
        return self.status is SaveStatus.REPLACED


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the store at ``url``.

    ``url`` is an SQLAlchemy URL (``sqlite:///path/to/file.db``, ``sqlite://`` for memory,
    ``postgresql://user@host/db``, which uses psycopg 3); ``None`` means
    ``get_settings().db_url``, SQLite in the user data dir.  The parent folder of an SQLite
    file is created; SQLite runs with WAL journaling, foreign keys on and a busy timeout of
    :data:`BUSY_TIMEOUT_S`.  With ``migrate`` (the default) the schema is brought to the
    newest Alembic revision.

    Raises :class:`~storyline.errors.BadStoreUrl` for a URL that cannot be parsed or has no
    driver, :class:`~storyline.errors.StoreUnavailable` when the database cannot be opened
    or reached (or was written by a newer storyline), :class:`~storyline.errors.StoreLocked`
    when another process holds it locked.  Use the store as a context manager, or call
    :meth:`Store.close`.
    """
    if url is None:
        from ..settings import get_settings

        url = get_settings().db_url
    engine = _create_engine(url)
    store = Store(engine)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


@contextmanager
def using_store(store: Store | None, db: str | None = None) -> Iterator[Store]:
    """``store`` as it is, or a store opened on ``db`` (the default URL when None) and
    closed afterwards: how every library function that takes ``store=`` or ``db=`` opens one."""
    if store is not None:
        yield store
        return
    with open_store(db) as opened:
        yield opened


class Store:
    """A storyline store on one SQLAlchemy engine.  Open it with :func:`open_store`."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        # One writer at a time inside this process; SQLite serialises processes itself.
        self._write_lock = threading.Lock()

    # --- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection; the store cannot be used afterwards."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def url_for_display(self) -> str:
        """Where the store is, for people: the file path of SQLite, else the URL (no password)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return self.url

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (a no-op when it is there)."""
        config = _alembic_config()
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.translate_errors("migrate"):
            with self.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "postgresql":
                        # Two processes opening a new database at once: one migrates, the
                        # other waits here and then finds the schema at head.
                        conn.execute(
                            sa.text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": _MIGRATION_LOCK},
                        )
                        if MigrationContext.configure(conn).get_current_revision() == head:
                            return
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
            except CommandError as exc:
                raise StoreUnavailable(
                    f"the store {self.url} has schema revision {current!r}, which this version "
                    f"of storyline does not know (was it written by a newer version?): {exc}"
                ) from None
            except sa_exc.OperationalError:
                # Another process may have created the tables a moment before us.
                with self.engine.connect() as conn:
                    if MigrationContext.configure(conn).get_current_revision() != head:
                        raise

    def revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with self.translate_errors("read"), self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # --- writing --------------------------------------------------------------------------

    def save(
        self, account: Account, text: str, *, force: bool = False, origin: str | None = None
    ) -> SaveResult:
        """Store one account and its text, in one transaction: all its rows or none.

        The document's id is ``account.document.id`` (from the sha256 of the text).  If it is
        already stored the call is a no-op returning ``UNCHANGED`` -- unless ``force``, which
        replaces the old rows (``REPLACED``).  ``origin`` records where the text came from
        (``path`` or ``path:line``), for display only.  ``text`` must be the text the account
        was extracted from (its sha256 is checked against ``document.text_sha256``).
        """
        doc = account.document
        try:
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError:
            raise StoreError(
                f"document {doc.id}: the text is not valid Unicode (lone surrogates)"
            ) from None
        if sha != doc.text_sha256:
            raise StoreError(
                f"document {doc.id}: the text given does not match the account's text_sha256; "
                "refusing to store a mismatched pair"
            )
        if len(doc.id) < MIN_ID_LENGTH or not sha.startswith(doc.id):
            raise StoreError(
                f"document id {doc.id!r} must be the first {MIN_ID_LENGTH} or more hex digits "
                "of the text's sha256"
            )
        # Build every row before the transaction opens: a bad value fails before any write.
        rows = _Rows(account, text, origin)
        with self._write_lock, self.translate_errors("write"):
            try:
                with self.engine.begin() as conn:
                    existing = conn.execute(
                        sa.select(t.documents.c.text_sha256).where(t.documents.c.id == doc.id)
                    ).scalar_one_or_none()
                    if existing is not None and existing != sha:
                        raise StoreError(
                            f"document id {doc.id} is already used by a different text "
                            "(a sha256 prefix collision); cannot store this one"
                        )
                    if existing is not None and not force:
                        return SaveResult(document_id=doc.id, status=SaveStatus.UNCHANGED)
                    if existing is not None:
                        _delete_document(conn, doc.id)
                    rows.insert(conn)
            except sa_exc.IntegrityError:
                # A concurrent writer stored the same text between our check and insert.
                if not force and self._exists(doc.id):
                    return SaveResult(document_id=doc.id, status=SaveStatus.UNCHANGED)
                raise
        status = SaveStatus.STORED if existing is None else SaveStatus.REPLACED
        return SaveResult(document_id=doc.id, status=status)

    def merge(self) -> MergeSummary:
        """Bring the corpus tables (merged entities, story events, the claims ledger) up to
        date with the stored documents, in one transaction, recomputing only what documents
        stored or removed since the last merge touch; see :func:`storyline.corpus.merge`."""
        from ..corpus import merge

        return merge(store=self)

    def rebuild(self) -> MergeSummary:
        """Rebuild the corpus tables and the merge index from every stored document (the
        repair path); see :func:`storyline.corpus.rebuild`."""
        from ..corpus import rebuild

        return rebuild(store=self)

    def delete(self, ref: str) -> str:
        """Remove a document and all its rows; returns its full id (raises ``NotFound``)."""
        doc_id = self.resolve(ref)
        with self._write_lock, self.translate_errors("write"), self.engine.begin() as conn:
            _delete_document(conn, doc_id)
        return doc_id

    # --- reading (see storyline.query) ----------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The full id of the document ``ref`` names: an id, or a unique prefix of ≥ 6 hex digits.

        Raises :class:`~storyline.errors.NotFound` (or its subclass
        :class:`~storyline.errors.AmbiguousId` when a prefix matches several documents).
        """
        from .. import query

        return query.resolve_id(ref, store=self)

    def get(self, ref: str) -> Account:
        """The stored account, exactly as it was saved (``ref``: id or unique prefix ≥ 6)."""
        from .. import query

        return query.get_account(ref, store=self)

    def text(self, ref: str) -> str:
        """The stored text of a document (``ref``: id or unique prefix ≥ 6)."""
        from .. import query

        return query.get_text(ref, store=self)

    def list(
        self,
        limit: int = 20,
        offset: int = 0,
        since: dt.date | None = None,
        until: dt.date | None = None,
        entity: str | None = None,
        place: str | None = None,
        source: str | None = None,
    ) -> list[DocumentSummary]:
        """Summaries of stored documents, newest publication first.

        ``since``/``until`` bound the publication date (inclusive); ``entity``, ``place`` and
        ``source`` keep documents with an entity / place / source whose name or a mention
        contains that string (case-insensitive).  See :func:`storyline.query.list_documents`.
        """
        from .. import query

        return query.list_documents(
            store=self,
            limit=limit,
            offset=offset,
            since=since,
            until=until,
            entity=entity,
            place=place,
            source=source,
        )

    def accounts(self, ids: Sequence[str] | None = None) -> Iterator[Account]:
        """Stored accounts: those named by ``ids`` (ids or prefixes, in that order), or all of
        them in publication order.  Streams in batches; raises ``NotFound`` for an unknown id."""
        from .. import query

        return query.iter_accounts(ids, store=self)

    def count(self) -> int:
        """How many documents are stored."""
        from .. import query

        return query.count_documents(store=self)

    def _exists(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(t.documents.c.id).where(t.documents.c.id == doc_id)
            ).first()
        return found is not None

    @contextmanager
    def translate_errors(self, action: str) -> Iterator[None]:
        """Turn database errors into :class:`~storyline.errors.StoreError` with a clear message."""
        try:
            yield
        except sa_exc.SQLAlchemyError as exc:
            raise _translate(exc, self.url, action) from None


# --- engine ----------------------------------------------------------------------------


def _create_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except (sa_exc.ArgumentError, ValueError):
        masked = _PASSWORD.sub(r"\1***@", url)
        raise BadStoreUrl(
            f"cannot parse the database URL {masked!r}: expected e.g. "
            "sqlite:///path/to/store.db or postgresql+psycopg://user@host/dbname"
        ) from None
    parsed = _with_default_driver(parsed)
    shown = parsed.render_as_string(hide_password=True)
    kwargs: dict[str, Any] = {}
    sqlite = parsed.get_backend_name() == "sqlite"
    if parsed.get_backend_name() == "postgresql":
        # A server may drop idle connections (restarts, timeouts): check before reuse.
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": int(PG_CONNECT_TIMEOUT_S)}
    if sqlite:
        database = parsed.database or ""
        if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
            # One shared connection, or every connection would see its own empty database.
            kwargs["poolclass"] = StaticPool
        elif not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"cannot create the folder for the store {shown}: {exc.strerror or exc}"
                ) from None
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (sa_exc.NoSuchModuleError, sa_exc.ArgumentError) as exc:
        raise BadStoreUrl(f"unsupported database URL {shown}: {exc}") from None
    except ImportError as exc:
        package = f"the {exc.name!r} package" if exc.name else "its driver package"
        raise BadStoreUrl(f"no database driver for {shown}: install {package}") from None
    if sqlite:
        sa.event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _with_default_driver(url: sa.URL) -> sa.URL:
    """``postgresql://`` (and ``postgres://``) mean psycopg 3, the driver storyline installs;
    SQLAlchemy alone would pick psycopg2."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers work while one writer commits; NORMAL sync is crash-safe in WAL.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _translate(exc: sa_exc.SQLAlchemyError, url: str, action: str) -> StoreError:
    orig = getattr(exc, "orig", None)
    detail = str(orig if orig is not None else exc).strip().splitlines()[0]
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return StoreLocked(
            f"the store {url} is locked by another process (waited {BUSY_TIMEOUT_S:g} s); "
            "try again when it has finished"
        )
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
        return StoreUnavailable(f"cannot {action} the store {url}: {detail}")
    if isinstance(exc, sa_exc.DatabaseError):
        if "not a database" in lowered or "malformed" in lowered:
            return StoreUnavailable(f"{url} is not a usable storyline store: {detail}")
        return StoreError(f"the store {url} refused to {action}: {detail}")
    return StoreError(f"store error ({action}) on {url}: {detail}")


# --- rows ------------------------------------------------------------------------------


def _delete_document(conn: sa.Connection, doc_id: str) -> None:
    # The search index first (an SQLite virtual table: no foreign key, no cascade).
    unindex_document(conn, doc_id)
    # Explicit deletes, children first: correct whether or not the database cascades.
    for table in t.FACT_TABLES:
        conn.execute(sa.delete(table).where(table.c.document_id == doc_id))
    conn.execute(sa.delete(t.documents).where(t.documents.c.id == doc_id))


def _span_cols(prefix: str, span: Span | None) -> dict[str, object]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _mention_rows(doc_id: str, kind: str, spans: Sequence[Span]) -> list[dict[str, object]]:
    return [
        {
            "document_id": doc_id,
            "kind": kind,
            "entity_id": None,
            "place_id": None,
            "source_id": None,
            "text": s.text,
            "start_char": s.start,
            "end_char": s.end,
        }
        for s in spans
    ]


class _Rows:
    """Every row of one document, built up front; :meth:`insert` writes them in one go."""

    def __init__(self, account: Account, text: str, origin: str | None) -> None:
        from .. import __version__

        doc = account.document
        self.doc_id = doc_id = doc.id
        try:
            published = dt.date.fromisoformat(doc.published)
        except ValueError:
            raise StoreError(
                f"document {doc_id}: published {doc.published!r} is not a YYYY-MM-DD date"
            ) from None
        account_json = account.model_dump_json(by_alias=True)
        try:
            # What cannot be read back must not be stored (e.g. a NaN quantity becomes null).
            Account.model_validate_json(account_json)
        except ValidationError as exc:
            raise StoreError(
                f"document {doc_id}: the account would not read back from JSON "
                f"({exc.errors()[0]['loc']}: {exc.errors()[0]['msg']})"
            ) from None
        self.document = {
            "id": doc_id,
            "text_sha256": doc.text_sha256,
            "title": doc.title,
            "url": doc.url,
            "published": published,
            "published_from": doc.published_from,
            "language": doc.language,
            "length": len(text),
            "schema_version": account.schema_version,
            "storyline_version": __version__,
            "origin": origin,
            "ingested_at": dt.datetime.now(dt.UTC),
        }
        self.title, self.text = doc.title, text
        self.content = {
            "document_id": doc_id,
            "text": text,
            "account_json": account_json,
        }
        self.entities = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "key": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "aliases": list(e.aliases),
                "roles": list(e.roles),
            }
            for i, e in enumerate(account.entities)
        ]
        self.entity_mentions = [
            _mention_rows(doc_id, "entity", e.mentions) for e in account.entities
        ]
        self.places = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "key": p.id,
                "name": p.name,
                "aliases": list(p.aliases),
                "feature": p.feature,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "geonameid": p.geonameid,
                "population": p.population,
                "source": p.source,
            }
            for i, p in enumerate(account.places)
        ]
        self.place_mentions = [_mention_rows(doc_id, "place", p.mentions) for p in account.places]
        self.sources = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "key": s.id,
                "name": s.name,
                "kind": s.kind,
                "entity": s.entity,
            }
            for i, s in enumerate(account.sources)
        ]
        self.source_mentions = [
            _mention_rows(doc_id, "source", s.mentions) for s in account.sources
        ]
        self.times = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "text": x.text,
                "start_char": x.start,
                "end_char": x.end,
                "type": x.type,
                "value": x.value,
                "anchor": x.anchor,
                "mod": x.mod,
                "quant": x.quant,
                "freq": x.freq,
            }
            for i, x in enumerate(account.times)
        ]
        self.quantities = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "text": q.text,
                "start_char": q.start,
                "end_char": q.end,
                "value": q.value,
                "unit": q.unit,
                "approximate": q.approximate,
            }
            for i, q in enumerate(account.quantities)
        ]
        self.quotes = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "kind": q.kind,
                "speaker": q.speaker,
                **_span_cols("source", q.source),
                **_span_cols("cue", q.cue),
                **_span_cols("content", q.content),
            }
            for i, q in enumerate(account.quotes)
        ]
        self.events = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "key": ev.id,
                "type": ev.type,
                **_span_cols("trigger", ev.trigger),
                "certainty": ev.certainty,
                "time_text": ev.time.text if ev.time else None,
                "time_value": ev.time.value if ev.time else None,
                "evidence": [s.model_dump() for s in ev.evidence],
            }
            for i, ev in enumerate(account.events)
        ]
        self.event_arguments = [
            [
                {"document_id": doc_id, "role": role, "ordinal": j, "name": name}
                for role, names in (
                    ("actor", ev.actors),
                    ("target", ev.targets),
                    ("place", ev.places),
                    ("source", ev.sources),
                )
                for j, name in enumerate(names)
            ]
            for ev in account.events
        ]
        main = account.main_event
        self.answers = [
            {
                "document_id": doc_id,
                "question": q,
                "answer": getattr(main, q),
                **_span_cols("span", main.spans.get(q)),
            }
            for q in ("who", "what", "when", "where", "why", "how")
            if getattr(main, q) is not None or q in main.spans
        ]
        self.stops = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "name": s.name,
                "lat": s.lat,
                "lon": s.lon,
                **_span_cols("mention", s.mention),
            }
            for i, s in enumerate(account.route.stops)
        ]
        self.legs = [
            {
                "document_id": doc_id,
                "ordinal": i,
                "origin": leg.from_,
                "destination": leg.to,
                "distance_km": leg.distance_km,
                "distance_source": leg.distance_source,
                **_span_cols("evidence", leg.evidence),
            }
            for i, leg in enumerate(account.route.legs)
        ]

    def insert(self, conn: sa.Connection) -> None:
        conn.execute(t.documents.insert(), self.document)
        conn.execute(t.contents.insert(), self.content)
        index_document(conn, self.doc_id, self.title, self.text)
        mentions: list[dict[str, object]] = []
        for table, rows, owned, owner in (
            (t.entities, self.entities, self.entity_mentions, "entity_id"),
            (t.places, self.places, self.place_mentions, "place_id"),
            (t.sources, self.sources, self.source_mentions, "source_id"),
        ):
            for row_id, children in zip(
                _insert_returning_ids(conn, table, rows), owned, strict=True
            ):
                mentions += ({**m, owner: row_id} for m in children)
        _insert_many(conn, t.mentions, mentions)
        event_ids = _insert_returning_ids(conn, t.events, self.events)
        arguments = [
            {**arg, "event_id": event_id}
            for event_id, args in zip(event_ids, self.event_arguments, strict=True)
            for arg in args
        ]
        _insert_many(conn, t.event_arguments, arguments)
        _insert_many(conn, t.times, self.times)
        _insert_many(conn, t.quantities, self.quantities)
        _insert_many(conn, t.quotes, self.quotes)
        _insert_many(conn, t.main_event_answers, self.answers)
        _insert_many(conn, t.route_stops, self.stops)
        _insert_many(conn, t.route_legs, self.legs)


def _insert_many(
    conn: sa.Connection, table: sa.Table, rows: Sequence[Mapping[str, object]]
) -> None:
    if rows:
        conn.execute(table.insert(), list(rows))


def _insert_returning_ids(
    conn: sa.Connection, table: sa.Table, rows: Sequence[Mapping[str, object]]
) -> list[int]:
    """Insert rows and return their new ids in the order of ``rows`` (SQLite ≥ 3.35, PG)."""
    if not rows:
        return []
    result = conn.execute(
        table.insert().returning(table.c.id, sort_by_parameter_order=True), list(rows)
    )
    return [int(row_id) for row_id in result.scalars()]
