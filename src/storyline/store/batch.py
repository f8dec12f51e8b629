"""Extracting and storing many articles: the library side of ``storyline ingest``.

Articles whose text is already stored are recognised by their id (sha256 of the text) before
the pipeline runs, so re-ingesting a folder costs a lookup per file, not an extraction.  Each
document is saved in its own transaction as soon as its account is ready: an interrupted run
keeps everything it committed, and running it again completes it without duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa

from ..errors import StorylineError
from ..ingest.files import InputItem, Skipped
from ..ingest.text import Article
from ..model import Account
from ..pipeline import document_id
from . import schema as t
from .store import SaveResult, SaveStatus, Store
from .store import using_store as _opened

if TYPE_CHECKING:
    from rich.console import Console

    from ..pipeline import Pipeline

__all__ = [
    "ArticlePipeline",
    "IngestSummary",
    "extract_items",
    "ingest_items",
    "plan_ingest",
    "progress_bar",
]

_LOOKUP_CHUNK = 500


class ArticlePipeline(Protocol):
    """What extraction needs of a pipeline (:class:`storyline.Pipeline` is one)."""

    def pipe(self, articles: Sequence[Article], batch_size: int = ...) -> Iterator[Account]: ...


@dataclass
class IngestSummary:
    """What an ingest did: counts by outcome, the articles skipped, and each save's result."""

    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    results: list[tuple[str, SaveResult]] = field(default_factory=list)  # (origin, result)

    @property
    def total(self) -> int:
        return self.stored + self.replaced + self.unchanged + len(self.skipped)

    def _record(self, origin: str, result: SaveResult) -> None:
        self.results.append((origin, result))
        if result.status is SaveStatus.STORED:
            self.stored += 1
        elif result.status is SaveStatus.REPLACED:
            self.replaced += 1
        else:
            self.unchanged += 1


def ingest_items(
    items: Sequence[InputItem],
    *,
    store: Store | None = None,
    db: str | None = None,
    force: bool = False,
    language: str | None = None,
    pipeline: Pipeline | None = None,
    console: Console | None = None,
    on_result: Callable[[InputItem, SaveResult], None] | None = None,
    batch_size: int = 16,
) -> IngestSummary:
    """Extract each item's article and save its account, one transaction per document.

    ``store`` (open) or ``db`` (URL; ``None`` = default store) says where.  Without
    ``force``, items whose text is already stored -- or appeared earlier in ``items`` -- are
    counted ``unchanged`` without running the pipeline.  ``language="en"`` overrides the
    items' language setting.  ``pipeline`` defaults to a new :class:`~storyline.Pipeline`
    (loaded only if something needs extracting).  With ``console`` a progress bar is drawn
    on it; ``on_result`` is called after each item is saved.

    An article the pipeline refuses (a :class:`~storyline.errors.StorylineError` for that
    article alone) is added to ``skipped``; store errors abort the run (what was committed
    stays committed).
    """
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
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline()
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            for item, outcome in extract_items(pipeline, chunk, batch_size):
                if isinstance(outcome, Skipped):
                    summary.skipped.append(outcome)
                else:
                    result = st.save(outcome, item.article.text, force=force, origin=item.origin)
                    summary._record(item.origin, result)
                    if on_result is not None:
                        on_result(item, result)
                advance()
    return summary


def plan_ingest(
    store: Store,
    items: Sequence[InputItem],
    summary: IngestSummary,
    *,
    force: bool = False,
    language: str | None = None,
    on_unchanged: Callable[[InputItem, SaveResult], None] | None = None,
) -> list[InputItem]:
    """The items that need extracting; the others are recorded in ``summary`` as unchanged.

    Without ``force`` an item is unchanged when its text is stored already or appeared
    earlier in ``items`` (one lookup per 500 ids, no pipeline); ``on_unchanged`` is called
    for each of those.  ``language`` overrides the language of the items returned.
    """
    todo: list[InputItem] = []
    seen: set[str] = set()
    known = set() if force else _stored_ids(store, [_doc_id(i) for i in items])
    for item in items:
        doc_id = _doc_id(item)
        if doc_id in seen or doc_id in known:
            result = SaveResult(document_id=doc_id, status=SaveStatus.UNCHANGED)
            summary._record(item.origin, result)
            if on_unchanged is not None:
                on_unchanged(item, result)
            continue
        seen.add(doc_id)
        todo.append(item if language is None else _with_language(item, language))
    return todo


def extract_items(
    pipeline: ArticlePipeline, chunk: list[InputItem], batch_size: int
) -> Iterator[tuple[InputItem, Account | Skipped]]:
    """``(item, Account or Skipped)`` for each item, batched; one bad article skips alone."""
    try:
        accounts = list(pipeline.pipe([i.article for i in chunk], batch_size=batch_size))
    except StorylineError:
        # Something in this batch was refused: retry one by one to find which.
        for item in chunk:
            try:
                account = next(iter(pipeline.pipe([item.article], batch_size=1)))
            except StorylineError as exc:
                yield (
                    item,
                    Skipped(path=item.path, line=item.line, reason=exc.message, code=exc.code),
                )
            else:
                yield item, account
        return
    yield from zip(chunk, accounts, strict=True)


def _doc_id(item: InputItem) -> str:
    return document_id(item.article.text)


def _with_language(item: InputItem, language: str) -> InputItem:
    article = item.article.model_copy(update={"language": language})
    return InputItem(article=article, path=item.path, line=item.line)


def _stored_ids(store: Store, ids: list[str]) -> set[str]:
    found: set[str] = set()
    unique = sorted(set(ids))
    with store.translate_errors("read"), store.engine.connect() as conn:
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            found.update(
                conn.execute(
                    sa.select(t.documents.c.id).where(t.documents.c.id.in_(chunk))
                ).scalars()
            )
    return found


@contextmanager
def progress_bar(console: Console | None, total: int) -> Iterator[Callable[[], None]]:
    if console is None or total == 0:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=total)
        yield lambda: progress.advance(task)
