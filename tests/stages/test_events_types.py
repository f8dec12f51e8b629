"""PLOVER typing of events: the trigger lexicon, object frames, negation and participants."""

from __future__ import annotations

import pytest

from storyline import Pipeline
from storyline.doc import EventRecord
from storyline.resources.event_types import event_lexicon

from ._claims import doc_of

PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REJECT", "REQUEST", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def _events(pipeline: Pipeline, text: str) -> list[tuple[str, str, EventRecord]]:
    doc = doc_of(pipeline, text)
    return [(e.type, doc.text[e.trigger[0] : e.trigger[1]], e) for e in doc._.sl_events]


def _one(pipeline: Pipeline, text: str, type_: str) -> EventRecord:
    found = [e for t, _, e in _events(pipeline, text) if t == type_]
    assert found, [(t, w) for t, w, _ in _events(pipeline, text)]
    return found[0]


# --- the lexicon -----------------------------------------------------------------------------


def test_every_type_has_verbs_and_nouns() -> None:
    lexicon = event_lexicon()
    for type_ in (*PLOVER, "TRAVEL"):
        for pos, least in (("VERB", 5), ("NOUN", 3)):
            keys = [k for k in lexicon._rows if k[1] == pos and any(
                type_ in row.types for row in lexicon._rows[k])]  # fmt: skip
            assert len(keys) >= least, (type_, pos, keys)


def test_only_plover_types_and_travel() -> None:
    lexicon = event_lexicon()
    types = {t for rows in lexicon._rows.values() for row in rows for t in row.types}
    assert types == {*PLOVER, "TRAVEL"}


def test_a_frame_chooses_the_sense_by_the_object() -> None:
    lexicon = event_lexicon()
    ties = lexicon.sense("restore", "VERB", ["ties"])
    assert ties is not None and ties.types == ("COOPERATE",) and ties.framed
    assert lexicon.sense("restore", "VERB", ["order"]) is None
    lifted = lexicon.sense("lift", "VERB", ["embargo"])
    assert lifted is not None and lifted.types == ("RETREAT",)
    eased = lexicon.sense("ease", "VERB", ["restrictions"])
    assert eased is not None and eased.types == ("CONCEDE",)
    # PLOVER 2021 puts easing a curfew or state of emergency under RETREAT.
    curfew = lexicon.sense("ease", "VERB", ["curfew"])
    assert curfew is not None and curfew.types == ("RETREAT",)
    # A bare verb keeps its own sense when no frame fits.
    arrest = lexicon.sense("arrest", "VERB", ["mayor"])
    assert arrest is not None and arrest.types == ("COERCE",) and not arrest.framed


def test_an_excluding_frame_and_a_particle_verb() -> None:
    lexicon = event_lexicon()
    assert lexicon.sense("conference", "NOUN", ["press"]) is None
    talks = lexicon.sense("conference", "NOUN", ["peace"])
    assert talks is not None and talks.types == ("CONSULT",)
    request = lexicon.sense("call for", "VERB", [])
    assert request is not None and request.types == ("REQUEST",)
    assert "fire" not in lexicon.verb_heads or lexicon.sense("fire", "VERB", ["manager"]) is None


# --- one sentence per type -------------------------------------------------------------------

_TYPED = [
    ("Armenia and Georgia signed a trade agreement in Tbilisi.", "AGREE", "signed", "Armenia"),
    ("The prime minister of Ghana met the Togolese president in Lome.", "CONSULT", "met", "Ghana"),
    ("Kenya praised Uganda for its handling of the floods.", "SUPPORT", "praised", "Kenya"),
    ("Chile and Argentina restored diplomatic relations on Tuesday.", "COOPERATE", "restored",
     "Chile"),
    ("Japan sent food and medicine to Vietnam after the storm.", "AID", "sent", "Japan"),
    ("The Bolivian government eased the press restrictions in La Paz.", "CONCEDE", "eased",
     "Bolivia"),
    ("Serbia withdrew its troops from the border with Kosovo.", "RETREAT", "withdrew", "Serbia"),
    ("Peru accused Ecuador of smuggling fuel across the border.", "ACCUSE", "accused", "Peru"),
    ("Nepal rejected the proposal from India on Sunday.", "REJECT", "rejected", "Nepal"),
    ("Sweden urged Turkey to approve the membership bid.", "REQUEST", "urged", "Sweden"),
    ("Moldova threatened Transnistria with a blockade.", "THREATEN", "threatened", "Moldova"),
    ("Thousands of farmers protested in Warsaw against the new tax.", "PROTEST", "protested",
     None),
    ("Canada expelled two Russian diplomats on Monday.", "SANCTION", "expelled", "Canada"),
    ("Azerbaijan deployed troops along its border with Iran.", "MOBILIZE", "deployed",
     "Azerbaijan"),
    ("Belarusian police arrested two journalists in Minsk.", "COERCE", "arrested", "Belarus"),
    ("Sudanese soldiers shelled the town of Kadugli overnight.", "ASSAULT", "shelled", "Sudan"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "type_", "trigger", "actor"), _TYPED)
def test_each_plover_type(
    pipeline: Pipeline, text: str, type_: str, trigger: str, actor: str | None
) -> None:
    event = _one(pipeline, text, type_)
    assert event.trigger[1] - event.trigger[0] == len(trigger)
    if actor is not None:
        assert actor in event.actors


# --- frames, negation, participants ----------------------------------------------------------


def test_lifted_sanctions_are_a_retreat_not_a_sanction(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Brazil lifted its sanctions on Venezuela on Friday.")
    assert [t for t, _, _ in events] == ["RETREAT"]
    assert events[0][2].actors == ["Brazil"] and events[0][2].targets == ["Venezuela"]


def test_firing_a_manager_is_no_assault(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "The bank fired its chief executive in Leeds.")
    rockets = _one(pipeline, "The army fired rockets at the village of Tarqumiya.", "ASSAULT")
    assert rockets.targets == ["Tarqumiya"]


def test_restoring_order_is_no_cooperation(pipeline: Pipeline) -> None:
    types = [t for t, _, _ in _events(pipeline, "The police restored order in Lagos.")]
    assert "COOPERATE" not in types


def test_a_nominalisation_with_its_partners(pipeline: Pipeline) -> None:
    text = "Lawmakers in Peru welcomed the resumption of diplomatic ties with Bolivia."
    resumption = _one(pipeline, text, "COOPERATE")
    assert resumption.actors == ["Peru", "Bolivia"]
    welcome = _one(pipeline, text, "SUPPORT")
    assert welcome.actors == ["Peru"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Lisbon did not recognise the new government in Bamako.", "SUPPORT"),
        ("Neither Oslo nor Helsinki signed the fishing treaty.", "AGREE"),
        ("Ghana will not deport the Togolese refugees.", "COERCE"),
    ],
)
def test_the_actors_negation_denies_the_event(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(pipeline, text, type_).certainty == "denied"


def test_unnegated_event_is_not_denied(pipeline: Pipeline) -> None:
    assert _one(pipeline, "Oslo signed the fishing treaty.", "AGREE").certainty != "denied"


def test_the_condemner_acts_against_the_attacker(pipeline: Pipeline) -> None:
    text = "The Norwegian government condemned an attack by Latvian soldiers in Estonia."
    condemned = _one(pipeline, text, "ACCUSE")
    assert condemned.actors == ["Norway"] and condemned.targets == ["Latvia"]
    assert _one(pipeline, text, "ASSAULT").actors == ["Latvia"]


def test_a_requested_event_is_no_event(pipeline: Pipeline) -> None:
    events = _events(pipeline, "The Philippines called for a ceasefire in Gaza.")
    assert [t for t, _, _ in events] == ["REQUEST"]
    assert events[0][2].actors == ["Philippines"]


def test_verbs_the_lemmatiser_misses(pipeline: Pipeline) -> None:
    cordon = _one(pipeline, "Soldiers from Ruritania cordoned off the roads.", "COERCE")
    assert cordon.actors == ["Ruritania"]


def test_the_urged_party_does_the_wanted_thing(pipeline: Pipeline) -> None:
    text = "Sweden urged Turkey to hold talks with Greece."
    assert _one(pipeline, text, "REQUEST").actors == ["Sweden"]
    assert _one(pipeline, text, "CONSULT").actors == ["Turkey", "Greece"]


def test_it_is_the_last_country_named(pipeline: Pipeline) -> None:
    text = "Ethiopia said on Friday that it would withdraw its troops from the frontier."
    assert _one(pipeline, text, "RETREAT").actors == ["Ethiopia"]


def test_strike_is_a_protest_or_an_assault_by_its_phrase(pipeline: Pipeline) -> None:
    assert _one(pipeline, "Dock workers in Antwerp went on strike on Monday.", "PROTEST")
    strikes = _one(pipeline, "Israeli strikes on Rafah killed nine people.", "ASSAULT")
    assert strikes.actors == ["Israel"] and strikes.targets == ["Rafah"]


def test_an_amount_of_aid_suspended_is_a_sanction(pipeline: Pipeline) -> None:
    text = "The United States suspended $40 million in military aid to Ethiopia."
    events = _events(pipeline, text)
    assert [t for t, _, _ in events] == ["SANCTION"]
    assert events[0][2].targets == ["Ethiopia"]


def test_the_judge_is_not_the_actor_of_what_it_judges(pipeline: Pipeline) -> None:
    violence = _one(pipeline, "The African Union condemned the violence in Darfur.", "ASSAULT")
    assert "African Union" not in violence.actors


def test_a_date_is_no_controller(pipeline: Pipeline) -> None:
    text = "Norway agreed on Tuesday to extend a loan to Moldova."
    loan = _one(pipeline, text, "AID")
    assert loan.actors == ["Norway"] and loan.targets == ["Moldova"]


def test_critics_of_a_deal_are_not_its_parties(pipeline: Pipeline) -> None:
    deal = _one(pipeline, "The opposition in Tirana criticised the new deal.", "AGREE")
    assert "Tirana" not in deal.actors


def test_welcoming_a_leader_is_hosting_a_visit(pipeline: Pipeline) -> None:
    hosted = _one(pipeline, "President Ana Ruiz welcomed Omar Haddad in Quito on Tuesday.",
                  "CONSULT")  # fmt: skip
    assert hosted.actors == ["Ana Ruiz"] and hosted.targets == ["Omar Haddad"]
    assert _one(pipeline, "Kenya welcomed the ruling of the court.", "SUPPORT")


def test_workers_striking_is_a_protest(pipeline: Pipeline) -> None:
    assert _one(pipeline, "Union members at the Gdansk shipyard struck on Monday.", "PROTEST")
    types = [t for t, _, _ in _events(pipeline, "Missiles struck a military base near Homs.")]
    assert types == ["ASSAULT"]


def test_aid_received_is_the_giver_s_aid(pipeline: Pipeline) -> None:
    aid = _one(pipeline, "Moldova received military aid from Norway last year.", "AID")
    assert aid.actors == ["Norway"] and aid.targets == ["Moldova"]


def test_money_given_is_aid(pipeline: Pipeline) -> None:
    text = "Japan will contribute two million dollars to Nepal."
    aid = _one(pipeline, text, "AID")
    assert aid.actors == ["Japan"] and aid.targets == ["Nepal"]


def test_opposing_an_actor_is_an_accusation_a_plan_a_rejection(pipeline: Pipeline) -> None:
    accused = _one(pipeline, "Chile was opposed by Peru in the vote.", "ACCUSE")
    assert accused.actors == ["Peru"] and accused.targets == ["Chile"]
    assert _one(pipeline, "Peru opposed the new fishing plan.", "REJECT")


def test_leaving_a_treaty_reduces_relations(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Hungary abrogated its border treaty with Austria.")
    assert [t for t, _, _ in events] == ["SANCTION"]
    assert events[0][2].actors == ["Hungary"] and events[0][2].targets == ["Austria"]


def test_a_promise_of_aid_is_an_agreement_only(pipeline: Pipeline) -> None:
    text = "The Danish government condemned the raid and promised aid to the villages."
    events = _events(pipeline, text)
    assert "AID" not in [t for t, _, _ in events]
    assert _one(pipeline, text, "AGREE").actors == ["Denmark"]


def test_a_trial_is_a_legal_accusation(pipeline: Pipeline) -> None:
    assert _one(pipeline, "The former mayor of Tula faces trial for fraud.", "ACCUSE")
    assert not [t for t, _, _ in _events(pipeline, "The vaccine trial ended in May.")
                if t == "ACCUSE"]  # fmt: skip


def test_a_passive_participle_s_subject_undergoes_it(pipeline: Pipeline) -> None:
    text = "Rebuked by Sweden, Norway withdrew its envoy."
    rebuke = _one(pipeline, text, "ACCUSE")
    assert rebuke.actors == ["Sweden"] and rebuke.targets == ["Norway"]


def test_shells_fired_at_a_city_target_it(pipeline: Pipeline) -> None:
    fired = _one(pipeline, "Pyongyang on Thursday fired two artillery shells at Seoul.", "ASSAULT")
    assert fired.targets == ["Seoul"]


def test_unnamed_groups_are_described(pipeline: Pipeline) -> None:
    killed = _one(pipeline, "Security forces killed five suspected militants in Tarlac.",
                  "ASSAULT")  # fmt: skip
    assert killed.actors == ["security forces"] and killed.targets == ["suspected militants"]
    protest = _one(pipeline, "Thousands of students staged a demonstration in Dhaka.", "PROTEST")
    assert protest.actors == ["students"]
    attack = _one(pipeline, "Rebels carried out an attack on an army base.", "ASSAULT")
    assert attack.actors == ["rebels"]


def test_an_unnamed_counterpart_is_his_country(pipeline: Pipeline) -> None:
    text = "The French president held a phone call with his Russian counterpart."
    assert _one(pipeline, text, "CONSULT").actors == ["France", "Russia"]


def test_a_noun_s_agent_phrase_names_its_actor(pipeline: Pipeline) -> None:
    text = "Latvia rejected the proposal put forward by Estonia."
    assert _one(pipeline, text, "AGREE").actors == ["Estonia"]
    assert _one(pipeline, text, "REJECT").targets == ["Estonia"]


def test_the_accused_did_the_act(pipeline: Pipeline) -> None:
    text = "Pakistan accused India of violating the ceasefire in Kashmir."
    violated = _one(pipeline, text, "ASSAULT")  # PLOVER 2021: CAMEO 196 "Violate ceasefire"
    assert violated.actors == ["India"]
    assert "RETREAT" not in [t for t, _, _ in _events(pipeline, text)]


def test_deployed_troops_are_their_country_s(pipeline: Pipeline) -> None:
    deployed = _one(pipeline, "Colombian troops were deployed to the border.", "MOBILIZE")
    assert deployed.actors == ["Colombia"]


def test_a_missile_test_is_a_show_of_force(pipeline: Pipeline) -> None:
    types = [t for t, _, _ in _events(pipeline, "Iran test-fired two missiles on Thursday.")]
    assert types == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mexico extradited the suspect to Chile.", ["COERCE"]),
        ("Qatar brokered the deal.", ["AGREE", "CONSULT"]),  # the deal and the mediation
        (
            "Union leaders called off the strike after talks with the ministry.",
            ["CONCEDE", "CONSULT"],
        ),
        ("The Saudi-led coalition bombed the port of Hodeidah.", ["ASSAULT"]),
        ("Protesters took to the streets of Lima.", ["PROTEST"]),
        ("The government lifted the curfew in Lagos.", ["RETREAT"]),
    ],
)
def test_one_type_per_event(pipeline: Pipeline, text: str, expected: list[str]) -> None:
    assert sorted(t for t, _, _ in _events(pipeline, text)) == expected


def test_a_mediator_acts_between_the_parties(pipeline: Pipeline) -> None:
    mediation = _one(pipeline, "Egypt offered to mediate between Israel and Jordan.", "CONSULT")
    assert mediation.actors == ["Egypt"] and mediation.targets == ["Israel", "Jordan"]


def test_opening_fire_and_closing_borders(pipeline: Pipeline) -> None:
    fired = _one(pipeline, "Kenyan police opened fire on protesters.", "ASSAULT")
    assert fired.actors == ["Kenya"]
    closed = _one(pipeline, "Nigeria closed its border with Benin.", "COERCE")
    assert closed.actors == ["Nigeria"] and closed.targets == ["Benin"]


def test_peacekeepers_and_weapons_sent_are_aid(pipeline: Pipeline) -> None:
    sent = _one(pipeline, "Ghana has sent peacekeepers to South Sudan.", "AID")
    assert sent.targets == ["South Sudan"]
    tanks = [t for t, _, _ in _events(pipeline, "Poland sent tanks to Ukraine.")]
    assert tanks == ["AID"]
    troops = [t for t, _, _ in _events(pipeline, "Russia sent troops to the border.")]
    assert troops == ["MOBILIZE"]


def test_the_requester_does_not_fight(pipeline: Pipeline) -> None:
    text = "The Security Council demanded an immediate halt to the fighting."
    fighting = _one(pipeline, text, "ASSAULT")
    assert "Security Council" not in fighting.actors


def test_an_acting_capital_is_its_country(pipeline: Pipeline) -> None:
    fired = _one(pipeline, "Pyongyang on Thursday fired two artillery shells at Seoul.",
                 "ASSAULT")  # fmt: skip
    assert fired.actors == ["North Korea"] and fired.targets == ["Seoul"]


def test_a_thing_s_place_is_the_target(pipeline: Pipeline) -> None:
    text = "Soldiers from Serbia cordoned off the roads leading into Kosovo."
    cordon = _one(pipeline, text, "COERCE")
    assert cordon.actors == ["Serbia"] and cordon.targets == ["Kosovo"]


def test_summoning_an_envoy_is_an_official_complaint(pipeline: Pipeline) -> None:
    summoned = _one(pipeline, "Chile summoned the Peruvian ambassador.", "ACCUSE")
    assert summoned.actors == ["Chile"] and summoned.targets == ["Peru"]


def test_from_names_whom_a_request_or_recall_is_aimed_at(pipeline: Pipeline) -> None:
    asked = _one(pipeline, "Malawi has requested food aid from the World Bank.", "REQUEST")
    assert asked.targets == ["World Bank"]
    recalled = _one(pipeline, "Algeria recalled its ambassador from France.", "SANCTION")
    assert recalled.targets == ["France"]


def test_people_undergo_a_participle_that_modifies_them(pipeline: Pipeline) -> None:
    text = "Iranian authorities executed two men convicted of spying."
    assert _one(pipeline, text, "ASSAULT").targets == ["men"]
    assert _one(pipeline, text, "ACCUSE").targets == ["men"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # PLOVER 2021 moved CAMEO 163 (impose sanctions or embargo) to COERCE.
        ("The European Union imposed sanctions on Belarus.", "COERCE"),
        ("Britain froze the assets of twenty Russian oligarchs.", "COERCE"),
        ("Police used water cannon to disperse the crowd.", "ASSAULT"),
        ("Protesters set fire to government buildings in Dhaka.", "ASSAULT"),
        ("The Malaysian navy intercepted a Chinese fishing vessel.", "COERCE"),
        ("Egypt opened the Rafah crossing on Monday.", "RETREAT"),
        ("Serbia put its army on the highest level of combat readiness.", "MOBILIZE"),
        ("The two sides agreed on a prisoner exchange.", "RETREAT"),
        ("Kenya violated the trade agreement.", "REJECT"),
    ],
)
def test_plover_2021_classes(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(pipeline, text, type_)


def test_a_recipient_object_and_a_direction(pipeline: Pipeline) -> None:
    provided = _one(pipeline, "France will provide Niger with military equipment.", "AID")
    assert provided.targets == ["Niger"]
    fired = _one(pipeline, "Hamas fired dozens of rockets into southern Israel.", "ASSAULT")
    assert fired.targets == ["Israel"]


def test_an_explosion_is_an_attack_only_when_set_off(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "An explosion shook the chemical plant on Monday.")
    bomb = _one(pipeline, "A car bomb blast hit the market in Kirkuk.", "ASSAULT")
    assert bomb.trigger[1] - bomb.trigger[0] == len("blast")


def test_meeting_demand_for_a_commodity_is_no_concession(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "The mines struggle to meet demand for coal.")
    assert _one(pipeline, "The government met the demands of the strikers.", "CONCEDE")


def test_armed_men_marching_are_no_protest(pipeline: Pipeline) -> None:
    types = [t for t, _, _ in _events(pipeline, "Rebel fighters marched into Goma on Sunday.")]
    assert "PROTEST" not in types
    assert _one(pipeline, "Thousands of students marched through Dhaka.", "PROTEST")


def test_a_warning_of_danger_is_no_threat(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "The United Nations warned of a famine in Somalia.")
    assert _one(pipeline, "Iran warned of retaliation on Monday.", "THREATEN").actors == ["Iran"]
    warned = _one(pipeline, "Iran warned Israel against any attack.", "THREATEN")
    assert warned.targets == ["Israel"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("The ministry released figures on Monday showing a rise in crime.", []),
        ("The dam operator released water from the reservoir overnight.", []),
        ("Rebels released 12 hostages on Monday.", ["RETREAT"]),
        ("The coast guard freed the seized tanker and its crew.", ["RETREAT"]),
        ("The army evacuated its base near the border.", ["RETREAT"]),
    ],
)
def test_a_release_is_a_retreat_only_for_what_was_held(
    pipeline: Pipeline, text: str, types: list[str]
) -> None:
    account = pipeline.extract(text, "2026-03-03")
    assert [e.type for e in account.events] == types, account.events


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Some economists warned the bank could tip the economy into recession.", []),
        ("Norland warned that it would retaliate against any new tariffs.", ["THREATEN"]),
        ("Norland warned Vestria that further launches would be met with force.", ["THREATEN"]),
        ("Norland warned that Vestria would face serious consequences.", ["THREATEN"]),
    ],
)
def test_a_warning_about_what_others_will_do_is_a_forecast(
    pipeline: Pipeline, text: str, types: list[str]
) -> None:
    account = pipeline.extract(text, "2026-03-03")
    assert [e.type for e in account.events if e.type != "COERCE"] == types, account.events


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("The president will visit the region on Friday.", ["TRAVEL"]),
        ("The general visited the front last week.", ["TRAVEL"]),
        ("Minister Olga Varga toured the area on Monday.", ["TRAVEL"]),
        ("Prime Minister Jonas Vale will visit Kaunas on Friday.", ["TRAVEL"]),
        ("Prime Minister Jonas Vale's visit to Kenya ended on Sunday.", ["TRAVEL"]),
        ("President Ana Ruiz visited President Omar Haddad in Quito.", ["CONSULT"]),
        ("Prime Minister Jonas Vale visited the ministry on Tuesday.", ["CONSULT"]),
        ("The envoy visited them in prison on Monday.", ["CONSULT"]),
    ],
)
def test_one_visit_is_one_event_a_trip_or_a_call(
    pipeline: Pipeline, text: str, types: list[str]
) -> None:
    account = pipeline.extract(text, "2026-03-03")
    assert [e.type for e in account.events] == types, account.events


def test_a_visit_to_a_person_has_the_host_as_target(pipeline: Pipeline) -> None:
    call = _one(pipeline, "President Ana Ruiz visited President Omar Haddad in Quito.",
                "CONSULT")  # fmt: skip
    assert call.actors == ["Ana Ruiz"] and call.targets == ["Omar Haddad"]
    assert call.places == ["Quito"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Troops reached the border on Monday.", ["TRAVEL"]),
        ("Thousands of villagers fled the area overnight.", ["TRAVEL"]),
        ("The two ministers reached an agreement.", ["AGREE"]),
        ("The bill passed the lower house.", []),
        ("The company entered the market.", []),
    ],
)
def test_a_motion_verb_towards_a_common_place_noun_is_a_movement(
    pipeline: Pipeline, text: str, types: list[str]
) -> None:
    account = pipeline.extract(text, "2026-03-03")
    assert [e.type for e in account.events] == types, account.events


def test_an_event_is_dated_by_a_date_not_by_a_duration(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "The accord was signed in Batken after six hours of talks.", "2026-03-03", language="en"
    )
    assert account.events and all(e.time is None for e in account.events), account.events


def test_a_place_met_at_is_the_setting_not_a_target(pipeline: Pipeline) -> None:
    text = "President Ana Ruiz met President Omar Haddad at Malacanang Palace on Wednesday."
    meeting = _one(pipeline, text, "CONSULT")
    assert meeting.targets == [] and "Malacanang Palace" in meeting.places
    # One met is a party to the meeting, not its object.
    assert meeting.actors == ["Ana Ruiz", "Omar Haddad"]
    fired = _one(pipeline, "Soldiers fired at the Bridge of Sighs.", "ASSAULT")
    assert fired.targets == ["Bridge of Sighs"]


def test_opening_fire_on_a_border_post_is_one_attack(pipeline: Pipeline) -> None:
    text = "Tajik troops opened fire on a Kyrgyz border post near Batken, wounding two guards."
    account = pipeline.extract(text, "2026-03-03", language="en")
    assert [e.type for e in account.events] == ["ASSAULT"], account.events
    assert account.events[0].actors == ["Tajikistan"]
    assert _one(pipeline, "Turkey opened its border with Syria.", "RETREAT")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Typhoon Dalisay slammed into the northern island of Luzon on Tuesday.", "slammed"),
        ("Typhoon Dalisay made landfall near the town of Aparri on Tuesday.", "landfall"),
        ("A strong earthquake struck eastern Turkey on Monday.", "struck"),
        ("The storm swept through Manila overnight.", "swept"),
    ],
)
def test_a_hazard_striking_is_a_disaster(pipeline: Pipeline, text: str, trigger: str) -> None:
    events = _events(pipeline, text)
    assert [(t, w) for t, w, _ in events] == [("DISASTER", trigger)]
    assert [t for t, _, _ in _events(pipeline, "Critics slammed the minister.")] == ["ACCUSE"]


def test_a_place_that_only_locates_another_is_no_setting(pipeline: Pipeline) -> None:
    text = (
        "Provincial authorities evacuated 3,000 residents to schools in Tuguegarao, about 400 "
        "kilometres north of Manila."
    )
    evacuation = _one(pipeline, text, "AID")
    assert evacuation.places == ["Tuguegarao"]


def test_a_right_to_act_is_no_act(pipeline: Pipeline) -> None:
    text = '"The right to protest does not include the right to burn buses," she said.'
    assert _events(pipeline, text) == []


def test_an_event_noun_going_on_is_no_movement(pipeline: Pipeline) -> None:
    text = "Fighting continued for about three hours along the Isfara River on Monday."
    assert [(t, w) for t, w, _ in _events(pipeline, text)] == [("ASSAULT", "Fighting")]
    assert _one(pipeline, text, "ASSAULT").places == ["Isfara River"]
    assert _one(pipeline, "The convoy continued to Vienna on Monday.", "TRAVEL")


def test_a_strike_called_for_a_day_is_a_planned_protest(pipeline: Pipeline) -> None:
    text = "Protest leaders have called a general strike for Thursday."
    assert [(t, w) for t, w, _ in _events(pipeline, text)] == [("PROTEST", "strike")]
    strike = _one(pipeline, text, "PROTEST")
    assert strike.certainty == "planned"
    # "called" reads as a verb of saying: its day is what was said, not when it was said.
    assert strike.time is not None and strike.time.value == "2024-05-16"
    assert _one(pipeline, "The union called for talks on Monday.", "REQUEST")


def test_a_definite_event_noun_signed_is_the_event_named_before(pipeline: Pipeline) -> None:
    text = (
        "Armenia and Georgia agreed on Thursday to a ceasefire. The accord was signed in the "
        "town of Dilijan after long talks."
    )
    (deal,) = [e for t, _, e in _events(pipeline, text) if t == "AGREE"]
    assert deal.actors == ["Armenia", "Georgia"] and deal.places == ["Dilijan"]
    # The object violated is no earlier violation.
    text = "Troops clashed at the border. Azerbaijan accused Armenia of violating the ceasefire."
    assert [w for t, w, _ in _events(pipeline, text) if t == "ASSAULT"] == ["clashed", "violating"]


def test_the_day_of_a_statement_dates_no_reported_event(pipeline: Pipeline) -> None:
    text = (
        "Police arrested 46 people on Monday as demonstrators marched in La Paz, the ministry "
        "said on Tuesday."
    )
    march = _one(pipeline, text, "PROTEST")
    assert march.time is not None and march.time.value == "2024-05-13"
    text = "Police arrested 46 people on Monday after demonstrators marched in La Paz."
    assert _one(pipeline, text, "PROTEST").time is None  # earlier, maybe the day before
    text = "Tran left Hanoi on Monday and landed in Manila three hours later."
    landed = [e for t, w, e in _events(pipeline, text) if w == "landed"]
    assert landed and landed[0].time is None


def test_the_two_leaders_are_the_last_two_office_holders(pipeline: Pipeline) -> None:
    text = (
        "Prime Minister Jonas Vale flew to Lima for talks with President Omar Haddad, hours "
        "after Hurricane Delia hit the coast. The two leaders met on Wednesday and discussed "
        "trade."
    )
    met = [e for t, w, e in _events(pipeline, text) if t == "CONSULT" and w == "met"]
    assert met and met[0].actors == ["Jonas Vale", "Omar Haddad"]
    # "met … and discussed …" is one meeting.
    assert "discussed" not in [w for _, w, _ in _events(pipeline, text)]


def test_an_act_someone_is_kept_from_is_no_event(pipeline: Pipeline) -> None:
    text = "The measures freeze their assets and bar them from entering the country."
    assert [t for t, _, _ in _events(pipeline, text)] == ["COERCE"]


def test_the_nationality_of_aid_is_the_giver_s(pipeline: Pipeline) -> None:
    offer = _one(pipeline, "Tran offered Vietnamese help to the Philippines.", "AGREE")
    assert offer.targets == ["Philippines"]
    sent = _one(pipeline, "Japan sent Japanese food to Vietnam.", "AID")
    assert sent.actors == ["Japan"] and sent.targets == ["Vietnam"]
    provided = _one(pipeline, "France will provide Niger with military equipment.", "AID")
    assert provided.targets == ["Niger"]


def test_the_lexicon_names_its_object_classes() -> None:
    assert {"aid", "food", "weapons"} <= event_lexicon().class_words("@aid")
    assert event_lexicon().class_words("@nothing") == frozenset()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A magnitude 6.4 earthquake hit central Albania on Tuesday, killing 21 people.", "hit"),
        ("Floods have forced more than 5,000 people from their homes in Italy.", "forced"),
    ],
)
def test_a_hazard_s_toll_and_displacement_are_one_disaster(
    pipeline: Pipeline, text: str, trigger: str
) -> None:
    assert [(t, w) for t, w, _ in _events(pipeline, text)] == [("DISASTER", trigger)]


def test_an_evacuation_of_people_is_relief(pipeline: Pipeline) -> None:
    text = "Authorities ordered the evacuation of 12,000 residents from coastal areas."
    assert [t for t, _, _ in _events(pipeline, text)] == ["AID"]
    text = "The army completed the evacuation of its troops from the base."
    assert [t for t, _, _ in _events(pipeline, text)] == ["RETREAT"]


def test_force_used_to_an_end_is_one_act_of_repression(pipeline: Pipeline) -> None:
    used = _events(pipeline, "Police used force to break up the rally.")
    assert [(t, w) for t, w, _ in used] == [("ASSAULT", "used")]
    assert used[0][2].actors == ["police"] and used[0][2].targets == []
    fired = _one(pipeline, "Officers fired tear gas to disperse the crowd.", "ASSAULT")
    assert fired.certainty == "confirmed"  # the purpose hedges nothing
    assert not _events(pipeline, "The company uses gas to heat the building.")


def test_a_visit_an_arrival_is_for_is_that_trip(pipeline: Pipeline) -> None:
    text = "President Li Wen arrived in Moscow on Monday for a three-day state visit."
    assert [(t, w) for t, w, _ in _events(pipeline, text)] == [("TRAVEL", "arrived")]


def test_a_river_bursting_its_banks_is_a_flood(pipeline: Pipeline) -> None:
    text = "Villagers fled to the hills as the river burst its banks."
    assert [t for t, _, _ in _events(pipeline, text)] == ["TRAVEL", "DISASTER"]
    assert not [t for t, _, _ in _events(pipeline, "The talks broke down on Monday.")
                if t == "DISASTER"]  # fmt: skip


def test_speaking_with_someone_is_a_consultation(pipeline: Pipeline) -> None:
    for text in (
        "Prime Minister Jonas Vale spoke with President Omar Haddad on Sunday.",
        "Prime Minister Jonas Vale spoke by telephone with President Omar Haddad on Sunday.",
    ):
        call = _one(pipeline, text, "CONSULT")
        assert call.actors == ["Jonas Vale", "Omar Haddad"]
    assert not _events(pipeline, "The minister spoke by the river.")


def test_ships_dock_and_planes_take_off(pipeline: Pipeline) -> None:
    docked = _one(pipeline, "The ship docked in Piraeus on Saturday.", "TRAVEL")
    assert docked.places == ["Piraeus"]
    assert _one(pipeline, "The plane took off from Vienna at noon.", "TRAVEL").places == ["Vienna"]
    assert not _events(pipeline, "Sales took off in the spring.")


def test_killed_in_an_attack_is_one_attack(pipeline: Pipeline) -> None:
    text = "Five people were killed in an airstrike on the town on Monday."
    assert [(t, w) for t, w, _ in _events(pipeline, text)] == [("ASSAULT", "killed")]
    assert _one(pipeline, text, "ASSAULT").actors == []  # the dead did not strike


@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were killed when a bus plunged into a ravine.",
        "The earthquake left 300 people dead and thousands homeless.",
    ],
)
def test_accidents_and_a_hazard_s_toll_are_disasters(pipeline: Pipeline, text: str) -> None:
    assert [t for t, _, _ in _events(pipeline, text)] == ["DISASTER"]
