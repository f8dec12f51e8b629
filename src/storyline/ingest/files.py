"""Finding and reading the articles named on the command line.

``collect(paths, published)`` expands files, folders (recursively) and glob patterns into
:class:`InputItem` (an :class:`~storyline.ingest.text.Article` plus where it came from) and
:class:`Skipped` (what could not be used, and why).  Formats, by file name:

* ``.jsonl`` / ``.ndjson``: one article per line (see :mod:`storyline.ingest.jsonl`);
* ``.html`` / ``.htm``: one article per page, its main text and metadata read with
  trafilatura (see :mod:`storyline.ingest.html`);
* ``.rss`` / ``.atom`` / ``.xml``: a feed, one article per entry (see
  :mod:`storyline.ingest.feeds`);
* anything else named explicitly, and ``.txt`` inside folders: one article per file, the
  whole file as UTF-8 (a BOM dropped, line endings kept, as offsets require).

Publication date: the JSONL field or the page's or entry's metadata, else ``published``,
else a dateline in the text -- never the file's times.  An article with none is skipped.
Every text passes the same checks as ``storyline extract`` (empty, binary, non-UTF-8, too
large, not English), so the pipeline never meets input it would refuse halfway through a
batch.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MissingFile, NoPublicationDate, TooLarge
from ..model import PublishedFrom
from .dates import find_dateline
from .feeds import parse_feed
from .html import read_html
from .jsonl import parse_lines
from .text import Article, check_text, decode_bytes, headline_of

__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "TEXT_SUFFIXES",
    "InputItem",
    "Skipped",
    "collect",
    "expand_paths",
    "iter_inputs",
]

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
# Markup weighs more than the text it carries: a page may be this many times the text limit.
_MARKUP_FACTOR = 8
_GLOB_CHARS = re.compile(r"[*?\[]")
# A UTF-8 BOM is not part of the text, so a file may exceed the limit by its three bytes.
_BOM = 3


@dataclass(frozen=True, slots=True)
class InputItem:
    """One article to extract, and where it was read from."""

    article: Article
    path: Path
    line: int | None = None  # 1-based line of a JSONL file or entry of a feed; None: whole file

    @property
    def origin(self) -> str:
        """``path`` or ``path:line``, for messages and the store's ``origin`` column."""
        return str(self.path) if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something that was not ingested: its path (and JSONL line) and the reason."""

    path: Path
    reason: str
    line: int | None = None
    code: str = "input"  # the StorylineError code behind the reason

    @property
    def origin(self) -> str:
        return str(self.path) if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def collect(
    paths: Sequence[str | os.PathLike[str]],
    published: dt.date | None = None,
    *,
    language: str | None = None,
    max_bytes: int | None = None,
) -> tuple[list[InputItem], list[Skipped]]:
    """Every article under ``paths``, and what was skipped with the reason.

    ``paths``: files, folders (searched recursively for ``.txt``, ``.jsonl`` and ``.ndjson``
    files, hidden ones left out) and glob patterns (``**`` allowed).  ``published`` is the
    date for articles without one of their own (``--published``).  ``language="en"`` skips
    the English check (``--language en``).  ``max_bytes`` defaults to the settings' limit.

    A path that does not exist, or a pattern that matches nothing, raises
    :class:`~storyline.errors.MissingFile` before anything is read: a typo should stop the
    run, not be buried in a summary.  Everything else that is wrong with one file or one
    line comes back as a :class:`Skipped`.  Items are in a stable order: paths as given,
    folder contents sorted, JSONL lines in order.
    """
    items: list[InputItem] = []
    skipped: list[Skipped] = []
    for entry in iter_inputs(paths, published, language=language, max_bytes=max_bytes):
        if isinstance(entry, InputItem):
            items.append(entry)
        else:
            skipped.append(entry)
    return items, skipped


def iter_inputs(
    paths: Sequence[str | os.PathLike[str]],
    published: dt.date | None = None,
    *,
    language: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputItem | Skipped]:
    """Like :func:`collect`, lazily: for corpora too large to hold in memory at once.

    The paths are expanded (and ``MissingFile`` raised) before the first item is yielded.
    """
    if max_bytes is None:
        from ..settings import get_settings

        max_bytes = get_settings().max_bytes
    files = expand_paths(paths)
    return _read_all(files, published, language, max_bytes)


def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The files ``paths`` name, each once, in order.

    A file named explicitly is taken whatever its suffix (read as text unless ``.jsonl`` or
    ``.ndjson``); folders and glob matches contribute only ``.txt``, ``.jsonl``, ``.ndjson``.

    Raises :class:`~storyline.errors.MissingFile` for a path that does not exist or a glob
    that matches no file.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            for child in _walk(path):
                add(child)
        elif path.exists():
            add(path)
        elif _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise MissingFile(f"no file matches {text!r}")
            for match in matches:
                mpath = Path(match)
                if mpath.is_dir():
                    for child in _walk(mpath):
                        add(child)
                elif _is_article_file(mpath):
                    add(mpath)
        else:
            raise MissingFile(f"no such file or folder: {text}")
    return found


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = Path(root) / name
            if not name.startswith(".") and _is_article_file(child):
                yield child


def _is_article_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


def _read_all(
    files: list[Path],
    published: dt.date | None,
    language: str | None,
    max_bytes: int,
) -> Iterator[InputItem | Skipped]:
    for path in files:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, published, language, max_bytes)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(path, published, language, max_bytes)
        elif suffix in FEED_SUFFIXES:
            yield from _read_feed(path, published, language, max_bytes)
        else:
            yield _read_text(path, published, language, max_bytes)


def _read_text(
    path: Path, published: dt.date | None, language: str | None, max_bytes: int
) -> InputItem | Skipped:
    try:
        size = path.stat().st_size
        if size > max_bytes + _BOM:
            raise TooLarge(
                f"the file is {size:,} bytes; the limit is {max_bytes:,} (set STORYLINE_MAX_BYTES)"
            )
        data = path.read_bytes()
        text = decode_bytes(data, name="the file")
        check_text(text, max_bytes=max_bytes, language=language, name="the file")
        if published is not None:
            date, source = published, "argument"
        else:
            found = find_dateline(text)
            if found is None:
                raise NoPublicationDate(
                    "no publication date (give --published YYYY-MM-DD, or a dateline "
                    "with the year in the first lines)"
                )
            date, source = found, "dateline"
    except InputError as exc:
        return Skipped(path=path, reason=exc.message, code=exc.code)
    except OSError as exc:
        return Skipped(path=path, reason=f"cannot read: {exc.strerror or exc}", code="input")
    article = Article(
        text=text,
        published=date,
        title=headline_of(text),
        published_from=source,
        language=language,
    )
    return InputItem(article=article, path=path)


def _read_jsonl(
    path: Path, published: dt.date | None, language: str | None, max_bytes: int
) -> Iterator[InputItem | Skipped]:
    any_line = False
    try:
        with path.open("rb") as fh:
            if b"\x00" in fh.read(65536):
                yield Skipped(
                    path=path,
                    reason="looks binary (it contains NUL bytes), not JSON Lines",
                    code="input.not_text",
                )
                return
            fh.seek(0)
            for number, result in parse_lines(
                fh, published=published, max_bytes=max_bytes, language=language
            ):
                any_line = True
                if isinstance(result, InputError):
                    yield Skipped(path=path, line=number, reason=result.message, code=result.code)
                else:
                    yield InputItem(article=result, path=path, line=number)
    except OSError as exc:
        yield Skipped(path=path, reason=f"cannot read: {exc.strerror or exc}", code="input")
        return
    if not any_line:
        yield Skipped(path=path, reason="the file has no lines", code="input.empty")


def _date_for(
    text: str, metadata: dt.date | None, published: dt.date | None
) -> tuple[dt.date, PublishedFrom]:
    """Metadata first, then ``--published``, then a dateline; else ``NoPublicationDate``."""
    if metadata is not None:
        return metadata, "metadata"
    if published is not None:
        return published, "argument"
    found = find_dateline(text)
    if found is None:
        raise NoPublicationDate(
            "no publication date (none in the metadata; give --published YYYY-MM-DD, or a "
            "dateline with the year in the first lines)"
        )
    return found, "dateline"


def _read_bounded(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise TooLarge(
            f"the file is {size:,} bytes; the limit is {limit:,} (set STORYLINE_MAX_BYTES)"
        )
    return path.read_bytes()


def _read_html(
    path: Path, published: dt.date | None, language: str | None, max_bytes: int
) -> InputItem | Skipped:
    try:
        page = read_html(_read_bounded(path, max_bytes * _MARKUP_FACTOR))
        check_text(page.text, max_bytes=max_bytes, language=language, name="the page's text")
        date, source = _date_for(page.text, page.published, published)
    except InputError as exc:
        return Skipped(path=path, reason=exc.message, code=exc.code)
    except OSError as exc:
        return Skipped(path=path, reason=f"cannot read: {exc.strerror or exc}", code="input")
    article = Article(
        text=page.text,
        published=date,
        title=page.title,
        url=page.url,
        published_from=source,
        language=language,
    )
    return InputItem(article=article, path=path)


def _read_feed(
    path: Path, published: dt.date | None, language: str | None, max_bytes: int
) -> Iterator[InputItem | Skipped]:
    try:
        entries = list(parse_feed(_read_bounded(path, max_bytes * _MARKUP_FACTOR)))
    except InputError as exc:
        yield Skipped(path=path, reason=exc.message, code=exc.code)
        return
    except OSError as exc:
        yield Skipped(path=path, reason=f"cannot read: {exc.strerror or exc}", code="input")
        return
    if not entries:
        yield Skipped(path=path, reason="the feed has no entries", code="input.empty")
    for entry in entries:
        if isinstance(entry, tuple):
            index, error = entry
            yield Skipped(path=path, line=index, reason=error.message, code=error.code)
            continue
        try:
            check_text(entry.text, max_bytes=max_bytes, language=language, name="the entry")
            date, source = _date_for(entry.text, entry.published, published)
        except InputError as exc:
            yield Skipped(path=path, line=entry.index, reason=exc.message, code=exc.code)
            continue
        article = Article(
            text=entry.text,
            published=date,
            title=entry.title,
            url=entry.url,
            published_from=source,
            language=language,
        )
        yield InputItem(article=article, path=path, line=entry.index)
