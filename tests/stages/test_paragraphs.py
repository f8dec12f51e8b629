"""The paragraphs stage: a blank line starts a sentence; a single line break does not."""

from __future__ import annotations

from storyline import Pipeline


def _sentences(pipeline: Pipeline, text: str) -> list[str]:
    doc = pipeline.nlp.make_doc(text)
    for _name, component in pipeline.nlp.pipeline[:6]:  # up to and including the parser
        doc = component(doc)
    return [s.text.strip() for s in doc.sents]


def test_headline_dateline_and_lead_are_separate_sentences(pipeline: Pipeline) -> None:
    text = "Fuel protests spread to the capital\n\nLA PAZ, March 4 - Police arrested 46 people."
    assert _sentences(pipeline, text) == [
        "Fuel protests spread to the capital",
        "LA PAZ, March 4 - Police arrested 46 people.",
    ]


def test_a_single_line_break_is_left_to_the_parser(pipeline: Pipeline) -> None:
    text = "The minister said the new bridge over the river\nwould open in the spring."
    assert len(_sentences(pipeline, text)) == 1


def test_the_headline_no_longer_runs_into_the_lead(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "Storm cuts power to thousands\n\nOSLO, Jan 9 - A storm cut power to 40,000 homes "
        "in western Norway on Monday, the grid operator said.",
        "2024-01-09",
    )
    assert account.main_event is not None
    assert "\n" not in (account.main_event.what or "")
