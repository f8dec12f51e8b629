"""The places stage on short articles written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from storyline import Pipeline
from storyline.doc import PlaceRecord
from storyline.geo import great_circle_km
from storyline.ingest.text import Article
from storyline.model import Account, Place
from tests.conftest import read_article


def _account(pipeline: Pipeline, name: str) -> Account:
    return pipeline.extract(read_article(name), "2024-05-10")


def _doc(pipeline: Pipeline, text: str) -> Doc:
    article = Article(text=text, published=dt.date(2024, 5, 10))
    return next(iter(pipeline.docs([article])))


def _place(account: Account, name: str) -> Place:
    for place in account.places:
        if place.name == name or name in place.aliases:
            return place
    raise AssertionError(f"no place {name!r} in {[p.name for p in account.places]}")


def _near(place: Place, lat: float, lon: float, km: float) -> bool:
    assert place.lat is not None and place.lon is not None
    return great_circle_km(place.lat, place.lon, lat, lon) <= km


@pytest.fixture(scope="module")
def amur(pipeline: Pipeline) -> Account:
    return _account(pipeline, "place_amur_crossing.txt")


@pytest.fixture(scope="module")
def valley(pipeline: Pipeline) -> Account:
    return _account(pipeline, "place_valley_towns.txt")


@pytest.fixture(scope="module")
def talks(pipeline: Pipeline) -> Account:
    return _account(pipeline, "place_capitals_talks.txt")


def test_rivers_and_bridges_are_landmarks(amur: Account, valley: Account) -> None:
    assert _place(amur, "Amur River").feature == "H.STM"
    assert _place(amur, "Ussuri River").feature == "H.STM"
    bridge = _place(amur, "Blagoveshchensk-Heihe Bridge")
    assert bridge.feature == "S.BDG" and _near(bridge, 50.2, 127.5, 25)
    ohio = _place(valley, "Ohio River")
    assert ohio.feature == "H.STM"  # not the state of Ohio
    assert _place(valley, "Mississippi River").feature == "H.STM"


def test_cities_and_countries_grounded(amur: Account, talks: Account) -> None:
    assert _near(_place(amur, "Harbin"), 45.75, 126.65, 25)
    assert _place(amur, "Blagoveshchensk").country == "RU"
    russia = _place(amur, "Russia")
    assert russia.feature == "A.PCLI" and russia.lat is not None
    assert _place(talks, "Nairobi").feature == "P.PPLC"
    assert _place(talks, "Tanzania").feature == "A.PCLI"
    assert _place(talks, "Lake Victoria").feature.startswith("H.")


def test_demonyms_are_not_places(amur: Account, talks: Account) -> None:
    for account in (amur, talks):
        names = {n for p in account.places for n in (p.name, *p.aliases)}
        assert not names & {"Chinese", "Russian", "Kenyan", "Tanzanian"}


def test_container_chooses_the_town_inside(valley: Account, talks: Account) -> None:
    springfield = _place(valley, "Springfield")
    assert springfield.country == "US" and _near(springfield, 39.8, -89.65, 30)  # Illinois
    assert _near(_place(valley, "Louisville"), 38.25, -85.76, 30)  # Kentucky
    salem = _place(valley, "Salem")
    assert _near(salem, 44.94, -123.03, 30)  # "Salem, Ore." is Oregon's
    assert _place(valley, "Ore.").feature == "A.ADM1"
    assert _place(talks, "Kampala").country == "UG"


def test_place_entities_point_to_places(amur: Account) -> None:
    place_names = {p.name for p in amur.places}
    grounded = [e for e in amur.entities if e.type in ("GPE", "LOC", "FAC")]
    assert grounded and all(e.name in place_names for e in grounded)


def test_metonymy_keeps_grounding(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Moscow could use the bridge. Beijing said it would help. Paris is big.")
    places: list[PlaceRecord] = doc._.sl_places
    by_name = {p.name: p for p in places}
    for name in ("Moscow", "Beijing"):
        assert by_name[name].metonymic and by_name[name].lat is not None
    assert not by_name["Paris"].metonymic


def test_river_named_like_a_city_is_never_the_city(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Fishermen said the Paris River had flooded the valley near Lyon.")
    places: list[PlaceRecord] = doc._.sl_places
    river = [p for p in places if "River" in p.name]
    assert river and all(not (p.feature or "").startswith("P.") for p in river)
    assert all(p.lat is None or p.lat < 40 or p.lat > 52 for p in river)


def test_spelling_variant_alias_and_cue_recognition(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "The convoy reached the Tuman River at dawn and waited near Khasan station. "
        "Later it drove on to the city of Vladivostok.",
    )
    places: list[PlaceRecord] = doc._.sl_places
    river = next(p for p in places if p.name == "Tuman River")
    assert "Tumen River" in river.aliases and river.feature == "H.STM"
    assert any(p.country == "RU" and "Khasan" in p.name for p in places)
    assert any(p.name == "Vladivostok" and p.feature == "P.PPL" for p in places)


def test_people_are_not_places(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Georgia Hale met Paris Jackson in London on Monday.")
    places: list[PlaceRecord] = doc._.sl_places
    names = {p.name for p in places}
    assert "London" in names
    assert not names & {"Georgia", "Paris", "Georgia Hale", "Paris Jackson"}


def test_datelines_lists_and_compounds(pipeline: Pipeline) -> None:
    account = _account(pipeline, "place_dateline_list.txt")
    krakow = _place(account, "KRAKOW")
    assert krakow.country == "PL" and krakow.mentions[0].start == 0
    for town in ("Tarnow", "Kielce", "Lublin"):
        assert _place(account, town).country == "PL", town
    assert _place(account, "Warsaw").feature == "P.PPLC"  # "the Warsaw-based company"
    mombasa = _place(account, "Mombasa")
    assert mombasa.country == "KE" and len(mombasa.mentions) == 2
    names = {n for p in account.places for n in (p.name, *p.aliases)}
    assert "Piotr Nowak" not in names and "Nowak" not in names
    kielce = [e for e in account.entities if e.name == "Kielce"]
    assert len(kielce) == 1 and kielce[0].type == "GPE"  # one entity, typed as a place


def test_disease_named_after_a_place_is_not_a_place(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "Health officials in Dallas confirmed three cases of West Nile virus on Friday. "
        "A separate Marburg fever alert was lifted in Kampala.",
    )
    names = {p.name for p in doc._.sl_places}
    assert {"Dallas", "Kampala"} <= names
    assert not names & {"West Nile", "Marburg"}


def test_division_noun_after_a_name(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Fires spread across Washington state. Rebels held Idlib province.")
    features = {p.name: p.feature for p in doc._.sl_places}
    assert features.get("Washington") == "A.ADM1"
    assert features.get("Idlib") == "A.ADM1"


def test_unknown_local_name_is_placed_at_the_story_focus(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "Crews in Baton Rouge, Louisiana, closed Quillfeather Avenue on Monday. "
        "Residents of Baton Rouge said the Quillfeather Avenue repairs were overdue. "
        "A similar project in Denver ended last year.",
    )
    places: list[PlaceRecord] = doc._.sl_places
    street = [p for p in places if "Quillfeather" in p.name]
    assert street, [p.name for p in places]
    # Not in any gazetteer: it sits at the story's focus (Baton Rouge), not at Denver.
    assert street[0].source == "document focus" and street[0].lat is not None
    assert great_circle_km(street[0].lat, street[0].lon or 0.0, 30.45, -91.15) < 50
