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
