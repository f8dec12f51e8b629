"""The incremental merge gives exactly the rows of a full rebuild, whatever the order and
batching of the documents, after deletes and replacements, on SQLite and PostgreSQL.

The corpus is every article under tests/articles (wire stories with shared people, places
and events), ingested in shuffled batches with a merge after each batch.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from storyline import Pipeline, corpus
from storyline.corpus import merge
from storyline.ingest.files import collect
from storyline.model import Account
from storyline.store import Store, open_store
from storyline.store import schema as t

ARTICLES = Path(__file__).parents[1] / "articles"
# The date of articles with no dateline of their own.
_DEFAULT_PUBLISHED = dt.date(2026, 4, 10)
_SURROGATE = frozenset({"id", "entity_id", "event_id"})


@pytest.fixture(scope="module")
def accounts(pipeline: Pipeline) -> list[tuple[Account, str]]:
    items, _ = collect(
        [str(ARTICLES / "*.txt"), str(ARTICLES / "story_*")], published=_DEFAULT_PUBLISHED
    )
    unique = {i.path: i for i in items}
    ordered = [unique[p] for p in sorted(unique)]
    extracted = pipeline.pipe([i.article for i in ordered])
    return [(a, i.article.text) for i, a in zip(ordered, extracted, strict=True)]


def _snapshot(store: Store) -> dict[str, Any]:
    """Every corpus row, with document entities and events named by (document, ordinal)
    instead of their surrogate ids, and each claim's supports in their stored order."""
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        entity_of = {
            r.id: (r.document_id, r.ordinal)
            for r in conn.execute(
                sa.select(t.entities.c.id, t.entities.c.document_id, t.entities.c.ordinal)
            )
        }
        event_of = {
            r.id: (r.document_id, r.ordinal)
            for r in conn.execute(
                sa.select(t.events.c.id, t.events.c.document_id, t.events.c.ordinal)
            )
        }
        for table in t.CORPUS_TABLES:
            if table in (
                t.corpus_state,
                t.corpus_documents,
                t.corpus_entity_keys,
                t.corpus_event_keys,
            ):
                continue
            rows = []
            for row in conn.execute(sa.select(table)).mappings():
                values = {k: v for k, v in row.items() if k not in _SURROGATE}
                if "entity_id" in row:
                    values["entity"] = entity_of[row["entity_id"]]
                if "event_id" in row:
                    values["event"] = event_of[row["event_id"]]
                rows.append(json.dumps(values, sort_keys=True, default=str))
            out[table.name] = sorted(rows)
        cs = t.claim_supports
        order: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
        for support in conn.execute(sa.select(cs).order_by(cs.c.id)):
            order[support.claim_id].append((support.document_id, support.evidence_start))
        out["support_order"] = dict(order)
    return out


def _full(store: Store) -> dict[str, Any]:
    store.rebuild()
    return _snapshot(store)


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Force the incremental path whenever the index allows it; count the rebuilds."""
    calls: list[int] = []
    real = corpus.rebuild

    def counted(**kw: Any) -> corpus.MergeSummary:
        calls.append(1)
        return real(**kw)

    monkeypatch.setattr(corpus, "_REBUILD_SHARE", 100.0)
    monkeypatch.setattr(corpus, "rebuild", counted)
    return calls


@pytest.mark.parametrize(("seed", "candidates"), [(1, 64), (2, 64), (3, 2)])
def test_batches_in_any_order_give_the_full_rebuild(
    any_store: Store,
    accounts: list[tuple[Account, str]],
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    candidates: int,
) -> None:
    # Few candidates per mention: the replay must pick the same most recent story events.
    monkeypatch.setattr(corpus, "_MAX_CANDIDATES", candidates)
    rng = random.Random(seed)
    shuffled = accounts[:]
    rng.shuffle(shuffled)
    calls = _spy(monkeypatch)
    done = 0
    while done < len(shuffled):
        size = rng.randint(1, 6)
        for account, text in shuffled[done : done + size]:
            any_store.save(account, text)
        done += size
        merge(store=any_store)
    assert calls == [1]  # the first merge only: it builds the index
    incremental = _snapshot(any_store)
    assert incremental["story_events"] and incremental["claims"]
    # Merging again with nothing new changes nothing.
    summary = merge(store=any_store)
    assert _snapshot(any_store) == incremental
    assert summary.documents == len(accounts)
    assert _full(any_store) == incremental
    assert calls == [1, 1]  # and the explicit rebuild (Store.rebuild)


def test_deletes_and_replacements_give_the_full_rebuild(
    any_store: Store, accounts: list[tuple[Account, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    for account, text in accounts:
        any_store.save(account, text)
    merge(store=any_store)
    rng = random.Random(7)
    for _ in range(3):
        gone = rng.sample(accounts, 4)
        for account, _text in gone:
            any_store.delete(account.document.id)
        merge(store=any_store)
        incremental = _snapshot(any_store)
        # Re-ingesting an unchanged document stores nothing; forcing it replaces its rows.
        back = gone[:2]
        for account, text in back:
            any_store.save(account, text)
        account, text = rng.choice(accounts)
        assert any_store.save(account, text, force=True).replaced or account in [a for a, _ in gone]
        merge(store=any_store)
        incremental = _snapshot(any_store)
        assert _full(any_store) == incremental
    summary = merge(store=any_store)
    assert summary.documents == any_store.count()
    assert len(calls) == 1 + 3  # the first merge, then only the three explicit rebuilds


def test_a_store_merged_before_the_index_is_rebuilt(
    any_store: Store, accounts: list[tuple[Account, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    for account, text in accounts[:6]:
        any_store.save(account, text)
    merge(store=any_store)
    expected = _snapshot(any_store)
    # A store upgraded from revision 0003: corpus tables and state, an empty merge index.
    with any_store.engine.begin() as conn:
        for table in (t.corpus_documents, t.corpus_entity_keys, t.corpus_event_keys):
            conn.execute(sa.delete(table))
    account, text = accounts[6]
    any_store.save(account, text)
    merge(store=any_store)
    assert calls == [1, 1]
    assert _full(any_store) == _snapshot(any_store) != expected


def test_concurrent_merges_wait_for_each_other(
    store_url: str, accounts: list[tuple[Account, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes' merges at once: the second waits, then reads what the first wrote
    (on PostgreSQL its snapshot is taken after the lock), so nothing is merged twice."""
    monkeypatch.setattr(corpus, "_REBUILD_SHARE", 100.0)
    with open_store(store_url) as first, open_store(store_url) as second:
        for account, text in accounts[:10]:
            first.save(account, text)
        first.merge()
        for account, text in accounts[10:14]:
            first.save(account, text)
        for account, text in accounts[14:18]:
            second.save(account, text)
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def run(store: Store) -> None:
            barrier.wait()
            try:
                store.merge()
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(s,)) for s in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        merged = _snapshot(first)
        assert first.merge().documents == 18
        assert _full(first) == merged
