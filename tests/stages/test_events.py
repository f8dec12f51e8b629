"""Typed events: actors through vehicles and anaphora, gathered mentions, places, time."""

from __future__ import annotations

import pytest

from storyline import Pipeline
from storyline.model import Account, Event

from ._claims import account_of, doc_of


@pytest.fixture(scope="module")
def motorcade(pipeline: Pipeline) -> Account:
    return account_of(pipeline, "claims_motorcade.txt")


@pytest.fixture(scope="module")
def ferry(pipeline: Pipeline) -> Account:
    return account_of(pipeline, "claims_ferry.txt")


def _event(account: Account, type_: str, trigger: str) -> Event:
    found = [e for e in account.events if e.type == type_ and trigger in e.trigger.text]
    assert found, [(e.type, e.trigger.text) for e in account.events]
    return found[0]


def test_vehicle_movement_is_its_owners(motorcade: Account, ferry: Account) -> None:
    crossing = _event(motorcade, "TRAVEL", "crossed")
    assert crossing.actors == ["Anton Weiss"]
    assert {"Austria", "Mikulov"} <= set(crossing.places)
    assert crossing.time is not None and crossing.time.value.startswith("2024-05-14")
    assert crossing.certainty == "reported"
    assert {"Czech Foreign Ministry", "Austrian Interior Ministry"} <= set(crossing.sources)
    leaving = _event(ferry, "TRAVEL", "left")
    assert leaving.actors == ["Nikos Andreou"]
    assert "Piraeus" in leaving.places


def test_the_vehicle_alone_is_the_last_traveller(motorcade: Account, ferry: Account) -> None:
    departure = _event(motorcade, "TRAVEL", "departed")
    assert departure.actors == ["Anton Weiss"]
    assert departure.places == ["Prague"]
    assert departure.time is not None and departure.time.value.startswith("2024-05-11")
    assert departure.sources == ["Czech television"]
    arrival = _event(ferry, "TRAVEL", "arrived")
    assert arrival.actors == ["Nikos Andreou"]
    assert arrival.sources == ["port authority"]


def test_definite_meeting_joins_the_planned_talks(motorcade: Account) -> None:
    talks = _event(motorcade, "CONSULT", "talks")
    assert talks.actors[:2] == ["Anton Weiss", "Maria Berger"]
    assert "Vienna" in talks.places
    assert talks.time is not None and talks.time.value == "2024-05-15"
    assert talks.certainty in ("planned", "expected", "unconfirmed")
    assert any("meeting between both leaders" in e.text for e in talks.evidence)
    assert all(len(e.text) <= 400 for e in talks.evidence)


def test_both_countries_are_the_last_two_countries_named(motorcade: Account) -> None:
    deal = _event(motorcade, "AGREE", "agree")
    assert set(deal.actors) == {"Czechia", "Austria"}
    assert deal.certainty == "speculative"
    assert deal.sources == ["German media"]


def test_source_phrases_hold_no_events(ferry: Account) -> None:
    assert not [e for e in ferry.events if e.trigger.text == "asked"]


def test_passive_agent_is_the_actor_and_subject_the_target(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "Maria Lopez was arrested by police in Valencia on Monday.")
    events = [e for e in doc._.sl_events if e.type == "COERCE"]
    assert events and "Maria Lopez" in events[0].targets
    assert "Valencia" in events[0].places


def test_joint_event_with_names_both_actors(pipeline: Pipeline) -> None:
    doc = doc_of(pipeline, "Prime Minister Jonas Berg met President Ana Silva in Lisbon on Friday.")
    meeting = next(e for e in doc._.sl_events if e.type == "CONSULT")
    assert "Jonas Berg" in meeting.actors
    assert "Ana Silva" in meeting.actors + meeting.targets
    assert meeting.places == ["Lisbon"]
    assert meeting.time is not None and meeting.time.value == "2024-05-10"


# Two articles written for the vehicle/boarding/dateline rules: a coach convoy and a train.
_JOURNEYS = [
    ("claims_convoy.txt", "Edgars Ozols", "Riga", {"Latvia", "Lithuania"}),
    ("claims_night_train.txt", "Kari Lunde", "Trondheim", {"Norway", "Sweden"}),
]


@pytest.mark.parametrize(("name", "traveller", "start", "partners"), _JOURNEYS)
def test_vehicle_of_or_carrying_a_person_moves_that_person(
    pipeline: Pipeline, name: str, traveller: str, start: str, partners: set[str]
) -> None:
    account = account_of(pipeline, name)
    crossing = _event(account, "TRAVEL", "crossed")
    assert crossing.actors == [traveller]  # never the dateline's city
    # "the motorcade/convoy departed" later: the vehicle's known passenger.
    assert _event(account, "TRAVEL", "departed").actors == [traveller]


@pytest.mark.parametrize(("name", "traveller", "start", "partners"), _JOURNEYS)
def test_boarding_is_a_movement_from_where_it_happened(
    pipeline: Pipeline, name: str, traveller: str, start: str, partners: set[str]
) -> None:
    boarding = _event(account_of(pipeline, name), "TRAVEL", "boarded")
    assert boarding.actors == [traveller]
    assert boarding.places == [start]


@pytest.mark.parametrize(("name", "traveller", "start", "partners"), _JOURNEYS)
def test_source_demonym_is_not_an_actor(
    pipeline: Pipeline, name: str, traveller: str, start: str, partners: set[str]
) -> None:
    # "According to Estonian/Finnish media, both countries could agree": the two countries
    # of the story, not the media's.
    agreement = _event(account_of(pipeline, name), "AGREE", "agree")
    assert set(agreement.actors) == partners
    assert agreement.certainty == "speculative"


@pytest.mark.parametrize(("name", "traveller", "start", "partners"), _JOURNEYS)
def test_unconfirmed_by_nobody_reaches_the_planned_meeting(
    pipeline: Pipeline, name: str, traveller: str, start: str, partners: set[str]
) -> None:
    meeting = next(e for e in account_of(pipeline, name).events if e.type == "CONSULT")
    assert meeting.actors[0] == traveller
    assert meeting.certainty == "unconfirmed"


def test_named_vehicle_passenger_is_kept_over_a_nearer_person(pipeline: Pipeline) -> None:
    doc = doc_of(
        pipeline,
        "The plane carrying Premier Ines Moura landed in Lisbon on Monday. "
        "She was greeted by Mayor Rui Costa. The plane left for Madrid at noon.",
    )
    leaving = [e for e in doc._.sl_events if e.type == "TRAVEL" and e.trigger_token is not None
               and doc[e.trigger_token].text == "left"]  # fmt: skip
    assert leaving and leaving[0].actors == ["Ines Moura"]


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Otto Brandt met union leaders in Bremen on Monday. Officials do not "
        "confirm when the meeting between Brandt and Mayor Lena Vogt will take place.",
        "President Ana Ruiz met farmers in Leon on Tuesday. The meeting between Ruiz and "
        "Governor Pablo Ortiz is expected to take place in Burgos next week.",
    ],
)
def test_a_meeting_still_to_come_is_not_the_one_reported(pipeline: Pipeline, text: str) -> None:
    doc = doc_of(pipeline, text)
    consults = [e for e in doc._.sl_events if e.type == "CONSULT"]
    assert len(consults) == 2
    assert consults[0].certainty == "confirmed"
    assert consults[1].certainty in ("expected", "unconfirmed")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Minister Ida Berg boarded the overnight train in Malmo on Friday evening.",
         "2024-05-10TEV"),
        ("Senator Mia Roth boarded the afternoon shuttle at Dover on Monday morning.",
         "2024-05-13TMO"),
    ],
)  # fmt: skip
def test_time_in_the_object_does_not_date_the_event(
    pipeline: Pipeline, text: str, value: str
) -> None:
    doc = doc_of(pipeline, text)
    (boarding,) = [e for e in doc._.sl_events if e.type == "TRAVEL"]
    assert boarding.time is not None and boarding.time.value == value


# --- a border crisis: one event per act, typed with PLOVER ------------------------------------


@pytest.fixture(scope="module")
def crisis(pipeline: Pipeline) -> Account:
    return account_of(pipeline, "events_border_crisis.txt")


def test_the_crisis_events_and_their_types(crisis: Account) -> None:
    found = {(e.type, e.trigger.text) for e in crisis.events}
    assert {
        ("ASSAULT", "exchanged"),
        ("ACCUSE", "accused"),
        ("ASSAULT", "violating"),  # PLOVER 2021: violating a ceasefire (CAMEO 196)
        ("ACCUSE", "summoned"),
        ("REJECT", "rejected"),
        ("CONSULT", "mediate"),
        ("CONSULT", "host"),
        ("REQUEST", "called"),
        ("AGREE", "pledged"),
        ("PROTEST", "rallied"),
        ("COERCE", "detained"),
    } <= found
    # A participle used as an adjective ("their shared border") and promised aid are no
    # events of their own.
    assert ("COOPERATE", "shared") not in found and ("AID", "aid") not in found


def test_the_crisis_participants(crisis: Account) -> None:
    fire = _event(crisis, "ASSAULT", "exchanged")
    assert fire.actors == ["Armenia", "Azerbaijan"] and "Tbilisi" not in fire.places
    mediation = _event(crisis, "CONSULT", "mediate")
    assert mediation.actors == ["Levan Kavtaradze"]
    assert sorted(mediation.targets) == ["Armenia", "Azerbaijan"]
    detained = _event(crisis, "COERCE", "detained")
    assert detained.actors == ["police"] and detained.targets == ["demonstrators"]
    rally = _event(crisis, "PROTEST", "rallied")
    assert rally.actors == ["protesters"] and rally.places == ["Yerevan"]


def test_a_state_s_protest_is_an_official_complaint(crisis: Account) -> None:
    protest = _event(crisis, "ACCUSE", "protested")
    assert protest.actors == ["Armenia"] and protest.targets == ["Azerbaijan"]


def test_a_month_in_a_date_or_dateline_is_no_march(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "TARTU, March 3 (Lakeside Wire) - The council said on Tuesday the new bridge would open "
        "in March. Students will march through the old town on March 9.",
        "2026-03-03",
    )
    marches = [e for e in account.events if e.type == "PROTEST"]
    assert [e.trigger.text for e in marches] == ["march"], account.events


def test_in_return_is_no_journey(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "Under the deal, Norland would sell grain to Vestria, while Vestria would supply fuel "
        "in return. The minister will return to Norland on Friday.",
        "2026-03-03",
    )
    travels = [e.trigger.text for e in account.events if e.type == "TRAVEL"]
    assert travels == ["return"], account.events
    assert all(e.trigger.start > 90 for e in account.events if e.type == "TRAVEL")


@pytest.mark.parametrize(
    ("text", "assaults"),
    [
        ("Floods killed 12 people in the valley on Sunday.", 0),
        ("Nine people were killed after the Sava burst its banks near the town.", 0),
        ("Two workers were killed in a crash on the ring road.", 0),
        ("A dam on the Sava collapsed on Friday, killing 14 people, regional police said.", 0),
        ("Rebels killed 12 villagers in the valley on Sunday.", 1),
        ("A fire set by rebels killed five people in the market.", 1),
    ],
)
def test_harm_from_a_hazard_is_a_disaster_not_an_assault(
    pipeline: Pipeline, text: str, assaults: int
) -> None:
    account = pipeline.extract(text, "2026-03-03")
    assert sum(e.type == "ASSAULT" for e in account.events) == assaults, account.events
    assert sum(e.type == "DISASTER" for e in account.events) == 1 - assaults, account.events
