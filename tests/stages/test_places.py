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
from storyline.stages.places import _appositive
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
        "The barges reached the Ayeyarwady River at dawn and docked near Mandalay. "
        "Later the crew flew on to the city of Yangon.",
    )
    places: list[PlaceRecord] = doc._.sl_places
    river = next(p for p in places if p.name == "Ayeyarwady River")
    assert "Irrawaddy River" in river.aliases and river.feature == "H.STM"
    assert any(p.name == "Mandalay" and p.country == "MM" for p in places)
    assert any(p.name == "Yangon" and (p.feature or "").startswith("P.") for p in places)


def _places_named(doc: Doc, word: str) -> list[PlaceRecord]:
    places: list[PlaceRecord] = doc._.sl_places
    return [p for p in places if any(word in n for n in (p.name, *p.aliases))]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Lorries crossed the Hollins Bridge over the Kama River on Tuesday, officials in "
            "Perm said. The Hollins Bridge reopened in April.",
            "Hollins",
        ),
        (
            "Trains stopped at Ravensworth Station for three hours on Monday, officials in "
            "Glasgow said. Glasgow buses replaced the trains.",
            "Ravensworth",
        ),
    ],
)
def test_unknown_bridge_or_station_never_takes_a_city_position(
    pipeline: Pipeline, text: str, word: str
) -> None:
    spots = _places_named(_doc(pipeline, text), word)
    assert spots and all(p.lat is None and p.lon is None for p in spots)


@pytest.mark.parametrize(
    ("text", "word", "town"),
    [
        (
            "Grain trucks crossed the Kestrel Bridge at Tczew on Friday, police said.",
            "Kestrel",
            (54.09, 18.78),
        ),
        (
            "Hundreds of travellers queued at the Ostrovo crossing near Narva on Sunday.",
            "Ostrovo",
            (59.38, 28.19),
        ),
    ],
)
def test_spot_tied_to_a_settlement_takes_its_position(
    pipeline: Pipeline, text: str, word: str, town: tuple[float, float]
) -> None:
    spots = _places_named(_doc(pipeline, text), word)
    assert len(spots) == 1
    spot = spots[0]
    assert spot.lat is not None and spot.lon is not None
    assert great_circle_km(spot.lat, spot.lon, *town) < 25
    assert spot.source is not None and "tied" in spot.source


@pytest.mark.parametrize(
    ("text", "forms", "point"),
    [
        (
            "Floods swelled the Prut River on Monday. Villages along the Pruth River were "
            "evacuated, officials in Chisinau said.",
            ("Prut River", "Pruth River"),
            (45.47, 28.20),
        ),
        (
            "Kayakers set off down the Drina River from Foca. By evening they had passed "
            "Visegrad, where the Dryna River widens.",
            ("Drina River", "Dryna River"),
            (44.88, 19.35),
        ),
    ],
)
def test_spelling_variants_of_a_river_are_one_place(
    pipeline: Pipeline, text: str, forms: tuple[str, str], point: tuple[float, float]
) -> None:
    doc = _doc(pipeline, text)
    rivers = [p for p in doc._.sl_places if p.feature == "H.STM"]
    assert len(rivers) == 1, [p.name for p in rivers]
    names = {rivers[0].name, *rivers[0].aliases}
    assert set(forms) <= names
    assert rivers[0].lat is not None and rivers[0].lon is not None
    assert great_circle_km(rivers[0].lat, rivers[0].lon, *point) < 150


def test_unlisted_river_variants_merge_and_distinct_rivers_do_not(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "Herders crossed the Velnora River near the border. The Velnara River is shallow "
        "in summer. Barges on the Rhine River and the Rhone River were delayed.",
    )
    rivers = [p for p in doc._.sl_places if p.feature == "H.STM"]
    velnora = [p for p in rivers if "Veln" in p.name]
    assert len(velnora) == 1 and {"Velnora River", "Velnara River"} <= {
        velnora[0].name,
        *velnora[0].aliases,
    }
    assert velnora[0].lat is None  # no gazetteer entry: no guessed position
    assert len([p for p in rivers if p.name.startswith("Rh")]) == 2


def test_landmark_river_found_by_a_variant_spelling(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Fishermen on the Pruth River reported low water on Wednesday.")
    rivers = [p for p in doc._.sl_places if p.feature == "H.STM"]
    assert len(rivers) == 1 and rivers[0].lat is not None
    assert "Prut River" in rivers[0].aliases


@pytest.mark.parametrize(
    ("text", "name", "iso", "point"),
    [
        (
            "The Ohio choir, which left Cleveland on Monday, sang in Toledo, the first Spanish "
            "city on its European tour, on Friday. Toledo gave the singers a warm welcome.",
            "Toledo",
            "ES",
            (39.86, -4.03),
        ),
        (
            "The relief train left Riga on Tuesday and stopped at Valga, the first Estonian "
            "station on the other side, before it went on to Tartu.",
            "Valga",
            "EE",
            (57.78, 26.05),
        ),
    ],
)
def test_apposition_demonym_fixes_the_country(
    pipeline: Pipeline, text: str, name: str, iso: str, point: tuple[float, float]
) -> None:
    places = _places_named(_doc(pipeline, text), name)
    assert len(places) == 1
    place = places[0]
    assert place.country == iso and place.lat is not None and place.lon is not None
    assert great_circle_km(place.lat, place.lon, *point) < 25


@pytest.mark.parametrize(
    "text",
    [
        "The freight train left Milan at noon and reached Salem, the first Swiss station on "
        "the other side, two hours later. Salem was quiet.",
        "From Oslo the bus drove east to Hamilton, the first Swedish town across the border, "
        "and the driver rested in Hamilton overnight.",
    ],
)
def test_apposition_demonym_never_takes_a_namesake_abroad(pipeline: Pipeline, text: str) -> None:
    doc = _doc(pipeline, text)
    name = "Salem" if "Salem" in text else "Hamilton"
    places = _places_named(doc, name)
    assert len(places) == 1, [(p.name, p.country) for p in places]
    assert places[0].country in ("CH", "SE") and places[0].lat is None


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


@pytest.mark.parametrize(
    ("text", "name", "iso"),
    [
        ("The old bridge between Kehl and Strasbourg reopened on Friday.", "Kehl", "DE"),
        (
            "The ferry between Valga and Valka resumed service after a Latvian inspector "
            "approved it.",
            "Valga",
            "EE",
        ),
    ],
)
def test_between_x_and_a_place_is_a_place_near_it(
    pipeline: Pipeline, text: str, name: str, iso: str
) -> None:
    doc = _doc(pipeline, text)
    places = [p for p in doc._.sl_places if p.name == name]
    assert len(places) == 1 and places[0].country == iso
    assert all(e.label not in ("PERSON", "ORG") for e in doc._.sl_entities if e.name == name)


@pytest.mark.parametrize(
    ("text", "river", "rio"),
    [
        (
            "Heavy rain swelled the Motagua River on Sunday. Villagers along the Rio Motagua "
            "moved to higher ground, officials in Zacapa said.",
            "Motagua River",
            "Rio Motagua",
        ),
        (
            "Guards patrolled the Lempa River overnight. Fishermen say the Rio Lempa floods "
            "every October, officials in San Salvador said.",
            "Lempa River",
            "Rio Lempa",
        ),
    ],
)
def test_rio_x_is_the_x_river(pipeline: Pipeline, text: str, river: str, rio: str) -> None:
    doc = _doc(pipeline, text)
    rivers = [p for p in doc._.sl_places if river in (p.name, *p.aliases)]
    assert len(rivers) == 1 and rio in (rivers[0].name, *rivers[0].aliases)
    assert rivers[0].feature == "H.STM"
    # Neither river is in the gazetteer: no position guessed (never Limpopo, never Zacapa).
    assert rivers[0].lat is None


def test_apposition_reads_the_head_noun_only(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "Officials welcomed Jan Kowalski, the first Polish port official to visit Rotterdam. "
        "The bus stopped at Cieszyn, the first Polish town across the river.",
    )
    commas = [t.i for t in doc if t.text == ","]
    assert _appositive(doc, commas[0]) is None  # "port" modifies "official": a person
    assert _appositive(doc, commas[1]) == ("PL", "P", "P.PPL", "town")


def test_demonyms_are_affiliation_mentions_not_event_places(pipeline: Pipeline) -> None:
    text = (
        "Kenyan police arrested two Tanzanian traders in Mombasa on Friday. "
        "European diplomats and Texans on holiday watched the hearing."
    )
    doc = _doc(pipeline, text)
    places: list[PlaceRecord] = doc._.sl_places
    by_name = {p.name: p for p in places}
    kenya, tanzania = by_name["Kenya"], by_name["Tanzania"]
    # The demonym is listed among the country's mentions, marked as an affiliation ...
    assert [text[s:e] for s, e in kenya.affiliations] == ["Kenyan"]
    assert kenya.mentions == kenya.affiliations and kenya.feature == "A.PCLI"
    assert [text[s:e] for s, e in tanzania.affiliations] == ["Tanzanian"]
    assert "Texas" in by_name and "Europe" in by_name
    # ... but is never one of its names, and events never take it as a place.
    assert "Kenyan" not in kenya.aliases
    account = pipeline.extract(text, "2024-05-10")
    for event in account.events:
        assert not set(event.places) & {"Kenya", "Tanzania", "Europe", "Texas"}
    assert any(p.name == "Mombasa" and not _affiliated(doc, "Mombasa") for p in places)


def _affiliated(doc: Doc, name: str) -> bool:
    places: list[PlaceRecord] = doc._.sl_places
    return any(p.affiliations for p in places if p.name == name)


def test_place_inside_an_organisation_name_is_an_affiliation(pipeline: Pipeline) -> None:
    text = (
        "The Bank of Japan kept rates unchanged, and the Cavan County Council met in "
        "Cavan on Tuesday. Georgia Hale, a singer, was there."
    )
    doc = _doc(pipeline, text)
    places: list[PlaceRecord] = doc._.sl_places
    japan = next(p for p in places if p.name == "Japan")
    assert [text[s:e] for s, e in japan.affiliations] == ["Japan"]
    cavan = [p for p in places if p.name.startswith("Cavan")]
    assert cavan and any(p.affiliations for p in cavan)
    assert not any(p.name == "Georgia" for p in places)  # a given name in a misread ORG


def test_spot_named_by_a_town_takes_its_position(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "The injured were taken to the Kaunas hospital on Sunday, police said.")
    places: list[PlaceRecord] = doc._.sl_places
    hospital = next(p for p in places if "hospital" in p.name)
    assert hospital.feature == "S.HSP" and hospital.lat is not None and hospital.lon is not None
    assert great_circle_km(hospital.lat, hospital.lon, 54.9, 23.9) < 30


def test_town_list_is_not_a_container_and_division_noun_holds(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "After stops in Washington, New York and Boston, the minister left.")
    places: list[PlaceRecord] = doc._.sl_places
    washington = next(p for p in places if p.name == "Washington")
    assert washington.feature == "P.PPLC"
    doc = _doc(
        pipeline,
        "A boy from Rochester, New York fell ill; New York state officials said he is "
        "recovering in New York.",
    )
    places = doc._.sl_places
    state = [p for p in places if p.name == "New York"]
    assert len(state) == 1 and state[0].feature == "A.ADM1" and len(state[0].mentions) == 3


def test_two_adjacent_spans_that_name_one_country_are_one_mention(pipeline: Pipeline) -> None:
    text = "Aid reached the Democratic Republic of the Congo on Monday; Congo needs more."
    doc = _doc(pipeline, text)
    places: list[PlaceRecord] = doc._.sl_places
    drc = next(p for p in places if p.feature == "A.PCLI")
    assert drc.country == "CD"
    assert "Democratic Republic of the Congo" in [text[s:e] for s, e in drc.mentions]


def test_name_listed_with_states_is_a_state(pipeline: Pipeline) -> None:
    doc = _doc(
        pipeline,
        "Tech jobs are moving from western states such as Oregon or Washington to Idaho.",
    )
    places: list[PlaceRecord] = doc._.sl_places
    washington = next(p for p in places if p.name == "Washington")
    assert washington.feature == "A.ADM1" and washington.country == "US"


def test_a_falls_town_is_a_town(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Snow closed schools in Klamath Falls on Monday, officials said.")
    places: list[PlaceRecord] = doc._.sl_places
    town = next(p for p in places if p.name == "Klamath Falls")
    assert (town.feature or "").startswith("P.") and town.country == "US"


def test_a_demonym_before_a_feature_noun_names_a_place(pipeline: Pipeline) -> None:
    text = (
        "Tourists crowded the bars of the French Quarter in New Orleans on Friday. "
        "Chinese State Councilor Li Wenhai met the mayor the same day."
    )
    account = pipeline.extract(text, "2024-05-10")
    quarter = _place(account, "French Quarter")
    assert quarter.feature == "P.PPLX" and quarter.country == "US"
    assert not any(p.country == "FR" for p in account.places)
    # A division's noun after the demonym is a title, not a place: China stays an affiliation.
    china = _place(account, "China")
    assert china.affiliations


def test_names_joined_by_of_the_or_ended_by_a_compass_word(pipeline: Pipeline) -> None:
    text = (
        "Measles cases rose in Angola, Chad and Democratic Republic of the Congo last year. "
        "Floods hit the Zimbabwean provinces of Mashonaland West and Midlands in March."
    )
    account = pipeline.extract(text, "2024-05-10")
    congo = _place(account, "Democratic Republic of the Congo")
    assert congo.feature == "A.PCLI" and congo.country == "CD"
    assert [text[m.start : m.end] for m in congo.mentions] == ["Democratic Republic of the Congo"]
    west = _place(account, "Mashonaland West")
    assert west.feature == "A.ADM1" and west.country == "ZW"


def test_a_spot_named_after_the_city_that_opens_its_name(pipeline: Pipeline) -> None:
    text = (
        "A connecting flight from Iraq landed at Istanbul Ataturk International Airport on "
        "Monday. Crews later checked the Da Nang International Airport in Vietnam."
    )
    account = pipeline.extract(text, "2024-05-10")
    istanbul = _place(account, "Istanbul Ataturk International Airport")
    assert istanbul.country == "TR" and _near(istanbul, 41.0, 28.95, 50)
    assert _near(_place(account, "Da Nang International Airport"), 16.05, 108.2, 50)


@pytest.mark.parametrize(
    ("text", "place", "other"),
    [
        (
            "A stop in Taraz, the regional centre formerly known as Dzhambul, was dropped.",
            "Taraz",
            "Dzhambul",
        ),
        (
            "The ministers stopped in Birnin Gaoure, spelt Birni N'Gaoure on some maps, on "
            "their way to Dosso in Niger.",
            "Birnin Gaoure",
            "Birni N'Gaoure",
        ),
        (
            "The convoy crossed the bridge over the Chui River, which Kazakh maps call the Shu, "
            "near Bishkek.",
            "Chui River",
            "Shu",
        ),
    ],
)
def test_another_name_the_text_gives_is_an_alias(
    pipeline: Pipeline, text: str, place: str, other: str
) -> None:
    account = pipeline.extract(text, "2025-06-12")
    found = _place(account, place)
    assert found.name == place
    assert other in found.aliases
    assert not any(p.name == other for p in account.places)
    assert not any(e.name == other and e.type == "PERSON" for e in account.entities)


@pytest.mark.parametrize(
    ("text", "place", "other"),
    [
        ("Dubai, known as the Las Vegas of the Gulf, hosted the fair in May.", "Dubai",
         "Las Vegas"),
        ("They live in southern Sweden, in a town called Ystad.", "Sweden", "Ystad"),
        ("They moved to Lyon, the town was later called Lugdunum by the guides.", "Lyon",
         "Lugdunum"),
    ],
)  # fmt: skip
def test_a_name_that_is_no_other_name_of_the_place_is_no_alias(
    pipeline: Pipeline, text: str, place: str, other: str
) -> None:
    account = pipeline.extract(text, "2025-06-12")
    assert other not in _place(account, place).aliases


def test_a_river_named_like_its_country_after_words_of_its_course(pipeline: Pipeline) -> None:
    # "the far bank of the Niger": the river, though Niger is also the country around it;
    # the short form is a mention of the river, not one of its names (the country has it).
    text = (
        "Traders in Gaya, a town in Niger, loaded their boats on Monday and crossed to the "
        "far bank of the Niger before dusk, police in Niger said."
    )
    account = pipeline.extract(text, "2025-06-12")
    river = next(p for p in account.places if p.feature == "H.STM")
    assert river.name == "Niger River"
    assert "Niger" not in river.aliases
    assert any(text[m.start : m.end] == "Niger" for m in river.mentions)
    country = _place(account, "Niger")
    assert country.feature == "A.PCLI"


def test_a_one_word_person_that_the_document_names_as_a_place_is_that_place(
    pipeline: Pipeline,
) -> None:
    # NER reads "Gaya" in "the bridge that links Gaya to Malanville" as a person; the article
    # names the town Gaya elsewhere: one sense per discourse.
    account = _account(pipeline, "parallel_15.txt")
    assert not any(e.name == "Gaya" and e.type == "PERSON" for e in account.entities)
    gaya = _place(account, "Gaya")
    assert gaya.country == "NE"
    assert len(gaya.mentions) >= 2


def test_an_outlet_in_the_dateline_is_no_place(pipeline: Pipeline) -> None:
    # NER reads "West Coast Wire" as a region; no place of that name, and no position for it.
    account = pipeline.extract(read_article("parallel_14.txt"), "2025-03-08")
    assert not any("Wire" in p.name for p in account.places)
    assert _place(account, "Banjul").country == "GM"


def test_a_small_town_an_apposition_calls_a_settlement_of_a_country(
    pipeline: Pipeline,
) -> None:
    # NER misses the village; the apposition says what and whose it is, and the gazetteer
    # has a settlement of that name in that country.
    text = "Villagers fled to Vorukh, a Tajik exclave, after the shelling on Friday."
    account = pipeline.extract(text, "2025-06-12")
    vorukh = _place(account, "Vorukh")
    assert vorukh.country == "TJ"
    assert vorukh.feature is not None and vorukh.feature.startswith("P.")


def test_a_river_the_gazetteer_lacks_runs_past_its_namesake_town(pipeline: Pipeline) -> None:
    text = (
        "Floodwater from the Isfara River reached homes in Khujand, Tajikistan, and in "
        "Batken, Kyrgyzstan, on Monday."
    )
    account = pipeline.extract(text, "2025-06-12")
    river = _place(account, "Isfara River")
    assert river.feature == "H.STM"
    assert _near(river, 40.13, 70.63, 25)


def test_a_river_named_like_a_town_abroad_is_not_placed_there(pipeline: Pipeline) -> None:
    # Chui is a town in Uruguay; the story is in Kyrgyzstan: no position rather than that one.
    text = "The Chui River rose near Bishkek in Kyrgyzstan on Monday, officials said."
    account = pipeline.extract(text, "2025-06-12")
    river = _place(account, "Chui River")
    assert river.lat is None or river.lat > 30


def test_a_far_small_namesake_abroad_is_no_reading(pipeline: Pipeline) -> None:
    # The gazetteer lacks the Bolivian city; its only "El Alto"s are villages in other
    # countries, thousands of km from the story's towns: never taken.
    text = (
        "LA PAZ, March 4 (Andes Wire) - Protesters marched from El Alto to the centre of La Paz "
        "on Monday. Police in Cochabamba and in Sucre braced for more marches, Bolivian "
        "officials said."
    )
    account = pipeline.extract(text, "2025-03-04")
    el_alto = _place(account, "El Alto")
    assert el_alto.country in (None, "BO")
    assert el_alto.lat is None or _near(el_alto, -16.5, -68.19, 100)


def test_a_hyphen_joined_name_is_taken_whole(pipeline: Pipeline) -> None:
    # NER stops at the first hyphen ("Mazar"), which alone is a Jordanian village.
    account = pipeline.extract(
        "A truck bomb hit the consulate in Mazar-e-Sharif on Thursday night, police said.",
        "2016-11-11",
    )
    place = next(p for p in account.places if p.country == "AF")
    assert [m.text for m in place.mentions] == ["Mazar-e-Sharif"]
    assert abs(place.lat - 36.7) < 0.3 and abs(place.lon - 67.1) < 0.3
