"""The article view: the text with every extracted fact as a colour-coded span.

Facts overlap (a quote holds names and times; a place is also an entity), so the marks are
nested; where two cross, the inner one is closed at the outer's end and opened again, both
pieces keeping the same ``data-key`` so clicking one highlights every piece of every mention.
Each mark carries what the hover card shows (``data-info``: normalised value, coordinates,
certainty, source) as an attribute, escaped like the text itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ._api_html import Html, join, tag
from .model import Account, Span

__all__ = ["KINDS", "Mark", "article_html", "marks_of", "span_link"]

# Display order of the legend, and nesting rank for identical ranges (outermost first).
KINDS = ("quote", "source", "place", "entity", "time", "quantity", "event", "evidence")
_RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    key: str
    info: str
    label: str = ""


def _lines(*pairs: tuple[str, object]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in pairs if v not in (None, "", []))


def _coords(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return None
    return f"{abs(lat):.4f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.4f}°{'E' if lon >= 0 else 'W'}"


def marks_of(account: Account, evidence: tuple[int, int] | None = None) -> list[Mark]:
    """Every span of the account as a mark (plus the requested evidence range)."""
    marks: list[Mark] = []
    for e in account.entities:
        info = _lines(
            ("Entity", e.name),
            ("Type", e.type),
            ("Aliases", ", ".join(e.aliases)),
            ("Roles", ", ".join(e.roles)),
            ("Country", e.country),
        )
        for m in e.mentions:
            marks.append(Mark(m.start, m.end, "entity", f"entity:{e.id}", info, e.type))
    for p in account.places:
        info = _lines(
            ("Place", p.name),
            ("Coordinates", _coords(p.lat, p.lon)),
            ("Feature", p.feature),
            ("Country", p.country),
            ("GeoNames id", p.geonameid),
            ("Grounded by", p.source),
        )
        for m in p.mentions:
            marks.append(Mark(m.start, m.end, "place", f"place:{p.id}", info))
    for i, x in enumerate(account.times):
        info = _lines(
            ("Time", x.type),
            ("Value", x.value),
            ("Modifier", x.mod),
            ("Anchor", x.anchor),
            ("Range", f"{x.range_begin} – {x.range_end}" if x.range_begin else None),
        )
        marks.append(Mark(x.start, x.end, "time", f"time:{i}", info))
    for i, n in enumerate(account.quantities):
        value = f"{n.value:g} {n.unit}" + (" (approximate)" if n.approximate else "")
        marks.append(Mark(n.start, n.end, "quantity", f"quantity:{i}", _lines(("Value", value))))
    for s in account.sources:
        info = _lines(("Source", s.name), ("Kind", s.kind), ("Entity", s.entity))
        for m in s.mentions:
            marks.append(Mark(m.start, m.end, "source", f"source:{s.id}", info))
    for i, q in enumerate(account.quotes):
        info = _lines(("Quote", q.kind.replace("_", " ")), ("Speaker", q.speaker))
        marks.append(
            Mark(
                q.content.start,
                q.content.end,
                "quote",
                f"quote:{i}",
                info + f"\nSource: {q.source.text}",
            )
        )
    for ev in account.events:
        info = _lines(
            ("Event", ev.type),
            ("Certainty", ev.certainty),
            ("Time", f"{ev.time.value} ({ev.time.text})" if ev.time else None),
            ("Actors", ", ".join(ev.actors)),
            ("Places", ", ".join(ev.places)),
            ("Sources", ", ".join(ev.sources)),
        )
        t = ev.trigger
        marks.append(Mark(t.start, t.end, "event", f"event:{ev.id}", info, ev.certainty))
    if evidence is not None:
        marks.append(Mark(evidence[0], evidence[1], "evidence", "evidence", "Evidence"))
    return marks


def _valid(mark: Mark, length: int) -> bool:
    return 0 <= mark.start < mark.end <= length


def article_html(text: str, marks: list[Mark]) -> Html:
    """The text as HTML with the marks nested (crossing marks split into pieces)."""
    marks = sorted(
        (m for m in marks if _valid(m, len(text))),
        key=lambda m: (m.start, -m.end, _RANK.get(m.kind, 99)),
    )
    starts: dict[int, list[Mark]] = defaultdict(list)
    points = {0, len(text)}
    for m in marks:
        starts[m.start].append(m)
        points.update((m.start, m.end))
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    for point in sorted(points):
        if point > pos:
            out.append(join([text[pos:point]]))
            pos = point
        ending = [i for i, m in enumerate(stack) if m.end == point]
        if ending:
            low = ending[0]
            reopen = [m for m in stack[low:] if m.end != point]
            out.append("</span>" * (len(stack) - low))
            del stack[low:]
            for m in reopen:
                out.append(_open(m))
                stack.append(m)
        for m in starts.get(point, ()):
            out.append(_open(m))
            stack.append(m)
    out.append("</span>" * len(stack))
    return Html("".join(out))


def _open(m: Mark) -> str:
    # The tag is opened here and closed by the caller, so it is rendered without children.
    attrs = {
        "class": f"m m-{m.kind}",
        "data-kind": m.kind,
        "data-key": m.key,
        "data-info": m.info,
        "data-label": m.label or None,
        "data-start": m.start,
        "data-end": m.end,
        "id": "evidence" if m.kind == "evidence" else None,
        "tabindex": "0" if m.kind in ("entity", "place", "source") else None,
    }
    opened = tag("span", attrs, "")
    return opened[: -len("</span>")]


def span_link(doc_id: str, span: Span) -> str:
    """The article page with ``span`` highlighted as evidence and scrolled into view."""
    return f"/ui/documents/{doc_id}?hl={span.start}-{span.end}#evidence"
