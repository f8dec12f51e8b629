"""Sources and quotes: "according to", reporting verbs, direct quotes, descriptive sources."""

from __future__ import annotations

import pytest

from storyline import Pipeline
from storyline.model import Account, Quote, Source

from ._claims import account_of, doc_of


def _quote(account: Account, content: str) -> Quote:
    found = [q for q in account.quotes if content in q.content.text]
    assert found, f"no quote with content {content!r}: {[q.content.text for q in account.quotes]}"
    return found[0]


def test_according_to_coordinated_sources_are_two_sources(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_motorcade.txt")
    names = {s.name for s in account.sources}
    assert {"Czech Foreign Ministry", "Austrian public radio"} <= names
    quote = _quote(account, "crossed the border with Austria")
    assert quote.kind == "according_to"
    assert quote.cue is not None and quote.cue.text == "according to"
    assert quote.source.text == "the Czech Foreign Ministry and Austrian public radio"
    assert "according" not in quote.content.text


def test_spokesperson_for_an_organisation_names_the_organisation(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_motorcade.txt")
    quote = _quote(account, "crossed the border at Mikulov")
    assert "spokeswoman for the Austrian Interior Ministry" in quote.source.text
    source = next(s for s in account.sources if "Interior Ministry" in s.name)
    assert source.kind == "official"
    assert not source.name.startswith("the ")


def test_photos_published_by_media_attribute_to_the_media(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_motorcade.txt")
    quote = _quote(account, "Weiss is accompanied")
    assert quote.source.text == "Austrian media"
    assert any(s.name == "Austrian media" and s.kind == "media" for s in account.sources)


def test_according_to_in_mid_sentence_takes_the_clause_after_it(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_motorcade.txt")
    quote = _quote(account, "could agree to an exchange")
    assert quote.source.text == "German media"
    assert quote.content.text.startswith("it is believed")


def test_clause_final_reporting_verb_and_descriptive_source(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_ferry.txt")
    quote = _quote(account, "The ferry arrived in Heraklion")
    assert quote.kind == "indirect"
    assert quote.source.text == "the port authority"
    assert quote.cue is not None and quote.cue.text == "said"
    broadcaster = _quote(account, "left Piraeus")
    assert broadcaster.speaker == "ERT"
    assert any(s.entity == "ERT" and s.kind == "media" for s in account.sources)


def test_direct_quote_spanning_two_quotations_of_one_speaker(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_ferry.txt")
    quote = _quote(account, "We are going to Crete")
    assert quote.kind == "direct"
    assert quote.speaker == "Nikos Andreou"
    assert quote.content.text.endswith("our full support.”")


def test_anonymous_source_with_that_clause(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_ferry.txt")
    quote = _quote(account, "would meet the regional governor")
    assert quote.content.text.startswith("that Andreou")
    source = next(s for s in account.sources if "official" in s.name)
    assert source.kind == "anonymous"


def test_speaker_after_a_direct_quote(pipeline: Pipeline) -> None:
    text = (
        "The harvest will be late this year. “The rain ruined the early crop in the valley,” "
        "said Marta Kovac, the head of the growers’ union."
    )
    doc = doc_of(pipeline, text)
    quotes = doc._.sl_quotes
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.kind == "direct"
    assert text[quote.content[0] : quote.content[1]].startswith("“The rain ruined")
    assert "Marta Kovac" in text[quote.source[0] : quote.source[1]]


def test_nested_reporting_is_not_a_second_attribution(pipeline: Pipeline) -> None:
    text = "The mayor said that the engineers believe the bridge is safe."
    doc = doc_of(pipeline, text)
    assert len(doc._.sl_quotes) == 1
    assert text[slice(*doc._.sl_quotes[0].source)] == "The mayor"


_ARTICLES = [
    ("claims_convoy.txt", "Edgars Ozols", "Union officials", "Amber Coachways"),
    ("claims_night_train.txt", "Kari Lunde", "Railway officials", "Fjellbane Rail"),
]


@pytest.mark.parametrize(("name", "person", "anonymous", "company"), _ARTICLES)
def test_relative_pronoun_is_never_a_source(
    pipeline: Pipeline, name: str, person: str, anonymous: str, company: str
) -> None:
    account = account_of(pipeline, name)
    names = {s.name.lower() for s in account.sources}
    assert not names & {"who", "which", "that", "no one", "neither government"}
    source = next(s for s in account.sources if s.name == anonymous)
    assert source.kind == "anonymous"
    # "asked not to be named" marks anonymity; it is not something the officials claimed.
    assert not any("named" in q.content.text for q in account.quotes)


@pytest.mark.parametrize(("name", "person", "anonymous", "company"), _ARTICLES)
def test_person_source_by_surname_gets_the_full_name(
    pipeline: Pipeline, name: str, person: str, anonymous: str, company: str
) -> None:
    account = account_of(pipeline, name)
    # A person with an office ("Transport Minister X") is an official source.
    surname = person.split()[-1]
    source = next(
        s
        for s in account.sources
        if s.kind in ("person", "official") and any(m.text == surname for m in s.mentions)
    )
    assert source.name == person
    assert source.entity == person
    assert source.mentions[0].text == person.split()[-1]


@pytest.mark.parametrize(("name", "person", "anonymous", "company"), _ARTICLES)
def test_appositive_name_names_the_source(
    pipeline: Pipeline, name: str, person: str, anonymous: str, company: str
) -> None:
    account = account_of(pipeline, name)
    source = next(s for s in account.sources if company in s.name)
    assert source.name == company
    assert source.kind == "other"


def test_common_noun_before_a_proper_name_gives_the_name(pipeline: Pipeline) -> None:
    for text, name in [
        ("Last week the weekly Nordbladet reported that the mine would close.", "Nordbladet"),
        ("On Friday the broadcaster Radio Kestrel reported that the port had reopened.",
         "Radio Kestrel"),
    ]:  # fmt: skip
        doc = doc_of(pipeline, text)
        assert [s.name for s in doc._.sl_sources] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The report was welcomed by the harbour master, who said the dredging would "
         "finish in June.", "harbour master"),
        ("Reporters reached Mayor Lucia Ferro, who said that the dam had held overnight.",
         "Lucia Ferro"),
    ],
)  # fmt: skip
def test_relative_pronoun_speaker_is_its_antecedent(
    pipeline: Pipeline, text: str, name: str
) -> None:
    doc = doc_of(pipeline, text)
    assert [s.name for s in doc._.sl_sources] == [name]
    # "was welcomed by the harbour master" is the master's judgment of the report, too.
    (quote,) = [
        q for q in doc._.sl_quotes if q.cue is not None and doc.text[q.cue[0] : q.cue[1]] == "said"
    ]
    assert doc.text[quote.source[0] : quote.source[1]].endswith(", who")


@pytest.mark.parametrize(
    "text",
    [
        "TARTU, May 3, 2025 (Baltic Wire) - A grain silo caught fire near the port on Friday, "
        "firefighters said.",
        "LIMA - Two ferries collided in the harbour overnight, the coast guard said.",
    ],
)
def test_a_dateline_is_never_part_of_what_a_source_said(pipeline: Pipeline, text: str) -> None:
    account = pipeline.extract(text, "2025-05-03")
    quote = _quote(account, text.split(" - ")[1][:20])
    body = text.index(" - ") + 3
    assert quote.content.start == body
    assert quote.content.text.startswith(text[body : body + 10])


@pytest.mark.parametrize(
    ("content", "source", "cue"),
    [
        # A cue verb in the passive: its "by" agent holds the view.
        ("The dredging plan", "the harbour council", "was rejected by"),
        # An interrupting "X says," keeps the claim around it whole.
        ("The old quay, the harbour master says, is too small", "the harbour master", "says"),
        # "by saying …": the speaker of the clause the preposition belongs to.
        ("the town could not afford", "Councillor Ines Marlow", "saying"),
        # "As X reported, …": the main clause is the report.
        ("the contractor had already ordered", "the weekly Velmora Courier", "reported"),
        # "X said, recalling Y": the participle's object, not the clause before it.
        ("a storm that closed the old quay", "Reyk", "recalling"),
        # Typewriter quotation marks, and a quotation said in the next sentence.
        ("''We have waited eleven years", "Marlow", "told"),
        ('"The cranes will arrive', "Reyk", "said"),
        # A non-restrictive relative clause is its own attribution, no part of the source.
        ("the vote was rushed", "Marlow, who", "said"),
        ("she would ask for a second reading", "Marlow", "said"),
        # A light verb with a message noun: the cue runs from the verb to the noun.
        ("that the harbour needed a second quay", "Marlow", "made the case"),
        ("the cost of the cranes", "The mayor", "raised questions about"),
        # "said in a statement that …", and a gerund complement ("proposed building …").
        ("that the contract would be signed", "The council", "said"),
        ("building a second quay", "Reyk", "has proposed"),
        # A clause-final reporting verb after a comma, whatever the parse of the clause.
        ("The old ferry will stop running in May", "the port director, Hana Drost", "said"),
        ("The harbour fees rose by a third last year", "officials", "said"),
        # "called for X to …" (the parser's clause mark), a stance verb's gerund complement.
        ("the council to publish the contract", "Marlow", "called for"),
        ("raising the harbour fees", "The mayor", "supports"),
        # A short quotation with its speaker right after it.
        ("“Absolutely,”", "Drost", "said"),
        # A belief or judgment adjective predicated of its holder.
        ("that the ferries will return", "Drost", "confident"),
        ("the new fees", "The fishermen", "critical of"),
        # "hoping" (lemmatised "hop"), and a verb of Levin's "say" class.
        ("to settle the dispute", "the mayor", "was hoping"),
        ("a second contract", "Marlow", "alluded to"),
        # A gerund before the main clause: its subject is the main clause's.
        ("the contract a mistake", "Marlow", "calling"),
        # A quotation after a colon: the verb the colon hangs on, however far back.
        ("“This harbour will be busier", "Reyk", "told"),
        # A fronted "In a survey, …": the survey is the clause's source.
        ("most fishermen earned less", "a survey by the harbour council", "In"),
    ],
)
def test_attribution_constructions(pipeline: Pipeline, content: str, source: str, cue: str) -> None:
    account = account_of(pipeline, "attribution_constructions.txt")
    quote = _quote(account, content)
    assert quote.source.text == source
    assert quote.cue is not None and quote.cue.text == cue


_PARAGRAPHS = (
    '"We are ready," Harbour Minister Oda Lunde told reporters. "The cranes are in place and '
    'the crews are trained."\n'
    "A port official who asked not to be named said the opening could slip to July. "
    "The regional daily Kystposten reported that costs had doubled."
)


def test_a_short_quotation_before_its_verb_is_direct(pipeline: Pipeline) -> None:
    account = pipeline.extract(_PARAGRAPHS, "2026-03-03")
    quote = next(q for q in account.quotes if q.cue and q.cue.text == "told")
    assert quote.kind == "direct"
    assert quote.content.text.startswith('"We are ready,"')


def test_a_quotation_is_never_said_by_the_next_paragraphs_speaker(pipeline: Pipeline) -> None:
    account = pipeline.extract(_PARAGRAPHS, "2026-03-03")
    for quote in account.quotes:
        assert "\n" not in quote.content.text, quote
    cranes = next(q for q in account.quotes if "cranes" in q.content.text)
    assert cranes.source.text.endswith("Oda Lunde")


def test_a_daily_tagged_as_an_adjective_is_still_media(pipeline: Pipeline) -> None:
    account = pipeline.extract(_PARAGRAPHS, "2026-03-03")
    kinds = {s.name: s.kind for s in account.sources}
    assert kinds.get("Kystposten") == "media", kinds


@pytest.mark.parametrize(
    ("content", "source", "speaker"),
    [
        # "She" skips the man named after the woman (Mr) to the woman the article bound
        # "herself" to in her own clause.
        ("the old quay was too small", "She", "Ines Marlow"),
        # "He" skips two women (a sex-marked noun in apposition, an honorific) to the nearest
        # man; a person the article gives no sex would have been compatible.
        ("the cranes had already been ordered", "He", "Piet Lunde"),
        # A family name alone joins the councillor named in full before it.
        ("the vote was rushed", "Marlow", "Ines Marlow"),
    ],
)
def test_pronoun_and_family_name_sources_find_the_right_person(
    pipeline: Pipeline, content: str, source: str, speaker: str
) -> None:
    account = account_of(pipeline, "sources_pronouns.txt")
    quote = _quote(account, content)
    assert quote.source.text == source
    assert quote.speaker == speaker


def _source_of(account: Account, quote: Quote) -> Source:
    span = quote.source
    return next(
        s
        for s in account.sources
        if any(span.start <= m.start and m.end <= span.end for m in s.mentions)
    )


def test_a_document_seen_by_a_wire_is_the_source_not_the_wire(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "sources_kinds.txt")
    quote = _quote(account, "harbour ministry said on Monday")
    assert quote.kind == "according_to"
    source = _source_of(account, quote)
    assert (source.name, source.kind) == ("ministry memo", "document")
    # Who saw the memo said nothing about it.
    assert not any(q.cue and q.cue.text == "seen by" for q in account.quotes)


def test_the_statement_an_according_to_phrase_hangs_on_is_its_own_attribution(
    pipeline: Pipeline,
) -> None:
    account = account_of(pipeline, "sources_kinds.txt")
    quote = next(q for q in account.quotes if q.cue and q.cue.text == "said" and q.kind != "direct")
    assert quote.source.text == "Finland's harbour ministry"
    assert quote.content.text.startswith("that the new ferry to Tallinn")
    assert _source_of(account, quote).kind == "official"


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        # The dateline's outlet is a news organisation wherever it is a source.
        ("the crew had been hired", "Nordic Wire", "media"),
        # A statement on a social platform: its source is of that kind ...
        ("the timetable was", "Veli Saari", "social_media"),
        ("the port would stay open", "Liisa Harju", "social_media"),
        # ... and the same person elsewhere keeps the kind of their office.
        ("he would ask for an inquiry", "Veli Saari", "official"),
        ("The ship is ready", "Aino Pelto", "official"),
        # The outlet's name, without the demonym and the classifying noun before it.
        ("fares would double", "Merileht", "media"),
        # A platform's one-letter name inside a person's name is no platform.
        ("the port was too small", "Malcolm X", "person"),
    ],
)
def test_source_kinds(pipeline: Pipeline, content: str, name: str, kind: str) -> None:
    account = account_of(pipeline, "sources_kinds.txt")
    source = _source_of(account, _quote(account, content))
    assert (source.name, source.kind) == (name, kind)


_GROUPS = (
    "PORTVALE, May 2 - Ines Marlow met fishermen in Portvale on Monday. They said the new "
    "fees were too high.\n"
    "The Portvale Harbour Company opened a new quay in Tallinn on Monday. It said the quay "
    "would handle ferries."
)


def test_they_is_no_person_and_it_is_an_organisation_not_a_city(pipeline: Pipeline) -> None:
    account = pipeline.extract(_GROUPS, "2026-05-02")
    they = _quote(account, "the new fees were too high")
    assert they.speaker is None
    assert _source_of(account, they).name == "They"
    it = _quote(account, "the quay would handle ferries")
    assert it.speaker == "Portvale Harbour Company"
    # A company is no official source.
    assert _source_of(account, it).kind == "other"


_CHANNELS = (
    "KORVA, June 9 - The harbour board met on Monday. Veli Saari tweeted that the plan was "
    "dead. The ministry posted on Telegram that talks would go on. In a Facebook post, Liisa "
    "Harju said the port would stay open. Ana Berg said on television that the port would close."
)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("the plan was dead", "social_media"),
        ("talks would go on", "social_media"),
        ("the port would stay open", "social_media"),
        # Television is a channel, but no social platform.
        ("the port would close", "person"),
    ],
)
def test_the_channel_of_a_statement_makes_a_social_media_source(
    pipeline: Pipeline, content: str, kind: str
) -> None:
    account = pipeline.extract(_CHANNELS, "2026-06-09")
    assert _source_of(account, _quote(account, content)).kind == kind


@pytest.mark.parametrize(
    "terms",
    ["on condition of anonymity", "on condition that they not be named", "on background"],
)
def test_the_terms_a_source_spoke_on_are_no_quote(pipeline: Pipeline, terms: str) -> None:
    text = (
        "The port will reopen on Friday, according to two officials who spoke "
        f"{terms}. The record catch was landed on Monday, the harbour master said."
    )
    account = pipeline.extract(text, "2024-01-15")
    contents = [q.content.text for q in account.quotes]
    assert not any(c.startswith(("condition", "on ", "background")) for c in contents), contents
    assert any(c.startswith("The record catch") for c in contents), contents


def test_a_possessive_source_names_whose_it_is(pipeline: Pipeline) -> None:
    text = (
        "Prime Minister Ana Ruiz arrived in Lisbon on Monday. Her spokesman said the talks "
        'would continue on Tuesday. "We are close," her chief negotiator told reporters.'
    )
    account = pipeline.extract(text, "2024-05-15")
    names = {s.name: s.kind for s in account.sources}
    assert set(names) == {"Ana Ruiz's spokesman", "Ana Ruiz's chief negotiator"}, names
    assert names["Ana Ruiz's spokesman"] == "official"
