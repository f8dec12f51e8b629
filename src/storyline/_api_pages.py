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
from .errors import InputError
from .model import Account, Claim, TimelineEntry

if TYPE_CHECKING:
    from .api import _Context

STORY_ROUTES = 20  # routes drawn on a story map: more is clutter

__all__ = ["add_pages", "story_map"]

_HL = re.compile(r"(\d{1,9})-(\d{1,9})\Z")
_NO_NUL = r"^[^\x00]*$"
Needle = Annotated[str | None, Query(max_length=200, pattern=_NO_NUL)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
# Forms send empty fields: a page reads dates leniently (the JSON API is strict).
DateText = Annotated[str | None, Query(max_length=40)]
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


def _day(value: str | None) -> dt.date | None:
    """A form's date field: ``YYYY-MM-DD``, or None when empty or not a date."""
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


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


def _pager(
    path: str,
    params: dict[str, Any],
    offset: int,
    shown: int,
    total: int | None,
    size: int = _PAGE,
) -> Html:
    links: list[Html] = []
    if offset > 0:
        links.append(
            tag(
                "a",
                {"href": url_with(path, {**params, "offset": max(0, offset - _PAGE)})},
                "‹ newer",
            )
        )
    more = (offset + shown < total) if total is not None else shown >= size
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
        since: DateText = None,
        until: DateText = None,
        entity: Needle = None,
        place: Needle = None,
        source: Needle = None,
    ) -> HTMLResponse:
        since_day, until_day = _day(since), _day(until)
        filters = {
            "since": _date(since_day),
            "until": _date(until_day),
            "entity": entity,
            "place": place,
            "source": source,
        }
        found = query.page_documents(
            store=ctx.store,
            limit=_PAGE,
            offset=offset,
            since=since_day,
            until=until_day,
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

    @app.get("/ui/story", include_in_schema=False)
    def story_page(
        since: DateText = None,
        until: DateText = None,
        entity: Needle = None,
        place: Needle = None,
    ) -> HTMLResponse:
        filters: dict[str, Any] = {
            "entity": entity,
            "place": place,
            "since": _day(since),
            "until": _day(until),
        }
        entries = query.timeline(store=ctx.store, limit=200, **filters)
        located = query.located_places(store=ctx.store, limit=300, **filters)
        lines = query.routes(store=ctx.store, limit=STORY_ROUTES, **filters)
        shown = {k: _date(v) if isinstance(v, dt.date) else v for k, v in filters.items()}
        body = [
            _filters_form(
                "/ui/story",
                shown,
                [
                    ("entity", "Entity", "text"),
                    ("place", "Place", "text"),
                    ("since", "Since", "date"),
                    ("until", "Until", "date"),
                ],
            ),
            tag("h2", None, "Map"),
            story_map(located, lines, "Places and routes of the story"),
            tag("h2", None, "Timeline"),
            _timeline(entries),
        ]
        twin = url_with("/story", {**shown, "limit": 200})
        return _html(page("Story", body, twin=twin, active="story"))

    @app.get("/ui/claims", include_in_schema=False)
    def claims_page(
        contradictions: bool = False,
        entity: Needle = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        found = query.claims(
            store=ctx.store,
            contradictions=contradictions,
            entity=entity,
            limit=_PAGE * 5,
            offset=offset,
        )
        params: dict[str, Any] = {
            "contradictions": "true" if contradictions else None,
            "entity": entity,
        }
        form = tag(
            "form",
            {"class": "filters", "method": "get", "action": "/ui/claims"},
            tag("label", None, "Entity", tag("input", {"name": "entity", "value": entity or None})),
            tag(
                "label",
                None,
                "Only contradictions",
                tag(
                    "input",
                    {
                        "type": "checkbox",
                        "name": "contradictions",
                        "value": "true",
                        "checked": contradictions,
                    },
                ),
            ),
            tag("button", {"type": "submit"}, "Filter"),
        )
        body = [
            form,
            [_claim(c) for c in found],
            tag("p", {"class": "muted"}, "No claims." if not found else ""),
            _pager("/ui/claims", params, offset, len(found), None, _PAGE * 5),
        ]
        twin = url_with("/claims", {**params, "limit": _PAGE * 5, "offset": offset or None})
        return _html(page("Claims", body, twin=twin, active="claims"))

    @app.get("/ui/entities", include_in_schema=False)
    def entities_page(q: Needle = None, offset: Offset = 0) -> HTMLResponse:
        found = query.corpus_entities(store=ctx.store, q=q, limit=_PAGE * 5, offset=offset)
        rows = [
            tag(
                "tr",
                None,
                tag(
                    "td",
                    None,
                    tag("a", {"href": url_with("/ui/story", {"entity": e.name})}, e.name),
                ),
                tag("td", None, e.type),
                tag("td", {"class": "muted"}, ", ".join(e.aliases)),
                tag("td", None, ", ".join(e.roles)),
                tag(
                    "td",
                    {"class": "num"},
                    tag("a", {"href": url_with("/ui/", {"entity": e.name})}, e.documents),
                ),
                tag("td", {"class": "num"}, e.mentions),
                tag("td", {"class": "nowrap"}, f"{e.first_published} – {e.last_published}"),
            )
            for e in found
        ]
        body = [
            tag(
                "form",
                {"class": "filters", "method": "get", "action": "/ui/entities"},
                tag("label", None, "Name", tag("input", {"name": "q", "value": q or None})),
                tag("button", {"type": "submit"}, "Filter"),
            ),
            tag(
                "table",
                {"class": "entities"},
                tag(
                    "tr",
                    None,
                    [
                        tag("th", None, h)
                        for h in (
                            "name",
                            "type",
                            "also written",
                            "roles",
                            "documents",
                            "mentions",
                            "published",
                        )
                    ],
                ),
                rows,
            ),
            tag("p", {"class": "muted"}, "No entities." if not found else ""),
            _pager("/ui/entities", {"q": q}, offset, len(found), None, _PAGE * 5),
        ]
        twin = url_with("/entities", {"q": q, "limit": _PAGE * 5, "offset": offset or None})
        return _html(page("Entities", body, twin=twin, active="entities"))

    @app.get("/ui/search", include_in_schema=False)
    def search_page(
        q: Annotated[str | None, Query(max_length=500, pattern=_NO_NUL)] = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        hits: list[query.SearchHit] = []
        problem = ""
        if q and q.strip():
            try:
                hits = query.search(q, store=ctx.store, limit=_PAGE, offset=offset)
            except InputError as exc:  # a query with nothing to look for: say so on the page
                problem = exc.message
        results = [
            tag(
                "div",
                {"class": "hit"},
                tag(
                    "a",
                    {"href": f"/ui/documents/{h.id}", "class": "hit-title"},
                    h.title or h.id,
                ),
                tag("span", {"class": "muted"}, f" {h.published.isoformat()}"),
                _snippet(h),
            )
            for h in hits
        ]
        body = [
            tag(
                "form",
                {"class": "filters", "method": "get", "action": "/ui/search", "role": "search"},
                tag(
                    "label",
                    None,
                    'Words, "a phrase", OR, -not',
                    tag("input", {"name": "q", "type": "search", "value": q or None, "size": 50}),
                ),
                tag("button", {"type": "submit"}, "Search"),
            ),
            tag("p", {"class": "problem"}, problem) if problem else "",
            results,
            tag(
                "p", {"class": "muted"}, "Nothing found." if q and not hits and not problem else ""
            ),
            _pager("/ui/search", {"q": q}, offset, len(hits), None) if hits else "",
        ]
        twin = url_with("/search", {"q": q, "limit": _PAGE, "offset": offset or None})
        return _html(page("Search", body, twin=twin, active="search"))


def _snippet(hit: query.SearchHit) -> Html:
    """The snippet with its matched words in ``<mark>`` (offsets into the plain text)."""
    parts: list[object] = []
    pos = 0
    for start, end in sorted(hit.highlights):
        if start < pos or end > len(hit.snippet) or start >= end:
            continue
        parts += [hit.snippet[pos:start], tag("mark", None, hit.snippet[start:end])]
        pos = end
    parts.append(hit.snippet[pos:])
    return tag("div", {"class": "snippet"}, parts)


def _timeline(entries: list[TimelineEntry]) -> Html:
    items = [
        tag(
            "li",
            {"class": "contested" if e.contested else None, "data-event": e.story_event_id},
            tag("span", {"class": "when"}, e.when or "undated"),
            tag("span", {"class": "muted"}, f"{e.granularity} · {e.type} "),
            tag("strong", None, e.label),
            " ",
            tag("span", {"class": f"badge c-{e.certainty}"}, e.certainty),
            " contested" if e.contested else "",
            tag(
                "div",
                {"class": "muted"},
                ", ".join(e.actors),
                f" · {e.place}" if e.place else "",
                f" · {e.documents} document{'s' if e.documents != 1 else ''}",
            ),
        )
        for e in entries
    ]
    if not items:
        return tag("p", {"class": "muted"}, "No dated events (ingest documents, then merge).")
    return tag("ol", {"class": "timeline"}, items)


def _claim(c: Claim) -> Html:
    supports = [
        tag(
            "li",
            None,
            tag("span", {"class": "agree"}, "agrees: "),
            tag(
                "a",
                {"href": f"/ui/documents/{s.document_id}"},
                s.title or s.outlet or s.document_id,
            ),
            f" ({s.outlet}, {s.published})" if s.outlet else f" ({s.published})",
            " ",
            tag("span", {"class": f"badge c-{s.certainty}"}, s.certainty),
            f" according to {', '.join(s.sources)}" if s.sources else "",
            " · ",
            tag(
                "a", {"href": span_link(s.document_id, s.evidence), "class": "evidence"}, "evidence"
            )
            if s.evidence is not None
            else "",
        )
        for s in c.supports
    ]
    conflicts = [
        tag(
            "li",
            None,
            tag(
                "span",
                {"class": "contradict" if k.kind == "contradiction" else "overtake"},
                {
                    "contradiction": "contradicted by: ",
                    "overtaken": "overtaken by: ",
                    "overtakes": "overtakes: ",
                }[k.kind],
            ),
            tag("a", {"href": f"#claim-{k.claim_id}"}, k.value),
        )
        for k in c.conflicts
    ]
    return tag(
        "section",
        {"class": f"claim status-{c.status}", "id": f"claim-{c.id}"},
        tag(
            "h3",
            None,
            f"{c.subject} — {c.predicate}: ",
            tag("span", {"class": "value"}, c.value),
            " ",
            tag("span", {"class": f"badge s-{c.status}"}, c.status),
        ),
        tag(
            "div",
            {"class": "muted"},
            f"{c.documents} document{'s' if c.documents != 1 else ''}, "
            f"{c.first_published} – {c.last_published}; firmest: {c.certainty}",
        ),
        tag("ul", None, supports, conflicts),
    )
