"""The read layer: listing with filters and pages, one account by id, accounts for export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import query
from storyline.errors import NotFound
from storyline.store import Store, open_store
from tests.sample_accounts import (
    FERRY_TEXT,
    HARVEST_TEXT,
    ferry_account,
    harvest_account,
    minimal_account,
)

FERRY_ID = ferry_account().document.id
HARVEST_ID = harvest_account().document.id


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'query.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        opened.save(ferry_account(), FERRY_TEXT, origin="in/ferry.txt")
        opened.save(harvest_account(), HARVEST_TEXT)
        yield opened


def ids(summaries: list[query.DocumentSummary]) -> list[str]:
    return [s.id for s in summaries]


def test_newest_publication_first_with_counts(store: Store) -> None:
    first, second = query.list_documents(store=store)
    assert (first.id, second.id) == (FERRY_ID, HARVEST_ID)
    assert first.title == "Ferry sails for Apia" and first.origin == "in/ferry.txt"
    assert (first.entities, first.places, first.times, first.events) == (5, 3, 3, 2)
    assert first.what == "left Suva"
    assert first.snippet.startswith("SUVA, March 3, 2024 - The ferry")
    assert first.snippet.endswith("…") and len(first.snippet) == 100
    assert second.snippet == HARVEST_TEXT.splitlines()[0][:99].rstrip() + "…"
    assert first.published == dt.date(2024, 3, 3) and first.ingested_at.tzinfo is not None
    assert first.length == len(FERRY_TEXT)


def test_date_bounds_are_inclusive(store: Store) -> None:
    assert ids(query.list_documents(store=store, since=dt.date(2024, 3, 3))) == [FERRY_ID]
    assert ids(query.list_documents(store=store, until=dt.date(2023, 10, 6))) == [HARVEST_ID]
    assert ids(query.list_documents(store=store, since=dt.date(2025, 1, 1))) == []


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"entity": "tuilagi"}, [FERRY_ID]),  # part of a name, any case
        ({"entity": "Lena Tuilagi"}, [FERRY_ID]),
        ({"entity": "Ghent"}, [HARVEST_ID]),
        ({"entity": "Nobody"}, []),
        ({"place": "SUVA"}, [FERRY_ID]),
        ({"place": "ghent"}, [HARVEST_ID]),
        ({"source": "cooperative"}, [HARVEST_ID]),
        ({"source": "Pacific Shipping"}, [FERRY_ID]),
        ({"entity": "Suva", "place": "Ghent"}, []),  # criteria combine with AND
        ({"entity": "%"}, []),  # LIKE wildcards are taken literally
        ({"entity": "  "}, [FERRY_ID, HARVEST_ID]),  # a blank filter is no filter
    ],
)
def test_filters(store: Store, kwargs: dict[str, str], expected: list[str]) -> None:
    assert ids(query.list_documents(store=store, **kwargs)) == expected  # type: ignore[arg-type]


def test_filter_matches_mentions_so_aliases_count(store: Store) -> None:
    text = "Officials at the Ministry of Transport said on Monday that the MoT would act."
    account = minimal_account(text).model_copy(
        update={"entities": [ferry_account().entities[3].model_copy(update={
            "name": "Ministry of Transport", "mentions": []})]}
    )  # fmt: skip
    store.save(account, text)
    assert ids(query.list_documents(store=store, entity="ministry")) == [account.document.id]


def test_pages_and_totals(store: Store) -> None:
    for i in range(5):
        text = f"Story number {i} about the bridge in a small market town."
        store.save(minimal_account(text, published=f"2022-01-0{i + 1}"), text)
    page = query.page_documents(store=store, limit=3)
    assert page.total == 7 and len(page.items) == 3 and page.next_offset == 3
    page = query.page_documents(store=store, limit=3, offset=6)
    assert page.total == 7 and len(page.items) == 1 and page.next_offset is None
    page = query.page_documents(store=store, limit=3, offset=50)
    assert page.total == 7 and page.items == []
    everything = ids(query.list_documents(store=store, limit=100))
    paged = [
        i
        for off in range(0, 7, 2)
        for i in ids(query.list_documents(store=store, limit=2, offset=off))
    ]
    assert paged == everything and len(set(everything)) == 7
    assert query.count_documents(store=store) == 7
    assert query.count_documents(store=store, until=dt.date(2022, 12, 31)) == 5


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (10_001, 0), (10, -1)])
def test_bad_paging_is_refused(store: Store, limit: int, offset: int) -> None:
    with pytest.raises(ValueError):
        query.list_documents(store=store, limit=limit, offset=offset)


def test_by_url_opens_and_closes(store: Store, db_url: str) -> None:
    assert ids(query.list_documents(db=db_url)) == [FERRY_ID, HARVEST_ID]
    assert query.get_account(FERRY_ID[:6], db=db_url) == ferry_account()
    assert query.get_text(HARVEST_ID, db=db_url) == HARVEST_TEXT
    assert [a.document.id for a in query.iter_accounts(db=db_url)] == [HARVEST_ID, FERRY_ID]


def test_default_store_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with open_store() as opened:
        opened.save(harvest_account(), HARVEST_TEXT)
    assert ids(query.list_documents()) == [HARVEST_ID]


def test_iter_accounts_by_ids_checks_them_first(store: Store) -> None:
    got = query.iter_accounts([HARVEST_ID, FERRY_ID[:8], HARVEST_ID[:9]], store=store)
    assert [a.document.id for a in got] == [HARVEST_ID, FERRY_ID]
    with pytest.raises(NotFound):
        query.iter_accounts([FERRY_ID, "0000000000"], store=store)


def test_iter_accounts_filtered(store: Store) -> None:
    got = query.iter_accounts(store=store, place="apia")
    assert [a.document.id for a in got] == [FERRY_ID]


def test_iter_accounts_streams_past_one_batch(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'many.db'}") as store:
        expected = []
        for i in range(230):
            text = f"Report {i}: the harbour master counted the boats again today."
            account = minimal_account(text, published=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}")
            store.save(account, text)
            expected.append((account.document.published, account.document.id))
        got = [(a.document.published, a.document.id) for a in query.iter_accounts(store=store)]
        assert got == sorted(expected)
