"""Readable terminal views of an account (rich), used by ``extract --format text``,
``show`` and ``demo``.  Article text is untrusted: it is always rendered as plain text,
never as rich markup."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Account

__all__ = ["account_view", "print_account"]


def _t(value: object) -> Text:
    """Plain text, no markup interpretation (article text may contain ``[brackets]``)."""
    return Text("" if value is None else str(value))


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def account_view(account: Account) -> Group:
    doc = account.document
    head = Text.assemble(
        ("Document ", "bold"),
        (doc.id, "cyan"),
        "  published ",
        (doc.published, "green"),
        f" (from {doc.published_from})",
    )
    if doc.title:
        head.append("\n")
        head.append(doc.title, style="italic")
    parts: list[Table | Text | Panel] = [head]

    entities = _table("Who: entities", "name", "type", "roles", "country", "aliases", "mentions")
    for e in account.entities:
        entities.add_row(
            _t(e.name),
            _t(e.type),
            _t("; ".join(e.roles)),
            _t(e.country or ""),
            _t(", ".join(e.aliases)),
            _t(len(e.mentions)),
        )
    times = _table("When: times", "text", "type", "value")
    for t in account.times:
        times.add_row(_t(t.text), _t(t.type), _t(t.value))
    places = _table("Where: places", "name", "feature", "lat", "lon", "country", "geonameid")
    for p in account.places:
        places.add_row(
            _t(p.name),
            _t(p.feature or ""),
            _t("" if p.lat is None else f"{p.lat:.4f}"),
            _t("" if p.lon is None else f"{p.lon:.4f}"),
            _t(p.country or ""),
            _t(p.geonameid or ""),
        )
    quantities = _table("How much: quantities", "text", "value", "unit", "approximate")
    for q in account.quantities:
        quantities.add_row(
            _t(q.text), _t(f"{q.value:g}"), _t(q.unit), _t("yes" if q.approximate else "")
        )
    sources = _table("According to whom: sources", "name", "kind", "mentions")
    for s in account.sources:
        sources.add_row(_t(s.name), _t(s.kind), _t(len(s.mentions)))
    quotes = _table("Quotes", "kind", "source", "content")
    for qt in account.quotes:
        quotes.add_row(_t(qt.kind), _t(qt.speaker or qt.source.text), _t(qt.content.text))
    events = _table(
        "What: events", "type", "trigger", "actors", "places", "when", "certainty", "sources"
    )
    for ev in account.events:
        events.add_row(
            _t(ev.type),
            _t(ev.trigger.text),
            _t(", ".join(ev.actors)),
            _t(", ".join(ev.places)),
            _t(ev.time.value if ev.time else ""),
            _t(ev.certainty),
            _t(", ".join(ev.sources)),
        )
    for table in (entities, times, places, quantities, sources, quotes, events):
        if table.row_count:
            parts.append(table)
        else:
            parts.append(Text(f"{table.title}: none found", style="dim"))

    main = account.main_event
    answers = [(q, getattr(main, q)) for q in ("who", "what", "when", "where", "why", "how")]
    main_text = Text()
    for question, answer in answers:
        if answer:
            main_text.append(f"{question}: ", style="bold")
            main_text.append(f"{answer}\n")
    parts.append(
        Panel(
            main_text or Text("none found", style="dim"),
            title="Main event (5W1H)",
            title_align="left",
            expand=False,
        )
    )

    route = account.route
    if route.stops:
        route_text = Text()
        for i, stop in enumerate(route.stops):
            coords = (
                "" if stop.lat is None or stop.lon is None else f" ({stop.lat:.3f}, {stop.lon:.3f})"
            )
            route_text.append(f"{i + 1}. {stop.name}{coords}\n")
        for leg in route.legs:
            km = "?" if leg.distance_km is None else f"{leg.distance_km:g} km"
            how = f" [{leg.distance_source}]" if leg.distance_source else ""
            route_text.append(f"   {leg.from_} → {leg.to}: {km}{how}\n")
        parts.append(Panel(route_text, title="Route", title_align="left", expand=False))
    else:
        parts.append(Text("Route: none found", style="dim"))
    return Group(*parts)


def print_account(account: Account, console: Console | None = None) -> None:
    (console or Console()).print(account_view(account))
