"""The public contract: the account of one article, as pydantic v2 models.

Every field that ``../shared/eval/CONTRACT.md`` names is here under that name; more may be
added, none renamed.  References between items are *names*, not ids.  Character offsets are
Python string indices (``end`` exclusive) into the text as read with
``open(path, encoding="utf-8-sig", newline="")``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "Account",
    "Certainty",
    "Claim",
    "ClaimConflict",
    "ClaimSupport",
    "CorpusEntity",
    "Document",
    "Entity",
    "Event",
    "EventTime",
    "Leg",
    "MainEvent",
    "Place",
    "PublishedFrom",
    "Quantity",
    "Quote",
    "QuoteKind",
    "Route",
    "Source",
    "SourceKind",
    "Span",
    "Stop",
    "StoryEvent",
    "Time",
    "TimelineEntry",
]

SCHEMA_VERSION = "1"

Certainty = Literal[
    "confirmed", "reported", "expected", "planned", "unconfirmed", "speculative", "denied"
]
QuoteKind = Literal["direct", "indirect", "according_to"]
SourceKind = Literal[
    "official", "media", "anonymous", "document", "social_media", "person", "other"
]
PublishedFrom = Literal["argument", "metadata", "dateline", "jsonl"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Span(_Model):
    """A piece of the article: ``text == article[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Document(_Model):
    id: str = Field(description="Derived from the sha256 of the text (first 16 hex digits).")
    title: str | None = None
    published: str = Field(description="Publication date, ISO 8601 (YYYY-MM-DD).")
    published_from: PublishedFrom = Field(
        default="argument", description="Where the publication date came from."
    )
    language: str = "en"
    text_sha256: str
    url: str | None = None
    length: int = Field(default=0, description="Length of the text in characters.")


class Entity(_Model):
    id: str
    name: str = Field(description="The fullest form in the text.")
    type: str = Field(description="spaCy/OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, ...")
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    mentions: list[Span] = Field(default_factory=list)


class Place(_Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    feature: str | None = Field(default=None, description="GeoNames feature as class.code")
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None
    population: int | None = None
    source: str | None = Field(default=None, description="Where the grounding comes from.")
    mentions: list[Span] = Field(default_factory=list)
    affiliations: list[Span] = Field(
        default_factory=list,
        description="Mentions (also in mentions) that name the place as an affiliation, not "
        "a location: a demonym ('Russian envoys') or a name inside an organisation's.",
    )


class Time(_Model):
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str = Field(description="TIMEX3 value, resolved against the anchor.")
    anchor: str | None = Field(default=None, description="The date the value was resolved against.")
    mod: str | None = Field(default=None, description="TIMEX3 mod (APPROX, START, END, ...)")
    quant: str | None = None
    freq: str | None = None
    range_begin: str | None = Field(
        default=None, description="The value the range this expression belongs to starts at."
    )
    range_end: str | None = Field(
        default=None, description="The value the range this expression belongs to ends at."
    )


class Quantity(_Model):
    text: str
    start: int
    end: int
    value: float
    unit: str = Field(description="Normalised symbol: km, m, kg, t, USD, %, people, ...")
    approximate: bool = False


class Source(_Model):
    id: str
    name: str
    kind: SourceKind = "other"
    entity: str | None = Field(default=None, description="Canonical name of the entity, if any.")
    mentions: list[Span] = Field(default_factory=list)


class Quote(_Model):
    kind: QuoteKind
    speaker: str | None = None
    source: Span
    cue: Span | None = None
    content: Span = Field(
        description="From the first to the last character of what is attributed, as PolNeAR "
        "spans a discontinuous content; when the attribution interrupts a quotation ('…,' she "
        "said, '…'), the source and cue lie inside it: content_parts has the words alone."
    )
    content_parts: list[Span] = Field(
        default_factory=list,
        description="The attributed words piece by piece, in text order, without the "
        "source and cue that interrupt them; one piece when nothing interrupts them.",
    )


class EventTime(_Model):
    text: str
    value: str


class Event(_Model):
    id: str
    type: str = Field(
        description="PLOVER 2021 type, or TRAVEL for movements, or DISASTER for harm done by a "
        "natural hazard or an accident (no actor's violence)."
    )
    trigger: Span
    actors: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    time: EventTime | None = None
    certainty: Certainty = "confirmed"
    sources: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class MainEvent(_Model):
    who: str | None = None
    what: str | None = None
    when: str | None = None
    where: str | None = None
    why: str | None = None
    how: str | None = None
    spans: dict[str, Span] = Field(default_factory=dict)


class Stop(_Model):
    name: str
    lat: float | None = None
    lon: float | None = None
    mention: Span | None = None


class Leg(_Model):
    from_: str = Field(alias="from")
    to: str
    distance_km: float | None = None
    distance_source: Literal["text", "great_circle"] | None = None
    evidence: Span | None = None


class Route(_Model):
    stops: list[Stop] = Field(default_factory=list)
    legs: list[Leg] = Field(default_factory=list)


class Account(_Model):
    schema_version: str = SCHEMA_VERSION
    document: Document
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    main_event: MainEvent = Field(default_factory=MainEvent)
    route: Route = Field(default_factory=Route)

    def to_json(self, indent: int | None = 2) -> str:
        """The contract's JSON (field aliases such as ``from`` applied)."""
        return self.model_dump_json(by_alias=True, indent=indent)


# --- the corpus: many accounts merged (storyline.corpus; read through storyline.query) ---


class CorpusEntity(_Model):
    """One person, organisation or place as the whole corpus knows it."""

    id: str = Field(description="Stable id, derived from the canonical name's key.")
    name: str = Field(description="The most common full form across documents.")
    type: str
    aliases: list[str] = Field(default_factory=list, description="Every other form seen.")
    roles: list[str] = Field(default_factory=list)
    documents: int = Field(description="How many documents mention it.")
    mentions: int
    first_published: str
    last_published: str


class StoryEvent(_Model):
    """Event mentions of several documents judged to be the same happening."""

    id: str
    type: str
    label: str = Field(description="Short description: trigger word, actors.")
    trigger: str
    actors: list[str] = Field(default_factory=list, description="Corpus entity names.")
    places: list[str] = Field(default_factory=list, description="Every place reported.")
    place: str | None = Field(default=None, description="The place the latest reports give.")
    lat: float | None = None
    lon: float | None = None
    time: str | None = Field(default=None, description="TIMEX3 value the latest reports give.")
    start: str | None = Field(default=None, description="First day the time can mean.")
    end: str | None = Field(default=None, description="Last day the time can mean.")
    granularity: str = Field(description="day, week, month, quarter, year or unknown.")
    certainty: Certainty
    documents: int
    first_published: str
    last_published: str
    contested: bool = Field(description="Whether any claim about it is contradicted.")


class TimelineEntry(_Model):
    """One line of the story's timeline: a story event at its normalised time."""

    story_event_id: str
    when: str | None = Field(description="The TIMEX3 value; None when no report dates it.")
    start: str | None
    end: str | None
    granularity: str
    type: str
    label: str
    actors: list[str] = Field(default_factory=list)
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    certainty: Certainty
    documents: int
    contested: bool


class ClaimSupport(_Model):
    """One document stating a claim, with whom it cites and how certain it is."""

    document_id: str
    title: str | None = None
    outlet: str | None = Field(default=None, description="Site name or host of the URL.")
    published: str
    sources: list[str] = Field(default_factory=list)
    certainty: Certainty
    evidence: Span | None = None


class ClaimConflict(_Model):
    """Another claim on the same subject and predicate that disagrees with this one."""

    claim_id: str
    value: str
    kind: Literal["contradiction", "overtaken", "overtakes"] = Field(
        description="contradiction: reports disagree; overtaken: this expectation was replaced "
        "by later reports of the other value; overtakes: the converse."
    )


class Claim(_Model):
    """A (subject, predicate, value) statement, with who supports it and who disagrees."""

    id: str
    story_event_id: str | None = None
    subject: str
    predicate: str = Field(description="date, place, or 'number of <unit>'.")
    value: str
    value_kind: Literal["date", "place", "number"]
    time: str | None = None
    place: str | None = None
    certainty: Certainty = Field(description="The firmest certainty among its supports.")
    status: Literal["agreed", "contradicted", "overtaken"]
    contradicted: bool
    documents: int
    first_published: str
    last_published: str
    supports: list[ClaimSupport] = Field(default_factory=list)
    conflicts: list[ClaimConflict] = Field(default_factory=list)
