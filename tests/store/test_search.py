"""Full-text search on both engines: stems, phrases, OR, exclusion, snippets with highlight
offsets, an index kept in step with saves and deletes, and untrusted queries that either
search or fail with BadQuery -- never anything else."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import query
from storyline.errors import BadQuery
from storyline.model import Account, Document
from storyline.store import Store, open_store
from storyline.store import schema as t
from storyline.store.search import fts_rowid, parse_query, to_fts5, to_websearch
from storyline.store.store import MIGRATIONS_DIR
from tests.sample_accounts import document, minimal_account

STORIES = {
    "ferry": (
        "The night ferries between Kirkwall and Lerwick were cancelled on Tuesday after "
        "gale warnings, the harbour master said. Passengers waited in the terminal.",
        "Gales stop the island crossings",
    ),
    "orchard": (
        "Apple growers near Ghent picked a record harvest, the cooperative said. Cold "
        "storage in the port of Antwerp is full, and prices fell by a tenth.",
        "Record harvest for apple growers",
    ),
    "rail": (
        "Engineers reopened the rail bridge over the river Tay on Friday. The first train "
        "crossed at dawn; the ferry service that replaced it will stop next week.",
        "Tay bridge reopens after repairs",
    ),
    "court": (
        "A court in Antwerp fined the harbour operator for unsafe cranes. The operator said "
        "it would appeal, according to its lawyer.",
        None,
    ),
}


def titled(text: str, title: str | None, published: str = "2024-04-02") -> Account:
    account = minimal_account(text, published=published)
    doc: Document = document(text, published, title)
    return account.model_copy(update={"document": doc})


@pytest.fixture
def corpus(any_store: Store) -> dict[str, str]:
    ids = {}
    for name, (text, title) in STORIES.items():
        account = titled(text, title)
        any_store.save(account, text)
        ids[name] = account.document.id
    return ids


def found(store: Store, q: str, **kw: int) -> list[str]:
    return [h.id for h in query.search(q, store=store, **kw)]


def test_words_match_by_stem_in_any_order(any_store: Store, corpus: dict[str, str]) -> None:
    # "ferry" finds "ferries" and "ferry"; both stories, nothing else.
    assert set(found(any_store, "ferry")) == {corpus["ferry"], corpus["rail"]}
    assert found(any_store, "cancelled gale Lerwick") == [corpus["ferry"]]
    assert found(any_store, "harbour Antwerp") == [corpus["court"]]
    assert found(any_store, "submarine") == []


def test_phrases_or_and_exclusion(any_store: Store, corpus: dict[str, str]) -> None:
    assert found(any_store, '"rail bridge"') == [corpus["rail"]]
    assert found(any_store, '"bridge rail"') == []
    assert set(found(any_store, "Lerwick OR Ghent")) == {corpus["ferry"], corpus["orchard"]}
    assert found(any_store, "ferry -bridge") == [corpus["ferry"]]
    assert found(any_store, 'Antwerp -"cold storage"') == [corpus["court"]]


def test_titles_count_more_than_the_body(any_store: Store, corpus: dict[str, str]) -> None:
    # "harvest" is in the orchard story's title and body, in no other story.
    hits = query.search("record", store=any_store)
    assert [h.id for h in hits] == [corpus["orchard"]]
    assert hits[0].title == "Record harvest for apple growers"
    # The court story says "harbour" once in the body; the ferry story too, in a longer text.
    assert all(h.score > 0 for h in query.search("harbour", store=any_store))


def test_snippets_are_plain_text_with_highlight_offsets(
    any_store: Store, corpus: dict[str, str]
) -> None:
    (hit,) = query.search("gale warnings", store=any_store)
    assert hit.id == corpus["ferry"]
    assert "\ue000" not in hit.snippet and "<" not in hit.snippet
    marked = [hit.snippet[a:b].lower() for a, b in hit.highlights]
    assert marked and all(m.startswith(("gale", "warning")) for m in marked)
    assert hit.published.isoformat() == "2024-04-02"


def test_paging(any_store: Store, corpus: dict[str, str]) -> None:
    every = found(any_store, "said")
    assert len(every) == 3
    assert found(any_store, "said", limit=2) + found(any_store, "said", limit=2, offset=2) == every
    with pytest.raises(ValueError):
        query.search("said", store=any_store, limit=0)
    with pytest.raises(ValueError):
        query.search("said", store=any_store, offset=-1)


def test_the_index_follows_saves_replaces_and_deletes(
    any_store: Store, corpus: dict[str, str]
) -> None:
    any_store.delete(corpus["ferry"])
    assert found(any_store, "Lerwick") == []
    text, title = STORIES["rail"]
    any_store.save(titled(text, "Bridge works finished"), text, force=True)
    assert found(any_store, "works finished") == [corpus["rail"]]
    assert found(any_store, "repairs") == []  # the old title is gone from the index
    assert found(any_store, "Tay") == [corpus["rail"]]  # once, not twice
    text, title = STORIES["ferry"]
    any_store.save(titled(text, title), text)
    assert found(any_store, "Lerwick") == [corpus["ferry"]]


def test_a_failed_save_leaves_no_index_row(any_store: Store) -> None:
    text = "The lighthouse keeper on Fair Isle counted puffins all summer."
    account = minimal_account(text)
    bad = account.model_copy(
        update={"document": account.document.model_copy(update={"id": "0" * 16})}
    )
    with pytest.raises(Exception, match="sha256"):
        any_store.save(bad, text)
    assert found(any_store, "puffins") == []


@pytest.mark.parametrize(
    "q",
    ["", "   ", "-ferry", '-"rail bridge"', "OR", "- -", "!!! ???", '""', "x" * 501],
)
def test_queries_with_nothing_to_search_for(any_store: Store, q: str) -> None:
    with pytest.raises(BadQuery) as info:
        query.search(q, store=any_store)
    assert info.value.code == "input.bad_query"


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE documents; --",
        '" OR 1=1 --',
        "ferry AND",
        "NEAR(ferry bridge)",
        "title:record",
        "ferr*",
        "^ferry",
        "(ferry",
        'ferry"',
        "\\x00 ferry",
        "ferry\u0000",
        "ferry OR OR rail",
        "NOT ferry",
        "{title body}: ferry",
        "ferry + rail",
    ],
)
def test_hostile_queries_search_as_words(any_store: Store, corpus: dict[str, str], q: str) -> None:
    hits = query.search(q, store=any_store)
    assert all(h.id in corpus.values() for h in hits)
    assert any_store.count() == len(STORIES)
    with any_store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar() == 4


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(q=st.text(max_size=80))
def test_any_query_searches_or_says_bad_query(any_store: Store, q: str) -> None:
    try:
        hits = query.search(q, store=any_store, limit=5)
    except BadQuery:
        return
    assert len(hits) <= 5


def test_parse_query_renders_only_quoted_words() -> None:
    clauses = parse_query('Ferry "rail  bridge" OR tunnel -"night train" -bus ORacle')
    assert to_fts5(clauses) == (
        '(("ferry") AND ("rail bridge" OR "tunnel") AND ("oracle")) NOT "night train" NOT "bus"'
    )
    assert (
        to_websearch(clauses) == '"ferry" "rail bridge" or "tunnel" -"night train" -"bus" "oracle"'
    )


def test_fts_rowids_are_signed_64_bit_and_distinct() -> None:
    assert fts_rowid("0000000000000001") == 1
    assert fts_rowid("ffffffffffffffff") == -1
    assert fts_rowid("8000000000000000") == -(1 << 63)
    assert fts_rowid("7fffffffffffffffab") == (1 << 63) - 1


# --- the migration fills the index from what was stored before it ----------------------


def test_upgrading_to_0003_indexes_existing_documents(store_url: str) -> None:
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", store_url)
    with open_store(store_url):
        pass  # created at head (the folder too), then taken back to the revision before
    command.downgrade(config, "0002")
    engine = sa.create_engine(store_url)
    text, title = STORIES["orchard"]
    account = titled(text, title)
    try:
        # What a store at 0002 held: the rows written by the code of that time.
        from storyline.store.store import _Rows

        rows = _Rows(account, text, None)
        with engine.begin() as conn:
            conn.execute(t.documents.insert(), rows.document)
            conn.execute(t.contents.insert(), rows.content)
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert found(store, "apple growers") == [account.document.id]


def test_search_opens_the_store_by_url(store_url: str) -> None:
    text, title = STORIES["court"]
    with open_store(store_url) as store:
        store.save(titled(text, title), text)
    hits = query.search("appeal", db=store_url)
    assert [h.title for h in hits] == [None] and hits[0].snippet
