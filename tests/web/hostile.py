"""A hostile article: markup and script in the text, the title, names and the URL.

Every attempt sets ``window.__pwned`` (or opens a dialog) if it ever runs, so a test can
count executions.  The story is invented.
"""

from __future__ import annotations

import functools

from storyline.model import Account, Entity, Event, Place, Quote, Source, Span, Time
from tests.sample_accounts import document, span

SCRIPT = "<script>window.__pwned=(window.__pwned||0)+1;alert(1)</script>"
IMG = '"><img src=x onerror="window.__pwned=(window.__pwned||0)+1">'
NAME = "Ola <b onmouseover=alert(2)>Brandt</b>"

HOSTILE_TEXT = (
    f"BERGEN, May 6, 2024 - Mayor {SCRIPT} Ola Brandt opened the harbour in Bergen on "
    f"Monday {IMG} before 300 guests.\n"
    f'"The harbour is open {IMG}," Ola Brandt told reporters. '
    "Brandt said the works cost 12 million dollars."
)


def hostile_account() -> Account:
    s = functools.partial(span, HOSTILE_TEXT)
    brandt = [s("Ola Brandt"), s("Ola Brandt", 1), s("Brandt", 2)]
    return Account(
        document=document(
            HOSTILE_TEXT, "2024-05-06", title=f"Harbour {SCRIPT} opens {IMG}"
        ).model_copy(update={"url": "javascript:alert(3)"}),
        entities=[
            Entity(id="e1", name=NAME, type="PERSON", roles=[SCRIPT], mentions=brandt),
            Entity(id="e2", name="Bergen", type="GPE", country="NO", mentions=[s("Bergen", 0)]),
        ],
        places=[
            Place(
                id="p1",
                name=f"Bergen {IMG}",
                lat=60.39,
                lon=5.32,
                country="NO",
                feature="P.PPLA",
                mentions=[s("BERGEN"), s("Bergen")],
            )
        ],
        times=[Time(**s("Monday").model_dump(), type="DATE", value=f"2024-05-06{IMG}")],
        sources=[
            Source(id="s1", name=SCRIPT, kind="person", entity=NAME, mentions=[s("Ola Brandt", 1)])
        ],
        quotes=[
            Quote(
                kind="direct",
                speaker=SCRIPT,
                source=s("Ola Brandt", 1),
                cue=s("told"),
                content=s(f"The harbour is open {IMG},"),
            )
        ],
        events=[
            Event(
                id="v1",
                type=f"OPEN{IMG}",
                trigger=s("opened"),
                actors=[NAME],
                places=["Bergen"],
                certainty="confirmed",
                sources=[SCRIPT],
                evidence=[Span(text="opened", start=s("opened").start, end=s("opened").end)],
            )
        ],
    )
