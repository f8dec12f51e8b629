"""Who a source phrase stands for: pronouns, partitives, asides and appositions."""

from __future__ import annotations

from storyline import Pipeline
from storyline.model import Account, Quote

from ._claims import PUBLISHED


def _quote(account: Account, content: str) -> Quote:
    found = [q for q in account.quotes if content in q.content.text]
    assert found, f"no quote with {content!r}: {[q.content.text for q in account.quotes]}"
    return found[0]


def _source_names(account: Account) -> set[str]:
    return {s.name for s in account.sources}


def test_he_is_the_person_the_sentence_marks_as_a_man(pipeline: Pipeline) -> None:
    # The company's name sits nearer "He" than the spokesman's; only the spokesman is
    # marked a man by the text ("a spokesman").
    text = (
        "Tomasz Krolik, a spokesman for Harbour Logistics Nordvik, told reporters that the "
        "company had offered a raise. He said the offer was final."
    )
    account = pipeline.extract(text, PUBLISHED)
    assert _quote(account, "the offer was final").speaker == "Tomasz Krolik"


def test_it_is_the_body_that_spoke_last_not_the_platform(pipeline: Pipeline) -> None:
    text = (
        "The Russian embassy in Oslo rejected that account. In a statement posted on "
        "Telegram, it said the trawler had been in international waters."
    )
    account = pipeline.extract(text, PUBLISHED)
    quote = _quote(account, "had been in international waters")
    assert quote.source.text == "it"
    source = next(s for s in account.sources if any(m.text == "it" for m in s.mentions))
    assert source.name == "Russian embassy in Oslo"
    assert "Telegram" not in _source_names(account)


def test_they_is_the_group_named_as_a_source_just_before(pipeline: Pipeline) -> None:
    text = (
        "Fisheries inspectors said they had found a hidden logbook on board. The fine could "
        "be raised if the logbook shows earlier violations, they said."
    )
    account = pipeline.extract(text, PUBLISHED)
    source = next(s for s in account.sources if s.name == "Fisheries inspectors")
    assert [m.text for m in source.mentions] == ["Fisheries inspectors", "they"]


def test_they_without_a_group_before_stays_as_written(pipeline: Pipeline) -> None:
    text = "Mayor Ana Ruiz opened the bridge on Friday. They said the road would close."
    account = pipeline.extract(text, PUBLISHED)
    assert _quote(account, "the road would close").speaker is None


def test_several_of_them_is_part_of_the_group_before(pipeline: Pipeline) -> None:
    text = (
        "Local traders tell a third story. Several of them said the drivers and the police "
        "had agreed to keep the bridge shut."
    )
    account = pipeline.extract(text, PUBLISHED)
    assert "Several of them" not in _source_names(account)
    source = next(s for s in account.sources if s.name == "Local traders")
    assert "them" in [m.text for m in source.mentions]


def test_an_anonymity_aside_is_cut_from_the_name_and_kept_in_the_kind(
    pipeline: Pipeline,
) -> None:
    text = (
        "Two government officials, speaking on condition of anonymity, said the minister "
        "could meet both sides this week."
    )
    account = pipeline.extract(text, PUBLISHED)
    (source,) = account.sources
    assert source.name == "Two government officials"
    assert source.kind == "anonymous"


def test_a_name_after_an_office_and_its_place_names_the_source(pipeline: Pipeline) -> None:
    text = (
        "The governor of Puno, Elmer Condori, said he had asked both governments to reopen "
        '"the crossing". "Every day the bridge stays closed, this region loses money," he said.'
    )
    account = pipeline.extract(text, PUBLISHED)
    names = _source_names(account)
    assert "Elmer Condori" in names
    assert not any("governor" in n for n in names)


def test_who_obtained_a_document_is_no_part_of_its_name(pipeline: Pipeline) -> None:
    text = "A police report obtained by Andean Wire says officers were sent to the bridge."
    account = pipeline.extract(text, PUBLISHED)
    quote = _quote(account, "officers were sent to the bridge")
    source = next(s for s in account.sources if "report" in s.name)
    assert source.name == "police report"
    assert source.kind == "document"
    assert quote.kind in ("indirect", "according_to")


def test_a_participle_aside_the_parser_made_the_subject_is_cut(pipeline: Pipeline) -> None:
    text = "The governor, writing in a letter to the mayor, said that the dam was safe."
    account = pipeline.extract(text, PUBLISHED)
    quote = _quote(account, "the dam was safe")
    assert quote.source.text == "The governor"


def test_it_is_never_a_person_named_by_an_office(pipeline: Pipeline) -> None:
    text = (
        "The minister said the port would reopen. It said in a statement on Friday that "
        "the harbour was safe."
    )
    account = pipeline.extract(text, PUBLISHED)
    minister = next(s for s in account.sources if s.name == "minister")
    assert "It" not in [m.text for m in minister.mentions]
