"""Certainty checked exactly on one article per class (tests/articles/certainty_<class>.txt).

Each article states its events and claims in one certainty class, through the cue scopes the
certainty stage reads from the parse; the predicates ("claims") and the typed events named
below must get exactly that certainty, and the cue verbs themselves stay asserted.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline import Pipeline
from storyline.doc import text_of

from ..conftest import read_article
from ._claims import doc_of

CLASSES = ("confirmed", "reported", "expected", "planned", "unconfirmed", "speculative", "denied")

# article class → (predicate word, n-th occurrence from 0, expected certainty)
CLAIMS: dict[str, list[tuple[str, int, str]]] = {
    "confirmed": [
        ("docked", 0, "confirmed"),
        ("unloaded", 0, "confirmed"),
        ("left", 0, "confirmed"),
        ("found", 0, "confirmed"),
        ("arrived", 0, "confirmed"),
    ],
    "reported": [
        ("flooded", 0, "reported"),  # "…, the office said"
        ("evacuated", 0, "reported"),  # "According to the mayor, …"
        ("rose", 0, "reported"),  # inside a direct quotation
        ("closed", 0, "reported"),  # "State television reported that …"
        ("said", 0, "confirmed"),  # the report itself is asserted
    ],
    "expected": [
        ("open", 0, "expected"),  # "is expected to"
        ("test", 0, "expected"),  # "will"
        ("carry", 0, "expected"),  # "should"
        ("exceed", 0, "expected"),  # "forecast that … will"
        ("sign", 0, "expected"),
    ],
    "planned": [
        ("build", 0, "planned"),  # "plans to"
        ("begin", 0, "planned"),  # "is scheduled to"
        ("hire", 0, "planned"),  # "intends to"
        ("present", 0, "planned"),  # "is due to"
        ("travel", 0, "planned"),
        ("meet", 0, "planned"),  # purpose of a planned journey
    ],
    "unconfirmed": [
        ("reached", 0, "unconfirmed"),  # "did not confirm whether"
        ("found", 0, "unconfirmed"),  # "It is unclear if"
        ("carried", 0, "unconfirmed"),  # "has not verified that"
        ("spent", 0, "unconfirmed"),  # "No one knows where"
        ("flew", 0, "unconfirmed"),  # "have not confirmed reports that"
        ("confirm", 0, "confirmed"),  # not confirming is itself asserted
    ],
    "speculative": [
        ("started", 0, "speculative"),  # "may have"
        ("caused", 0, "speculative"),  # "believe that"
        ("flew", 0, "speculative"),  # "reportedly"
        ("reach", 0, "speculative"),  # "could"
        ("collapsed", 0, "speculative"),  # "it is thought that"
        ("sold", 0, "speculative"),  # "rumours that"
        ("destroyed", 0, "confirmed"),  # the relative clause is asserted
    ],
    "denied": [
        ("crossed", 0, "denied"),  # "denied that"
        ("attend", 0, "denied"),  # "did not"
        ("fired", 0, "denied"),  # "rejected claims that"
        ("signed", 0, "denied"),  # "never"
        ("denied", 0, "confirmed"),  # the denial itself is asserted
    ],
}

# article class → typed events by trigger text → expected certainty
EVENTS: dict[str, dict[str, str]] = {
    "confirmed": {"arrived": "confirmed", "met": "confirmed"},
    "reported": {"evacuated": "reported"},
    "expected": {"sign": "expected"},
    "planned": {"travel": "planned", "meet": "planned"},
    "unconfirmed": {"flew": "unconfirmed"},
    "speculative": {"flew": "speculative", "sold": "speculative"},
    "denied": {"crossed": "denied", "fired": "denied", "signed": "denied"},
}


@pytest.fixture(scope="module")
def docs(pipeline: Pipeline) -> dict[str, Doc]:
    return {c: doc_of(pipeline, read_article(f"certainty_{c}.txt")) for c in CLASSES}


def _certainty(doc: Doc, word: str, occurrence: int) -> str | None:
    found = [t for t in doc if t.text == word]
    assert len(found) > occurrence, f"{word!r} not in the article"
    value: str | None = found[occurrence]._.sl_certainty
    return value


@pytest.mark.parametrize(
    ("cls", "word", "occurrence", "certainty"),
    [(cls, *case) for cls, cases in CLAIMS.items() for case in cases],
)
def test_claim_certainty(
    docs: dict[str, Doc], cls: str, word: str, occurrence: int, certainty: str
) -> None:
    assert _certainty(docs[cls], word, occurrence) == certainty


@pytest.mark.parametrize(
    ("cls", "trigger", "certainty"),
    [(cls, trigger, c) for cls, found in EVENTS.items() for trigger, c in found.items()],
)
def test_event_certainty(docs: dict[str, Doc], cls: str, trigger: str, certainty: str) -> None:
    doc = docs[cls]
    text = text_of(doc)
    events = {text[e.trigger[0] : e.trigger[1]]: e.certainty for e in doc._.sl_events}
    assert events.get(trigger) == certainty, events


def test_every_class_has_an_article() -> None:
    assert set(CLAIMS) == set(EVENTS) == set(CLASSES)
