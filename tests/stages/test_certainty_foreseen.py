"""An event noun that is the subject of a passive verb of planning or expecting, and the
words inside a quotation interrupted by its attribution."""

from __future__ import annotations

import pytest

from storyline import Pipeline

from ._claims import PUBLISHED, doc_of


@pytest.mark.parametrize(
    ("text", "noun", "certainty"),
    [
        ("Talks between the union and the operator are scheduled for Monday in Warsaw.",
         "Talks", "planned"),
        ("A hearing is scheduled for next Tuesday at the district court in Tromso.",
         "hearing", "planned"),
        ("A meeting of the border commission is planned for May 12, according to the "
         "ministry.", "meeting", "planned"),
        ("A vote is expected on Thursday.", "vote", "expected"),
    ],
)  # fmt: skip
def test_a_scheduled_or_expected_subject_is_not_yet_held(
    pipeline: Pipeline, text: str, noun: str, certainty: str
) -> None:
    doc = doc_of(pipeline, text)
    (token,) = [t for t in doc if t.text == noun]
    assert token._.sl_certainty == certainty


def test_a_negated_schedule_plans_nothing(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "No talks are scheduled, and the meeting was not planned.")
    meeting = next(t for t in doc if t.text == "meeting")
    assert meeting._.sl_certainty is None


def test_the_scheduled_talks_are_a_planned_event(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "Talks between the union and the port operator are scheduled for Monday in Warsaw, "
        "according to the union.",
        PUBLISHED,
    )
    talks = next(e for e in account.events if e.trigger.text == "Talks")
    assert talks.certainty == "planned"


def test_the_verb_interrupting_a_quotation_is_not_quoted(pipeline: Pipeline) -> None:
    text = '"We will not leave," Ana Ruiz said, "until the road to the mine is open."'
    doc = doc_of(pipeline, text)
    said = next(t for t in doc if t.text == "said")
    leave = next(t for t in doc if t.text == "leave")
    assert said._.sl_certainty == "confirmed"
    assert leave._.sl_certainty == "denied"
