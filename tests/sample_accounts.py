"""Small hand-built accounts for the store, query and export tests (no spaCy needed).

The stories are invented; the places are real, with rounded coordinates.
"""

from __future__ import annotations

import functools
import hashlib

from storyline.model import (
    Account,
    Document,
    Entity,
    Event,
    EventTime,
    Leg,
    MainEvent,
    Place,
    Quantity,
    Quote,
    Route,
    Source,
    Span,
    Stop,
    Time,
)

FERRY_TEXT = (
    "SUVA, March 3, 2024 - The ferry Southern Star left Suva on Sunday with 240 passengers "
    "bound for Apia, the Pacific Shipping Board said.\n"
    '"We expect to arrive by Tuesday," captain Lena Tuilagi told reporters. '
    "The 1,150 km crossing may be delayed by a storm, according to forecasters."
)

HARVEST_TEXT = (
    "Farmers in Ghent reported a record apple harvest on Friday, the regional growers' "
    "cooperative said. About 12,000 tonnes were picked."
)


def span(text: str, needle: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text`` as a Span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(text=needle, start=start, end=start + len(needle))


def document(text: str, published: str, title: str | None = None) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id=sha[:16],
        title=title,
        published=published,
        published_from="argument",
        text_sha256=sha,
        length=len(text),
    )


def ferry_account(text: str = FERRY_TEXT, published: str = "2024-03-03") -> Account:
    """A journey across the antimeridian, with one fact of every kind."""
    s = functools.partial(span, text)
    return Account(
        document=document(text, published, title="Ferry sails for Apia"),
        entities=[
            Entity(id="e1", name="Southern Star", type="PRODUCT", mentions=[s("Southern Star")]),
            Entity(id="e2", name="Suva", type="GPE", country="FJ", mentions=[s("Suva")]),
            Entity(id="e3", name="Apia", type="GPE", country="WS", mentions=[s("Apia")]),
            Entity(
                id="e4",
                name="Pacific Shipping Board",
                type="ORG",
                mentions=[s("Pacific Shipping Board")],
            ),
            Entity(
                id="e5",
                name="Lena Tuilagi",
                type="PERSON",
                roles=["captain"],
                mentions=[s("Lena Tuilagi")],
            ),
        ],
        places=[
            Place(
                id="p1",
                name="Suva",
                feature="P.PPLC",
                lat=-18.14,
                lon=178.44,
                country="FJ",
                geonameid=2198148,
                mentions=[s("SUVA"), s("Suva")],
            ),
            Place(
                id="p2",
                name="Apia",
                feature="P.PPLC",
                lat=-13.83,
                lon=-171.77,
                country="WS",
                geonameid=4035413,
                mentions=[s("Apia")],
            ),
            Place(id="p3", name="Pacific", feature="H.OCN", mentions=[s("Pacific")]),
        ],
        times=[
            Time(**s("March 3, 2024").model_dump(), type="DATE", value="2024-03-03"),
            Time(**s("Sunday").model_dump(), type="DATE", value="2024-03-03"),
            Time(**s("Tuesday").model_dump(), type="DATE", value="2024-03-05"),
        ],
        quantities=[
            Quantity(**s("240 passengers").model_dump(), value=240, unit="people"),
            Quantity(**s("1,150 km").model_dump(), value=1150, unit="km"),
        ],
        sources=[
            Source(
                id="s1",
                name="Pacific Shipping Board",
                kind="official",
                entity="Pacific Shipping Board",
                mentions=[s("Pacific Shipping Board")],
            ),
            Source(
                id="s2",
                name="Lena Tuilagi",
                kind="person",
                entity="Lena Tuilagi",
                mentions=[s("Lena Tuilagi")],
            ),
            Source(id="s3", name="forecasters", kind="other", mentions=[s("forecasters")]),
        ],
        quotes=[
            Quote(
                kind="direct",
                speaker="Lena Tuilagi",
                source=s("Lena Tuilagi"),
                cue=s("told"),
                content=s("We expect to arrive by Tuesday,"),
            ),
            Quote(
                kind="according_to",
                speaker=None,
                source=s("forecasters"),
                cue=s("according to"),
                content=s("The 1,150 km crossing may be delayed by a storm"),
            ),
        ],
        events=[
            Event(
                id="v1",
                type="TRAVEL",
                trigger=s("left"),
                actors=["Southern Star"],
                places=["Suva", "Apia"],
                time=EventTime(text="Sunday", value="2024-03-03"),
                certainty="confirmed",
                sources=["Pacific Shipping Board"],
                evidence=[s("The ferry Southern Star left Suva on Sunday")],
            ),
            Event(
                id="v2",
                type="TRAVEL",
                trigger=s("arrive"),
                actors=["Southern Star"],
                places=["Apia"],
                time=EventTime(text="Tuesday", value="2024-03-05"),
                certainty="expected",
                sources=["Lena Tuilagi"],
            ),
        ],
        main_event=MainEvent(
            who="Southern Star",
            what="left Suva",
            when="2024-03-03",
            where="Suva",
            spans={"who": s("Southern Star"), "what": s("left Suva")},
        ),
        route=Route(
            stops=[
                Stop(name="Suva", lat=-18.14, lon=178.44, mention=s("Suva")),
                Stop(name="Apia", lat=-13.83, lon=-171.77, mention=s("Apia")),
            ],
            legs=[
                Leg.model_validate(
                    {
                        "from": "Suva",
                        "to": "Apia",
                        "distance_km": 1150.0,
                        "distance_source": "text",
                        "evidence": s("1,150 km").model_dump(),
                    }
                )
            ],
        ),
    )


def harvest_account(text: str = HARVEST_TEXT, published: str = "2023-10-06") -> Account:
    """A short account without a route."""
    s = functools.partial(span, text)
    return Account(
        document=document(text, published),
        entities=[Entity(id="e1", name="Ghent", type="GPE", country="BE", mentions=[s("Ghent")])],
        places=[
            Place(
                id="p1",
                name="Ghent",
                feature="P.PPLA2",
                lat=51.05,
                lon=3.72,
                country="BE",
                geonameid=2797656,
                mentions=[s("Ghent")],
            )
        ],
        times=[Time(**s("Friday").model_dump(), type="DATE", value="2023-10-06")],
        quantities=[
            Quantity(
                **s("About 12,000 tonnes").model_dump(), value=12000, unit="t", approximate=True
            )
        ],
        sources=[
            Source(
                id="s1",
                name="the regional growers' cooperative",
                kind="other",
                mentions=[s("the regional growers' cooperative")],
            )
        ],
        events=[
            Event(
                id="v1",
                type="COOPERATE",
                trigger=s("reported"),
                actors=["Farmers"],
                places=["Ghent"],
                certainty="reported",
            )
        ],
    )


def minimal_account(text: str, published: str = "2022-01-15") -> Account:
    """An account with nothing found: only the document."""
    return Account(document=document(text, published))
