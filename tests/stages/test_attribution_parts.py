"""Quotes in pieces, and reported clauses the parser hangs on a noun.

A quotation interrupted by its attribution ("…," X said, "…"), one that goes on after the
speaker's sentence, and one that runs over two paragraphs are each one quote: ``content`` runs
from the first to the last quoted character (as PolNeAR scores a discontinuous span) and
``content_parts`` gives the quoted words piece by piece, without the source and cue.
"""

from __future__ import annotations

import pytest

from storyline import Pipeline
from storyline.model import Account, Quote

from ._claims import PUBLISHED


def _only_quote(account: Account) -> Quote:
    assert len(account.quotes) == 1, [q.content.text for q in account.quotes]
    return account.quotes[0]


def test_an_interrupted_quotation_is_one_quote_in_two_parts(pipeline: Pipeline) -> None:
    text = '"We will not leave," Ana Ruiz said, "until the road to the mine is open."'
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.kind == "direct"
    assert quote.source.text == "Ana Ruiz"
    assert quote.cue is not None and quote.cue.text == "said"
    # The contract's one span: first to last quoted character.
    assert quote.content.start == 0 and quote.content.end == len(text)
    assert [p.text for p in quote.content_parts] == [
        '"We will not leave,"',
        '"until the road to the mine is open."',
    ]
    for part in quote.content_parts:
        assert text[part.start : part.end] == part.text
        assert "Ruiz" not in part.text and "said" not in part.text


def test_a_quotation_after_the_speakers_sentence_is_a_second_part(pipeline: Pipeline) -> None:
    text = (
        "“The water came in the night,” said Marta Lind, a farmer from the valley. "
        "“By morning the barn and the tractor were gone.”"
    )
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.speaker == "Marta Lind"
    assert [p.text for p in quote.content_parts] == [
        "“The water came in the night,”",
        "“By morning the barn and the tractor were gone.”",
    ]


def test_one_piece_of_content_is_one_part(pipeline: Pipeline) -> None:
    text = "The harbour master said that the quay would reopen on Friday."
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.content_parts == [quote.content]


def test_an_interrupting_source_splits_an_indirect_claim(pipeline: Pipeline) -> None:
    text = "The old quay, the harbour master says, is too small for the new ferries."
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert [p.text for p in quote.content_parts] == [
        "The old quay",
        "is too small for the new ferries",
    ]


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")])
def test_a_quotation_running_over_two_paragraphs_is_one_quote(
    pipeline: Pipeline, open_mark: str, close_mark: str
) -> None:
    # Wire style: the first paragraph leaves the quotation open, the next reopens it.
    text = (
        f"{open_mark}We asked the province for help three times,{close_mark} said Ines Varga, "
        f"the mayor of Lanholm. {open_mark}Nobody came.\n\n"
        f"{open_mark}Now the water is in the houses and the school is closed,{close_mark} "
        "she said."
    )
    account = pipeline.extract(text, PUBLISHED)
    quote = _only_quote(account)
    assert quote.speaker == "Ines Varga"
    parts = [p.text for p in quote.content_parts]
    assert parts[-2] == f"{open_mark}Nobody came."
    assert parts[-1].startswith(f"{open_mark}Now the water")
    assert quote.content.text.endswith(f"closed,{close_mark}")


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("Mayor Tomas Vidal wrote in a letter that the bridge would close for repairs.",
         "Mayor Tomas Vidal", "wrote", "that the bridge would close for repairs"),
        ("The agency wrote in a report published on Thursday that prices would rise.",
         "The agency", "wrote", "that prices would rise"),
        ("Ruth Amsel wrote in a letter that she sent to the council that the plan was "
         "illegal.", "Ruth Amsel", "wrote", "that the plan was illegal"),
        ("The minister said in a statement released on Monday that the talks had failed.",
         "The minister", "said", "that the talks had failed"),
        ("Karin Holm told reporters in Geneva on Tuesday that the ceasefire was holding.",
         "Karin Holm", "told", "that the ceasefire was holding"),
        ("In a letter to the governor, Pavel Dorn said the town needed more buses.",
         "Pavel Dorn", "said", "the town needed more buses"),
    ],
)  # fmt: skip
def test_a_clause_hung_on_the_noun_of_a_message_is_still_reported(
    pipeline: Pipeline, text: str, source: str, cue: str, content: str
) -> None:
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.kind == "indirect"
    assert quote.source.text == source
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.content.text == content


@pytest.mark.parametrize(
    "text",
    [
        # Relative clauses: the noun is what the clause is about, nothing is reported.
        "The author wrote in a book that was published in 1990 about the war.",
        "Lena Brandt wrote in a letter that she sent to the council last week.",
    ],
)
def test_a_relative_clause_on_the_document_is_no_content(pipeline: Pipeline, text: str) -> None:
    account = pipeline.extract(text, PUBLISHED)
    assert not account.quotes, [q.content.text for q in account.quotes]


def test_a_speaker_hung_on_a_fronted_phrase_is_the_subject(pipeline: Pipeline) -> None:
    # The parser makes "her adviser, Jon Pelt" an apposition of "the Courier".
    text = (
        "In a statement to the Courier, her senior policy adviser, Jon Pelt, said: “The "
        "senator believes that the treaty is essential and will vote for it.”"
    )
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.kind == "direct"
    assert quote.speaker == "Jon Pelt"
    assert quote.content.text.startswith("“The senator believes")


def test_a_quotation_introduced_by_a_colon_ending_the_paragraph_before(
    pipeline: Pipeline,
) -> None:
    text = (
        "The reporter on the scene, Jomana Karsel, says:\n\n"
        '"The crowd left the square an hour ago and the police have closed the road."\n\n'
        "The square was empty by noon."
    )
    quote = _only_quote(pipeline.extract(text, PUBLISHED))
    assert quote.kind == "direct"
    assert quote.speaker == "Jomana Karsel"
    assert quote.content.text.startswith('"The crowd left')


def test_a_transcript_turn_in_capitals_is_a_quote_of_the_whole_paragraph(
    pipeline: Pipeline,
) -> None:
    text = (
        "Partial transcript as follows:\n\n"
        "HOLM: Do you think the governor has campaigned as a healer?\n\n"
        "VARGAS: I think he is trying to. I think that has been part of his message.\n\n"
        "UPDATE: The transcript was corrected on Friday."
    )
    account = pipeline.extract(text, PUBLISHED)
    turns = {q.source.text: q.content.text for q in account.quotes if q.kind == "direct"}
    assert turns["HOLM"] == "Do you think the governor has campaigned as a healer?"
    assert turns["VARGAS"].endswith("part of his message")
    assert "UPDATE" not in turns
