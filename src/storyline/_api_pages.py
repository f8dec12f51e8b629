"""The web UI's pages, rendered on the server from :mod:`storyline.query`.

Every page names its JSON twin (the API call returning the same data) in a
``<link rel="alternate" type="application/json">`` and a "JSON" link in the navigation.  All
text is escaped by :mod:`storyline._api_html`; the page script (``web/static/app.js``) only
adds hover cards and highlighting and writes text with ``textContent``.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from . import query
from ._api_article import KINDS, article_html, marks_of, span_link
from ._api_html import Html, page, tag, url_with
from ._api_map import MapPoint, MapRoute, map_svg, world_svg
from .model import Account

if TYPE_CHECKING:
    from .api import _Context

__all__ = ["add_pages", "story_map"]

_HL = re.compile(r"(\d{1,9})-(\d{1,9})\Z")
_NO_NUL = r"^[^\x00]*$"
Needle = Annotated[str | None, Query(max_length=200, pattern=_NO_NUL)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
_PAGE = 20
_KIND_LABELS = {
    "entity": "Entities",
    "place": "Places",
    "time": "Times",
    "quantity": "Quantities",
    "source": "Sources",
    "quote": "Quotes",
    "event": "Events",
}


def _html(markup: Html, status: int = 200) -> HTMLResponse:
    return HTMLResponse(str(markup), status_code=status)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (a stored ``javascript:`` URL stays text)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _filters_form(action: str, values: dict[str, Any], fields: list[tuple[str, str, str]]) -> Html:
    inputs = [
        tag(
            "label",
            None,
            label,
            tag("input", {"name": name, "type": kind, "value": values.get(name) or None}),
        )
        for name, label, kind in fields
    ]
    return tag(
        "form",
        {"class": "filters", "method": "get", "action": action},
        inputs,
        tag("button", {"type": "submit"}, "Filter"),
    )


def _pager(path: str, params: dict[str, Any], offset: int, shown: int, total: int | None) -> Html:
    links: list[Html] = []
    if offset > 0:
        links.append(
            tag(
                "a",
                {"href": url_with(path, {**params, "offset": max(0, offset - _PAGE)})},
                "‹ newer",
            )
        )
    more = (offset + shown < total) if total is not None else shown >= _PAGE
    if more:
        links.append(
            tag("a", {"href": url_with(path, {**params, "offset": offset + shown})}, "older ›")
        )
    what = f"{offset + 1}–{offset + shown} of {total}" if total is not None and shown else ""
    return tag("p", {"class": "pager"}, what, " ", links)


# --- maps --------------------------------------------------------------------------------


def _point_info(p: query.PlacePoint) -> str:
    where = f"{p.lat:.4f}, {p.lon:.4f}"
    docs = f"{p.documents} document{'s' if p.documents != 1 else ''}"
    return "\n".join(x for x in (where, p.country or "", docs) if x)


def story_map(points: list[query.PlacePoint], lines: list[query.RouteLine], title: str) -> Html:
    map_points = [MapPoint(p.name, p.lat, p.lon, _point_info(p)) for p in points]
    map_routes = [
        MapRoute(
            line.title or line.document,
            [
                MapPoint(s.name, s.lat, s.lon, f"{s.lat:.4f}, {s.lon:.4f}")
                for s in line.stops
                if s.lat is not None and s.lon is not None
            ],
        )
        for line in lines
    ]
    return map_svg(map_points, map_routes, title=title)


# --- the article -------------------------------------------------------------------------


def _article_side(account: Account, doc_id: str) -> Html:
    ents = sorted(account.entities, key=lambda e: (-len(e.mentions), e.name))
    entity_list = tag(
        "ul",
        {"class": "entity-list"},
        [
            tag(
                "li",
                None,
                tag(
                    "button",
                    {
                        "type": "button",
                        "class": "entity-button",
                        "data-key": f"entity:{e.id}",
                        "data-type": e.type,
                    },
                    e.name,
                ),
                " ",
                tag("span", {"class": "muted"}, f"{e.type} · {len(e.mentions)}"),
            )
            for e in ents
        ],
    )
    main = account.main_event
    five = tag(
        "table",
        {"class": "fivew"},
        [
            tag(
                "tr",
                None,
                tag("th", None, q),
                tag(
                    "td",
                    None,
                    tag("a", {"href": span_link(doc_id, main.spans[q])}, getattr(main, q) or "")
                    if q in main.spans
                    else getattr(main, q) or "—",
                ),
            )
            for q in ("who", "what", "when", "where", "why", "how")
        ],
    )
    events = tag(
        "table",
        {"class": "events"},
        tag(
            "tr",
            None,
            tag("th", None, "event"),
            tag("th", None, "certainty"),
            tag("th", None, "when"),
        ),
        [
            tag(
                "tr",
                None,
                tag(
                    "td",
                    None,
                    tag("a", {"href": span_link(doc_id, ev.trigger)}, ev.trigger.text),
                    " ",
                    tag("span", {"class": "muted"}, ev.type),
                ),
                tag("td", None, tag("span", {"class": f"badge c-{ev.certainty}"}, ev.certainty)),
                tag("td", None, ev.time.value if ev.time else ""),
            )
            for ev in account.events
        ],
    )
    quotes = tag(
        "ul",
        {"class": "quotes"},
        [
            tag(
                "li",
                None,
                tag("a", {"href": span_link(doc_id, q.content)}, q.content.text),
                tag("span", {"class": "muted"}, f" — {q.speaker or q.source.text} ({q.kind})"),
            )
            for q in account.quotes
        ],
    )
    return tag(
        "aside",
        {"class": "side"},
        tag("h2", None, "Entities"),
        entity_list,
        tag("h2", None, "Main event"),
        five,
        tag("h2", None, "Events"),
        events,
        tag("h2", None, "Quotes"),
        quotes,
    )


def _legend(account: Account) -> Html:
    counts = {
        "entity": sum(len(e.mentions) for e in account.entities),
        "place": sum(len(p.mentions) for p in account.places),
        "time": len(account.times),
        "quantity": len(account.quantities),
        "source": sum(len(s.mentions) for s in account.sources),
        "quote": len(account.quotes),
        "event": len(account.events),
    }
    return tag(
        "div",
        {"class": "legend"},
        [
            tag(
                "label",
                {"class": f"legend-item m-{kind}"},
                tag("input", {"type": "checkbox", "checked": True, "data-kind": kind}),
                f" {_KIND_LABELS[kind]} ({counts[kind]})",
            )
            for kind in KINDS
            if kind in _KIND_LABELS
        ],
    )


def _parse_hl(value: str | None, length: int) -> tuple[int, int] | None:
    m = _HL.match(value or "")
    if m is None:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if 0 <= start < end <= length else None


# --- pages -------------------------------------------------------------------------------


def add_pages(app: FastAPI, ctx: _Context) -> None:
    static = resources.files("storyline.web") / "static"
    app.mount("/ui/static", StaticFiles(directory=str(static)), name="ui-static")

    @app.get("/ui/world.svg", include_in_schema=False)
    def world() -> Response:
        return Response(
            world_svg(),
            media_type="image/svg+xml",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/ui", include_in_schema=False)
    @app.get("/ui/", include_in_schema=False)
    def documents_page(
        offset: Offset = 0,
        since: dt.date | None = None,
        until: dt.date | None = None,
        entity: Needle = None,
        place: Needle = None,
        source: Needle = None,
    ) -> HTMLResponse:
        filters = {
            "since": _date(since),
            "until": _date(until),
            "entity": entity,
            "place": place,
            "source": source,
        }
        found = query.page_documents(
            store=ctx.store,
            limit=_PAGE,
            offset=offset,
            since=since,
            until=until,
            entity=entity,
            place=place,
            source=source,
        )
        rows = [
            tag(
                "tr",
                None,
                tag("td", None, d.published.isoformat()),
                tag(
                    "td",
                    None,
                    tag(
                        "a",
                        {"href": f"/ui/documents/{d.id}", "class": "doc-link"},
                        d.title or d.snippet or d.id,
                    ),
                    tag("div", {"class": "muted"}, d.what or ""),
                ),
                tag("td", {"class": "num"}, d.entities),
                tag("td", {"class": "num"}, d.places),
                tag("td", {"class": "num"}, d.events),
            )
            for d in found.items
        ]
        body = [
            _filters_form(
                "/ui/",
                filters,
                [
                    ("since", "Since", "date"),
                    ("until", "Until", "date"),
                    ("entity", "Entity", "text"),
                    ("place", "Place", "text"),
                    ("source", "Source", "text"),
                ],
            ),
            tag(
                "table",
                {"class": "documents"},
                tag(
                    "tr",
                    None,
                    [
                        tag("th", None, h)
                        for h in ("published", "document", "entities", "places", "events")
                    ],
                ),
                rows,
            ),
            _pager("/ui/", filters, offset, len(found.items), found.total),
            tag("p", {"class": "muted"}, "No documents match." if not found.items else ""),
        ]
        twin = url_with("/documents", {**filters, "offset": offset or None, "limit": _PAGE})
        return _html(page("Documents", body, twin=twin, active="documents"))

    @app.get("/ui/documents/{doc_id}", include_in_schema=False)
    def article_page(
        doc_id: str, hl: Annotated[str | None, Query(max_length=40)] = None
    ) -> HTMLResponse:
        full = query.resolve_id(doc_id, store=ctx.store)
        account = query.get_account(full, store=ctx.store)
        text = query.get_text(full, store=ctx.store)
        evidence = _parse_hl(hl, len(text))
        doc = account.document
        link = _safe_url(doc.url)
        meta = tag(
            "p",
            {"class": "meta"},
            f"Published {doc.published} ({doc.published_from}) · id {doc.id} · ",
            tag("a", {"href": link, "rel": "noopener noreferrer nofollow"}, link)
            if link
            else doc.url or "",
        )
        located = query.located_places(store=ctx.store, document=full)
        lines = query.routes(store=ctx.store, document=full)
        body = [
            meta,
            _legend(account),
            tag(
                "div",
                {"class": "article-layout"},
                tag(
                    "article",
                    {"class": "article-text", "data-document": full},
                    article_html(text, marks_of(account, evidence)),
                ),
                _article_side(account, full),
            ),
            tag("h2", None, "Map"),
            story_map(located, lines, f"Places and route of {doc.title or full}"),
            tag("div", {"id": "card", "class": "card", "hidden": True, "role": "tooltip"}),
        ]
        title = doc.title or f"Document {full}"
        return _html(page(title, body, twin=f"/documents/{full}", active="documents"))
