"""Attribution cues beyond "said": stances, prepositional cues, noun cues, colon speakers,
cues inside quotations, paragraph limits.  Every text here is invented for the tests."""

from __future__ import annotations

from storyline import Pipeline
from storyline.model import Account, Quote

PUBLISHED = "2024-05-14"


def _extract(pipeline: Pipeline, text: str) -> Account:
    return pipeline.extract(text, PUBLISHED)


def _quote(account: Account, content: str) -> Quote:
    found = [q for q in account.quotes if content in q.content.text]
    assert found, f"no quote with content {content!r}: {[q.content.text for q in account.quotes]}"
    return found[0]


def test_judgment_verb_with_an_object(pipeline: Pipeline) -> None:
    account = _extract(
        pipeline, "Senator Maria Ostrova praised the new harbour plan at a meeting on Monday."
    )
    quote = _quote(account, "the new harbour plan")
    assert quote.source.text == "Senator Maria Ostrova"
    assert quote.cue is not None and quote.cue.text == "praised"
    assert "Ostrova" not in quote.content.text


def test_prepositional_cue_takes_the_preposition(pipeline: Pipeline) -> None:
    account = _extract(
        pipeline, "The mayor of Tarnow called for an independent inquiry into the flooding."
    )
    quote = _quote(account, "an independent inquiry into the flooding")
    assert quote.cue is not None and quote.cue.text == "called for"
    assert quote.source.text == "The mayor of Tarnow"


def test_noun_cue_with_a_possessor(pipeline: Pipeline) -> None:
    account = _extract(
        pipeline,
        "The governor's claim that the old bridge was safe drew sharp criticism from engineers.",
    )
    quote = _quote(account, "the old bridge was safe")
    assert quote.cue is not None and quote.cue.text == "claim"
    assert quote.source.text.startswith("The governor")


def test_headline_colon_speaker(pipeline: Pipeline) -> None:
    text = (
        "Ostrova: Harbour Will Reopen By June\n\n"
        "Senator Maria Ostrova visited the harbour in Gdynia on Monday with two engineers."
    )
    account = _extract(pipeline, text)
    quote = _quote(account, "Harbour Will Reopen By June")
    assert quote.source.text == "Ostrova"
    assert quote.cue is not None and quote.cue.text == ":"


def test_editorial_label_before_a_colon_is_no_speaker(pipeline: Pipeline) -> None:
    text = (
        "Editor's note: This story was updated with the latest figures from the port.\n\n"
        "The port of Gdynia handled more containers in April than a year earlier."
    )
    account = _extract(pipeline, text)
    assert not any("note" in q.source.text.lower() for q in account.quotes)


def test_cue_inside_a_quotation_belongs_to_the_quoted_speaker(pipeline: Pipeline) -> None:
    text = (
        "“I think the vote will be close, and we know what is at stake for the port,” "
        "Ostrova told reporters in Gdynia."
    )
    account = _extract(pipeline, text)
    cues = [q.cue.text for q in account.quotes if q.cue is not None]
    assert "think" not in cues and "know" not in cues
    quote = _quote(account, "the vote will be close")
    assert quote.source.text == "Ostrova"


def test_quoting_verb_after_a_second_quotation(pipeline: Pipeline) -> None:
    text = (
        "Senator Maria Ostrova spoke in Gdynia on Monday. "
        "“We have hired forty new crane drivers this spring,” she continued."
    )
    account = _extract(pipeline, text)
    quote = _quote(account, "forty new crane drivers")
    assert quote.source.text == "she"
    assert quote.speaker is None or "Ostrova" in quote.speaker


def test_content_stays_in_the_cue_paragraph(pipeline: Pipeline) -> None:
    text = (
        "Port lost money in the first quarter.\n\n"
        "GDYNIA — A report published Wednesday said the port lost money in the first quarter."
    )
    account = _extract(pipeline, text)
    quote = _quote(account, "the port lost money")
    assert quote.source.text.startswith("A report")
    assert "\n" not in quote.content.text and quote.content.start > text.index("GDYNIA")


def test_first_person_source_is_kept_as_written(pipeline: Pipeline) -> None:
    account = _extract(pipeline, "I believe the new ferry timetable is a costly mistake.")
    quote = _quote(account, "the new ferry timetable is a costly mistake")
    assert quote.source.text == "I"
    assert quote.cue is not None and quote.cue.text == "believe"


def test_object_of_a_plain_verb_is_no_content(pipeline: Pipeline) -> None:
    account = _extract(pipeline, "The crew painted the hull of the old ferry in Gdynia.")
    assert account.quotes == []
