"""What the stages write on a spaCy ``Doc``: records and the extensions that hold them.

All Doc/Token extensions storyline uses are registered here, once, by :func:`register`.
Stages read and append records through the ``doc._.sl_*`` attributes; a stage never reaches
into another stage's private state.  Records are plain mutable dataclasses with character
offsets into ``doc.text``, which is always the original article text (the repair stage splits
tokens without changing the text).  ``pipeline.py`` turns them into the frozen models of
:mod:`storyline.model` at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

__all__ = [
    "CharSpan",
    "EntityRecord",
    "EventRecord",
    "MainEventRecord",
    "PlaceRecord",
    "QuantityRecord",
    "QuoteRecord",
    "RouteLegRecord",
    "RouteRecord",
    "RouteStopRecord",
    "SourceRecord",
    "TimeRecord",
    "published_of",
    "register",
    "text_of",
]

CharSpan = tuple[int, int]
"""``(start, end)`` character offsets into ``doc.text``, end exclusive."""


@dataclass(slots=True)
class EntityRecord:
    key: str
    name: str
    label: str
    mentions: list[CharSpan] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    # Key of the PlaceRecord this entity is grounded to, when it is a place.
    place_key: str | None = None


@dataclass(slots=True)
class TimeRecord:
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchor: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    # A range ("from Monday to Wednesday", "2019-2021"): both ends' values, on both ends.
    range_begin: str | None = None
    range_end: str | None = None


@dataclass(slots=True)
class PlaceRecord:
    key: str
    name: str
    mentions: list[CharSpan] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None
    population: int | None = None
    source: str | None = None
    label: str = "GPE"  # the NER type it carries in entities
    # Mentions that stand for a government or institution ("Moscow could use it").
    metonymic: list[CharSpan] = field(default_factory=list)
    # Mentions (also in ``mentions``) that name the place as an affiliation, not a location:
    # a demonym ("Russian officials") or a name inside an organisation's ("Bank of Japan").
    # Events and routes never take them as the place where something happens.
    affiliations: list[CharSpan] = field(default_factory=list)


@dataclass(slots=True)
class QuantityRecord:
    start: int
    end: int
    value: float
    unit: str
    approximate: bool = False


@dataclass(slots=True)
class SourceRecord:
    key: str
    name: str
    kind: str = "other"
    entity: str | None = None  # canonical name of the entity it refers to
    mentions: list[CharSpan] = field(default_factory=list)


@dataclass(slots=True)
class QuoteRecord:
    kind: str  # direct | indirect | according_to
    source: CharSpan
    content: CharSpan
    cue: CharSpan | None = None
    source_key: str | None = None
    speaker: str | None = None
    # The pieces of the content, without the attribution that interrupts it; empty means
    # the content is one piece.
    parts: list[CharSpan] = field(default_factory=list)


@dataclass(slots=True)
class EventRecord:
    key: str
    type: str
    trigger: CharSpan
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    time: TimeRecord | None = None
    certainty: str = "confirmed"
    sources: list[str] = field(default_factory=list)
    evidence: list[CharSpan] = field(default_factory=list)
    trigger_token: int | None = None  # token index of the trigger's head
    # Place name → its role in a movement: origin | destination | via | location.
    place_roles: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class MainEventRecord:
    answers: dict[str, str] = field(default_factory=dict)  # who/what/when/where/why/how
    spans: dict[str, CharSpan] = field(default_factory=dict)


@dataclass(slots=True)
class RouteStopRecord:
    name: str
    lat: float | None
    lon: float | None
    mention: CharSpan | None = None


@dataclass(slots=True)
class RouteLegRecord:
    origin: str
    destination: str
    distance_km: float | None
    distance_source: str | None = None  # "text" | "great_circle"
    evidence: CharSpan | None = None


@dataclass(slots=True)
class RouteRecord:
    stops: list[RouteStopRecord] = field(default_factory=list)
    legs: list[RouteLegRecord] = field(default_factory=list)


def _list_getter(key: str) -> Callable[[Doc], list[Any]]:
    def get(doc: Doc) -> list[Any]:
        found: list[Any] = doc.user_data.setdefault(f"storyline.{key}", [])
        return found

    return get


_LISTS = (
    "entities",
    "places",
    "times",
    "quantities",
    "sources",
    "quotes",
    "events",
    # Character offsets where the repair stage split a glued token.
    "repairs",
)


def register() -> None:
    """Register every ``doc._.sl_*`` / ``token._.sl_*`` extension (idempotent)."""
    for key in _LISTS:
        if not Doc.has_extension(f"sl_{key}"):
            Doc.set_extension(f"sl_{key}", getter=_list_getter(key))
    for key in ("published", "title", "main_event", "route"):
        if not Doc.has_extension(f"sl_{key}"):
            Doc.set_extension(f"sl_{key}", default=None)
    # Certainty of the predicate this token heads, assigned by the certainty stage.
    if not Token.has_extension("sl_certainty"):
        Token.set_extension("sl_certainty", default=None)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it from every token on each access)."""
    cached = doc.user_data.get("storyline.text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["storyline.text"] = cached
    return cached


def published_of(doc: Doc) -> dt.date:
    """The publication date the pipeline set on the doc (the reference time)."""
    value = doc._.sl_published
    if not isinstance(value, dt.date):
        raise ValueError("doc._.sl_published is not set; run the doc through storyline.Pipeline")
    return value
