"""Property tests: whatever account is saved comes back identical, or nothing is stored."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.model import Account, Document, Entity, Event, Place, Quantity, Span, Time
from storyline.store import Store, open_store
from storyline.store import schema as t
from tests.store._postgres import PG_TEMPLATE, PostgresCluster

# Any text without lone surrogates (the store keeps what the pipeline accepted).
texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=300,
)
names = st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def accounts(draw: st.DrawFn) -> tuple[Account, str]:
    text = draw(texts)
    n = len(text)

    def spans(k: int) -> list[Span]:
        out = []
        for _ in range(k):
            start = draw(st.integers(0, n))
            end = draw(st.integers(start, n))
            out.append(Span(text=text[start:end], start=start, end=end))
        return out

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = Document(
        id=sha[:16],
        published=draw(st.dates()).isoformat(),
        text_sha256=sha,
        title=draw(st.none() | names),
        length=n,
    )
    entities = [
        Entity(
            id=f"e{i}",
            name=draw(names),
            type=draw(st.sampled_from(["PERSON", "ORG", "GPE"])),
            aliases=draw(st.lists(names, max_size=3)),
            mentions=spans(draw(st.integers(0, 3))),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    places = [
        Place(
            id=f"p{i}",
            name=draw(names),
            lat=draw(st.none() | st.floats(-90, 90)),
            lon=draw(st.none() | st.floats(-180, 180)),
            geonameid=draw(st.none() | st.integers(1, 2**40)),
            mentions=spans(draw(st.integers(0, 2))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    times = [
        Time(**s.model_dump(), type="DATE", value=draw(names))
        for s in spans(draw(st.integers(0, 3)))
    ]
    quantities = [
        Quantity(**s.model_dump(), value=draw(finite), unit=draw(st.sampled_from(["km", "%"])))
        for s in spans(draw(st.integers(0, 3)))
    ]
    events = [
        Event(
            id=f"v{i}",
            type="TRAVEL",
            trigger=spans(1)[0],
            actors=draw(st.lists(names, max_size=3)),
            places=draw(st.lists(names, max_size=2)),
            evidence=spans(draw(st.integers(0, 2))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    account = Account(
        document=document,
        entities=entities,
        places=places,
        times=times,
        quantities=quantities,
        events=events,
    )
    return account, text


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "sqlite":
        with open_store("sqlite://") as store:
            yield store
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.take(PG_TEMPLATE)
    try:
        with open_store(url) as store:
            yield store
    finally:
        cluster.give_back(url)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=accounts())
def test_any_account_round_trips(shared_store: Store, case: tuple[Account, str]) -> None:
    account, text = case
    shared_store.save(account, text, force=True)
    assert shared_store.get(account.document.id) == account
    assert shared_store.text(account.document.id) == text
    shared_store.delete(account.document.id)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=accounts(), bad=st.sampled_from([float("nan"), float("inf"), float("-inf")]))
def test_an_account_that_cannot_be_read_back_is_refused_whole(
    shared_store: Store, case: tuple[Account, str], bad: float
) -> None:
    account, text = case
    broken = account.model_copy(
        update={"quantities": [Quantity(text="", start=0, end=0, value=bad, unit="km")]}
    )
    with pytest.raises(StoreError, match="would not read back"):
        shared_store.save(broken, text)
    with shared_store.engine.connect() as conn:
        for table in (t.documents, *t.FACT_TABLES):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 0
