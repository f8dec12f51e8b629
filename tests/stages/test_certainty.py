"""Certainty from the cue's scope: one article line per class, checked exactly."""

from __future__ import annotations

import pytest

from storyline import Pipeline

from ..conftest import read_article
from ._claims import doc_of

# (predicate, its occurrence in claims_certainty.txt, expected certainty)
CASES = [
    ("left", "confirmed"),
    ("docked", "reported"),
    ("sign", "expected"),
    ("open", "planned"),
    ("reached", "unconfirmed"),
    ("crossed", "speculative"),
    ("lose", "speculative"),
    ("resigned", "speculative"),
    ("attend", "denied"),
    ("entered", "denied"),
]


@pytest.fixture(scope="module")
def certainties(pipeline: Pipeline) -> dict[str, str | None]:
    doc = doc_of(pipeline, read_article("claims_certainty.txt"))
    return {t.text: t._.sl_certainty for t in doc if t.pos_ == "VERB"}


@pytest.mark.parametrize(("word", "certainty"), CASES)
def test_certainty_class(certainties: dict[str, str | None], word: str, certainty: str) -> None:
    assert certainties[word] == certainty


def test_certainty_of_a_relative_clause_does_not_leak(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "The summit, which is expected to last two days, opened in Oslo.")
    by_word = {t.text: t._.sl_certainty for t in doc}
    assert by_word["opened"] == "confirmed"
    assert by_word["last"] == "expected"


def test_unclear_whether_is_unconfirmed(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "It is unclear whether the convoy reached Tirana.")
    assert {t.text: t._.sl_certainty for t in doc}["reached"] == "unconfirmed"


def test_negated_confirmation_beats_a_future_modal(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "Officials did not confirm when the talks will resume.")
    assert {t.text: t._.sl_certainty for t in doc}["resume"] == "unconfirmed"


def test_future_modal_alone_is_expected(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "The new bridge will open in June.")
    assert {t.text: t._.sl_certainty for t in doc}["open"] == "expected"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Neither ministry has confirmed that the bridge will reopen in March.", "reopen"),
        ("No one has confirmed where the summit will be held.", "held"),
        ("Nobody confirmed whether the ferry reached Split.", "reached"),
    ],
)
def test_confirm_with_a_negative_subject_is_unconfirmed(
    pipeline: Pipeline, text: str, word: str
) -> None:
    doc = doc_of(pipeline, text)
    assert {t.text: t._.sl_certainty for t in doc}[word] == "unconfirmed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A conjoined clause with its own subject is not under the first one's negation.
        (
            "The fishermen couldn't land their catch, but the Vigo harbour reopened.",
            {"land": "denied", "reopened": "confirmed"},
        ),
        # A shared subject shares the scope, except a negation of a verb with its own tense.
        ("The ferry did not leave Split or stop in Zadar.", {"leave": "denied", "stop": "denied"}),
        ("The ferry did not leave Split and stayed in port.", {"stayed": "confirmed"}),
        ("The ferry reportedly left Split and crossed the bay.", {"crossed": "speculative"}),
        # Cues above the first conjunct reach both clauses.
        (
            "Officials said the ferry left Split and the bus reached Zadar.",
            {"left": "reported", "reached": "reported"},
        ),
    ],
)
def test_coordination_scope(pipeline: Pipeline, text: str, expected: dict[str, str]) -> None:
    found = {t.text: t._.sl_certainty for t in doc_of(pipeline, text)}
    assert {w: found[w] for w in expected} == expected


@pytest.mark.parametrize(
    ("text", "word", "certainty"),
    [
        ("Amid rumours that the minister resigned, the party met in Lyon.", "resigned",
         "speculative"),
        ("The council approved the plan to build a bridge.", "build", "planned"),
        ("Officials did not confirm reports that the convoy reached Kherson.", "reached",
         "unconfirmed"),
        ("The fact that the bridge collapsed shocked the town.", "collapsed", "confirmed"),
        ("The envoy flew to Oslo to meet the king.", "meet", "planned"),
    ],
)  # fmt: skip
def test_noun_content_and_purpose_clauses(
    pipeline: Pipeline, text: str, word: str, certainty: str
) -> None:
    assert {t.text: t._.sl_certainty for t in doc_of(pipeline, text)}[word] == certainty


@pytest.mark.parametrize(
    ("text", "word", "certainty"),
    [
        ("The minister promised to build a new hospital.", "build", "planned"),
        ("The two sides agreed to meet in Geneva.", "meet", "planned"),
        ("The council decided to close the bridge.", "close", "planned"),
        ("The ship failed to reach the port.", "reach", "denied"),
        ("The police refused to release the names.", "release", "denied"),
        ("The army tried to cross the river.", "cross", "unconfirmed"),
        # The same verb with a "that" clause reports (speech_verbs.tsv), no plan.
        ("The minister promised that the hospital had opened.", "opened", "reported"),
        ("Police are investigating whether the driver fell asleep.", "fell", "unconfirmed"),
    ],
)
def test_implicative_and_commitment_verbs(
    pipeline: Pipeline, text: str, word: str, certainty: str
) -> None:
    assert {t.text: t._.sl_certainty for t in doc_of(pipeline, text)}[word] == certainty
