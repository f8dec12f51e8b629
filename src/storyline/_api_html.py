"""Building HTML for the web UI with every value escaped unless it is already markup.

There are no templates: pages are built with :func:`tag`, which escapes text children and
attribute values (``html.escape`` with quotes), so article text, entity names and query
strings can never become markup.  Only :class:`Html` values -- produced by :func:`tag` or
:func:`raw` on constants -- pass through unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

__all__ = ["Html", "join", "page", "raw", "tag", "url_with"]

_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
# Elements that never have children or an end tag.
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "circle", "line", "use"})


class Html(str):
    """A string of markup that is safe to insert as is."""

    __slots__ = ()


def raw(markup: str) -> Html:
    """Trusted constant markup (never call this on data)."""
    return Html(markup)


def _render(child: object, out: list[str]) -> None:
    if child is None or child is False:
        return
    if isinstance(child, Html):
        out.append(child)
    elif isinstance(child, str):
        out.append(html.escape(child, quote=True))
    elif isinstance(child, int | float):
        out.append(html.escape(str(child)))
    elif isinstance(child, Iterable):
        for c in child:
            _render(c, out)
    else:
        raise TypeError(f"cannot render {type(child).__name__} as HTML")


def tag(name: str, attrs: Mapping[str, object] | None = None, *children: object) -> Html:
    """``<name attrs>children</name>``; attribute values and text are escaped.

    An attribute whose value is ``None`` or ``False`` is left out; ``True`` writes it bare.
    """
    if not _NAME.match(name):
        raise ValueError(f"bad tag name {name!r}")
    parts = [f"<{name}"]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9:-]*", key):
            raise ValueError(f"bad attribute name {key!r}")
        if value is True:
            parts.append(f" {key}")
        else:
            parts.append(f' {key}="{html.escape(str(value), quote=True)}"')
    if name in _VOID and not children:
        parts.append(">" if name in {"br", "hr", "img", "input", "link", "meta"} else "/>")
        return Html("".join(parts))
    parts.append(">")
    _render(children, parts)
    parts.append(f"</{name}>")
    return Html("".join(parts))


def join(children: Iterable[object]) -> Html:
    """Children rendered one after another."""
    out: list[str] = []
    _render(list(children), out)
    return Html("".join(out))


def url_with(path: str, params: Mapping[str, object | None]) -> str:
    """``path?query`` with the parameters that are set (None and "" are dropped)."""
    kept = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return f"{path}?{urlencode(kept)}" if kept else path


_NAV = (
    ("documents", "/ui/", "Documents"),
    ("story", "/ui/story", "Story"),
    ("claims", "/ui/claims", "Claims"),
    ("entities", "/ui/entities", "Entities"),
    ("search", "/ui/search", "Search"),
)


def page(title: str, body: Iterable[object], *, twin: str, active: str = "") -> Html:
    """A whole page: head (stylesheet, script, the JSON twin as ``rel=alternate``), the
    navigation and ``body``."""
    nav = tag(
        "nav",
        {"class": "top"},
        tag("a", {"class": "brand", "href": "/ui/"}, "storyline"),
        [
            tag("a", {"href": href, "class": "active" if key == active else None}, label)
            for key, href, label in _NAV
        ],
        tag("a", {"href": "/docs"}, "API"),
        tag("a", {"class": "twin", "href": twin, "type": "application/json"}, "JSON"),
    )
    head = tag(
        "head",
        None,
        tag("meta", {"charset": "utf-8"}),
        tag("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        tag("title", None, f"{title} · storyline"),
        tag("link", {"rel": "stylesheet", "href": "/ui/static/style.css"}),
        tag("link", {"rel": "alternate", "type": "application/json", "href": twin}),
        tag("script", {"src": "/ui/static/app.js", "defer": True}),
    )
    main = tag("main", None, tag("h1", None, title), body)
    return Html(
        "<!doctype html>\n" + tag("html", {"lang": "en"}, head, tag("body", None, nav, main))
    )
