"""Currencies in the pipeline: a name several countries share follows the document's country,
which the places stage (run before quantities) records."""

from __future__ import annotations

from storyline import Pipeline
from storyline.doc import PlaceRecord
from storyline.stages.quantities import document_countries


def _money(pipeline: Pipeline, text: str) -> list[tuple[str, float, str]]:
    account = pipeline.extract(text, "2025-03-04")
    return [(q.text, q.value, q.unit) for q in account.quantities if q.unit != "people"]


def test_crowns_in_a_danish_story_are_danish(pipeline: Pipeline) -> None:
    text = (
        "COPENHAGEN, March 4 – A court in Copenhagen fined the shipping firm Hvidsten Line "
        "4.5 million crowns on Tuesday for dumping oil off the coast of Denmark, prosecutors "
        "in Aarhus said."
    )
    assert ("4.5 million crowns", 4_500_000.0, "DKK") in _money(pipeline, text)


def test_a_qualifier_beats_the_document_country(pipeline: Pipeline) -> None:
    text = (
        "PRAGUE, March 4 – The Czech brewer Lipova said on Tuesday it would pay 120 million "
        "Swedish crowns for a bottling plant near Malmo, its first outside the Czech Republic."
    )
    assert ("120 million Swedish crowns", 120_000_000.0, "SEK") in _money(pipeline, text)


def test_document_countries_weigh_place_mentions() -> None:
    places = [
        PlaceRecord("p1", "Tromso", mentions=[(0, 6), (40, 46)], country="NO"),
        PlaceRecord("p2", "Moscow", mentions=[(60, 66)], country="RU"),
        PlaceRecord("p3", "Barents Sea", mentions=[(70, 81)]),
    ]
    assert document_countries(places) == {"NO": 2, "RU": 1}
