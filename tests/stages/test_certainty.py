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
