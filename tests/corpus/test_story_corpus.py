"""Acceptance (issue 8): eight articles on one invented story, from eight invented outlets,
as text files, HTML pages and RSS/Atom feeds, go through ingest, the pipeline and the merge.

The story (tests/articles/story_*): a flood barrier on the Danube collapsed on April 2; a
summit followed.  Planted disagreements, and nothing else in the corpus disagrees:

* the death toll: 23 (three outlets) against 31 (Pannonia Post);
* where the barrier collapsed: near Komarno (three outlets) against near Esztergom
  (Eastern Herald);
* the summit's date: April 20 (the expectation and two reports) against April 21
  (Visegrad Daily);
* the summit's place: expected in Vienna (Central Europe Monitor, April 6), held in
  Bratislava by the later reports -- an expectation overtaken, not a contradiction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Pipeline, query
from storyline.corpus import merge
from storyline.ingest.files import collect
from storyline.model import Account, Claim
from storyline.store import Store, ingest_items

STORY = str(Path(__file__).parents[1] / "articles" / "story_*")

PLANTED = {
    ("number of people", frozenset({"23 people", "31 people"}), "contradiction"),
    ("place", frozenset({"Komarno", "Esztergom"}), "contradiction"),
    ("date", frozenset({"2026-04-20", "2026-04-21"}), "contradiction"),
    ("place", frozenset({"Vienna", "Bratislava"}), "overtaken:Vienna"),
}


def _conflicts(found: list[Claim]) -> set[tuple[str, frozenset[str], str]]:
    out: set[tuple[str, frozenset[str], str]] = set()
    for c in found:
        for x in c.conflicts:
            if x.kind == "overtakes":
                continue
            kind = f"overtaken:{c.value}" if x.kind == "overtaken" else x.kind
            out.add((c.predicate, frozenset({c.value, x.value}), kind))
    return out


@pytest.fixture(scope="module")
def story_accounts(pipeline: Pipeline) -> list[tuple[Account, str]]:
    """The corpus extracted once; each test saves it to a fresh store of each engine."""
    items, skipped = collect([STORY])
    assert skipped == []
    accounts = pipeline.pipe([i.article for i in items])
    return [(a, i.article.text) for i, a in zip(items, accounts, strict=True)]


@pytest.fixture
def story_store(any_store: Store, story_accounts: list[tuple[Account, str]]) -> Store:
    for account, text in story_accounts:
        assert any_store.save(account, text).stored
    merge(store=any_store)
    return any_store


def test_the_corpus_reads_every_format_with_its_metadata() -> None:
    items, skipped = collect([STORY])
    assert skipped == []
    by_name = {i.path.name: i.article for i in items}
    assert len(by_name) == 8
    assert {n.rsplit(".", 1)[1] for n in by_name} == {"txt", "html", "rss", "atom"}
    page = by_name["story_02_pannonia.html"]
    assert page.published_from == "metadata"
    assert str(page.published) == "2026-04-04"
    assert page.title == "Barrier collapse killed 31, hospitals say"
    assert page.url == "https://pannonia-post.example/world/barrier-collapse"
    assert "Most read" not in page.text and "rights reserved" not in page.text
    assert page.text.startswith("The collapse of the flood barrier")
    assert str(by_name["story_06_wire.html"].published) == "2026-04-20"  # JSON-LD
    assert str(by_name["story_04_herald.rss"].published) == "2026-04-08"
    assert by_name["story_07_alpine.atom"].published_from == "metadata"
    assert by_name["story_01_courier.txt"].published_from == "dateline"


def test_the_ledger_lists_every_planted_disagreement_and_no_other(story_store: Store) -> None:
    ledger = query.claims(store=story_store, limit=1000)
    assert _conflicts(ledger) == PLANTED
    flagged = query.claims(store=story_store, contradictions=True, limit=1000)
    assert _conflicts(flagged) == PLANTED
    vienna = next(c for c in ledger if c.value == "Vienna")
    assert vienna.status == "overtaken"
    assert {s.certainty for s in vienna.supports} == {"expected"}
    assert [s.outlet for s in vienna.supports] == ["Central Europe Monitor"]
    bratislava = next(c for c in ledger if c.predicate == "place" and c.value == "Bratislava")
    assert bratislava.status == "agreed" and bratislava.documents >= 2
    toll = next(c for c in ledger if c.value == "31 people")
    assert [s.outlet for s in toll.supports] == ["pannonia-post.example"]
    esztergom = next(c for c in ledger if c.value == "Esztergom")
    assert [s.outlet for s in esztergom.supports] == ["eastern-herald.example"]


def test_the_story_merges_into_the_right_events(story_store: Store) -> None:
    events = query.story_events(store=story_store, limit=1000)
    ledger = query.claims(store=story_store, limit=1000)
    collapse_claims = [c for c in ledger if c.value in ("23 people", "31 people", "Esztergom")]
    summit_claims = [c for c in ledger if c.value in ("Vienna", "2026-04-21")]
    # The toll and the place of the collapse are claims about one story event ...
    (collapse_id,) = {c.story_event_id for c in collapse_claims}
    collapse = next(e for e in events if e.id == collapse_id)
    # ... and the summit's date and place about another, with both leaders in it.
    (summit_id,) = {c.story_event_id for c in summit_claims}
    summit = next(e for e in events if e.id == summit_id)
    assert collapse.id != summit.id
    assert collapse.time == "2026-04-02" and collapse.place == "Komarno"
    assert collapse.documents == 4
    assert summit.time == "2026-04-20" and summit.place == "Bratislava"
    assert summit.documents >= 4
    assert {"Zoltán Kerekes-Barta", "Miroslava Hudecová"} <= set(summit.actors)
    assert collapse.contested and summit.contested
    line = query.timeline(store=story_store)
    ids = [e.story_event_id for e in line]
    assert ids.index(collapse.id) < ids.index(summit.id)
    assert [e.story_event_id for e in query.timeline(store=story_store, entity="Hudecova")][:1] == [
        summit.id
    ]


def test_the_story_merges_into_the_right_entities(story_store: Store) -> None:
    def one(q: str) -> set[str]:
        found = query.corpus_entities(store=story_store, q=q)
        people = [e for e in found if e.type == "PERSON"]
        assert len(people) == 1, [e.name for e in found]
        return {people[0].name, *people[0].aliases}

    # Hyphenation, accents, honorifics and surname-only mentions.
    assert {
        "Zoltán Kerekes-Barta",
        "Zoltan Kerekes-Barta",
        "Kerekes-Barta",
        "Kerekes Barta",
    } <= one("Kerekes")
    assert {"Miroslava Hudecová", "Miroslava Hudecova", "Hudecova"} <= one("Hudec")
    # Transliteration: Dmitry / Dmytro.
    assert {"Dmitry Kovalenko", "Dmytro Kovalenko", "Kovalenko"} <= one("Kovalenko")
    # The acronym joins the commission.
    (commission,) = query.corpus_entities(store=story_store, q="DFPC")
    assert commission.name == "Danube Flood Protection Commission"
    assert commission.documents >= 3


def test_re_ingest_and_re_merge_change_nothing(story_store: Store, pipeline: Pipeline) -> None:
    before = [(c.id, c.status, c.documents) for c in query.claims(store=story_store)]
    items, _ = collect([STORY])
    again = ingest_items(items, store=story_store, pipeline=pipeline)
    assert again.unchanged == 8 and again.stored == 0
    merge(store=story_store)
    assert [(c.id, c.status, c.documents) for c in query.claims(store=story_store)] == before
