"""The gazetteer index: features, case rules, aliases, countries with coordinates."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.resources.countries import country_rows
from storyline.resources.gazetteer import Gazetteer, fold, get_gazetteer, index_path
from storyline.settings import Settings


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    # Built once per session in the cache dir the environment names (STORYLINE_CACHE_DIR).
    return get_gazetteer()


def test_capitals_are_pplc(gaz: Gazetteer) -> None:
    for name, iso in (("Paris", "FR"), ("Hanoi", "VN"), ("Nairobi", "KE"), ("Lima", "PE")):
        best = gaz.best(name)
        assert best is not None and best.feature == "P.PPLC" and best.country == iso, name


def test_ordinary_city_is_ppl_with_coordinates(gaz: Gazetteer) -> None:
    best = gaz.best("Novosibirsk")
    assert best is not None and best.feature.startswith("P.PPL") and best.country == "RU"
    assert best.lat is not None and abs(best.lat - 55.0) < 0.5


def test_short_names_are_case_sensitive(gaz: Gazetteer) -> None:
    us = gaz.best("US")
    assert us is not None and us.feature == "A.PCLI" and us.country == "US"
    assert all(e.country != "US" or e.feature != "A.PCLI" for e in gaz.lookup("Us"))
    assert not any(e.feature == "A.PCLI" for e in gaz.lookup("us"))
    dotted = gaz.best("U.S.")
    assert dotted is not None and dotted.country == "US"


def test_long_names_ignore_case_and_accents(gaz: Gazetteer) -> None:
    assert gaz.best("BEIRUT") == gaz.best("Beirut")
    assert gaz.best("Sao Paulo") == gaz.best("São Paulo")
    assert fold("St. Petersburg") == fold("Saint Petersburg")
    best = gaz.best("St. Petersburg")
    assert best is not None and best.country == "RU"


@pytest.mark.parametrize(
    ("name", "iso"),
    [("Russia", "RU"), ("South Korea", "KR"), ("Kenya", "KE"), ("Brazil", "BR"), ("UK", "GB")],
)
def test_countries_have_coordinates(gaz: Gazetteer, name: str, iso: str) -> None:
    best = gaz.best(name)
    assert best is not None and best.feature == "A.PCLI" and best.country == iso
    assert best.lat is not None and best.lon is not None


def test_every_country_row_has_an_entry_with_coordinates(gaz: Gazetteer) -> None:
    missing = [row.iso2 for row in country_rows() if gaz.country(row.iso2) is None]
    assert not missing
    for row in country_rows():
        entry = gaz.country(row.iso2)
        assert entry is not None and entry.lat is not None and -90 <= entry.lat <= 90


def test_river_is_a_stream_never_a_city(gaz: Gazetteer) -> None:
    river = gaz.best("Dnieper River")
    assert river is not None and river.feature == "H.STM"
    assert gaz.best("Dnipro River") == river  # a spelling variant, as an alias
    # "Dnipro" alone is a Ukrainian city; with the stream class asked for, no city wins.
    assert all(e.feature_class != "P" for e, _ in gaz.rank("Dnipro River", feature_class="H")[:1])


def test_landmarks_are_found(gaz: Gazetteer) -> None:
    bridge = gaz.best("Øresund Bridge", context=["DK", "SE"])
    assert bridge is not None and bridge.feature == "S.BDG" and bridge.source == "landmarks"
    crossing = gaz.best("Rafah crossing")
    assert crossing is not None and crossing.feature_class == "S"


def test_own_name_beats_an_alias_of_a_larger_place(gaz: Gazetteer) -> None:
    salisbury = gaz.best("Salisbury")
    assert salisbury is not None and salisbury.country in ("GB", "US")


def test_english_names_of_great_cities(gaz: Gazetteer) -> None:
    for name, iso in (("Mecca", "SA"), ("Calcutta", "IN"), ("Peking", "CN"), ("Rangoon", "MM")):
        best = gaz.best(name)
        assert best is not None and best.country == iso, name


def test_admin_divisions_and_abbreviations(gaz: Gazetteer) -> None:
    texas = gaz.best("Texas")
    assert texas is not None and texas.feature == "A.ADM1" and texas.lat is not None
    calif = gaz.best("Calif.")
    assert calif is not None and calif.feature == "A.ADM1" and calif.country == "US"
    assert not any(e.feature == "A.ADM1" for e in gaz.lookup("Miss"))  # a title, not Miss.
    county = gaz.best("Orange County", context=["US"])
    assert county is not None and county.feature == "A.ADM2"


def test_context_prefers_the_documents_country(gaz: Gazetteer) -> None:
    plain = gaz.best("Georgia")
    assert plain is not None and plain.feature == "A.PCLI"
    in_us = gaz.best("Georgia", context=["US"])
    assert in_us is not None and in_us.country == "US"


def test_unknown_name(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwzxplorvania") == []
    assert gaz.best("Qwzxplorvania") is None
    assert not gaz.is_place_name("Qwzxplorvania")
    assert gaz.is_place_name("Moscow")


def test_index_path_follows_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(tmp_path))
    path = index_path(Settings.from_env())
    assert path.parent == tmp_path and path.name.startswith("gazetteer-")


def test_first_level_divisions_sit_at_their_reference_point(gaz: Gazetteer) -> None:
    # The middle of Ontario's towns lies far south of the province's usual point (its towns
    # cluster along the lakes); the countries-states-cities point gives the reference instead.
    best = gaz.best("Ontario")
    assert best is not None and best.feature == "A.ADM1" and best.country == "CA"
    assert best.lat is not None and best.lon is not None
    assert 49.0 < best.lat < 51.0 and -87.0 < best.lon < -84.0


def test_admin_points_table_is_keyed_by_iso_3166_2() -> None:
    from storyline.resources._gazetteer_build import _admin_points

    points = _admin_points()
    assert len(points) > 3000
    assert all(code[:2].isalpha() and code[2] == "-" for code in points)
    assert all(-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 for lat, lon in points.values())


def test_a_division_is_not_placed_at_its_namesake_city(gaz: Gazetteer) -> None:
    # countries-states-cities puts New York state at New York City; the state keeps the middle
    # of its towns' extent instead, upstate.
    state = next(e for e in gaz.lookup("New York") if e.feature == "A.ADM1")
    assert state.lat is not None and state.lat > 42.0
