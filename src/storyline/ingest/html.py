"""HTML pages: the article's main text and its metadata, read with trafilatura.

trafilatura drops navigation, footers and comments and reads title, author, publication
date, canonical URL and site name from the page's metadata (OpenGraph, JSON-LD, ``<meta>``).
The publication date is taken only from metadata (trafilatura's extensive search of the body
is off: a date in the text is a dateline or a fact, which :func:`find_dateline` and the
pipeline handle); never from the file's times.  Nothing is fetched: the page is read from
bytes already in hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import InputError, NotText
from .dates import parse_published

__all__ = ["HtmlArticle", "html_to_text", "read_html"]

_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}
)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page holds: the main text and the metadata found for it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    site_name: str | None = None


def read_html(data: bytes | str, *, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of an HTML page.

    Raises :class:`~storyline.errors.InputError` when the page has no main text.
    """
    import trafilatura

    if isinstance(data, bytes):
        if b"\x00" in data[:65536]:
            raise NotText("looks binary (it contains NUL bytes), not HTML")
        data = data.decode("utf-8-sig", errors="replace")
    doc = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError("the page has no main text that could be extracted")
    title = _clean(getattr(doc, "title", None))
    # trafilatura repeats the headline as the text's first line; the title holds it.
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    return HtmlArticle(
        text=text,
        title=title,
        author=_clean(getattr(doc, "author", None)),
        published=_date(getattr(doc, "date", None)),
        url=_clean(getattr(doc, "url", None)) or url,
        site_name=_clean(getattr(doc, "sitename", None)),
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): blocks become paragraphs,
    markup and scripts are dropped, entities decoded."""
    import lxml.html  # type: ignore[import-untyped]

    if "<" not in fragment:
        return _tidy(lxml.html.fromstring(f"<p>{fragment}</p>").text_content())
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    parts.append(child.tail)
                continue
            block = child.tag.lower() in _BLOCKS
            if block:
                parts.append("\n\n")
            walk(child)
            if block:
                parts.append("\n\n")
            if child.tail:
                parts.append(child.tail)

    walk(root)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_published(value.strip())
    except InputError:
        return None
