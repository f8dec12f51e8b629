"""Ingest on a Dask cluster: the workers extract, the client alone writes.

``storyline ingest --workers N`` starts a :class:`distributed.LocalCluster` of N processes
with one thread each; ``--scheduler ADDRESS`` uses a cluster that is already running.  Each
worker loads the pipeline once (a worker plugin loads and warms it when the worker joins)
and turns chunks of articles into accounts, returned as JSON.  The client -- the one writer
-- saves every account in its own transaction as soon as it arrives, so an interrupted run
keeps everything it committed.  Saves are idempotent, keyed on the text's sha256: a task
retried after a worker died, or a rerun of the whole ingest, stores nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from pydantic import ValidationError

from .errors import ConfigError
from .ingest.files import InputItem, Skipped
from .ingest.text import Article
from .model import Account
from .store import IngestSummary, SaveResult, Store
from .store.batch import ArticlePipeline, extract_items, plan_ingest, progress_bar
from .store.store import using_store as _opened

if TYPE_CHECKING:
    from distributed import Future, Worker
    from rich.console import Console

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ArticlePipeline",
    "PipelinePlugin",
    "default_pipeline",
    "ingest_distributed",
]

# Articles per task: enough to batch through spaCy, few enough to spread over the workers.
DEFAULT_CHUNK_SIZE = 8
# A task whose worker died is rerun this many times before its articles count as skipped.
DEFAULT_RETRIES = 2
# Tasks in flight per worker thread: keeps every worker busy without shipping the whole
# corpus to the scheduler at once.
_IN_FLIGHT_PER_THREAD = 3
# How long to try reaching a scheduler given by address.
SCHEDULER_TIMEOUT_S = 20
_PIPELINES_ATTR = "_storyline_pipelines"
_CACHE_LOCK = threading.Lock()
_WARMUP = Article(
    text="The minister arrived in Lisbon on Monday for talks, officials said. About 40 "
    "people met her at the station.",
    published=dt.date(2024, 3, 14),
    language="en",
)


def default_pipeline() -> ArticlePipeline:
    """The full storyline pipeline (the default factory run on each worker)."""
    from .pipeline import Pipeline

    return Pipeline()


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline on each worker as it joins, and warms it on a short article, so
    the first tasks do not pay the model load."""

    name = "storyline-pipeline"

    def __init__(self, factory: Callable[[], ArticlePipeline] = default_pipeline) -> None:
        self.factory = factory

    def setup(self, worker: Worker) -> None:
        pipeline, lock = _worker_pipeline(self.factory, worker)
        with lock:
            list(pipeline.pipe([_WARMUP], batch_size=1))


def ingest_distributed(
    items: Sequence[InputItem],
    *,
    store: Store | None = None,
    db: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    language: str | None = None,
    console: Console | None = None,
    on_result: Callable[[InputItem, SaveResult], None] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    retries: int = DEFAULT_RETRIES,
    factory: Callable[[], ArticlePipeline] = default_pipeline,
) -> IngestSummary:
    """Extract ``items`` on a Dask cluster and save each account here, one transaction each.

    Either ``workers`` (start a local cluster of that many processes, one thread each) or
    ``scheduler`` (the address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``).  The
    workers must be able to import storyline and ``factory`` (a module-level function that
    builds the pipeline; the full :class:`~storyline.Pipeline` by default).  ``store``,
    ``db``, ``force``, ``language``, ``console`` and ``on_result`` mean what they mean for
    :func:`storyline.store.ingest_items`; texts already stored never reach a worker.

    An article the pipeline refuses is skipped alone; so is an article whose extraction
    kills its worker process, found by running the articles of a failed chunk one by one
    (``retries`` reruns a failed task first, as Dask does).  Store errors abort the run (what was
    committed stays committed; running again completes it).
    """
    if (workers is None) == (scheduler is None):
        raise ConfigError("give either a number of workers or a scheduler address, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"the number of workers must be 1 or more, not {workers}")
    if chunk_size < 1:
        raise ConfigError(f"the chunk size must be 1 or more, not {chunk_size}")
    summary = IngestSummary()
    with _opened(store, db) as st, progress_bar(console, len(items)) as advance:

        def unchanged(item: InputItem, result: SaveResult) -> None:
            if on_result is not None:
                on_result(item, result)
            advance()

        todo = plan_ingest(
            st, items, summary, force=force, language=language, on_unchanged=unchanged
        )
        if not todo:
            return summary
        chunks = [todo[i : i + chunk_size] for i in range(0, len(todo), chunk_size)]
        with _client(workers, scheduler) as client:
            client.register_plugin(PipelinePlugin(factory))
            threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
            for chunk, outcomes in _run(client, chunks, factory, retries, threads):
                for item, outcome in zip(chunk, outcomes, strict=True):
                    if isinstance(outcome, Skipped):
                        summary.skipped.append(outcome)
                    else:
                        account = _account_from(outcome)
                        result = st.save(
                            account, item.article.text, force=force, origin=item.origin
                        )
                        summary._record(item.origin, result)
                        if on_result is not None:
                            on_result(item, result)
                    advance()
    return summary


# --- on the client ----------------------------------------------------------------------

_Outcome = str | Skipped  # an account as JSON, or why the article was skipped


def _run(
    client: Client,
    chunks: list[list[InputItem]],
    factory: Callable[[], ArticlePipeline],
    retries: int,
    threads: int,
) -> Iterator[tuple[list[InputItem], list[_Outcome]]]:
    """Each chunk with its outcomes, in the order they finish; a bounded number in flight.

    A chunk whose worker died (Dask's ``KilledWorker``) may hold one article that crashes
    the process, or none: tasks that merely shared the dying worker fail too.  So it is
    split into single articles; a single article that fails so is a suspect, run again at
    the end with nothing else in flight -- only a death then is its own, and skips it.
    """
    pending: dict[object, tuple[list[InputItem], bool]] = {}
    queue: deque[list[InputItem]] = deque(chunks)
    suspects: deque[list[InputItem]] = deque()
    finished = as_completed()  # type: ignore[no-untyped-call]
    window = threads * _IN_FLIGHT_PER_THREAD

    def submit(chunk: list[InputItem], alone: bool) -> None:
        future: Future[list[str | tuple[str, str]]] = client.submit(
            _extract_chunk,
            [i.article for i in chunk],
            factory,
            retries=retries,
            pure=False,
        )
        pending[future.key] = (chunk, alone)
        finished.add(future)  # type: ignore[no-untyped-call]

    def refill() -> None:
        while queue and len(pending) < window:
            submit(queue.popleft(), alone=False)
        if not pending and suspects:
            submit(suspects.popleft(), alone=True)

    refill()
    try:
        while pending:
            future = next(finished)
            chunk, alone = pending.pop(future.key)
            outcomes: list[_Outcome] | None = None
            if future.status == "error":
                error = future.exception()
                if not _worker_died(error):
                    raise error
                if alone:
                    reason = f"its worker process died while extracting it: {error}"
                    outcomes = [
                        Skipped(path=i.path, line=i.line, reason=reason, code="worker")
                        for i in chunk
                    ]
                elif len(chunk) > 1:
                    queue.extend([i] for i in chunk)
                else:
                    suspects.append(chunk)
            else:
                outcomes = _with_paths(chunk, future.result())
            future.release()
            refill()
            if outcomes is not None:
                yield chunk, outcomes
    finally:
        for future in list(finished.futures):
            future.cancel()


def _account_from(raw: str) -> Account:
    try:
        return Account.model_validate_json(raw)
    except ValidationError as exc:
        # Workers of an existing cluster may run another version of storyline.
        raise ConfigError(
            "a Dask worker returned an account this storyline cannot read (do the workers "
            f"run the same storyline version?): {exc.errors()[0]['msg']}"
        ) from None


def _worker_died(error: BaseException) -> bool:
    from distributed.scheduler import KilledWorker

    return isinstance(error, KilledWorker)


def _with_paths(chunk: list[InputItem], raw: list[str | tuple[str, str]]) -> list[_Outcome]:
    out: list[_Outcome] = []
    for item, outcome in zip(chunk, raw, strict=True):
        if isinstance(outcome, str):
            out.append(outcome)
        else:
            code, reason = outcome
            out.append(Skipped(path=item.path, line=item.line, reason=reason, code=code))
    return out


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Client]:
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=f"{SCHEDULER_TIMEOUT_S}s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return
    # Processes, one thread each: spaCy holds the GIL, so threads would not run in parallel.
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        # Port 0: its HTTP server (always started) never clashes with another cluster.
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": False},
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
    finally:
        cluster.close()




# --- on the workers ---------------------------------------------------------------------


def _worker_pipeline(
    factory: Callable[[], ArticlePipeline], worker: Any
) -> tuple[ArticlePipeline, threading.Lock]:
    """The pipeline ``factory`` builds, once per worker (kept on the worker object), and the
    lock that serialises its use: a worker of an existing cluster may run several threads,
    and one pipeline is not meant to run in two at once (the GIL would gain nothing)."""
    with _CACHE_LOCK:
        cache: dict[str, tuple[ArticlePipeline, threading.Lock]] | None = getattr(
            worker, _PIPELINES_ATTR, None
        )
        if cache is None:
            cache = {}
            setattr(worker, _PIPELINES_ATTR, cache)
        key = f"{factory.__module__}.{factory.__qualname__}"
        if key not in cache:
            cache[key] = (factory(), threading.Lock())
        return cache[key]


def _extract_chunk(
    articles: list[Article], factory: Callable[[], ArticlePipeline]
) -> list[str | tuple[str, str]]:
    """Runs on a worker: each article's account as JSON, or ``(code, reason)`` if refused."""
    pipeline, lock = _worker_pipeline(factory, get_worker())
    # extract_items wants InputItems only for their articles; the paths stay on the client.
    items = [InputItem(article=a, path=Path("-")) for a in articles]
    out: list[str | tuple[str, str]] = []
    with lock:
        for _item, outcome in extract_items(pipeline, items, len(items)):
            if isinstance(outcome, Skipped):
                out.append((outcome.code, outcome.reason))
            else:
                out.append(outcome.model_dump_json(by_alias=True))
    return out
