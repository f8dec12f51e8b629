"""The corpus merge on hand-built accounts, on SQLite and PostgreSQL (``any_store``)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from storyline import query
from storyline.corpus import merge, time_interval
from storyline.model import Account, Claim
from storyline.store import Store
from tests.corpus._accounts import LISBON, MADRID, PORTO, PORTUGAL, Ev, account


def _save(store: Store, *accounts: Account) -> None:
    for a in accounts:
        text = _texts[a.document.id]
        store.save(a, text)


_texts: dict[str, str] = {}


def _acc(text: str, published: str, **kw: object) -> Account:
    a = account(text, published, **kw)  # type: ignore[arg-type]
    assert hashlib.sha256(text.encode()).hexdigest().startswith(a.document.id)
    _texts[a.document.id] = text
    return a


def _conflicts(found: list[Claim]) -> set[tuple[str, frozenset[str], str]]:
    """(predicate, the two values, kind) for every conflict; overtaken names the expectation."""
    out: set[tuple[str, frozenset[str], str]] = set()
    for c in found:
        for x in c.conflicts:
            if x.kind == "overtakes":
                continue
            kind = f"overtaken:{c.value}" if x.kind == "overtaken" else x.kind
            out.add((c.predicate, frozenset({c.value, x.value}), kind))
    return out


# --- entities ----------------------------------------------------------------------------


def test_entity_variants_merge_and_shared_surnames_stay_apart(any_store: Store) -> None:
    a = _acc(
        "Dr. Amara Okonkwo-Bello met Yusuf Al-Rashid of the Coastal Relief Agency.",
        "2025-02-01",
        entities=[
            ("Dr. Amara Okonkwo-Bello", "PERSON", []),
            ("Yusuf Al-Rashid", "PERSON", []),
            ("Coastal Relief Agency", "ORG", []),
        ],
    )
    b = _acc(
        "Youssef Al Rashid said the CRA would send boats. Okonkwo-Bello agreed.",
        "2025-02-02",
        entities=[
            ("Youssef Al Rashid", "PERSON", []),
            ("CRA", "ORG", []),
            ("Okonkwo-Bello", "ORG", []),  # a mistyped surname still joins the person
        ],
    )
    c = _acc(
        "Amara Okonkwo Bello thanked Maria Lindqvist and Erik Lindqvist. Lindqvist left.",
        "2025-02-03",
        entities=[
            ("Amara Okonkwo Bello", "PERSON", []),
            ("Maria Lindqvist", "PERSON", []),
            ("Erik Lindqvist", "PERSON", []),
            ("Lindqvist", "PERSON", []),
        ],
    )
    _save(any_store, a, b, c)
    summary = merge(store=any_store)
    assert summary.documents == 3

    (amara,) = query.corpus_entities(store=any_store, q="okonkwo")
    assert amara.type == "PERSON"
    assert amara.documents == 3
    assert amara.name == "Amara Okonkwo-Bello"  # the fullest form, honorific dropped
    assert {"Okonkwo-Bello", "Amara Okonkwo Bello"} <= set(amara.aliases)
    (yusuf,) = query.corpus_entities(store=any_store, q="rashid")
    assert yusuf.documents == 2
    (agency,) = query.corpus_entities(store=any_store, q="CRA")
    assert agency.name == "Coastal Relief Agency" and agency.aliases == ["CRA"]
    # Two people share the surname: the lone "Lindqvist" cannot be told apart.
    assert len(query.corpus_entities(store=any_store, q="Lindqvist")) == 3


def test_transliterations_merge_but_different_short_names_do_not(any_store: Store) -> None:
    a = _acc(
        "Mohamed Salah met Ana Lima and Li Wei in the harbour office.",
        "2025-02-01",
        entities=[
            ("Mohamed Salah", "PERSON", []),
            ("Ana Lima", "PERSON", []),
            ("Li Wei", "PERSON", []),
        ],
    )
    b = _acc(
        "Muhammad Salah thanked Ana Lame and Lee Wei for the boats.",
        "2025-02-02",
        entities=[
            ("Muhammad Salah", "PERSON", []),
            ("Ana Lame", "PERSON", []),
            ("Lee Wei", "PERSON", []),
        ],
    )
    _save(any_store, a, b)
    merge(store=any_store)
    (salah,) = query.corpus_entities(store=any_store, q="Salah")
    assert salah.documents == 2
    # The same consonants, but too few letters in common to be one name spelt twice.
    assert len(query.corpus_entities(store=any_store, q="Ana L")) == 2
    assert len(query.corpus_entities(store=any_store, q="Wei")) == 2


# --- story events and claims -------------------------------------------------------------


def _summit_and_storm() -> list[Account]:
    people = [("Ana Duarte", "PERSON", []), ("Pablo Ruiz", "PERSON", [])]
    surnames = [("Duarte", "PERSON", []), ("Ruiz", "PERSON", [])]
    return [
        _acc(
            "Ana Duarte and Pablo Ruiz are expected to meet in Lisbon on March 20.",
            "2025-03-01",
            entities=people,
            events=[Ev("CONSULT", "meet", ["Ana Duarte", "Pablo Ruiz"], "expected")],
            times=[("March 20", "2025-03-20")],
            places=[LISBON],
        ),
        _acc(
            "A storm killed 12 people in Madrid on March 1. Roads were closed.",
            "2025-03-02",
            events=[Ev("DISASTER", "killed")],
            times=[("March 1", "2025-03-01")],
            places=[MADRID],
            quantities=[("12 people", 12, "people")],
        ),
        _acc(
            "The storm killed 15 people in Madrid on March 1, officials said.",
            "2025-03-03",
            events=[Ev("DISASTER", "killed", certainty="reported")],
            times=[("March 1", "2025-03-01")],
            places=[MADRID],
            quantities=[("15 people", 15, "people")],
        ),
        _acc(
            "In March the storm killed about 12 people in Madrid.",
            "2025-04-01",
            events=[Ev("DISASTER", "killed")],
            times=[("March", "2025-03")],
            places=[MADRID],
            quantities=[("about 12 people", 12, "people")],
        ),
        _acc(
            "Ana Duarte and Pablo Ruiz met in Porto on March 20.",
            "2025-03-21",
            entities=people,
            events=[Ev("CONSULT", "met", ["Ana Duarte", "Pablo Ruiz"])],
            times=[("March 20", "2025-03-20")],
            places=[PORTO],
        ),
        _acc(
            "Duarte and Ruiz met in Portugal on March 21, the agency said.",
            "2025-03-22",
            entities=surnames,
            events=[Ev("CONSULT", "met", ["Duarte", "Ruiz"], "reported")],
            times=[("March 21", "2025-03-21")],
            places=[PORTUGAL],
        ),
        _acc(
            "Ana Duarte met Pablo Ruiz in Madrid on May 5 to sign the accord.",
            "2025-05-06",
            entities=people,
            events=[Ev("CONSULT", "met", ["Ana Duarte", "Pablo Ruiz"])],
            times=[("May 5", "2025-05-05")],
            places=[MADRID],
        ),
    ]


def test_claims_ledger_lists_exactly_the_disagreements(any_store: Store) -> None:
    _save(any_store, *_summit_and_storm())
    summary = merge(store=any_store)
    ledger = query.claims(store=any_store)
    assert _conflicts(ledger) == {
        ("date", frozenset({"2025-03-20", "2025-03-21"}), "contradiction"),
        ("number of people", frozenset({"12 people", "15 people"}), "contradiction"),
        # Lisbon was only ever expected; later reports put the meeting in Porto.
        ("place", frozenset({"Lisbon", "Porto"}), "overtaken:Lisbon"),
    }
    assert summary.overtaken == 1
    # Portugal contains Porto and "March" contains March 1: no conflict with either.
    by_value = {(c.predicate, c.value): c for c in ledger}
    assert by_value[("place", "Portugal")].status == "agreed"
    assert by_value[("date", "2025-03")].status == "agreed"
    assert by_value[("place", "Lisbon")].status == "overtaken"
    assert by_value[("place", "Porto")].status == "agreed"
    assert by_value[("number of people", "15 people")].status == "contradicted"
    lisbon = by_value[("place", "Lisbon")]
    assert [s.certainty for s in lisbon.supports] == ["expected"]
    assert lisbon.supports[0].evidence is not None
    assert "Lisbon" in lisbon.supports[0].evidence.text
    only_conflicts = query.claims(store=any_store, contradictions=True)
    assert {c.id for c in only_conflicts} == {c.id for c in ledger if c.conflicts}


def test_story_events_and_timeline(any_store: Store) -> None:
    _save(any_store, *_summit_and_storm())
    merge(store=any_store)
    events = query.story_events(store=any_store)
    # The storm (3 reports), the March meeting (3 reports), the May meeting (time and
    # place both differ from the March one: another happening).
    assert [(e.type, e.time, e.documents) for e in events] == [
        ("DISASTER", "2025-03-01", 3),
        ("CONSULT", "2025-03-20", 3),
        ("CONSULT", "2025-05-05", 1),
    ]
    storm, march, may = events
    assert storm.contested and march.contested and not may.contested
    assert march.place == "Porto"  # the reports', not the expectation's
    assert set(march.actors) == {"Ana Duarte", "Pablo Ruiz"}
    assert march.certainty == "confirmed"
    line = query.timeline(store=any_store)
    assert [e.story_event_id for e in line] == [e.id for e in events]
    assert line[0].granularity == "day"
    duarte = query.timeline(store=any_store, entity="duarte")
    assert [e.story_event_id for e in duarte] == [march.id, may.id]
    madrid = query.timeline(store=any_store, place="madrid")
    assert [e.story_event_id for e in madrid] == [storm.id, may.id]
    later = query.timeline(store=any_store, since=dt.date(2025, 3, 15), until=dt.date(2025, 4, 1))
    assert [e.story_event_id for e in later] == [march.id]
    assert query.timeline(store=any_store, limit=1, offset=2)[0].story_event_id == may.id
    ruiz_claims = query.claims(store=any_store, entity="Ruiz")
    assert ruiz_claims and all(c.story_event_id in (march.id, may.id) for c in ruiz_claims)


def test_merge_is_deterministic_and_follows_deletions(any_store: Store) -> None:
    accounts = _summit_and_storm()
    _save(any_store, *accounts)
    merge(store=any_store)
    first = (
        [e.id for e in query.corpus_entities(store=any_store)],
        [e.id for e in query.story_events(store=any_store)],
        [(c.id, c.status) for c in query.claims(store=any_store)],
    )
    merge(store=any_store)
    again = (
        [e.id for e in query.corpus_entities(store=any_store)],
        [e.id for e in query.story_events(store=any_store)],
        [(c.id, c.status) for c in query.claims(store=any_store)],
    )
    assert first == again
    # The 15-dead report removed: the count is no longer contradicted.
    any_store.delete(accounts[2].document.id)
    merge(store=any_store)
    assert ("number of people", frozenset({"12 people", "15 people"}), "contradiction") not in (
        _conflicts(query.claims(store=any_store))
    )


def test_empty_store_and_bad_pages(any_store: Store) -> None:
    assert merge(store=any_store).entities == 0
    assert query.claims(store=any_store) == []
    assert query.timeline(store=any_store) == []
    with pytest.raises(ValueError):
        query.claims(store=any_store, limit=0)
    with pytest.raises(ValueError):
        query.corpus_entities(store=any_store, offset=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-20", (dt.date(2025, 3, 20), dt.date(2025, 3, 20), 0)),
        ("2025-03-20T14:00", (dt.date(2025, 3, 20), dt.date(2025, 3, 20), 0)),
        ("2025-02", (dt.date(2025, 2, 1), dt.date(2025, 2, 28), 2)),
        ("2024-12", (dt.date(2024, 12, 1), dt.date(2024, 12, 31), 2)),
        ("2025-W01", (dt.date(2024, 12, 30), dt.date(2025, 1, 5), 1)),
        ("2025-Q4", (dt.date(2025, 10, 1), dt.date(2025, 12, 31), 3)),
        ("2025-WI", (dt.date(2025, 12, 1), dt.date(2026, 2, 28), 3)),
        ("2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 4)),
        ("PRESENT_REF", None),
        ("P3D", None),
        ("2025-02-30", None),
        (None, None),
    ],
)
def test_time_interval(value: str | None, expected: tuple[dt.date, dt.date, int] | None) -> None:
    assert time_interval(value) == expected


def test_corpus_status_says_when_a_merge_is_due(any_store: Store) -> None:
    first, *rest = _summit_and_storm()
    assert not query.corpus_status(store=any_store).stale  # empty, nothing to merge
    _save(any_store, first)
    status = query.corpus_status(store=any_store)
    assert status.stale and status.merged_at is None and status.documents_stored == 1
    any_store.merge()
    status = query.corpus_status(store=any_store)
    assert not status.stale and status.documents_merged == 1
    _save(any_store, rest[0])
    assert query.corpus_status(store=any_store).stale


def test_no_contradiction_is_invented_between_different_happenings(any_store: Store) -> None:
    people = [("Ana Duarte", "PERSON", [])]
    _save(
        any_store,
        # One article, two trips of the same person: two happenings, not a contradiction.
        _acc(
            "Ana Duarte arrived in Lisbon on March 3. Ana Duarte landed in Lisbon again on "
            "March 9.",
            "2025-03-10",
            entities=people,
            events=[
                Ev("TRAVEL", "arrived", ["Ana Duarte"]),
                Ev("TRAVEL", "landed", ["Ana Duarte"]),
            ],
            times=[("March 3", "2025-03-03"), ("March 9", "2025-03-09")],
            places=[LISBON],
        ),
        # A fire in Porto and, months later, a fire in Madrid: the word alone joins nothing.
        _acc(
            "A fire killed 4 people in Porto on January 5.",
            "2025-01-06",
            events=[Ev("DISASTER", "killed")],
            times=[("January 5", "2025-01-05")],
            places=[PORTO],
            quantities=[("4 people", 4, "people")],
        ),
        _acc(
            "A fire killed 9 people in Madrid on June 2.",
            "2025-06-03",
            events=[Ev("DISASTER", "killed")],
            times=[("June 2", "2025-06-02")],
            places=[MADRID],
            quantities=[("9 people", 9, "people")],
        ),
        # Ana Duarte in Lisbon again, half a year on: another trip, however the place agrees.
        _acc(
            "Ana Duarte arrived in Lisbon on September 20.",
            "2025-09-21",
            entities=people,
            events=[Ev("TRAVEL", "arrived", ["Ana Duarte"])],
            times=[("September 20", "2025-09-20")],
            places=[LISBON],
        ),
    )
    merge(store=any_store)
    assert _conflicts(query.claims(store=any_store, limit=1000)) == set()
    events = query.story_events(store=any_store)
    assert [(e.type, e.time) for e in events] == [
        ("DISASTER", "2025-01-05"),
        ("TRAVEL", "2025-03-03"),
        ("TRAVEL", "2025-03-09"),
        ("DISASTER", "2025-06-02"),
        ("TRAVEL", "2025-09-20"),
    ]
