"""Full-text search over stored documents: SQLite FTS5, or PostgreSQL ``tsvector`` + GIN.

Migration ``0003`` creates the index (``search_index``) and fills it from what is stored;
:meth:`Store.save <storyline.store.Store.save>` and :meth:`Store.delete
<storyline.store.Store.delete>` keep it in step inside their own transactions.  The index is
engine-specific, so it lives outside ``schema.py``'s portable metadata.

Queries are untrusted text.  They are never spliced into SQL: :func:`parse_query` reads a
small web-search syntax (words, ``"quoted phrases"``, ``OR``, ``-excluded``, ``prefix*``)
into words made only of letters and digits, and renders that as an FTS5 expression or a
``to_tsquery`` string passed as a bind parameter.  A query with nothing to look for raises
:class:`~storyline.errors.BadQuery`, and so does anything the database still refuses --
never a server error.

Both engines match the same way (``tests/store/test_search_engines.py`` runs one test on
each):

* **tokens** -- a word is a run of letters and digits; everything else separates words
  (``Kirkwall-Lerwick``, ``3.5``, ``www.port.example`` are two, two and three words);
  accents are ignored (``Kovač`` = ``Kovac``); case is ignored;
* **stems** -- words match by their English stem (``ferry`` finds ``ferries``); there are
  no stop words: ``the`` and ``of`` are words like any other;
* **phrases** -- ``"port of Antwerp"`` matches those words next to each other, in that
  order, and nothing else (``port in Antwerp`` does not);
* **prefixes** -- ``harb*`` matches every word whose stem starts with the stem of
  ``harb``; only at the end of a bare word, not inside quotes;
* **order** -- most relevant first (titles count more than the body); the score is each
  engine's own (bm25 on SQLite, cover density on PostgreSQL), so only the order of clear
  differences is shared; equal scores come in document-id order on both.

For the same tokens on PostgreSQL, the text is split into words and stripped of accents
in Python before ``to_tsvector`` (its parser would keep ``3.5`` or a host name whole), with
a configuration whose snowball dictionary has no stop words (migration 0005).  SQLite's
``porter unicode61 remove_diacritics 2`` tokenizer does the same by itself.  What still
differs: SQLite stems with Porter's original algorithm, PostgreSQL with Snowball's English
(Porter2), which disagree on a few rare words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import exc as sa_exc

from .._paging import check_page
from ..errors import BadQuery, StoreError

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "PG_CONFIG",
    "SEARCH_TABLE",
    "Clause",
    "SearchHit",
    "fts_rowid",
    "index_document",
    "parse_query",
    "search",
    "search_text",
    "to_fts5",
    "to_tsquery",
    "to_websearch",
    "unindex_document",
]

SEARCH_TABLE = "search_index"
# PostgreSQL text search configuration: English stems, no stop words (migration 0005).
PG_CONFIG = "storyline_english"
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
MAX_LIMIT = 1000
# PostgreSQL: a tsvector holds at most 1 MB; news articles are far below this many chars.
PG_MAX_INDEXED_CHARS = 200_000
# Highlight markers inside snippets (private-use code points, absent from real articles);
# turned into offsets so no markup ever travels with article text.
_START, _STOP = "\ue000", "\ue001"
_SNIPPET_TOKENS = 24
_PG_HEADLINE = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=15, ShortWord=3, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


class SearchHit(BaseModel):
    """One document matching a search, best first."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str | None
    published: dt.date
    url: str | None
    snippet: str = Field(description="Plain text around the matches (no markup).")
    highlights: list[tuple[int, int]] = Field(
        default_factory=list,
        description="[start, end) character offsets of the matched words in the snippet.",
    )
    score: float = Field(description="Relevance; higher is better (comparable within a query).")


@dataclass(frozen=True, slots=True)
class Clause:
    """One AND-ed part of a query: any of its phrases (OR), or none of them if ``negated``.
    A phrase's last word ending in ``*`` is a prefix."""

    phrases: tuple[tuple[str, ...], ...]
    negated: bool = False


def _fold(text: str) -> str:
    """Lower case, accents dropped (what FTS5's ``remove_diacritics 2`` does)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(text: str) -> str:
    """``text`` as the words both engines index: runs of letters and digits, lower case,
    without accents, one space apart."""
    return " ".join(_WORD.findall(_fold(text)))


def parse_query(query: str) -> list[Clause]:
    """Read web-search syntax into clauses: ``a b`` both, ``a OR b`` either, ``"a b"`` the
    phrase, ``-a`` not.  Words are runs of letters and digits; everything else separates
    them (as both databases tokenise).  Raises :class:`BadQuery` when nothing is left to
    look for, or the query is longer than :data:`MAX_QUERY_CHARS` or
    :data:`MAX_QUERY_TERMS` words.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"the search query is too long (at most {MAX_QUERY_CHARS} characters)")
    clauses: list[Clause] = []
    join_next = False
    terms = 0
    for m in _TOKEN.finditer(query):
        quoted_neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare == "OR":
            join_next = bool(clauses) and not clauses[-1].negated
            continue
        negated = bool(quoted_neg) if quoted is not None else bare.startswith("-")
        text = quoted if quoted is not None else bare.lstrip("-")
        words = tuple(_WORD.findall(_fold(text)))
        if not words:
            join_next = False
            continue
        if quoted is None and text.endswith("*") and _WORD.match(text[-2:-1]):
            words = (*words[:-1], words[-1] + "*")  # "harb*": a prefix
        terms += len(words)
        if terms > MAX_QUERY_TERMS:
            raise BadQuery(f"the search query has too many words (at most {MAX_QUERY_TERMS})")
        if join_next and not negated:
            last = clauses[-1]
            clauses[-1] = Clause(phrases=(*last.phrases, words))
        else:
            clauses.append(Clause(phrases=(words,), negated=negated))
        join_next = False
    if not clauses:
        raise BadQuery("the search query has no words to look for")
    if all(c.negated for c in clauses):
        raise BadQuery("the search query needs at least one word that is not excluded (-word)")
    return clauses


def to_fts5(clauses: list[Clause]) -> str:
    """The FTS5 expression of parsed clauses (every word quoted: no FTS5 syntax survives)."""

    def phrase(words: tuple[str, ...]) -> str:
        if words[-1].endswith("*"):
            return '"' + " ".join((*words[:-1], words[-1][:-1])) + '" *'
        return '"' + " ".join(words) + '"'

    positive = [
        "(" + " OR ".join(phrase(p) for p in c.phrases) + ")" for c in clauses if not c.negated
    ]
    expr = "(" + " AND ".join(positive) + ")"
    for c in clauses:
        if c.negated:
            expr += " NOT " + phrase(c.phrases[0])
    return expr


def to_websearch(clauses: list[Clause]) -> str:
    """The same clauses as PostgreSQL ``websearch_to_tsquery`` input."""
    parts = []
    for c in clauses:
        alternatives = " or ".join('"' + " ".join(p) + '"' for p in c.phrases)
        parts.append(("-" if c.negated else "") + alternatives)
    return " ".join(parts)


def to_tsquery(clauses: list[Clause]) -> str:
    """The same clauses as PostgreSQL ``to_tsquery`` input (``<->`` joins a phrase's words,
    ``:*`` marks a prefix); every word is letters and digits only, so no operator can hide
    in one."""

    def phrase(words: tuple[str, ...]) -> str:
        return " <-> ".join(w[:-1] + ":*" if w.endswith("*") else w for w in words)

    positive = [
        "(" + " | ".join(f"({phrase(p)})" for p in c.phrases) + ")"
        for c in clauses
        if not c.negated
    ]
    negative = [f"!({phrase(c.phrases[0])})" for c in clauses if c.negated]
    return " & ".join(positive + negative)


def fts_rowid(doc_id: str) -> int:
    """The FTS5 rowid of a document: its first 16 hex digits as a signed 64-bit integer
    (ids are sha256 prefixes, unique in those digits: the store refuses collisions)."""
    value = int(doc_id[:16], 16)
    return value - (1 << 64) if value >= 1 << 63 else value


def index_document(conn: sa.Connection, doc_id: str, title: str | None, text: str) -> None:
    """Add one document to the search index (inside the caller's transaction)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.execute(
            sa.text(
                f"INSERT INTO {SEARCH_TABLE} (rowid, document_id, title, body) "
                "VALUES (:rowid, :id, :title, :body)"
            ),
            {"rowid": fts_rowid(doc_id), "id": doc_id, "title": title or "", "body": text},
        )
    elif dialect == "postgresql":
        conn.execute(
            sa.text(
                f"INSERT INTO {SEARCH_TABLE} (document_id, vector) VALUES (:id, "
                f"setweight(to_tsvector('{PG_CONFIG}', :title), 'A') || "
                f"to_tsvector('{PG_CONFIG}', :body))"
            ),
            {
                "id": doc_id,
                "title": search_text(title or ""),
                "body": search_text(text[:PG_MAX_INDEXED_CHARS]),
            },
        )


def unindex_document(conn: sa.Connection, doc_id: str) -> None:
    """Remove one document from the search index (PostgreSQL would also cascade)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.execute(
            sa.text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :rowid"),
            {"rowid": fts_rowid(doc_id)},
        )
    elif dialect == "postgresql":
        conn.execute(sa.text(f"DELETE FROM {SEARCH_TABLE} WHERE document_id = :id"), {"id": doc_id})


def search(
    q: str,
    *,
    store: Store | None = None,
    db: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Documents matching the query ``q``, most relevant first, each with a snippet.

    ``q`` is web-search syntax (see :func:`parse_query`); matching is by English word
    stems, titles weigh more than body text.  ``limit`` is 1..1000, ``offset`` ≥ 0
    (``ValueError`` otherwise).  Raises :class:`~storyline.errors.BadQuery` for a query with
    nothing to look for.  Pass an open ``store`` or ``db`` (a URL; ``None`` = default).
    """
    check_page(limit, offset, maximum=MAX_LIMIT)
    clauses = parse_query(q)
    from .store import using_store  # store.py imports this module: resolve at call time

    with using_store(store, db) as st, st.translate_errors("search"), st.engine.connect() as conn:
        dialect = conn.dialect.name
        with _bad_query(q):
            if dialect == "sqlite":
                rows = conn.execute(
                    _SQLITE_SEARCH,
                    {"q": to_fts5(clauses), "limit": limit, "offset": offset},
                ).all()
            elif dialect == "postgresql":
                rows = conn.execute(
                    _PG_SEARCH,
                    {
                        "q": to_tsquery(clauses),
                        "limit": limit,
                        "offset": offset,
                        "opts": _PG_HEADLINE,
                    },
                ).all()
            else:
                raise StoreError(f"full-text search is not available on {dialect} stores")
    return [
        SearchHit(
            id=doc_id,
            title=title,
            published=_date(published),
            url=url,
            score=float(score),
            **_unmark(snippet or ""),
        )
        for doc_id, title, published, url, snippet, score in rows
    ]


# bm25 is lower-is-better; negated so that every engine's score is higher-is-better.
# Weights: document_id (unindexed) 0, title 2, body 1.  The page is chosen first and
# snippet() runs on its rows only: SQLite would otherwise build a snippet for every match
# before sorting.
_SQLITE_SEARCH = sa.text(
    f"""
    WITH page AS (
        SELECT rowid AS rid, document_id, bm25({SEARCH_TABLE}, 0.0, 2.0, 1.0) AS rank
        FROM {SEARCH_TABLE}
        WHERE {SEARCH_TABLE} MATCH :q
        ORDER BY rank, document_id
        LIMIT :limit OFFSET :offset
    )
    SELECT d.id, d.title, d.published, d.url,
           snippet({SEARCH_TABLE}, 2, '{_START}', '{_STOP}', '…', {_SNIPPET_TOKENS}),
           -page.rank AS score
    FROM page
    JOIN {SEARCH_TABLE} ON {SEARCH_TABLE}.rowid = page.rid
    JOIN documents AS d ON d.id = page.document_id
    WHERE {SEARCH_TABLE} MATCH :q
    ORDER BY page.rank, page.document_id
    """
)

# The page is chosen first; ts_headline (which re-reads the text) runs on its rows only.
_PG_SEARCH = sa.text(
    f"""
    WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :q) AS query),
    page AS (
        SELECT s.document_id, ts_rank_cd(s.vector, q.query) AS score
        FROM {SEARCH_TABLE} AS s, q
        WHERE s.vector @@ q.query
        ORDER BY score DESC, s.document_id
        LIMIT :limit OFFSET :offset
    )
    SELECT d.id, d.title, d.published, d.url,
           ts_headline('{PG_CONFIG}', c.text, q.query, :opts) AS snippet,
           page.score
    FROM page
    JOIN documents AS d ON d.id = page.document_id
    JOIN contents AS c ON c.document_id = d.id
    CROSS JOIN q
    ORDER BY page.score DESC, d.id
    """
)


def _unmark(marked: str) -> dict[str, object]:
    """A snippet with markers -> plain text (whitespace folded) and highlight offsets."""
    marked = " ".join(marked.split())
    out: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{_START}{_STOP}])", marked):
        if piece == _START:
            start = length
        elif piece == _STOP:
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            out.append(piece)
            length += len(piece)
    return {"snippet": "".join(out), "highlights": highlights}


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@contextmanager
def _bad_query(q: str) -> Iterator[None]:
    """What the database still refuses in a query is the query's fault, said plainly."""
    try:
        yield
    except sa_exc.OperationalError as exc:
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        if "fts5" in detail.lower() or "syntax" in detail.lower():
            raise BadQuery(f"cannot search for {q[:80]!r}: {detail}") from None
        raise
