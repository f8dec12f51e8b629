"""One search behaviour on both engines (see storyline.store.search): tokens, accents, no
stop words, phrases, prefixes, and equal scores in document-id order.  Every test runs on
SQLite and on PostgreSQL (``any_store``) with the same expectations."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.store import Store
from tests.store.test_search import titled

TEXTS = {
    "port": (
        "Dockers at the port of Antwerp walked out on Monday, the union said. "
        "Minister Ivana Kovač met them at 3.5 km from the gate of Kirkwall-Lerwick Ferries."
    ),
    "web": (
        "The notice was posted on www.harbourwatch.example and in the port in Antwerp, "
        "where the harbourmaster read it aloud."
    ),
    "river": "Barges on the river Scheldt waited for the tide; the lock keepers said nothing.",
}
# Two texts of the same words in another order: the same score on either engine.
TWINS = (
    "Flood gates closed at Ostend overnight.",
    "Overnight flood gates closed at Ostend.",
)


@pytest.fixture
def ids(any_store: Store) -> dict[str, str]:
    out = {}
    for name, text in TEXTS.items():
        account = titled(text, None)
        any_store.save(account, text)
        out[name] = account.document.id
    return out


def found(store: Store, q: str) -> list[str]:
    return [h.id for h in query.search(q, store=store)]


def test_words_are_runs_of_letters_and_digits(any_store: Store, ids: dict[str, str]) -> None:
    # A hyphenated name, a decimal number and a host name are several words each.
    assert found(any_store, "Lerwick") == [ids["port"]]
    assert found(any_store, '"Kirkwall Lerwick"') == [ids["port"]]
    assert found(any_store, '"3 5 km"') == [ids["port"]]
    assert found(any_store, "harbourwatch") == [ids["web"]]
    assert found(any_store, "example") == [ids["web"]]


def test_accents_and_case_are_ignored(any_store: Store, ids: dict[str, str]) -> None:
    for q in ("Kovač", "kovac", "KOVAC"):
        assert found(any_store, q) == [ids["port"]]


def test_every_word_counts_no_stop_words(any_store: Store, ids: dict[str, str]) -> None:
    assert set(found(any_store, "the")) == set(ids.values())
    assert found(any_store, '"port of Antwerp"') == [ids["port"]]
    assert found(any_store, '"port in Antwerp"') == [ids["web"]]
    assert found(any_store, '"at the gate"') == []


def test_words_match_by_stem(any_store: Store, ids: dict[str, str]) -> None:
    assert found(any_store, "ferry") == [ids["port"]]
    assert found(any_store, "barge waiting") == [ids["river"]]


def test_a_trailing_star_is_a_prefix(any_store: Store, ids: dict[str, str]) -> None:
    assert set(found(any_store, "harbour*")) == {ids["web"]}
    assert set(found(any_store, "harb*")) == {ids["web"]}
    assert found(any_store, "Schel*") == [ids["river"]]
    assert found(any_store, '"lock keep*"') == []  # inside quotes, * is no operator


def test_equal_scores_come_in_document_id_order(any_store: Store) -> None:
    saved = []
    for text in TWINS:
        account = titled(text, None)
        any_store.save(account, text)
        saved.append(account.document.id)
    hits = query.search("flood Ostend", store=any_store)
    assert [h.id for h in hits] == sorted(saved)
    assert hits[0].score == pytest.approx(hits[1].score)
