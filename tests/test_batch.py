"""Ingest on Dask: workers extract, the client writes once per document, retries and reruns
store nothing twice.  A small in-process cluster and a fake pipeline keep these fast; the
kill -9 test in test_batch_kill.py runs the real CLI and pipeline in a subprocess."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import dask
import pytest
import sqlalchemy as sa
from distributed import LocalCluster

from storyline import batch as batch_module
from storyline.batch import ingest_distributed
from storyline.errors import ConfigError, InputError
from storyline.ingest.files import InputItem
from storyline.ingest.text import Article
from storyline.model import Account
from storyline.store import SaveStatus, Store
from storyline.store import schema as t
from tests.sample_accounts import minimal_account

# What the fake pipelines did, across every worker of the in-process cluster.
_LOG_LOCK = threading.Lock()
_BUILT: list[str] = []  # one entry per pipeline built
_SEEN: list[str] = []  # texts extracted
_FAILED_ONCE: set[str] = set()
_WARMUP_TEXT = batch_module._WARMUP.text


class _Fake:
    """A minimal account per article; refuses texts containing REFUSE."""

    def pipe(self, articles: Sequence[Article], batch_size: int = 16) -> Iterator[Account]:
        for article in articles:
            if "REFUSE" in article.text:
                raise InputError("this article is refused")
            if article.text != _WARMUP_TEXT:  # the plugin's warm-up when a worker joins
                with _LOG_LOCK:
                    _SEEN.append(article.text)
            yield minimal_account(article.text, published=article.published.isoformat())


class _Flaky(_Fake):
    """Fails the first attempt at every text marked FLAKY, as a dying worker would."""

    def pipe(self, articles: Sequence[Article], batch_size: int = 16) -> Iterator[Account]:
        for article in articles:
            with _LOG_LOCK:
                first = "FLAKY" in article.text and article.text not in _FAILED_ONCE
                _FAILED_ONCE.add(article.text)
            if first:
                raise RuntimeError("worker lost its connection")
        yield from super().pipe(articles, batch_size)


class _Broken(_Fake):
    def pipe(self, articles: Sequence[Article], batch_size: int = 16) -> Iterator[Account]:
        raise RuntimeError("a bug in a stage")


def fake_factory() -> _Fake:
    with _LOG_LOCK:
        _BUILT.append("fake")
    return _Fake()


def flaky_factory() -> _Flaky:
    return _Flaky()


def broken_factory() -> _Broken:
    return _Broken()


def _cluster() -> LocalCluster:
    # Threads in this process: the fake factories need no import on the workers' side.
    return LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": False},
        silence_logs=40,
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with _cluster() as cluster:
        yield cluster.scheduler_address


@pytest.fixture(autouse=True)
def _clean_logs() -> None:
    _SEEN.clear()
    _BUILT.clear()


def item(text: str, name: str = "a.txt", line: int | None = None) -> InputItem:
    return InputItem(
        article=Article(text=text, published=dt.date(2024, 5, 1)), path=Path(name), line=line
    )


def items(n: int, prefix: str = "Story") -> list[InputItem]:
    return [item(f"{prefix} {i} about the harbour at Tromsø.", f"s{i}.txt") for i in range(n)]


def document_counts(store: Store) -> tuple[int, int]:
    """(rows in documents, distinct texts among them)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.documents.c.text_sha256)).scalars().all()
    return len(rows), len(set(rows))


def test_every_article_is_extracted_on_a_worker_and_stored_once(
    any_store: Store, scheduler: str
) -> None:
    batch = items(20)
    summary = ingest_distributed(
        batch, store=any_store, scheduler=scheduler, factory=fake_factory, chunk_size=3
    )
    assert (summary.stored, summary.unchanged, summary.replaced) == (20, 0, 0)
    assert sorted(_SEEN) == sorted(i.article.text for i in batch)
    assert document_counts(any_store) == (20, 20)
    for origin, result in summary.results:
        assert any_store.text(result.document_id).startswith(
            f"Story {origin.removeprefix('s').removesuffix('.txt')} "
        )


def test_each_worker_builds_the_pipeline_once(any_store: Store) -> None:
    with _cluster() as cluster:
        for prefix in ("Other", "Third"):
            ingest_distributed(
                items(30, prefix),
                store=any_store,
                scheduler=cluster.scheduler_address,
                factory=fake_factory,
                chunk_size=2,
            )
    # Two workers, two runs of 15 tasks each: built once per worker when it joined.
    assert _BUILT == ["fake", "fake"]
    assert any_store.count() == 60


def test_a_rerun_sends_nothing_to_the_workers(any_store: Store, scheduler: str) -> None:
    batch = items(10)
    ingest_distributed(batch, store=any_store, scheduler=scheduler, factory=fake_factory)
    _SEEN.clear()
    extra = item("A new story about the ferry to Bodø.", "new.txt")
    summary = ingest_distributed(
        [*batch, extra], store=any_store, scheduler=scheduler, factory=fake_factory
    )
    assert (summary.stored, summary.unchanged) == (1, 10)
    assert [extra.article.text] == _SEEN
    assert document_counts(any_store) == (11, 11)


def test_retried_tasks_store_nothing_twice(any_store: Store, scheduler: str) -> None:
    batch = [item(f"FLAKY story {i} about the bridge.", f"f{i}.txt") for i in range(6)]
    summary = ingest_distributed(
        batch, store=any_store, scheduler=scheduler, factory=flaky_factory, chunk_size=2
    )
    assert summary.stored == 6 and not summary.skipped
    assert document_counts(any_store) == (6, 6)
    # Every text was extracted exactly once successfully, after one failed attempt.
    assert Counter(_SEEN) == Counter(i.article.text for i in batch)


def test_a_refused_article_is_skipped_alone(any_store: Store, scheduler: str) -> None:
    batch = [item("Good one."), item("REFUSE me.", "bad.jsonl", line=4), item("Good two.")]
    summary = ingest_distributed(
        batch, store=any_store, scheduler=scheduler, factory=fake_factory, chunk_size=3
    )
    assert summary.stored == 2
    assert [(s.origin, s.reason) for s in summary.skipped] == [
        ("bad.jsonl:4", "this article is refused")
    ]


def test_a_bug_on_the_workers_stops_the_run(any_store: Store, scheduler: str) -> None:
    with pytest.raises(RuntimeError, match="a bug in a stage"):
        ingest_distributed(
            items(4), store=any_store, scheduler=scheduler, factory=broken_factory, retries=0
        )
    assert any_store.count() == 0


def test_force_replaces(any_store: Store, scheduler: str) -> None:
    batch = items(3)
    ingest_distributed(batch, store=any_store, scheduler=scheduler, factory=fake_factory)
    summary = ingest_distributed(
        batch, store=any_store, scheduler=scheduler, factory=fake_factory, force=True
    )
    assert summary.replaced == 3
    assert {r.status for _, r in summary.results} == {SaveStatus.REPLACED}
    assert document_counts(any_store) == (3, 3)


def test_workers_or_scheduler(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    with pytest.raises(ConfigError, match="not both"):
        ingest_distributed(items(1), db=db, workers=2, scheduler="tcp://x:1")
    with pytest.raises(ConfigError, match="not both"):
        ingest_distributed(items(1), db=db)
    with pytest.raises(ConfigError, match="1 or more"):
        ingest_distributed(items(1), db=db, workers=0)


def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_module, "SCHEDULER_TIMEOUT_S", 1)
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        ingest_distributed(
            items(1),
            db=f"sqlite:///{tmp_path / 's.db'}",
            scheduler="tcp://127.0.0.1:9",
            factory=fake_factory,
        )


def test_cli_refuses_workers_with_a_scheduler(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    article = tmp_path / "a.txt"
    article.write_text("The ferry left Bergen on Monday.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    args = ["ingest", str(article), "-p", "2024-05-01", "--db", db]
    result = CliRunner().invoke(app, [*args, "--workers", "2", "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "not both" in result.output
    result = CliRunner().invoke(app, [*args, "--workers", "0"])
    assert result.exit_code == 2


class _Crashing(_Fake):
    """Takes its whole worker process down on texts marked CRASH, as a segfault would."""

    def pipe(self, articles: Sequence[Article], batch_size: int = 16) -> Iterator[Account]:
        if any("CRASH" in a.text for a in articles):
            os._exit(70)
        yield from super().pipe(articles, batch_size)


def crashing_factory() -> _Crashing:
    return _Crashing()


@pytest.mark.slow
def test_an_article_that_kills_its_worker_is_skipped_and_the_rest_stored(
    tmp_path: Path,
) -> None:
    # Worker processes (a crash must not take the test down); the scheduler gives up on a
    # task at its first worker death, so the test does not wait for several restarts --
    # and tasks that only shared the dying worker fail with it, as they may in real runs.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=50,
        ) as cluster,
    ):
        batch = [*items(3), item("CRASH story about the quay.", "crash.txt"), *items(2, "Late")]
        db = f"sqlite:///{tmp_path / 's.db'}"
        summary = ingest_distributed(
            batch,
            db=db,
            scheduler=cluster.scheduler_address,
            factory=crashing_factory,
            chunk_size=1,
            retries=0,
        )
    assert summary.stored == 5
    assert [s.origin for s in summary.skipped] == ["crash.txt"]
    assert "worker process died" in summary.skipped[0].reason
