"""The 5W1H main event: the lead event with an actor, each answer with its span."""

from __future__ import annotations

from storyline import Pipeline

from ..conftest import read_article
from ._claims import account_of, doc_of


def test_lead_movement_is_the_main_event(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_motorcade.txt")
    main = account.main_event
    assert main.who == "Anton Weiss"
    assert main.what is not None and main.what.startswith("crossed the border")
    assert main.when == "2024-05-14"
    assert main.where == "Austria"
    assert main.spans["who"].text == "Anton Weiss"
    assert main.spans["what"].text == main.what


def test_reported_lead_uses_the_reported_event(pipeline: Pipeline) -> None:
    account = account_of(pipeline, "claims_ferry.txt")
    main = account.main_event
    assert main.who == "Nikos Andreou"
    assert main.what is not None and main.what.startswith("left Piraeus")
    assert main.when is not None and main.when.startswith("2024-05-09")


def test_sentence_fallback_and_why(pipeline: Pipeline) -> None:
    doc = doc_of(
        pipeline,
        "Farmers blocked the main road to Madrid on Monday because fuel prices rose again.",
    )
    main = doc._.sl_main_event
    assert main is not None
    assert main.answers["who"] == "Farmers"
    assert main.answers["what"].startswith("blocked the main road")
    assert main.answers["when"] == "2024-05-13"
    assert main.answers["where"] == "Madrid"
    assert main.answers["why"].startswith("because fuel prices")


def test_dateline_is_never_who_or_where(pipeline: Pipeline) -> None:
    for name, who, where in [
        ("claims_convoy.txt", "Edgars Ozols", "Lithuania"),
        ("claims_night_train.txt", "Kari Lunde", "Sweden"),
    ]:
        main = account_of(pipeline, name).main_event
        # The vehicle phrase's passenger, by canonical name; the crossing, not the plan.
        assert (main.who, main.where) == (who, where)
        assert main.what is not None and main.what.startswith("crossed")
        assert main.spans["where"].start > 20


def test_dateline_subject_falls_back_to_the_real_subject(pipeline: Pipeline) -> None:
    for text in (
        "TORONTO — Striking teachers marched to the legislature in Ottawa on Monday.",
        "LIMA, May 13, 2024 - Striking teachers marched to the congress in Cusco on Monday.",
    ):
        main = doc_of(pipeline, text)._.sl_main_event
        assert main is not None
        assert main.answers.get("who") not in ("TORONTO", "LIMA", "Toronto", "Lima")
        assert main.answers.get("where") not in ("TORONTO", "LIMA", "Toronto", "Lima")


def _main(pipeline: Pipeline, text: str) -> dict[str, str]:
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    return dict(main.answers)


def test_headline_noun_read_as_verb(pipeline: Pipeline) -> None:
    # "lands" tagged as a plural noun with the name compounded onto it: headline grammar.
    main = _main(pipeline, "Maria Berg lands in Porto for harbour talks. She met the mayor.")
    assert main["what"] == "lands in Porto"
    assert main["where"] == "Porto"
    assert main["who"].endswith("Berg")


def test_headline_label_before_a_colon(pipeline: Pipeline) -> None:
    main = _main(pipeline, "Harbour fire: Firefighters rescued six sailors in Gdansk on Monday.")
    assert main["who"] == "Firefighters"
    assert main["what"] == "rescued six sailors in Gdansk"
    assert (main["where"], main["when"]) == ("Gdansk", "2024-05-13")


def test_reporting_verb_keeps_what_was_said(pipeline: Pipeline) -> None:
    # The reported clause's subject is a pronoun: the report is the event, said clause its what.
    main = _main(pipeline, "Port authority declares it has reopened the harbour.")
    assert main["who"] == "Port authority"
    assert main["what"] == "declares it has reopened the harbour"


def test_when_is_a_day_near_publication(pipeline: Pipeline) -> None:
    main = _main(
        pipeline, "Anna Berg, who was born on March 3, 1961, crossed into Finland on Monday."
    )
    assert main["when"] == "2024-05-13"
    # A birth date is background, not the news's day: no when at all.
    assert "when" not in _main(
        pipeline, "The historian Jon Dahl, born on 3 March 1961, opened a museum."
    )


def test_what_is_short(pipeline: Pipeline) -> None:
    main = _main(
        pipeline,
        "Rebels attacked the Norwegian embassy in the northern city of Tromso with a truck bomb.",
    )
    # The object's core and the next phrase, not the whole clause.
    assert main["what"] == "attacked the Norwegian embassy in the northern city"


def test_a_country_classifying_a_noun_is_no_where(pipeline: Pipeline) -> None:
    assert "where" not in _main(
        pipeline, "The minister blamed the Spain election defeat on rising prices."
    )


def test_a_hedged_clause_ranks_after_a_deed(pipeline: Pipeline) -> None:
    main = _main(
        pipeline, "The fishermen couldn't land their catch, but the Vigo harbour reopened."
    )
    assert main["what"] == "reopened"


def test_a_time_misparsed_as_object_is_not_the_object(pipeline: Pipeline) -> None:
    # The parser reads "this" of "this Thursday" as the object of "crossed" here.
    account = pipeline.extract(read_article("parallel_8.txt"), "2025-01-02")
    assert account.main_event.what == "crossed into Sweden"


def test_a_passive_named_agent_is_who(pipeline: Pipeline) -> None:
    main = _main(pipeline, "Mayor Ana Ruiz was cleared by the Electoral Commission on Monday.")
    assert main["who"] == "Electoral Commission"
    assert main["what"] == "was cleared by the Electoral Commission"


def test_headline_passive_with_a_count_takes_who_from_the_lead(pipeline: Pipeline) -> None:
    # "Twelve injured as …": the parser reads a noun with a participle; the headline is
    # the main event, and a count names no one, so the lead's subject is who.
    main = account_of(pipeline, "fivew_bus_crash.txt").main_event
    # what happened to a count of people is the count
    assert main.what is not None and main.what.startswith("Twelve injured as bus overturns")
    assert main.spans["what"].end < 60
    assert main.who == "Firefighters"
    assert main.where == "Tarvisio"


def test_quoted_predicate_is_someones_claim(pipeline: Pipeline) -> None:
    # "Captain 'fell asleep', claim crew" is the crew's words: the lead's deed is the event.
    main = account_of(pipeline, "fivew_quoted_claim.txt").main_event
    assert main.what is not None and main.what.startswith("detained the captain")
    assert main.who == "Harbour police"


def test_a_country_gives_way_to_the_town_the_lead_names(pipeline: Pipeline) -> None:
    main = account_of(pipeline, "fivew_country_town.txt").main_event
    assert main.what is not None and main.what.startswith("destroys school gymnasium")
    assert main.where == "Perugia"


def test_an_unknown_name_placed_by_guess_is_no_where(pipeline: Pipeline) -> None:
    # "Zorblat" is no place the gazetteer knows; a guess is not the event's setting.
    doc = doc_of(pipeline, "Fans rallied behind Zorblat after the final in Lisbon on Monday.")
    main = doc._.sl_main_event
    assert main is not None
    assert main.answers["where"] == "Lisbon"


def test_a_thing_undergoing_a_passive_is_no_who(pipeline: Pipeline) -> None:
    for text in (
        # an unrecognised proper name (a race, a cup) and an event noun are no actors
        "The Valdoria Cup was halted after heavy rain in Lisbon on Monday.",
        "Protest march in Lisbon marred by violence. Riot police detained 20 people on Monday.",
    ):
        main = doc_of(pipeline, text)._.sl_main_event
        assert main is not None
        assert "who" not in main.answers
        assert main.answers["where"] == "Lisbon"


def test_a_hedged_lead_clause_names_no_who(pipeline: Pipeline) -> None:
    text = (
        "Nine hurt in ferry collision off Crete. "
        "The ferry was apparently sailing too fast in fog, officials said."
    )
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"].startswith("Nine hurt in ferry collision")
    assert "who" not in main.answers


def test_a_reference_day_is_not_the_events_day(pipeline: Pipeline) -> None:
    # "before Friday's vote" dates the vote, a reference point, not what is told.
    text = (
        "Mayor Hanna Kolar blames the ballot printers for her defeat. Kolar told supporters "
        "that the count had stalled shortly before Friday's vote. She spoke to reporters in "
        "Graz on Thursday."
    )
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["when"] == "2024-05-09"


def test_a_town_is_the_where_only_when_set_in_it(pipeline: Pipeline) -> None:
    # "raids on Bilbao" names a target, "the station in Bilbao" the scene.
    for text, where in (
        (
            "Gunmen attack police station in Spain. "
            "The assault came a week after police raids on Bilbao, officials said.",
            "Spain",
        ),
        (
            "Gunmen attack police station in Spain. "
            "The assault on the station in Bilbao lasted an hour, officials said.",
            "Bilbao",
        ),
    ):
        main = doc_of(pipeline, text)._.sl_main_event
        assert main is not None
        assert main.answers["where"] == where


def test_a_named_event_is_no_who(pipeline: Pipeline) -> None:
    main = doc_of(pipeline, "Game 5 hands the Hawks a title.")._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "hands the Hawks a title"
    assert "who" not in main.answers


def test_quotation_marks_stay_with_the_phrase(pipeline: Pipeline) -> None:
    text = "Survivor describes 'chaos' inside the burning hotel in Porto on Monday."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "describes 'chaos'"


def test_a_counted_patient_leads_the_what(pipeline: Pipeline) -> None:
    text = "At least three people were injured when a crane collapsed in Tartu on Monday."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "At least three people were injured"


def test_a_gerund_keeps_its_object(pipeline: Pipeline) -> None:
    text = "Mayor Hanna Kolar blames the printers for delaying the count."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "blames the printers for delaying the count"


def test_a_cut_clause_after_as_is_left_out(pipeline: Pipeline) -> None:
    text = "Bridge collapse: Engineer arrested as nine dead and dozens hurt in Varna."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "arrested"


def test_a_plural_subject_with_a_singular_verb_is_a_misparse(pipeline: Pipeline) -> None:
    # "victims … starts" cannot agree: the headline says the victims were named.
    text = "Last two Varna bridge collapse victims named as repair work starts at the river."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "Last two Varna bridge collapse victims named"


def test_where_from_the_lead_sentence_is_a_town_not_a_country(pipeline: Pipeline) -> None:
    for text, where in (
        (
            "Mayor Hanna Kolar resigns after the vote. Kolar announced her resignation at a "
            "news conference in Graz on Monday.",
            "Graz",
        ),
        ("Mayor Hanna Kolar resigns. Kolar announced her decision in Austria on Monday.", None),
    ):
        main = doc_of(pipeline, text)._.sl_main_event
        assert main is not None
        assert main.answers.get("where") == where


def test_a_plural_root_before_a_participle_is_no_verb(pipeline: Pipeline) -> None:
    main = doc_of(pipeline, "Four Varna bridge victims named as divers search river.")
    record = main._.sl_main_event
    assert record is not None
    assert record.answers["what"].endswith("named")


def test_a_site_in_the_place_is_the_where(pipeline: Pipeline) -> None:
    text = "Gunmen stormed the Ruritanian embassy in Tallinn on Monday, police said."
    account = pipeline.extract(text, "2024-05-14")
    main = account.main_event
    assert main.where == "Tallinn"
    assert main.spans["where"].text == "the Ruritanian embassy in Tallinn"


def test_a_title_case_headline_is_read_sentence_cased(pipeline: Pipeline) -> None:
    # "Ferry Capsizes Off Coast …": the tagger reads the capitalised verb as part of a
    # name; a sentence-cased copy of the headline parses as a clause.
    main = account_of(pipeline, "fivew_title_case.txt").main_event
    assert main.what is not None and main.what.lower().startswith("capsizes off coast")
    assert main.who == "Ferry"
    assert main.spans["what"].text == main.what


def test_a_headline_verb_read_as_a_plural_noun(pipeline: Pipeline) -> None:
    # "X stages protest": the parser takes "stages" for the subject and "protest" for
    # the verb; the lead's "staged" shows which word is the verb.
    main = account_of(pipeline, "fivew_headline_verb.txt").main_event
    assert main.what is not None and main.what.startswith("stages protest outside")
    assert main.who == "Mira Kovac"


def test_a_headline_without_a_clause_is_read_with_a_pronoun_subject(
    pipeline: Pipeline,
) -> None:
    # "X and Y lead celebrations": no verb in the parse; "They lead celebrations" has one.
    text = (
        "Tom Reyes and Ana Lucht lead celebrations as Rovers end 60-year curse. "
        "A late goal broke a 1-1 tie and Rovers saw off City in Leeds on Monday."
    )
    main = _main(pipeline, text)
    assert main["what"] == "lead celebrations"
    assert main["who"] == "Tom Reyes and Ana Lucht"


def test_a_toll_is_one_fact(pipeline: Pipeline) -> None:
    text = "Several people died and dozens were injured when a ferry sank off Crete on Monday."
    assert _main(pipeline, text)["what"] == "Several people died and dozens were injured"


def test_a_verbless_headline_is_not_forced_into_a_clause(pipeline: Pipeline) -> None:
    # "Fresh clashes …" has no subject before "clashes"; "Record heat" would need "heats".
    for text in (
        "Fresh clashes in Dakar after opposition leader detained. "
        "Police in Dakar fired tear gas at protesters on Monday.",
        "Record heat for Madrid as drought deepens. "
        "Temperatures in Madrid reached 44 degrees on Monday.",
    ):
        main = _main(pipeline, text)
        assert main["who"] in ("Police", "Temperatures")
        assert not main["what"].startswith(("clashes", "heat"))


def test_a_time_adjunct_is_when_not_what(pipeline: Pipeline) -> None:
    text = "Vesna Horvat makes emotional farewell after crashing in Split on Sunday."
    assert _main(pipeline, text)["what"] == "makes emotional farewell"


def test_a_title_case_verb_tagged_as_a_noun_is_read_with_a_pronoun(pipeline: Pipeline) -> None:
    # Sentence-cased, "Tram derails in Lyon" still parses as a noun phrase; "It derails
    # in Lyon" does not, and "Tram" (not "Tram Derails") is who.
    text = (
        "Tram Derails in Lyon, Injuring Dozens of Passengers. A tram came off the rails "
        "in Lyon on Monday and injured dozens of passengers, the city said."
    )
    main = _main(pipeline, text)
    assert main["what"] == "Derails in Lyon"
    assert main["who"] == "Tram"
    assert main["where"] == "Lyon"


def test_an_abbreviated_month_in_the_dateline_is_no_who(pipeline: Pipeline) -> None:
    text = (
        "QUITO, Oct. 17 (Andes Wire) -- Prime Minister Jonas Vale flew into Lima on Tuesday "
        "evening for two days of talks, his office said."
    )
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["who"] == "Jonas Vale"
    assert main.answers.get("where") != "Quito"


def test_dateline_span_after_a_headline_and_with_an_abbreviated_month() -> None:
    from storyline.stages._syntax import dateline_span

    text = "Strike closes port\n\nLIMA, Sept. 3 (Andes Wire) - Dockers walked out."
    start, end = dateline_span(text)
    assert text[start:end] == "LIMA, Sept. 3 (Andes Wire) - "
    assert dateline_span("MANILA, Oct. 22 -- The storm hit.") == (0, len("MANILA, Oct. 22 -- "))
    assert dateline_span("The storm hit Manila. Then - more rain.") == (0, 0)
    assert dateline_span("A report: the port\n\nThe man - who left.") == (0, 0)


def test_where_from_a_later_mention_of_the_main_event(pipeline: Pipeline) -> None:
    text = (
        "Kenya and Uganda agreed on Thursday to a ceasefire along their border, officials "
        "said. The accord was signed in the town of Busia after six hours of talks."
    )
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["who"] == "Kenya"
    assert main.answers["where"] == "Busia"  # not "Uganda", a party to the accord


def test_what_never_runs_across_a_line_break(pipeline: Pipeline) -> None:
    # The parser reads this headline, its dateline and the lead as one sentence.
    main = pipeline.extract(read_article("parallel_20.txt"), "2025-03-04").main_event
    assert main.what is not None and "\n" not in main.what
    assert "\n" not in main.spans["what"].text


def test_what_passes_over_a_date_to_reach_the_verb_s_phrase(pipeline: Pipeline) -> None:
    text = "Kenya and Uganda agreed on Thursday to a ceasefire along their border."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None
    assert main.answers["what"] == "agreed on Thursday to a ceasefire"
    assert main.answers["when"] == "2024-05-09"


def test_a_headline_run_into_the_lead_is_read_on_its_own(pipeline: Pipeline) -> None:
    # The parser reads headline, dateline and lead as one sentence; the headline's first
    # clause is the news, dated by the lead's day (not the dateline's or the statement's).
    main = pipeline.extract(read_article("parallel_20.txt"), "2025-03-04").main_event
    assert main.who == "Bolivian police"
    assert main.what is not None and main.what.startswith("detain dozens")
    assert main.when == "2025-03-03TNI"


def test_the_day_of_the_statement_is_not_the_day_of_the_news(pipeline: Pipeline) -> None:
    text = "Villagers in the north lost their homes, the governor said on Monday."
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None and main.answers.get("when") == "2024-05-13"  # no other day
    text = (
        "SKOPJE, May 14 (Vardar Wire) - Floods hit the north. Villagers lost their homes on "
        "Saturday, the governor said on Monday."
    )
    main = doc_of(pipeline, text)._.sl_main_event
    assert main is not None and main.answers.get("when") == "2024-05-11"


def test_a_subject_hung_on_the_dateline_and_a_planned_day(pipeline: Pipeline) -> None:
    text = (
        "GENEVA, Sept. 3 -- Iran and Oman will hold indirect talks in Muscat next week, "
        "diplomats said on Monday."
    )
    main = _main(pipeline, text)
    assert main["who"] == "Iran"
    assert main["what"].startswith("will hold indirect talks")
    assert main["when"] == "2024-W21"  # the clause's own, coming week; not the saying's day
    assert main.get("where") != "Iran"
