"""Writing accounts out: JSON Lines, CSV (one row per fact) and GeoJSON.

:func:`write_export` streams: it holds one account at a time, so exporting a large store
runs in constant memory.

* **jsonl** -- one account per line, the contract's JSON (aliases such as ``from`` applied).
* **csv** -- a header and one row per fact, columns :data:`CSV_COLUMNS`.  The first six are
  fixed: ``document, kind, text, value, start, end``; ``text``/``start``/``end`` are the span
  the fact rests on.  Per kind:

  ==============  ===============  ===================  ===================================
  kind            text             value                other columns
  ==============  ===============  ===================  ===================================
  entity          each mention     canonical name       type (NER label), country
  place           each mention     canonical name       type (GeoNames feature), country,
                                                        lat, lon, geonameid
  time            the expression   TIMEX3 value         type (DATE/TIME/DURATION/SET), mod
  quantity        the expression   number               unit, approximate
  source          each mention     canonical name       type (source kind)
  quote           the content      speaker              type (direct/indirect/according_to)
  event           the trigger      time value           type (PLOVER/TRAVEL), certainty,
                                                        participants
  main_event      the answer span  the answer           type (who/what/when/...)
  stop            its mention      name                 lat, lon
  leg             its evidence     distance             unit (km), type (distance source),
                                                        participants (from/to)
  ==============  ===============  ===================  ===================================

  An entity, place or source without mentions still gets one row, with empty spans.
  ``participants`` lists ``role:name`` pairs joined by ``"; "``.  Lines end with ``\\n``;
  open files with ``newline=""``.
* **geojson** -- one FeatureCollection (RFC 7946): each located place of each document as a
  Point, and each document's route (its located stops, in order) as a LineString -- cut
  into a MultiLineString where it crosses the antimeridian, as RFC 7946 §3.1.9 asks.
  Every feature's properties carry ``document`` and ``kind`` (``place`` or ``route``).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, Literal, TextIO

from .errors import InputError
from .model import Account, Span

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ExportFormat",
    "csv_rows",
    "geojson_features",
    "write_export",
]

ExportFormat = Literal["jsonl", "csv", "geojson"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "geojson")
# One row with empty spans for an item that has no mentions.
_NO_SPAN: list[Span | None] = [None]
CSV_COLUMNS = (
    "document",
    "kind",
    "text",
    "value",
    "start",
    "end",
    "type",
    "unit",
    "certainty",
    "approximate",
    "mod",
    "country",
    "lat",
    "lon",
    "geonameid",
    "participants",
)


def write_export(accounts: Iterable[Account], fmt: str, out: TextIO) -> int:
    """Write ``accounts`` to ``out`` in ``fmt`` (``jsonl``, ``csv`` or ``geojson``).

    Returns the number of accounts written.  An unknown format raises
    :class:`~storyline.errors.InputError` before anything is written.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(accounts, out)


# --- JSON Lines -------------------------------------------------------------------------


def _write_jsonl(accounts: Iterable[Account], out: TextIO) -> int:
    n = 0
    for account in accounts:
        out.write(account.model_dump_json(by_alias=True))
        out.write("\n")
        n += 1
    return n


# --- CSV --------------------------------------------------------------------------------


def _write_csv(accounts: Iterable[Account], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for account in accounts:
        writer.writerows(csv_rows(account))
        n += 1
    return n


def csv_rows(account: Account) -> Iterator[dict[str, str]]:
    """The CSV rows of one account (see the module docstring for what each kind holds)."""
    doc = account.document.id

    def row(kind: str, span: Span | None, value: object, **extra: object) -> dict[str, str]:
        cells: dict[str, object] = {
            "document": doc,
            "kind": kind,
            "text": span.text if span else None,
            "value": value,
            "start": span.start if span else None,
            "end": span.end if span else None,
            **extra,
        }
        return {key: _cell(cells.get(key)) for key in CSV_COLUMNS}

    for e in account.entities:
        for span in e.mentions or _NO_SPAN:
            yield row("entity", span, e.name, type=e.type, country=e.country)
    for p in account.places:
        for span in p.mentions or _NO_SPAN:
            yield row(
                "place",
                span,
                p.name,
                type=p.feature,
                country=p.country,
                lat=p.lat,
                lon=p.lon,
                geonameid=p.geonameid,
            )
    for x in account.times:
        yield row(
            "time", Span(text=x.text, start=x.start, end=x.end), x.value, type=x.type, mod=x.mod
        )
    for q in account.quantities:
        yield row(
            "quantity",
            Span(text=q.text, start=q.start, end=q.end),
            q.value,
            unit=q.unit,
            approximate=q.approximate,
        )
    for s in account.sources:
        for span in s.mentions or _NO_SPAN:
            yield row("source", span, s.name, type=s.kind)
    for quote in account.quotes:
        yield row("quote", quote.content, quote.speaker, type=quote.kind)
    for ev in account.events:
        participants = [
            f"{role}:{name}"
            for role, names in (
                ("actor", ev.actors),
                ("target", ev.targets),
                ("place", ev.places),
                ("source", ev.sources),
            )
            for name in names
        ]
        yield row(
            "event",
            ev.trigger,
            ev.time.value if ev.time else None,
            type=ev.type,
            certainty=ev.certainty,
            participants="; ".join(participants),
        )
    main = account.main_event
    for question in ("who", "what", "when", "where", "why", "how"):
        answer = getattr(main, question)
        if answer is not None or question in main.spans:
            yield row("main_event", main.spans.get(question), answer, type=question)
    for stop in account.route.stops:
        yield row("stop", stop.mention, stop.name, lat=stop.lat, lon=stop.lon)
    for leg in account.route.legs:
        yield row(
            "leg",
            leg.evidence,
            leg.distance_km,
            unit="km" if leg.distance_km is not None else None,
            type=leg.distance_source,
            participants=f"from:{leg.from_}; to:{leg.to}",
        )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


# --- GeoJSON ----------------------------------------------------------------------------


def _write_geojson(accounts: Iterable[Account], out: TextIO) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    first = True
    n = 0
    for account in accounts:
        for feature in geojson_features(account):
            out.write("\n" if first else ",\n")
            out.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
            first = False
        n += 1
    out.write("\n]}\n")
    return n


def geojson_features(account: Account) -> Iterator[dict[str, Any]]:
    """The GeoJSON features of one account: located places as Points, the route as a line."""
    doc = account.document.id
    for p in account.places:
        point = _position(p.lon, p.lat)
        if point is None:
            continue
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": {
                "document": doc,
                "kind": "place",
                "id": p.id,
                "name": p.name,
                "feature": p.feature,
                "geonameid": p.geonameid,
                "country": p.country,
                "mentions": len(p.mentions),
            },
        }
    stops = [(s.name, _position(s.lon, s.lat)) for s in account.route.stops]
    located = [(name, pos) for name, pos in stops if pos is not None]
    if len(located) < 2:
        return
    parts = _split_antimeridian([pos for _, pos in located])
    geometry: dict[str, Any]
    if len(parts) == 1:
        geometry = {"type": "LineString", "coordinates": [list(c) for c in parts[0]]}
    else:
        geometry = {
            "type": "MultiLineString",
            "coordinates": [[list(c) for c in part] for part in parts],
        }
    yield {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "document": doc,
            "kind": "route",
            "title": account.document.title,
            "stops": [name for name, _ in located],
            "distance_km": _route_distance(account),
        },
    }


Position = tuple[float, float]  # (lon, lat), GeoJSON order


def _split_antimeridian(line: list[Position]) -> list[list[Position]]:
    """Cut a line of (lon, lat) positions where a step crosses the antimeridian.

    A step is taken to cross when it spans more than 180° of longitude (the short way round
    is across ±180°).  The crossing latitude is interpolated linearly in the unwrapped
    longitude; the line ends at ±180° and the next part starts at ∓180°.  Parts with fewer
    than two distinct positions are dropped.
    """
    parts: list[list[Position]] = [[line[0]]]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(line):
        delta = lon2 - lon1
        if abs(delta) <= 180:
            parts[-1].append((lon2, lat2))
            continue
        east = delta < 0  # e.g. 178 → -172 goes east across +180
        unwrapped = lon2 + 360 if east else lon2 - 360
        edge = 180.0 if east else -180.0
        fraction = (edge - lon1) / (unwrapped - lon1)
        lat = round(lat1 + fraction * (lat2 - lat1), 6)
        if parts[-1][-1] != (edge, lat):  # a stop exactly on the line is not repeated
            parts[-1].append((edge, lat))
        parts.append([(-edge, lat), (lon2, lat2)])
    return [part for part in parts if len(set(part)) >= 2]


def _position(lon: float | None, lat: float | None) -> Position | None:
    if lon is None or lat is None:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return (lon, lat)


def _route_distance(account: Account) -> float | None:
    distances = [leg.distance_km for leg in account.route.legs]
    if not distances or any(d is None for d in distances):
        return None
    return round(sum(d for d in distances if d is not None), 3)


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson}
