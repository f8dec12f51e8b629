"""RSS and Atom feed files: one article per entry, read with feedparser.

An entry's text is its full content (``content:encoded``, Atom ``content``) or, failing
that, its summary, turned from HTML into plain text.  Its publication date is the entry's
``published`` (else ``updated``) date, then a dateline in the text; never the file's times.
The feed is parsed from bytes already read: feedparser never fetches anything here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .html import html_to_text

__all__ = ["FeedEntry", "looks_like_feed", "parse_feed"]

_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: its text and metadata (``index`` counts from 1)."""

    index: int
    text: str
    title: str | None
    author: str | None
    published: dt.date | None
    url: str | None
    site_name: str | None


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start like an RSS, RDF or Atom document."""
    head = data[:2048].lower()
    return any(root in head for root in _FEED_ROOTS)


def parse_feed(data: bytes) -> Iterator[FeedEntry | tuple[int, InputError]]:
    """Every entry of the feed, or ``(index, error)`` for an entry with no text.

    Raises :class:`~storyline.errors.InputError` when the bytes are not a feed at all.
    """
    import feedparser  # type: ignore[import-untyped]

    if not looks_like_feed(data):
        raise InputError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(f"the feed cannot be parsed: {reason}")
    site = _clean(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, start=1):
        raw = ""
        for content in entry.get("content", []) or []:
            if content.get("value"):
                raw = content["value"]
                break
        if not raw:
            raw = entry.get("summary", "") or ""
        text = html_to_text(raw) if raw.strip() else ""
        if not text:
            yield index, InputError(f"feed entry {index} has no content or summary")
            continue
        yield FeedEntry(
            index=index,
            text=text,
            title=_clean(entry.get("title")),
            author=_clean(entry.get("author")),
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=_clean(entry.get("link")),
            site_name=site,
        )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value: object) -> dt.date | None:
    # feedparser gives a UTC struct_time; the publication day is the UTC day.
    if value is None:
        return None
    try:
        stamp = calendar.timegm(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).date()
