"""``ingest_items``: extract and store many articles; known texts never reach the pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa

from storyline.errors import InputError
from storyline.ingest.files import InputItem
from storyline.ingest.text import Article
from storyline.model import Account
from storyline.pipeline import Pipeline
from storyline.store import SaveStatus, Store, ingest_items
from storyline.store import schema as t
from tests.sample_accounts import minimal_account


class FakePipeline:
    """Stands in for the spaCy pipeline: a minimal account per article, and a log of texts."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Account]:
        for article in articles:
            if "REFUSE" in article.text:
                raise InputError("this article is refused")
            self.seen.append(article.text)
            yield minimal_account(article.text, published=article.published.isoformat())


def item(text: str, name: str = "a.txt", line: int | None = None) -> InputItem:
    article = Article(text=text, published=dt.date(2024, 5, 1))
    return InputItem(article=article, path=Path(name), line=line)


def run(store: Store, items: list[InputItem], fake: FakePipeline, **kw: Any) -> Any:
    return ingest_items(items, store=store, pipeline=cast(Pipeline, fake), **kw)


def test_stores_each_new_article(store: Store) -> None:
    fake = FakePipeline()
    items = [item(f"Story {i} about the river.", f"s{i}.txt") for i in range(3)]
    summary = run(store, items, fake)
    assert (summary.stored, summary.unchanged, summary.replaced) == (3, 0, 0)
    assert store.count() == 3
    with store.engine.connect() as conn:
        origins = set(conn.execute(sa.select(t.documents.c.origin)).scalars())
    assert origins == {"s0.txt", "s1.txt", "s2.txt"}


def test_re_ingest_skips_the_pipeline_for_known_texts(store: Store) -> None:
    items = [item("Story one about the river."), item("Story two about the hills.")]
    run(store, items, FakePipeline())
    fake = FakePipeline()
    summary = run(store, [*items, item("Story three about the sea.")], fake)
    assert (summary.stored, summary.unchanged) == (1, 2)
    assert fake.seen == ["Story three about the sea."]
    assert store.count() == 3


def test_duplicates_within_one_run_are_stored_once(store: Store) -> None:
    fake = FakePipeline()
    summary = run(store, [item("Same story.", "a.txt"), item("Same story.", "b.txt")], fake)
    assert (summary.stored, summary.unchanged) == (1, 1)
    assert fake.seen == ["Same story."]


def test_force_re_extracts_and_replaces(store: Store) -> None:
    items = [item("Story one about the river.")]
    run(store, items, FakePipeline())
    fake = FakePipeline()
    summary = run(store, items, fake, force=True)
    assert summary.replaced == 1 and fake.seen == ["Story one about the river."]
    assert [r.status for _, r in summary.results] == [SaveStatus.REPLACED]


def test_one_refused_article_is_skipped_alone(store: Store) -> None:
    items = [item("Good one."), item("REFUSE me.", "bad.jsonl", line=4), item("Good two.")]
    summary = run(store, items, FakePipeline(), batch_size=16)
    assert summary.stored == 2
    assert [(s.origin, s.reason) for s in summary.skipped] == [
        ("bad.jsonl:4", "this article is refused")
    ]
    assert store.count() == 2


def test_language_override_reaches_the_articles(store: Store) -> None:
    seen: list[str | None] = []

    class Spy(FakePipeline):
        def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Account]:
            for article in articles:
                seen.append(article.language)
                yield minimal_account(article.text)

    run(store, [item("Un article en français.")], Spy(), language="en")
    assert seen == ["en"]


def test_on_result_and_no_work(store: Store) -> None:
    calls: list[str] = []
    summary = run(store, [], FakePipeline(), on_result=lambda i, r: calls.append(i.origin))
    assert summary.total == 0 and calls == []
    run(store, [item("Story.")], FakePipeline(), on_result=lambda i, r: calls.append(r.status))
    assert calls == ["stored"]


def test_opens_the_store_by_url(db_url: str, store: Store) -> None:
    summary = ingest_items(
        [item("Story by URL.")], db=db_url, pipeline=cast(Pipeline, FakePipeline())
    )
    assert summary.stored == 1 and store.count() == 1


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_batches_keep_items_and_accounts_aligned(store: Store, batch_size: int) -> None:
    items = [item(f"Story number {i}.", f"{i}.txt") for i in range(5)]
    summary = run(store, items, FakePipeline(), batch_size=batch_size)
    for origin, result in summary.results:
        text = store.text(result.document_id)
        assert text == f"Story number {origin.removesuffix('.txt')}."
