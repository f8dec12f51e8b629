"""Many accounts, one story: the cross-document merge, the timeline and the claims ledger.

:func:`merge` reads the per-document facts of a store (entities, events and their
arguments, times, places, quantities, quotes) and brings the corpus tables that
:mod:`storyline.query` reads (``corpus_entities``, ``story_events``, ``claims`` ...) up to
date, in one transaction.  The result is a pure function of the stored documents: the same
documents give the same rows and the same ids, whatever the order they came in, so
re-ingesting is idempotent.  ``storyline ingest`` runs it after storing new documents;
``storyline merge`` (or :func:`merge`) runs it by hand, e.g. after ``storyline ingest
--no-merge`` of many batches.

The merge is incremental.  A merge index (``corpus_documents``, ``corpus_entity_keys``,
``corpus_event_keys``, ``corpus_mentions``) records which document versions were merged;
for every document entity, the keys by which the merge compares it with others (name keys,
acronyms, surnames, the id key, the names its document gives) and the corpus entity it
joined; for every event mention, its keys (event type with an actor, or with the trigger
stem), its place in merge order, the story event it joined and what was read for it from
its document.  Documents stored, replaced or removed since the last merge are found by
comparing ``corpus_documents`` with ``documents``.  Then:

* **entities** -- only the entities linked to theirs through shared keys (transitively)
  are regrouped: within such a set the merge runs as over the whole corpus, in the same
  order, and nothing outside it can influence it.  The cost grows with the number of
  mentions of the busiest entity the new documents name (a country named everywhere);
* **story events** -- the clustering takes mentions in merge order (publication date,
  document, ordinal) and each decision depends only on earlier mentions, so it is replayed
  from the first mention a change reaches (new, removed, or whose names now stand for
  another entity); the older story events a replayed mention can pick (the most recent
  sharing a key, at most ``_MAX_CANDIDATES``) are rebuilt from their recorded mentions.
  New reports, published last, replay little; a back-fill of old reports replays most of
  the corpus, and is rebuilt instead;
* **claims** are redone with their story event; only story events that gain, lose or
  relabel a mention are rewritten.

The rows are exactly those of a full rebuild (the tests compare them after ingesting in
several orders and batches, deletes and replacements).  :func:`rebuild` recomputes
everything: the repair path, and what :func:`merge` does on a store without an index (never
merged, or merged before the index existed) or where most documents changed.

How things are merged (see the helpers for details):

* **entities** -- names are reduced to transliteration-tolerant keys (accents, case,
  honorifics, titles, hyphens, romanisation differences: :mod:`storyline._names_key`);
  names with the same key and a compatible type are one corpus entity; a name written as an
  acronym joins the entity whose name (or alias) it abbreviates; a surname alone joins the
  one person with that surname, and stays apart when several people share it;
* **events** -- an event mention reads its time, place and numbers from the sentence of
  its trigger (datelines, the time of a speech verb, and places not introduced by a
  locative preposition left out).  Mentions of one type with a shared actor (or, without
  actors, the same trigger word) are the same story event unless both their time and their
  place disagree with what most of its reports say (a report outweighs an expectation);
  with different actors, only when the same word names it on the same day at the same place;
* **claims** -- for every story event: its date, its place and each kind of number (people,
  km, USD ...).  One claim per distinct value; values that cannot both be true (disjoint
  dates, places neither equal nor inside one another, numbers apart by more than rounding)
  are in conflict.  When every support of a value is an expectation (expected, planned,
  speculative) published before the first report of the other value, the expectation is
  *overtaken*, not contradicted.

Ids are derived from content: a corpus entity's from its canonical name's key, a story
event's from its earliest mention, a claim's from its event, predicate and value.  They stay
the same across merges of the same documents; new documents can change them (a fuller name,
an earlier report).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from ._names_key import acronym, clean_name, compact, name_tokens, skeleton
from .store import schema as t
from .store.store import using_store as _opened

if TYPE_CHECKING:
    from .store import Store

__all__ = ["GRANULARITIES", "MergeSummary", "merge", "rebuild", "time_interval"]

GRANULARITIES = ("day", "week", "month", "quarter", "year")
_UNKNOWN_GRANULARITY = 9
_EXPECTATIONS = frozenset({"expected", "planned", "speculative"})
# Firmest first: the certainty a story event or claim shows is its firmest support's.
_CERTAINTY_RANK = {
    "confirmed": 0,
    "reported": 1,
    "unconfirmed": 2,
    "expected": 3,
    "planned": 4,
    "speculative": 5,
    "denied": 6,
}
_PERSON = "PERSON"
_TYPE_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "NORP": "norp",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# "VIENNA, April 6, 2026 (Outlet) -" : the dateline ends at the first dash within this reach.
_DATELINE = re.compile(r"^[^\n]{0,120}?\s[-–—]{1,2}\s")
_DATELINE_OUTLET = re.compile(r"\(([^()\d]{2,60})\)\s*[-–—]{1,2}\s$")
# A time this close after a speech verb dates the speaking, not the event ("said on Monday").
_CUE_REACH = 16
# Numbers closer than this fraction are the same figure, rounded (approximate ones: wider).
_NUMBER_TOLERANCE = 0.005
_APPROX_TOLERANCE = 0.1
_COUNTRY_FEATURES = ("A.PCL",)
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|off)\s+(?:the\s+)?$")
# Entity types that can act in an event (a river or a building is not an actor).
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_AGENT_TYPES = frozenset({"PERSON", "ORG"})
_NEAR_KM = 25.0
_MAX_CANDIDATES = 64
# Reports of one happening disagree on its date by days, not by months.
_MAX_DISAGREEMENT_DAYS = 31
# Transliteration variants of a name share most letters (Dmytro/Dmitry Kovalenko: 0.87).
_SPELLING_SIMILARITY = 0.8


@dataclass
class MergeSummary:
    """What :func:`merge` built."""

    documents: int = 0
    entities: int = 0
    story_events: int = 0
    claims: int = 0
    contradictions: int = 0
    overtaken: int = 0
    seconds: float = 0.0


# --- public ------------------------------------------------------------------------------


def merge(*, store: Store | None = None, db: str | None = None) -> MergeSummary:
    """Bring the corpus tables up to date with the stored documents, in one transaction.

    Incremental: only what the documents stored, replaced or removed since the last merge
    can touch is recomputed -- the corpus entities sharing a name key with theirs, and the
    story events (with their claims) of the event clustering replayed from the first
    mention a change reaches (see the module docstring).  The rows are exactly those
    :func:`rebuild` gives.  A store with no merge index yet (first merge, or merged by an
    older version), or where most documents changed or would be replayed, is rebuilt.
    Readers see the old corpus until the new one commits.
    """
    started = time.perf_counter()
    with _opened(store, db) as st:
        summary: MergeSummary | None = None
        with st.translate_errors("write"), _merge_transaction(st) as conn:
            changes = _changes(conn)
            if changes is not None:
                summary = _update(conn, changes)
        if summary is None:
            return rebuild(store=st)
    summary.seconds = time.perf_counter() - started
    return summary


def rebuild(*, store: Store | None = None, db: str | None = None) -> MergeSummary:
    """Rebuild the corpus tables and the merge index from every stored document, in one
    transaction (the repair path; :func:`merge` does this by itself when it must).

    Readers see the old corpus until the new one commits.  Deterministic: the same
    documents give the same rows and ids.
    """
    started = time.perf_counter()
    with _opened(store, db) as st:
        with st.translate_errors("read"), st.engine.connect() as conn:
            facts = _load(conn)
        built = _build(facts)
        with st.translate_errors("write"), st.engine.begin() as conn:
            _lock(conn)
            _write(conn, built, facts)
    summary = built.summary
    summary.documents = len(facts.documents)
    summary.seconds = time.perf_counter() - started
    return summary


def time_interval(value: str | None) -> tuple[dt.date, dt.date, int] | None:
    """The first and last day a TIMEX3 date value can mean and its granularity index
    (0 day, 1 week, 2 month, 3 quarter or season, 4 year); None for other values."""
    if not value:
        return None
    m = _TIMEX.match(value)
    if m is None:
        return None
    year = int(m["year"])
    try:
        if m["month"] and m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return day, day, 0
        if m["month"]:
            month = int(m["month"])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), 2
        if m["week"]:
            monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
            return monday, monday + dt.timedelta(days=6), 1
        if m["quarter"]:
            q = int(m["quarter"])
            first = dt.date(year, 3 * q - 2, 1)
            last_month = 3 * q
            nxt = dt.date(year + last_month // 12, last_month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), 3
        if m["season"]:
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m["season"]]
            first = dt.date(year, start_month, 1)
            end_year = year + (1 if start_month == 12 else 0)
            end_month = (start_month + 2) % 12 + 1
            nxt = dt.date(end_year, end_month, 1)
            return first, nxt - dt.timedelta(days=1), 3
    except ValueError:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31), 4


_TIMEX = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})|Q(?P<quarter>[1-4])"
    r"|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T.*)?$"
)


# --- the incremental merge ---------------------------------------------------------------

# Above this share of the stored documents changed, one full rebuild beats key-by-key work.
_REBUILD_SHARE = 0.5


@contextmanager
def _merge_transaction(st: Store) -> Iterator[sa.Connection]:
    """One transaction that reads the corpus and writes what changed, holding the corpus."""
    with st.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # One snapshot for every read, taken after the lock (the lock is the first
            # statement): documents stored meanwhile wait for the next merge.
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            _lock(conn)
            yield conn


@dataclass
class _Changes:
    fresh: dict[str, dt.datetime]  # documents stored or replaced since the last merge
    stale: set[str]  # documents whose merged version is gone (removed, replaced) or new


def _changes(conn: sa.Connection) -> _Changes | None:
    """What changed since the last merge; None when the corpus must be rebuilt."""
    merged = conn.execute(
        sa.select(t.corpus_state.c.documents).where(t.corpus_state.c.id == 1)
    ).scalar_one_or_none()
    cd, d = t.corpus_documents, t.documents
    indexed = conn.execute(sa.select(sa.func.count()).select_from(cd)).scalar_one()
    if merged is None or merged != indexed:
        return None  # never merged, or merged before the index existed
    fresh = {
        row.id: row.ingested_at
        for row in conn.execute(
            sa.select(d.c.id, d.c.ingested_at)
            .select_from(d.outerjoin(cd, cd.c.document_id == d.c.id))
            .where(sa.or_(cd.c.document_id.is_(None), cd.c.ingested_at != d.c.ingested_at))
        )
    }
    gone = set(
        conn.execute(
            sa.select(cd.c.document_id)
            .select_from(cd.outerjoin(d, d.c.id == cd.c.document_id))
            .where(d.c.id.is_(None))
        ).scalars()
    )
    stored = conn.execute(sa.select(sa.func.count()).select_from(d)).scalar_one()
    if len(fresh) + len(gone) > _REBUILD_SHARE * max(stored, indexed):
        return None
    # The event clustering is replayed from the earliest date a change reaches: a back-fill
    # of old reports replays most of the corpus, and one rebuild is then cheaper.
    xk = t.corpus_event_keys
    days = [
        *_values(conn, sa.select(d.c.published), d.c.id, set(fresh)),
        *_values(conn, sa.select(sa.func.min(xk.c.published)), xk.c.document_id, gone),
    ]
    first_day = min((day for day in days if day is not None), default=None)
    if first_day is not None:
        later = conn.execute(
            sa.select(sa.func.count()).where(d.c.published >= first_day)
        ).scalar_one()
        if later > _REBUILD_SHARE * stored:
            return None
    return _Changes(fresh, gone | set(fresh))


def _update(conn: sa.Connection, changes: _Changes) -> MergeSummary:
    """Recompute the corpus entities and story events ``changes`` can touch (see merge)."""
    touched, renamed = _update_entities(conn, changes)
    _update_events(conn, changes, touched, renamed)
    cd = t.corpus_documents
    _delete_in(conn, cd, cd.c.document_id, changes.stale)
    _insert(
        conn,
        cd,
        [{"document_id": k, "ingested_at": v} for k, v in sorted(changes.fresh.items())],
    )
    documents, last_ingested = conn.execute(
        sa.select(sa.func.count(), sa.func.max(cd.c.ingested_at))
    ).one()
    conn.execute(sa.delete(t.corpus_state))
    conn.execute(
        t.corpus_state.insert(),
        {
            "id": 1,
            "merged_at": dt.datetime.now(dt.UTC),
            "documents": documents,
            "last_ingested_at": last_ingested,
        },
    )
    return _counts(conn, documents)


def _update_entities(conn: sa.Connection, changes: _Changes) -> tuple[set[str], set[str]]:
    """Regroup the document entities sharing a key with new or removed ones.

    Returns the documents whose entities now resolve differently (another corpus entity,
    type or first member), whose event mentions must be redone, and the corpus entities
    whose name changed (the labels of their story events)."""
    ek = t.corpus_entity_keys
    new_ents = _load_entities(conn, docs=changes.fresh)
    seeds = {_digest(k) for e in new_ents for k in _entity_keys(e)}
    seeds |= set(_values(conn, sa.select(ek.c.key).distinct(), ek.c.document_id, changes.stale))
    reached = _key_closure(conn, ek, ek.c.entity_id, seeds)
    old: dict[int, tuple[str, str, tuple[str, int]]] = {}
    for row in _select(
        conn,
        sa.select(
            ek.c.entity_id,
            ek.c.document_id,
            ek.c.corpus_entity_id,
            ek.c.first_document_id,
            ek.c.first_ordinal,
        ).distinct(),
        ek.c.entity_id,
        reached,
    ):
        old[row.entity_id] = (
            row.document_id,
            row.corpus_entity_id,
            (row.first_document_id, row.first_ordinal),
        )
    kept = {i for i, (doc, _, _) in old.items() if doc not in changes.stale}
    ents = sorted([*_load_entities(conn, ids=kept), *new_ents], key=lambda e: (e.doc, e.ordinal))
    documents = {
        row.id: _Doc(row.id, row.published, None, None)
        for row in _select(
            conn,
            sa.select(t.documents.c.id, t.documents.c.published),
            t.documents.c.id,
            {e.doc for e in ents},
        )
    }
    groups = _merge_entities(_Facts(documents, ents, {}, [], {}, {}, None))
    ce = t.corpus_entities
    old_cids = {cid for _, cid, _ in old.values()}
    new_rows = {row["id"]: row for row in groups.rows}
    before = {row.id: dict(row._mapping) for row in _select(conn, sa.select(ce), ce.c.id, old_cids)}
    # Entities now in another corpus entity, or one whose first member changed.
    regrouped = {
        i
        for i, (_, cid, first) in old.items()
        if i in kept and (groups.of_row.get(i) != cid or groups.first.get(cid) != first)
    }
    # Documents whose names now stand for another corpus entity or type: their event
    # mentions must be derived again.  (Names an entity outside ``reached`` gives are not
    # shared with one inside: the per-document name keys would have linked them.)
    old_types = {cid: row["type"] for cid, row in before.items()}
    new_types = {cid: row["type"] for cid, row in new_rows.items()}
    kept_ents = [e for e in ents if e.row_id in kept]
    was = _names_by_doc(kept_ents, {i: (old[i][1], old[i][2]) for i in kept})
    now = _names_by_doc(
        kept_ents, {i: (groups.of_row[i], groups.first[groups.of_row[i]]) for i in kept}
    )
    touched = {
        doc
        for doc, names in now.items()
        if {n: (c, new_types.get(c)) for n, c in names.items()}
        != {n: (c, old_types.get(c)) for n, c in was.get(doc, {}).items()}
    }
    renamed = {
        cid
        for cid, row in before.items()
        if cid in new_rows and new_rows[cid]["name"] != row["name"]
    }
    _delete_in(conn, ce, ce.c.id, old_cids - set(new_rows))
    existing = set(_values(conn, sa.select(ce.c.id), ce.c.id, set(new_rows)))
    updates = [
        {"_id": cid, **{k: v for k, v in row.items() if k != "id"}}
        for cid, row in new_rows.items()
        if cid in existing and {k: before.get(cid, {}).get(k) for k in row} != row
    ]
    if updates:
        columns: dict[str, Any] = {k: sa.bindparam(k) for k in updates[0] if k != "_id"}
        conn.execute(ce.update().where(ce.c.id == sa.bindparam("_id")).values(columns), updates)
    _insert(conn, ce, [row for cid, row in new_rows.items() if cid not in existing])
    # Member and index rows change only for new entities and those regrouped.
    rewrite = regrouped | {e.row_id for e in new_ents}
    members = t.corpus_entity_members
    _delete_in(conn, members, members.c.entity_id, regrouped)
    _insert(conn, members, [row for row in groups.members if row["entity_id"] in rewrite])
    _delete_in(conn, ek, ek.c.entity_id, regrouped | (set(old) - kept))
    _delete_in(conn, ek, ek.c.document_id, changes.stale)
    _insert(conn, ek, _entity_key_rows([e for e in ents if e.row_id in rewrite], groups))
    return touched, renamed


_Position = tuple[dt.date, str, int]


def _position(m: _Mention) -> _Position:
    """Where a mention comes in merge order (the order :func:`_mentions` sorts them)."""
    return m.published, m.event.doc, m.event.ordinal


def _before(columns: tuple[sa.Column[Any], ...], p: _Position | None) -> sa.ColumnElement[bool]:
    """``columns`` (published, document, ordinal) come before ``p`` in merge order."""
    if p is None:
        return sa.true()
    day, doc, ordinal = columns
    return sa.or_(
        day < p[0],
        sa.and_(day == p[0], sa.or_(doc < p[1], sa.and_(doc == p[1], ordinal < p[2]))),
    )


def _update_events(
    conn: sa.Connection, changes: _Changes, touched: set[str], renamed: set[str]
) -> None:
    """Replay the clustering from the first mention a change reaches, and redo the story
    events (and claims) whose mentions changed.

    :func:`_cluster` takes mentions in merge order and each decision depends only on the
    mentions before it, so every decision before ``p`` -- the earliest mention that is
    new, removed, or re-resolved because its entities changed -- stands.  From ``p`` on,
    every mention is decided again; a story event created before ``p`` takes part as its
    mentions before ``p`` built it, and only those a later mention could pick are loaded:
    the :data:`_MAX_CANDIDATES` most recent sharing a key with it (the index keeps every
    mention's keys and place in merge order, and every story event's creation place).
    """
    xk = t.corpus_event_keys
    at = (xk.c.published, xk.c.document_id, xk.c.ordinal)
    first_at = (xk.c.first_published, xk.c.first_document_id, xk.c.first_ordinal)
    seed_docs = set(changes.fresh) | touched
    facts = _load(conn, seed_docs)
    tail = _mentions(facts, _resolution(conn, facts))
    positions = [_position(m) for m in tail]
    for row in _select(
        conn, sa.select(*at).order_by(*at).limit(1), xk.c.document_id, changes.stale | touched
    ):
        positions.append((row[0], row[1], row[2]))
    p = min(positions, default=None)
    # The story events whose mentions from p on are decided again: those created before p
    # are loaded and redone, the others are created again (or not) by the replay.
    first_of: dict[str, _Position] = {}
    created_after: set[str] = set()
    later: dict[int, str] = {}  # mentions from p on, already indexed, still stored
    if p is not None:
        for row in conn.execute(
            sa.select(xk.c.event_id, xk.c.document_id, xk.c.story_event_id, *first_at)
            .where(sa.not_(_before(at, p)))
            .distinct()
        ):
            first: _Position = (row.first_published, row.first_document_id, row.first_ordinal)
            if first < p:
                first_of[row.story_event_id] = first
            else:
                created_after.add(row.story_event_id)
            if row.document_id not in changes.stale | seed_docs:
                later[row.event_id] = row.document_id
    redo = set(first_of)
    # Story events naming a renamed entity keep their mentions but change their label.
    see = t.story_event_entities
    relabel = set(
        _values(conn, sa.select(see.c.story_event_id).distinct(), see.c.corpus_entity_id, renamed)
    )
    for row in _select(
        conn,
        sa.select(xk.c.story_event_id, *first_at).distinct(),
        xk.c.story_event_id,
        relabel - created_after,
    ):
        first_of[row.story_event_id] = (
            row.first_published,
            row.first_document_id,
            row.first_ordinal,
        )
        redo.add(row.story_event_id)
    documents = dict(facts.documents)
    fresh_ids = {m.event.row_id for m in tail}
    tail += _recorded(conn, set(later), documents)
    tail.sort(key=_position)
    # The old story events a mention from p on can pick (the most recent sharing its keys).
    candidates: dict[int, list[str]] = {}
    for m in tail:
        keys = sorted(_digest(k) for k in _mention_keys(m))
        found = conn.execute(
            sa.select(xk.c.story_event_id, *first_at)
            .where(xk.c.key.in_(keys), _before(at, p))
            .distinct()
            .order_by(*(c.desc() for c in first_at))
            .limit(_MAX_CANDIDATES)
        ).all()
        candidates[m.event.row_id] = [row.story_event_id for row in found]
        for row in found:
            first_of[row.story_event_id] = (
                row.first_published,
                row.first_document_id,
                row.first_ordinal,
            )
    # Those story events as their mentions before p built them, in the order of creation.
    members: dict[int, str] = dict(
        _select(
            conn,
            sa.select(xk.c.event_id, xk.c.story_event_id).where(_before(at, p)).distinct(),
            xk.c.story_event_id,
            set(first_of),
        )
    )
    order = sorted(first_of, key=lambda sid: first_of[sid])
    index = {sid: i for i, sid in enumerate(order)}
    old = [_Cluster() for _ in order]
    for m in sorted(_recorded(conn, set(members), documents), key=_position):
        old[index[members[m.event.row_id]]].add(m)
    sizes = [len(c.mentions) for c in old]
    clusters = _cluster(
        tail,
        old,
        {event_id: {index[sid] for sid in sids} for event_id, sids in candidates.items()},
    )
    redone = [
        i
        for i, c in enumerate(clusters)
        if i >= len(old) or order[i] in redo or len(c.mentions) > sizes[i]
    ]
    changed = [clusters[i] for i in redone]
    gone = created_after | {order[i] for i in redone if i < len(old)}
    ce = t.corpus_entities
    actors = {a for c in changed for m in c.mentions for a in m.actors}
    names = dict(_select(conn, sa.select(ce.c.id, ce.c.name), ce.c.id, actors))
    built = _story_rows(changed, names, documents)
    _delete_in(conn, t.story_events, t.story_events.c.id, gone)
    for table, rows in (
        (t.story_events, built.event_rows),
        (t.story_event_members, built.event_members),
        (t.story_event_entities, built.event_entities),
        (t.claims, built.claim_rows),
        (t.claim_supports, built.claim_supports),
        (t.claim_conflicts, built.claim_conflicts),
    ):
        _insert(conn, table, rows)
    _delete_in(conn, xk, xk.c.story_event_id, gone)
    _delete_in(conn, xk, xk.c.document_id, changes.stale)
    _insert(conn, xk, built.event_keys)
    # The recorded mentions of documents read again (the others stand as they are).
    cm = t.corpus_mentions
    _delete_in(conn, cm, cm.c.document_id, changes.stale | seed_docs)
    _insert(conn, cm, [row for row in built.mention_rows if row["event_id"] in fresh_ids])


def _recorded(conn: sa.Connection, ids: set[int], documents: dict[str, _Doc]) -> list[_Mention]:
    """The recorded mentions of event rows ``ids``; their documents' outlets go into
    ``documents``."""
    cm = t.corpus_mentions
    out: list[_Mention] = []
    for event_id, record in _select(
        conn, sa.select(cm.c.event_id, cm.c.mention), cm.c.event_id, ids
    ):
        mention, outlet = _mention_from(int(event_id), record)
        documents.setdefault(
            mention.event.doc, _Doc(mention.event.doc, mention.published, None, outlet)
        )
        out.append(mention)
    return out


def _key_closure(
    conn: sa.Connection, table: sa.Table, item: sa.Column[Any], keys: set[str]
) -> set[int]:
    """The items of ``table`` linked to ``keys``, directly or through keys of items found."""
    seen: set[str] = set()
    items: set[int] = set()
    frontier = set(keys)
    while frontier:
        seen |= frontier
        found = set(_values(conn, sa.select(item).distinct(), table.c.key, frontier)) - items
        if not found:
            break
        items |= found
        frontier = set(_values(conn, sa.select(table.c.key).distinct(), item, found)) - seen
    return items


def _resolution(conn: sa.Connection, facts: _Facts) -> _EntityGroups:
    """Which corpus entity each name of each of ``facts``' documents stands for, and their
    types, as :func:`_merge_entities` gave them (read back from the merge index)."""
    ek = t.corpus_entity_keys
    of_row: dict[int, tuple[str, tuple[str, int]]] = {}
    for row in _select(
        conn,
        sa.select(
            ek.c.entity_id, ek.c.corpus_entity_id, ek.c.first_document_id, ek.c.first_ordinal
        ).distinct(),
        ek.c.document_id,
        set(facts.documents),
    ):
        of_row[row.entity_id] = (row.corpus_entity_id, (row.first_document_id, row.first_ordinal))
    by_doc_name = _names_by_doc([e for e in facts.entities if e.row_id in of_row], of_row)
    ce = t.corpus_entities
    types = dict(
        _select(conn, sa.select(ce.c.id, ce.c.type), ce.c.id, {c for c, _ in of_row.values()})
    )
    return _EntityGroups({}, [], [], by_doc_name, types)


def _names_by_doc(
    ents: Iterable[_Entity], of_row: dict[int, tuple[str, tuple[str, int]]]
) -> dict[str, dict[str, str]]:
    """Per document, the corpus entity each (casefolded) name stands for, given each
    entity's corpus entity and that one's first member: as :func:`_merge_entities` walks
    groups in the order of their first members, the first to claim a name keeps it."""
    ranked = sorted(ents, key=lambda e: (of_row[e.row_id][1], e.doc, e.ordinal))
    by_doc_name: dict[str, dict[str, str]] = defaultdict(dict)
    for e in ranked:
        cid = of_row[e.row_id][0]
        for n in (e.name, *e.aliases):
            by_doc_name[e.doc].setdefault(n.casefold(), cid)
    return by_doc_name


def _load_entities(
    conn: sa.Connection, *, ids: Collection[int] | None = None, docs: Collection[str] | None = None
) -> list[_Entity]:
    """Document entities with their mention counts: by row id (``ids``), else of the
    documents ``docs`` names (every document when ``docs`` is None too), in document order."""
    e, m_ = t.entities, t.mentions
    column: sa.Column[Any] = e.c.id if ids is not None else e.c.document_id
    chosen: Collection[Any] | None = ids if ids is not None else docs
    mention_column = m_.c.entity_id if ids is not None else m_.c.document_id
    counts: dict[int, int] = {
        int(entity_id): int(n)
        for entity_id, n in _select(
            conn,
            sa.select(m_.c.entity_id, sa.func.count())
            .where(m_.c.entity_id.is_not(None))
            .group_by(m_.c.entity_id),
            mention_column,
            chosen,
        )
    }
    return [
        _Entity(
            row.id,
            row.document_id,
            row.ordinal,
            row.name,
            row.type,
            list(row.aliases or []),
            list(row.roles or []),
            counts.get(row.id, 1),
        )
        for row in _select(
            conn,
            sa.select(
                e.c.id, e.c.document_id, e.c.ordinal, e.c.name, e.c.type, e.c.aliases, e.c.roles
            ).order_by(e.c.document_id, e.c.ordinal),
            column,
            chosen,
        )
    ]


def _delete_in(
    conn: sa.Connection, table: sa.Table, column: sa.Column[Any], values: Collection[Any]
) -> None:
    ordered = sorted(values)
    for i in range(0, len(ordered), _IN_CHUNK):
        conn.execute(sa.delete(table).where(column.in_(ordered[i : i + _IN_CHUNK])))


def _counts(conn: sa.Connection, documents: int) -> MergeSummary:
    """What the corpus tables hold, as :func:`rebuild` reports it."""

    def count(stmt: sa.Select[Any]) -> int:
        return int(conn.execute(stmt).scalar_one())

    c, cf = t.claims, t.claim_conflicts
    return MergeSummary(
        documents=documents,
        entities=count(sa.select(sa.func.count()).select_from(t.corpus_entities)),
        story_events=count(sa.select(sa.func.count()).select_from(t.story_events)),
        claims=count(sa.select(sa.func.count()).select_from(c)),
        contradictions=count(sa.select(sa.func.count()).where(c.c.contradicted.is_(True))),
        overtaken=count(
            sa.select(sa.func.count(sa.distinct(cf.c.claim_id))).where(cf.c.kind == "overtaken")
        ),
    )


# --- loading -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    id: str
    published: dt.date
    title: str | None
    outlet: str | None
    ingested_at: dt.datetime | None = None
    dateline_end: int = 0
    cue_ends: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Entity:
    row_id: int
    doc: str
    ordinal: int
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mentions: int


@dataclass(slots=True)
class _PlaceRow:
    row_id: int
    doc: str
    name: str
    feature: str | None
    lat: float | None
    lon: float | None
    country: str | None
    geonameid: int | None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _EventRow:
    row_id: int
    doc: str
    ordinal: int
    type: str
    trigger: str
    trigger_start: int
    certainty: str
    time_value: str | None
    evidence: list[tuple[int, int, str]]
    args: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class _Facts:
    documents: dict[str, _Doc]
    entities: list[_Entity]
    places: dict[str, list[_PlaceRow]]
    events: list[_EventRow]
    times: dict[str, list[tuple[int, int, str, str]]]  # doc -> (start, end, type, value)
    quantities: dict[str, list[tuple[int, int, float, str, bool]]]
    last_ingested: dt.datetime | None


def _load(conn: sa.Connection, only: Collection[str] | None = None) -> _Facts:
    """The facts of every stored document, or of the documents ``only`` names."""
    d = t.documents
    docs: dict[str, _Doc] = {}
    last_ingested: dt.datetime | None = None
    row: Any
    for row in _select(
        conn, sa.select(d.c.id, d.c.published, d.c.title, d.c.url, d.c.ingested_at), d.c.id, only
    ):
        docs[row.id] = _Doc(row.id, row.published, row.title, _outlet(row.url), row.ingested_at)
        if last_ingested is None or row.ingested_at > last_ingested:
            last_ingested = row.ingested_at
    # Datelines: read the head of each text (a short substring, not the whole text).
    c_ = t.contents
    head = sa.func.substr(c_.c.text, 1, 160)
    for doc_id, text_head in _select(
        conn, sa.select(c_.c.document_id, head), c_.c.document_id, only
    ):
        m = _DATELINE.match(text_head or "")
        if m is not None and doc_id in docs:
            docs[doc_id].dateline_end = m.end()
            # "CITY, date (Outlet) -": the outlet, when no URL names it.
            named = _DATELINE_OUTLET.search(m.group(0))
            if named is not None and docs[doc_id].outlet is None:
                docs[doc_id].outlet = named.group(1).strip()
    q = t.quotes
    for doc_id, cue_end in _select(
        conn,
        sa.select(q.c.document_id, q.c.cue_end).where(q.c.cue_end.is_not(None)),
        q.c.document_id,
        only,
    ):
        if doc_id in docs:
            docs[doc_id].cue_ends.append(int(cue_end))
    entities = _load_entities(conn, docs=only)
    m_ = t.mentions
    p = t.places
    by_id: dict[int, _PlaceRow] = {}
    places: dict[str, list[_PlaceRow]] = defaultdict(list)
    for row in _select(
        conn,
        sa.select(
            p.c.id,
            p.c.document_id,
            p.c.name,
            p.c.feature,
            p.c.lat,
            p.c.lon,
            p.c.country,
            p.c.geonameid,
        ).order_by(p.c.document_id, p.c.ordinal),
        p.c.document_id,
        only,
    ):
        place = _PlaceRow(
            row.id,
            row.document_id,
            row.name,
            row.feature,
            row.lat,
            row.lon,
            row.country,
            row.geonameid,
        )
        by_id[row.id] = place
        places[row.document_id].append(place)
    for place_id, start, end in _select(
        conn,
        sa.select(m_.c.place_id, m_.c.start_char, m_.c.end_char).where(m_.c.place_id.is_not(None)),
        m_.c.document_id,
        only,
    ):
        if place_id in by_id:
            by_id[place_id].spans.append((int(start), int(end)))
    ev = t.events
    events: dict[int, _EventRow] = {}
    for row in _select(
        conn,
        sa.select(
            ev.c.id,
            ev.c.document_id,
            ev.c.ordinal,
            ev.c.type,
            ev.c.trigger_text,
            ev.c.trigger_start,
            ev.c.certainty,
            ev.c.time_value,
            ev.c.evidence,
        ).order_by(ev.c.document_id, ev.c.ordinal),
        ev.c.document_id,
        only,
    ):
        evidence = [(int(s["start"]), int(s["end"]), str(s["text"])) for s in (row.evidence or [])]
        events[row.id] = _EventRow(
            row.id,
            row.document_id,
            row.ordinal,
            row.type,
            row.trigger_text,
            row.trigger_start,
            row.certainty,
            row.time_value,
            evidence,
        )
    a = t.event_arguments
    for event_id, role, name in _select(
        conn,
        sa.select(a.c.event_id, a.c.role, a.c.name).order_by(a.c.event_id, a.c.role, a.c.ordinal),
        a.c.document_id,
        only,
    ):
        if event_id in events:
            events[event_id].args[role].append(name)
    times: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    x = t.times
    for row in _select(
        conn,
        sa.select(x.c.document_id, x.c.start_char, x.c.end_char, x.c.type, x.c.value),
        x.c.document_id,
        only,
    ):
        times[row.document_id].append((row.start_char, row.end_char, row.type, row.value))
    quantities: dict[str, list[tuple[int, int, float, str, bool]]] = defaultdict(list)
    qt = t.quantities
    for row in _select(
        conn,
        sa.select(
            qt.c.document_id,
            qt.c.start_char,
            qt.c.end_char,
            qt.c.value,
            qt.c.unit,
            qt.c.approximate,
        ),
        qt.c.document_id,
        only,
    ):
        quantities[row.document_id].append(
            (row.start_char, row.end_char, float(row.value), row.unit, bool(row.approximate))
        )
    return _Facts(docs, entities, places, list(events.values()), times, quantities, last_ingested)


# Values bound in one IN (...) list: well under SQLite's limit on variables.
_IN_CHUNK = 500


def _values(
    conn: sa.Connection,
    stmt: sa.Select[Any],
    column: sa.ColumnElement[Any],
    only: Collection[Any] | None,
) -> Iterator[Any]:
    """The first column of :func:`_select`'s rows."""
    for row in _select(conn, stmt, column, only):
        yield row[0]


def _select(
    conn: sa.Connection,
    stmt: sa.Select[Any],
    column: sa.ColumnElement[Any],
    only: Collection[Any] | None,
) -> Iterator[Any]:
    """The rows of ``stmt``, or of ``stmt`` restricted to ``column IN only`` (in chunks taken
    in sorted order, so rows ordered by ``column`` stay in order across chunks)."""
    if only is None:
        yield from conn.execute(stmt)
        return
    values = sorted(only)
    for i in range(0, len(values), _IN_CHUNK):
        yield from conn.execute(stmt.where(column.in_(values[i : i + _IN_CHUNK])))


def _outlet(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


# --- entities ----------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index wins, so groups (and their ids) do not depend on hash order.
            self.parent[max(ra, rb)] = min(ra, rb)


def _full_key(name: str) -> str:
    """Transliteration key of the whole name (hyphens and spaces ignored)."""
    return skeleton(compact(name))


def _type_class(entity_type: str) -> str:
    return _TYPE_CLASS.get(entity_type, entity_type.lower())


@dataclass
class _EntityGroups:
    of_row: dict[int, str]  # entity row id -> corpus id
    rows: list[dict[str, Any]]
    members: list[dict[str, Any]]
    # doc -> folded name -> corpus id, to resolve event arguments given by name
    by_doc_name: dict[str, dict[str, str]]
    types: dict[str, str]  # corpus id -> type
    # corpus id -> (document, ordinal) of its first member in merge order
    first: dict[str, tuple[str, int]] = field(default_factory=dict)


def _merge_entities(facts: _Facts) -> _EntityGroups:
    ents = facts.entities
    uf = _UnionFind(len(ents))
    # (class, skeleton) -> the spellings met so far, each with its first entity.
    by_key: dict[tuple[str, str], list[tuple[str, int]]] = {}
    acronyms: list[int] = []
    for i, e in enumerate(ents):
        cls = _type_class(e.type)
        tokens = name_tokens(e.name)
        if not tokens:
            continue
        written_as_acronym = acronym(e.name) == e.name.replace(".", "").lower()
        if written_as_acronym:
            acronyms.append(i)
        # Aliases of several words are other spellings of the same name; a one-word alias
        # of a person is a surname and is not enough to join two people.
        spellings = [e.name] + [
            alias for alias in e.aliases if len(name_tokens(alias)) > 1 or cls != "person"
        ]
        for spelling in spellings:
            key, flat = _full_key(spelling), compact(spelling)
            if not key:
                continue
            seen = by_key.setdefault((cls, key), [])
            # The skeleton drops vowels, so short names can share one ("Ana Lima", "Ana
            # Lame"): a different spelling must also be close letter by letter.
            match = next((j for other, j in seen if _close_spellings(flat, other)), None)
            if match is None:
                seen.append((flat, i))
            else:
                uf.union(match, i)
    # Acronyms: "DFPC" joins the organisation whose name (or alias) abbreviates to it.
    expansions: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(ents):
        if _type_class(e.type) in ("org", "place") and len(name_tokens(e.name)) >= 3:
            short = acronym(e.name)
            if short:
                expansions[short].add(uf.find(i))
        for alias in e.aliases:
            short = acronym(alias)
            if short and short == alias.replace(".", "").lower():
                expansions[short].add(uf.find(i))
    for i in acronyms:
        short = ents[i].name.replace(".", "").lower()
        roots = {uf.find(j) for j in expansions.get(short, ())} - {uf.find(i)}
        if len(roots) == 1:
            uf.union(i, roots.pop())
    # Surnames: a name that is the last name of exactly one person named more fully
    # ("Kerekes-Barta", "Mr Kerekes Barta" for "Zoltan Kerekes-Barta") joins that person;
    # shared by several people, it stays apart.
    surnames: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(ents):
        if e.type == _PERSON:
            for key in _surname_keys(e.name):
                surnames[key].add(uf.find(i))
    for i, e in enumerate(ents):
        if i in acronyms or _type_class(e.type) not in ("person", "org"):
            continue
        if _type_class(e.type) == "org" and len(clean_name(e.name).split()) > 1:
            continue
        key = _full_key(e.name)
        roots = {r for r in (uf.find(j) for j in surnames.get(key, ())) if r != uf.find(i)}
        if len(roots) == 1:
            uf.union(i, roots.pop())
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ents)):
        groups[uf.find(i)].append(i)
    of_row: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    by_doc_name: dict[str, dict[str, str]] = defaultdict(dict)
    first: dict[str, tuple[str, int]] = {}
    used_ids: set[str] = set()
    for idx in sorted(groups):
        group = groups[idx]
        names = Counter(clean_name(ents[i].name) for i in group)
        # The fullest form (most name parts), then the most used, then one keeping its
        # accents and hyphens (the spelling a variant drops, not the one it adds).
        canonical = max(
            names,
            key=lambda n: (len(name_tokens(n)), names[n], not n.isascii(), "-" in n, len(n), n),
        )
        types = Counter(ents[i].type for i in group)
        etype = max(types, key=lambda k: (types[k], k == _PERSON, k))
        cid = _stable_id("E", f"{_type_class(etype)}:{_full_key(canonical)}", used_ids)
        aliases = sorted(
            {n for i in group for n in (clean_name(ents[i].name), *ents[i].aliases)} - {canonical}
        )
        roles = sorted({r for i in group for r in ents[i].roles})
        docs = {ents[i].doc for i in group}
        dates = [facts.documents[d].published for d in docs if d in facts.documents]
        if not dates:
            continue
        rows.append(
            {
                "id": cid,
                "key": _full_key(canonical)[:512],
                "name": canonical,
                "type": etype,
                "aliases": aliases,
                "roles": roles,
                "documents": len(docs),
                "mentions": sum(ents[i].mentions for i in group),
                "first_published": min(dates),
                "last_published": max(dates),
            }
        )
        for i in group:
            e = ents[i]
            of_row[e.row_id] = cid
            members.append(
                {
                    "corpus_entity_id": cid,
                    "document_id": e.doc,
                    "entity_id": e.row_id,
                    "name": e.name,
                }
            )
            for n in (e.name, *e.aliases):
                by_doc_name[e.doc].setdefault(n.casefold(), cid)
        first[cid] = (ents[idx].doc, ents[idx].ordinal)
    type_of = {row["id"]: row["type"] for row in rows}
    return _EntityGroups(of_row, rows, members, by_doc_name, type_of, first)


def _entity_keys(e: _Entity) -> set[str]:
    """Every key by which :func:`_merge_entities` can compare ``e`` with another entity.

    Two entities sharing none cannot influence each other's group, id or name: the keys of
    spellings, acronyms and their expansions, surnames, the canonical-name key an id is
    made from (ids of one key are numbered in merge order), and the names a document gives
    (which decide the entity an event argument names).  A superset is safe: it only makes
    an incremental merge recompute more.
    """
    cls = _type_class(e.type)
    keys = {f"id|{_full_key(clean_name(e.name))}"}
    keys.update(f"doc|{e.doc}|{n.casefold()}" for n in (e.name, *e.aliases))
    for spelling in (e.name, *e.aliases):
        key = _full_key(spelling)
        if key:
            keys.add(f"key|{cls}|{key}")
    written = e.name.replace(".", "").lower()
    if acronym(e.name) == written:
        keys.add(f"acr|{written}")
    expansion = acronym(e.name)
    if expansion and cls in ("org", "place") and len(name_tokens(e.name)) >= 3:
        keys.add(f"acr|{expansion}")
    for alias in e.aliases:
        short = acronym(alias)
        if short and short == alias.replace(".", "").lower():
            keys.add(f"acr|{short}")
    keys.add(f"sur|{_full_key(e.name)}")
    if e.type == _PERSON:
        keys.update(f"sur|{key}" for key in _surname_keys(e.name))
    return keys


@lru_cache(maxsize=1 << 16)
def _close_spellings(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= _SPELLING_SIMILARITY


def _surname_keys(name: str) -> list[str]:
    """Keys of the last word, and of the last two words, of a person's fuller name."""
    words = clean_name(name).split()
    if len(words) < 2:
        return []
    keys = [_full_key(words[-1])]
    if len(words) >= 3:
        keys.append(_full_key(" ".join(words[-2:])))
    return keys


def _stable_id(prefix: str, key: str, used: set[str]) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    for n in range(16, 64, 4):
        cid = f"{prefix}{digest[:n]}"
        if cid not in used:
            used.add(cid)
            return cid
    raise AssertionError("sha256 prefixes exhausted")  # pragma: no cover


# --- places ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    key: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    is_country: bool
    geonameid: int | None


def _place_of(row: _PlaceRow) -> _Place:
    # Keyed by name: two outlets writing the same name mean the same place, even where the
    # gazetteer grounded them differently (a name shared by towns in two countries).
    is_country = bool(row.feature and row.feature.startswith(_COUNTRY_FEATURES))
    return _Place(
        _full_key(row.name), row.name, row.lat, row.lon, row.country, is_country, row.geonameid
    )


@lru_cache(maxsize=1 << 16)
def _places_compatible(a: _Place, b: _Place) -> bool:
    """Could both be true: the same place, one inside the other (a city in its country),
    or two names for points a few km apart."""
    if a.key == b.key or (a.geonameid is not None and a.geonameid == b.geonameid):
        return True
    if a.is_country or b.is_country:
        return bool(a.country and a.country == b.country)
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        from .geo import great_circle_km

        return great_circle_km(a.lat, a.lon, b.lat, b.lon) <= _NEAR_KM
    return False


# --- events ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    """One event mention, with what its trigger's sentence says."""

    event: _EventRow
    published: dt.date
    actors: frozenset[str]  # corpus entity ids of actors and targets
    roles: tuple[tuple[str, str], ...]  # (corpus entity id, "actor" | "target")
    agents: frozenset[str]  # the actors and targets that are people or organisations
    stem: str
    time: str | None
    interval: tuple[dt.date, dt.date, int] | None
    place: _Place | None
    numbers: dict[str, tuple[float, bool, tuple[int, int, str]]]  # unit -> value, approx, span
    sentence: tuple[int, int, str] | None


def _mention_record(m: _Mention, outlet: str | None) -> dict[str, Any]:
    """What the merge read for ``m``, as JSON (see :func:`_mention_from`)."""
    ev, place = m.event, m.place
    return {
        "document": ev.doc,
        "ordinal": ev.ordinal,
        "type": ev.type,
        "trigger": ev.trigger,
        "trigger_start": ev.trigger_start,
        "certainty": ev.certainty,
        "time_value": ev.time_value,
        "sources": list(ev.args.get("source", [])),
        "published": m.published.isoformat(),
        "outlet": outlet,
        "roles": [list(pair) for pair in m.roles],
        "agents": sorted(m.agents),
        "stem": m.stem,
        "time": m.time,
        "place": None
        if place is None
        else [
            place.key,
            place.name,
            place.lat,
            place.lon,
            place.country,
            place.is_country,
            place.geonameid,
        ],
        # A list, not an object: the order of units is the order of the claims.
        "numbers": [[unit, v, a, list(span)] for unit, (v, a, span) in m.numbers.items()],
        "sentence": list(m.sentence) if m.sentence is not None else None,
    }


def _mention_from(event_id: int, r: dict[str, Any]) -> tuple[_Mention, str | None]:
    """The mention :func:`_mention_record` recorded, and its document's outlet."""
    args: dict[str, list[str]] = defaultdict(list)
    if r["sources"]:
        args["source"] = list(r["sources"])
    event = _EventRow(
        event_id,
        r["document"],
        r["ordinal"],
        r["type"],
        r["trigger"],
        r["trigger_start"],
        r["certainty"],
        r["time_value"],
        [],
        args,
    )
    roles = tuple((str(cid), str(role)) for cid, role in r["roles"])
    place = r["place"]
    sentence = r["sentence"]
    mention = _Mention(
        event=event,
        published=dt.date.fromisoformat(r["published"]),
        actors=frozenset(cid for cid, _ in roles),
        roles=roles,
        agents=frozenset(r["agents"]),
        stem=r["stem"],
        time=r["time"],
        interval=time_interval(r["time"]),
        place=None if place is None else _Place(*place),
        numbers={
            unit: (float(v), bool(a), (int(span[0]), int(span[1]), str(span[2])))
            for unit, v, a, span in r["numbers"]
        },
        sentence=None if sentence is None else (int(sentence[0]), int(sentence[1]), sentence[2]),
    )
    return mention, r["outlet"]


_STEM_SUFFIXES = ("ings", "ing", "ed", "es", "s")


def _stem(trigger: str) -> str:
    word = trigger.lower().split()[-1] if trigger.strip() else ""
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # "kill" and "killed" -> "kil"/"kill": fold the double letter
    return word


def _mentions(facts: _Facts, groups: _EntityGroups) -> list[_Mention]:
    out: list[_Mention] = []
    for ev in facts.events:
        doc = facts.documents.get(ev.doc)
        if doc is None or ev.certainty == "denied":
            continue
        names = groups.by_doc_name.get(ev.doc, {})
        roles: dict[str, str] = {}
        for role in ("actor", "target"):
            for name in ev.args.get(role, []):
                cid = names.get(name.casefold())
                if cid is not None and groups.types.get(cid) in _ACTOR_TYPES:
                    roles.setdefault(cid, role)
        sentence = _trigger_sentence(ev)
        time = _time_of(ev, doc, facts.times.get(ev.doc, []), sentence)
        place = _place_for(ev, doc, facts.places.get(ev.doc, []), sentence)
        numbers = _numbers_of(ev, facts.quantities.get(ev.doc, []), sentence)
        out.append(
            _Mention(
                event=ev,
                published=doc.published,
                actors=frozenset(roles),
                roles=tuple(roles.items()),
                agents=frozenset(c for c in roles if groups.types.get(c) in _AGENT_TYPES),
                stem=_stem(ev.trigger),
                time=time,
                interval=time_interval(time),
                place=place,
                numbers=numbers,
                sentence=sentence,
            )
        )
    out.sort(key=lambda m: (m.published, m.event.doc, m.event.ordinal))
    return out


def _trigger_sentence(ev: _EventRow) -> tuple[int, int, str] | None:
    for start, end, text in ev.evidence:
        if start <= ev.trigger_start < end:
            return start, end, text
    return None


def _outside_dateline(doc: _Doc, start: int) -> bool:
    return start >= doc.dateline_end


def _after_cue(doc: _Doc, start: int) -> bool:
    return any(0 <= start - cue_end <= _CUE_REACH for cue_end in doc.cue_ends)


def _time_of(
    ev: _EventRow,
    doc: _Doc,
    times: list[tuple[int, int, str, str]],
    sentence: tuple[int, int, str] | None,
) -> str | None:
    """The date the trigger's sentence gives, nearest the trigger; else the account's time
    of the event when the text gives it outside a dateline and not as when someone spoke."""

    def usable(start: int, kind: str, value: str) -> bool:
        return (
            kind in ("DATE", "TIME")
            and _outside_dateline(doc, start)
            and not _after_cue(doc, start)
            and time_interval(value) is not None
        )

    if sentence is not None:
        s0, s1, _ = sentence
        candidates = [
            (abs(start - ev.trigger_start), value)
            for start, end, kind, value in times
            if s0 <= start and end <= s1 and usable(start, kind, value)
        ]
        if candidates:
            return min(candidates)[1]
    if ev.time_value and any(
        value == ev.time_value and usable(start, kind, value) for start, _, kind, value in times
    ):
        return ev.time_value
    return None


def _place_for(
    ev: _EventRow,
    doc: _Doc,
    places: list[_PlaceRow],
    sentence: tuple[int, int, str] | None,
) -> _Place | None:
    """The place named in the trigger's sentence nearest the trigger (datelines left out)."""
    if sentence is None:
        named = set(ev.args.get("place", []))
        for row in places:
            if row.name in named:
                return _place_of(row)
        return None
    s0, s1, text = sentence
    best: tuple[tuple[int, int, int], _PlaceRow] | None = None
    for row in places:
        for start, end in row.spans:
            if s0 <= start and end <= s1 and _outside_dateline(doc, start):
                # Where it happened is said with a preposition ("in Vienna", "near
                # Komarno"); a bare name is what it is about or whose ("Slovak minister").
                before = text[max(0, start - s0 - 12) : start - s0].lower()
                if not _LOCATIVE.search(before):
                    continue
                # A settlement or region rather than a river or a mountain.
                feature = row.feature or ""
                settled = 0 if not feature or feature[:1] in ("P", "A") else 1
                rank = (0, settled, abs(start - ev.trigger_start))
                if best is None or rank < best[0]:
                    best = (rank, row)
    return _place_of(best[1]) if best is not None else None


def _numbers_of(
    ev: _EventRow,
    quantities: list[tuple[int, int, float, str, bool]],
    sentence: tuple[int, int, str] | None,
) -> dict[str, tuple[float, bool, tuple[int, int, str]]]:
    """Per unit, the quantity nearest the trigger in its sentence."""
    if sentence is None:
        return {}
    s0, s1, text = sentence
    best: dict[str, tuple[int, float, bool, tuple[int, int, str]]] = {}
    for start, end, value, unit, approx in quantities:
        if s0 <= start and end <= s1:
            distance = abs(start - ev.trigger_start)
            if unit not in best or distance < best[unit][0]:
                best[unit] = (distance, value, approx, (start, end, text[start - s0 : end - s0]))
    return {unit: (v, a, span) for unit, (_, v, a, span) in best.items()}


@dataclass
class _Cluster:
    """Mentions judged to be one happening, and what most of them say about it."""

    mentions: list[_Mention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    times: Counter[tuple[dt.date, dt.date, int]] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    place_of: dict[str, _Place] = field(default_factory=dict)
    by_doc: dict[str, list[_Mention]] = field(default_factory=dict)
    # What the cluster mostly says, kept current by add(): fits() runs far more often.
    top_time: tuple[dt.date, dt.date, int] | None = None
    top_place: _Place | None = None

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.by_doc.setdefault(m.event.doc, []).append(m)
        self.actors |= m.actors
        self.agents |= m.agents
        self.stems.add(m.stem)
        # A report outweighs an expectation: what happened, not what was planned, leads.
        weight = 1 if m.event.certainty in _EXPECTATIONS else 2
        # The most reported value (the first reported among equals): a new mention is
        # compared with what the cluster mostly says, so a cluster cannot drift.
        if m.interval is not None:
            self.times[m.interval] += weight
            self.top_time = self.times.most_common(1)[0][0]
        if m.place is not None:
            self.places[m.place.key] += weight
            self.place_of.setdefault(m.place.key, m.place)
            self.top_place = self.place_of[self.places.most_common(1)[0][0]]

    def fits(self, m: _Mention) -> bool:
        time, place = self.top_time, self.top_place
        time_agrees = (
            m.interval is not None and time is not None and _intervals_overlap(m.interval, time)
        )
        place_agrees = (
            m.place is not None and place is not None and _places_compatible(m.place, place)
        )
        if (
            m.interval is not None
            and time is not None
            and _days_apart(m.interval, time) > (_MAX_DISAGREEMENT_DAYS)
        ):
            # Reports do not disagree by months on one happening: this is another one.
            return False
        # One article telling of the same actor doing the same at another time or place
        # tells of two happenings, not of one it contradicts itself about.
        for other in self.by_doc.get(m.event.doc, ()):
            if (
                m.interval is not None
                and other.interval is not None
                and not _intervals_overlap(m.interval, other.interval)
            ):
                return False
            if (
                m.place is not None
                and other.place is not None
                and not _places_compatible(m.place, other.place)
            ):
                return False
        # Only people and organisations single a happening out: a country or a nationality
        # acts in countless events.
        shared_actor = bool(self.agents & m.agents)
        if self.agents and m.agents and not shared_actor:
            # Different actors: the same happening only if the same word names it on the
            # same day at the same place (a report may miss or confuse participants).
            return (
                m.stem in self.stems
                and time_agrees
                and m.interval is not None
                and m.interval[2] == 0
                and place_agrees
            )
        if not shared_actor:
            # Joined by the word alone ("killed", "fire"): it must also agree on when or
            # where, or every fire of the corpus would be one.
            return m.stem in self.stems and (time_agrees or place_agrees)
        time_clash = m.interval is not None and time is not None and not time_agrees
        place_clash = m.place is not None and place is not None and not place_agrees
        # Two reports agreeing on neither time nor place describe two happenings.
        return not (time_clash and place_clash)


def _mention_keys(m: _Mention) -> set[str]:
    """The keys by which :func:`_cluster` finds candidate story events for ``m``: mentions
    sharing none never meet (the only way a mention reaches a cluster is through them)."""
    etype = m.event.type
    return {f"stem|{etype}|{m.stem}"} | {f"actor|{etype}|{a}" for a in m.actors}


def _days_apart(a: tuple[dt.date, dt.date, int], b: tuple[dt.date, dt.date, int]) -> int:
    """Days between two intervals (0 when they overlap)."""
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _intervals_overlap(a: tuple[dt.date, dt.date, int], b: tuple[dt.date, dt.date, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _cluster(
    mentions: list[_Mention],
    old: Iterable[_Cluster] = (),
    old_candidates: dict[int, set[int]] | None = None,
) -> list[_Cluster]:
    """Story events of ``mentions``, taken in merge order, each joining the first candidate
    it fits or starting a new one.

    ``old`` continues a clustering: the story events (in the order they were created) built
    from the mentions before ``mentions``; ``old_candidates`` gives, per event row id, the
    indices of old story events those earlier mentions make candidates even though ``old``
    does not hold all their mentions."""
    clusters = list(old)
    by_type_actor: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_type_stem: dict[tuple[str, str], list[int]] = defaultdict(list)

    def register(chosen: int, m: _Mention) -> None:
        etype = m.event.type
        for a in m.actors:
            if chosen not in by_type_actor[(etype, a)]:
                by_type_actor[(etype, a)].append(chosen)
        if chosen not in by_type_stem[(etype, m.stem)]:
            by_type_stem[(etype, m.stem)].append(chosen)

    for i, cluster in enumerate(clusters):
        for m in cluster.mentions:
            register(i, m)
    for m in mentions:
        etype = m.event.type
        candidates: set[int] = set((old_candidates or {}).get(m.event.row_id, ()))
        for a in m.actors:
            candidates.update(by_type_actor.get((etype, a), ()))
        candidates.update(by_type_stem.get((etype, m.stem), ()))
        # The most recent candidates only: a story's reports come close together, and a
        # busy actor must not make every mention scan every cluster they were ever in.
        recent = sorted(candidates)[-_MAX_CANDIDATES:]
        chosen = next((c for c in recent if clusters[c].fits(m)), None)
        if chosen is None:
            chosen = len(clusters)
            clusters.append(_Cluster())
        clusters[chosen].add(m)
        register(chosen, m)
    return clusters


# --- claims ------------------------------------------------------------------------------


@dataclass
class _ClaimDraft:
    predicate: str
    kind: str
    value: str
    supports: list[tuple[_Mention, tuple[int, int, str] | None]] = field(default_factory=list)
    place: _Place | None = None
    number: tuple[float, bool] | None = None
    interval: tuple[dt.date, dt.date, int] | None = None

    @property
    def reports(self) -> list[_Mention]:
        return [m for m, _ in self.supports if m.event.certainty not in _EXPECTATIONS]

    @property
    def first(self) -> dt.date:
        return min(m.published for m, _ in self.supports)


def _claim_drafts(cluster: _Cluster) -> list[_ClaimDraft]:
    by_key: dict[tuple[str, str], _ClaimDraft] = {}
    for m in cluster.mentions:
        if m.interval is not None and m.time is not None:
            value = _date_value(m.time)
            d = by_key.setdefault(("date", value), _ClaimDraft("date", "date", value))
            d.interval = time_interval(value)
            d.supports.append((m, m.sentence))
        if m.place is not None:
            d = by_key.setdefault(
                ("place", m.place.key), _ClaimDraft("place", "place", m.place.name)
            )
            d.place = m.place
            d.supports.append((m, m.sentence))
        for unit, (number, approx, span) in m.numbers.items():
            predicate = f"number of {unit}"
            value = _number_text(number, unit)
            d = by_key.setdefault((predicate, value), _ClaimDraft(predicate, "number", value))
            d.number = (number, approx or (d.number is not None and d.number[1]))
            d.supports.append((m, m.sentence or span))
    return list(by_key.values())


def _date_value(value: str) -> str:
    return value.split("T", 1)[0]


def _number_text(value: float, unit: str) -> str:
    shown = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    return f"{shown} {unit}"


def _conflict(a: _ClaimDraft, b: _ClaimDraft) -> bool:
    if a.predicate != b.predicate:
        return False
    # A document giving both values tells of two things (two tolls: dead and injured, say),
    # not of a disagreement.
    if {m.event.doc for m, _ in a.supports} & {m.event.doc for m, _ in b.supports}:
        return False
    if a.kind == "date":
        return (
            a.interval is not None
            and b.interval is not None
            and not _intervals_overlap(a.interval, b.interval)
        )
    if a.kind == "place":
        return (
            a.place is not None and b.place is not None and not _places_compatible(a.place, b.place)
        )
    if a.number is None or b.number is None:
        return False
    (x, ax), (y, ay) = a.number, b.number
    tolerance = _APPROX_TOLERANCE if (ax or ay) else _NUMBER_TOLERANCE
    return abs(x - y) > tolerance * max(abs(x), abs(y))


def _overtaken(expectation: _ClaimDraft, report: _ClaimDraft) -> bool:
    """Every support of ``expectation`` expects, and ``report`` was reported after them."""
    if expectation.reports or not report.reports:
        return False
    expected_last = max(m.published for m, _ in expectation.supports)
    return min(m.published for m in report.reports) >= expected_last


# --- building the rows -------------------------------------------------------------------


@dataclass
class _Built:
    entity_rows: list[dict[str, Any]]
    entity_members: list[dict[str, Any]]
    event_rows: list[dict[str, Any]]
    event_members: list[dict[str, Any]]
    event_entities: list[dict[str, Any]]
    claim_rows: list[dict[str, Any]]
    claim_supports: list[dict[str, Any]]
    claim_conflicts: list[dict[str, Any]]
    summary: MergeSummary
    entity_keys: list[dict[str, Any]]
    event_keys: list[dict[str, Any]]
    mention_rows: list[dict[str, Any]] = field(default_factory=list)


def _build(facts: _Facts) -> _Built:
    groups = _merge_entities(facts)
    names = {row["id"]: row["name"] for row in groups.rows}
    built = _story_rows(_cluster(_mentions(facts, groups)), names, facts.documents)
    built.entity_rows = groups.rows
    built.entity_members = groups.members
    built.entity_keys = _entity_key_rows(facts.entities, groups)
    built.summary.entities = len(groups.rows)
    return built


def _entity_key_rows(ents: Iterable[_Entity], groups: _EntityGroups) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for e in ents:
        cid = groups.of_row.get(e.row_id)
        if cid is None:
            continue
        first_doc, first_ordinal = groups.first[cid]
        rows += [
            {
                "entity_id": e.row_id,
                "document_id": e.doc,
                "corpus_entity_id": cid,
                "first_document_id": first_doc,
                "first_ordinal": first_ordinal,
                "key": _digest(key),
            }
            for key in sorted(_entity_keys(e))
        ]
    return rows


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def _story_rows(
    clusters: list[_Cluster], names: dict[str, str], documents: dict[str, _Doc]
) -> _Built:
    """The story events, their members and claims of ``clusters`` (entity rows left empty)."""
    used: set[str] = set()
    event_keys: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    event_members: list[dict[str, Any]] = []
    event_entities: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    supports: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    summary = MergeSummary()
    for cluster in clusters:
        first = cluster.mentions[0]
        sid = _stable_id("S", f"{first.event.doc}:{first.event.ordinal}", used)
        drafts = _claim_drafts(cluster)
        pairs: list[tuple[int, int, str]] = []
        for i, a in enumerate(drafts):
            for j in range(i + 1, len(drafts)):
                b = drafts[j]
                if not _conflict(a, b):
                    continue
                if _overtaken(a, b):
                    pairs += [(i, j, "overtaken"), (j, i, "overtakes")]
                elif _overtaken(b, a):
                    pairs += [(j, i, "overtaken"), (i, j, "overtakes")]
                else:
                    pairs += [(i, j, "contradiction"), (j, i, "contradiction")]
        contested = any(kind == "contradiction" for _, _, kind in pairs)
        event_rows.append(_event_row(sid, cluster, names, contested))
        for m in cluster.mentions:
            mention_rows.append(
                {
                    "event_id": m.event.row_id,
                    "document_id": m.event.doc,
                    "mention": _mention_record(m, documents[m.event.doc].outlet),
                }
            )
            event_keys += [
                {
                    "event_id": m.event.row_id,
                    "document_id": m.event.doc,
                    "published": m.published,
                    "ordinal": m.event.ordinal,
                    "story_event_id": sid,
                    "first_published": first.published,
                    "first_document_id": first.event.doc,
                    "first_ordinal": first.event.ordinal,
                    "key": _digest(key),
                }
                for key in sorted(_mention_keys(m))
            ]
            event_members.append(
                {
                    "story_event_id": sid,
                    "document_id": m.event.doc,
                    "event_id": m.event.row_id,
                    "certainty": m.event.certainty,
                    "published": m.published,
                }
            )
        roles = {pair for m in cluster.mentions for pair in m.roles}
        event_entities += [
            {"story_event_id": sid, "corpus_entity_id": cid, "role": role}
            for cid, role in sorted(roles)
        ]
        label = event_rows[-1]["label"]
        ids = [_stable_id("C", f"{sid}:{d.predicate}:{d.value}", used) for d in drafts]
        kinds_of: dict[int, set[str]] = defaultdict(set)
        for i, j, kind in pairs:
            kinds_of[i].add(kind)
            conflicts.append({"claim_id": ids[i], "other_claim_id": ids[j], "kind": kind})
        for i, d in enumerate(drafts):
            kinds = kinds_of[i]
            status = (
                "contradicted"
                if "contradiction" in kinds
                else "overtaken"
                if "overtaken" in kinds
                else "agreed"
            )
            summary.contradictions += "contradiction" in kinds
            summary.overtaken += "overtaken" in kinds
            dates = [m.published for m, _ in d.supports]
            docs = {m.event.doc for m, _ in d.supports}
            firmest = min(
                (m.event.certainty for m, _ in d.supports), key=lambda c: _CERTAINTY_RANK.get(c, 9)
            )
            claim_rows.append(
                {
                    "id": ids[i],
                    "story_event_id": sid,
                    "subject": label,
                    "predicate": d.predicate,
                    "value": d.value,
                    "value_kind": d.kind,
                    "time": event_rows[-1]["time_value"],
                    "place": event_rows[-1]["place"],
                    "certainty": firmest,
                    "status": status,
                    "contradicted": "contradiction" in kinds,
                    "documents": len(docs),
                    "first_published": min(dates),
                    "last_published": max(dates),
                }
            )
            seen_docs: set[tuple[str, int]] = set()
            for m, span in d.supports:
                key = (m.event.doc, span[0] if span else -1)
                if key in seen_docs:
                    continue
                seen_docs.add(key)
                doc = documents[m.event.doc]
                supports.append(
                    {
                        "claim_id": ids[i],
                        "document_id": m.event.doc,
                        "outlet": doc.outlet,
                        "sources": list(m.event.args.get("source", [])),
                        "certainty": m.event.certainty,
                        "published": m.published,
                        "evidence_text": span[2] if span else None,
                        "evidence_start": span[0] if span else None,
                        "evidence_end": span[1] if span else None,
                    }
                )
    summary.story_events = len(event_rows)
    summary.claims = len(claim_rows)
    # A claim row carries the columns of the claims table only.
    for row in claim_rows:
        row["time_value"] = row.pop("time")
    return _Built(
        [],
        [],
        event_rows,
        event_members,
        event_entities,
        claim_rows,
        supports,
        conflicts,
        summary,
        [],
        event_keys,
        mention_rows,
    )


def _event_row(
    sid: str, cluster: _Cluster, names: dict[str, str], contested: bool
) -> dict[str, Any]:
    ms = cluster.mentions
    # The firmest, latest reports decide what the event shows (expectations give way).
    ranked = sorted(
        ms, key=lambda m: (_CERTAINTY_RANK.get(m.event.certainty, 9), -m.published.toordinal())
    )
    timed = [m for m in ranked if m.interval is not None]
    timed.sort(key=lambda m: (_CERTAINTY_RANK.get(m.event.certainty, 9) > 1, m.interval[2]))  # type: ignore[index]
    placed = [m for m in ranked if m.place is not None]
    time_value = _date_value(timed[0].time) if timed and timed[0].time else None
    interval = time_interval(time_value)
    place = placed[0].place if placed else None
    actor_counts: Counter[str] = Counter(a for m in ms for a in m.actors)
    actors = [names[a] for a, _ in sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    triggers = Counter(m.event.trigger.lower() for m in ms)
    trigger = max(triggers, key=lambda k: (triggers[k], k))
    if actors:
        label = f"{trigger}: {', '.join(actors[:3])}"
    else:
        label = f"{trigger} ({place.name})" if place is not None else trigger
    all_places = list(dict.fromkeys(m.place.name for m in ms if m.place is not None))
    dates = [m.published for m in ms]
    return {
        "id": sid,
        "type": ms[0].event.type,
        "label": label,
        "trigger": trigger,
        "actors": actors,
        "places": all_places,
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "time_value": time_value,
        "time_start": interval[0] if interval else None,
        "time_end": interval[1] if interval else None,
        "granularity": interval[2] if interval else _UNKNOWN_GRANULARITY,
        "certainty": ranked[0].event.certainty,
        "documents": len({m.event.doc for m in ms}),
        "first_published": min(dates),
        "last_published": max(dates),
        "contested": contested,
    }


def _lock(conn: sa.Connection) -> None:
    """Take the corpus for this transaction: two merges at once would insert the same ids
    (and an incremental one must read the corpus it updates), so the second waits."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("LOCK TABLE corpus_state IN EXCLUSIVE MODE"))
    else:
        # SQLite: a write as the first statement takes the database's write lock now, not
        # at the first real write (after reads another writer could have made stale).
        conn.execute(sa.update(t.corpus_state).where(t.corpus_state.c.id == 1).values(id=1))


def _write(conn: sa.Connection, built: _Built, facts: _Facts) -> None:
    for table in t.CORPUS_TABLES:
        conn.execute(sa.delete(table))
    for table, rows in (
        (t.corpus_entities, built.entity_rows),
        (t.corpus_entity_members, built.entity_members),
        (t.story_events, built.event_rows),
        (t.story_event_members, built.event_members),
        (t.story_event_entities, built.event_entities),
        (t.claims, built.claim_rows),
        (t.claim_supports, built.claim_supports),
        (t.claim_conflicts, built.claim_conflicts),
        (t.corpus_entity_keys, built.entity_keys),
        (t.corpus_event_keys, built.event_keys),
        (t.corpus_mentions, built.mention_rows),
        (
            t.corpus_documents,
            [
                {"document_id": doc.id, "ingested_at": doc.ingested_at}
                for doc in facts.documents.values()
            ],
        ),
    ):
        _insert(conn, table, rows)
    conn.execute(
        t.corpus_state.insert(),
        {
            "id": 1,
            "merged_at": dt.datetime.now(dt.UTC),
            "documents": len(facts.documents),
            "last_ingested_at": facts.last_ingested,
        },
    )


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows, 2000):
        conn.execute(table.insert(), chunk)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
