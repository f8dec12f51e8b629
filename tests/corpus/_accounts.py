"""Hand-built accounts for the corpus tests: the merge is tested without spaCy.

Each account is made from a short invented text and the facts to record in it; every span
is found in the text, so the accounts are as the pipeline would write them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from storyline.model import (
    Account,
    Document,
    Entity,
    Event,
    EventTime,
    Place,
    Quantity,
    Span,
    Time,
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(text=needle, start=start, end=start + len(needle))


def _sentence(text: str, at: int) -> Span:
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(text=text[start:end], start=start, end=end)


@dataclass
class Ev:
    type: str
    trigger: str
    actors: list[str] = field(default_factory=list)
    certainty: str = "confirmed"
    time: tuple[str, str] | None = None  # (text, value) as the account records it
    sources: list[str] = field(default_factory=list)


@dataclass
class Pl:
    name: str
    lat: float
    lon: float
    country: str
    feature: str = "P.PPL"
    geonameid: int | None = None


def account(
    text: str,
    published: str,
    *,
    entities: list[tuple[str, str, list[str]]] = (),  # type: ignore[assignment]
    events: list[Ev] = (),  # type: ignore[assignment]
    times: list[tuple[str, str]] = (),  # type: ignore[assignment]
    places: list[Pl] = (),  # type: ignore[assignment]
    quantities: list[tuple[str, float, str]] = (),  # type: ignore[assignment]
    url: str | None = None,
) -> Account:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(
        id=sha[:16],
        published=published,
        published_from="argument",
        text_sha256=sha,
        length=len(text),
        url=url,
    )
    ents = [
        Entity(
            id=f"e{i}",
            name=name,
            type=etype,
            aliases=aliases,
            mentions=[_span(text, name)] if name in text else [],
        )
        for i, (name, etype, aliases) in enumerate(entities)
    ]
    pls = [
        Place(
            id=f"p{i}",
            name=p.name,
            lat=p.lat,
            lon=p.lon,
            country=p.country,
            feature=p.feature,
            geonameid=p.geonameid,
            mentions=[
                Span(text=p.name, start=i0, end=i0 + len(p.name)) for i0 in _all(text, p.name)
            ],
        )
        for i, p in enumerate(places)
    ]
    tms = []
    for t_text, value in times:
        s = _span(text, t_text)
        tms.append(Time(text=t_text, start=s.start, end=s.end, type="DATE", value=value))
    qts = []
    for q_text, value, unit in quantities:
        s = _span(text, q_text)
        qts.append(Quantity(text=q_text, start=s.start, end=s.end, value=value, unit=unit))
    evs = []
    for i, e in enumerate(events):
        trig = _span(text, e.trigger)
        evs.append(
            Event(
                id=f"v{i}",
                type=e.type,
                trigger=trig,
                actors=e.actors,
                time=EventTime(text=e.time[0], value=e.time[1]) if e.time else None,
                certainty=e.certainty,  # type: ignore[arg-type]
                sources=e.sources,
                evidence=[_sentence(text, trig.start)],
            )
        )
    return Account(document=doc, entities=ents, places=pls, times=tms, quantities=qts, events=evs)


def _all(text: str, needle: str) -> list[int]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


# Real places, rounded coordinates.
LISBON = Pl("Lisbon", 38.72, -9.14, "PT", "P.PPLC", 2267057)
PORTO = Pl("Porto", 41.15, -8.61, "PT", "P.PPLA", 2735943)
PORTUGAL = Pl("Portugal", 39.5, -8.0, "PT", "A.PCLI", 2264397)
MADRID = Pl("Madrid", 40.42, -3.70, "ES", "P.PPLC", 3117735)
