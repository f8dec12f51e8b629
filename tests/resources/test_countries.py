"""Country names, codes and demonyms."""

from __future__ import annotations

import pytest

from storyline.resources.countries import (
    country_code,
    country_name,
    country_of_demonym,
    country_point,
    country_rows,
    is_demonym,
)


@pytest.mark.parametrize(
    ("word", "iso"),
    [
        ("North Korean", "KP"),
        ("Russian", "RU"),
        ("South Korean", "KR"),
        ("American", "US"),
        ("British", "GB"),
        ("Russians", "RU"),
        ("Filipinos", "PH"),
        ("Frenchmen", "FR"),
        ("Ivorian", "CI"),
        ("Scottish", "GB"),
    ],
)
def test_demonyms(word: str, iso: str) -> None:
    assert country_of_demonym(word) == iso
    assert is_demonym(word)


def test_demonym_without_one_country() -> None:
    assert is_demonym("Kurdish") and country_of_demonym("Kurdish") is None
    assert is_demonym("Korean") and country_of_demonym("Korean") is None


def test_not_demonyms() -> None:
    for word in ("Russia", "Philippines", "Moscow", "president", ""):
        assert not is_demonym(word), word


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("North Korea", "KP"),
        ("South Korea", "KR"),
        ("Russia", "RU"),
        ("US", "US"),
        ("U.S.", "US"),
        ("the United States", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Burma", "MM"),
    ],
)
def test_country_codes(name: str, iso: str) -> None:
    assert country_code(name) == iso


def test_short_codes_keep_their_case() -> None:
    assert country_code("us") is None
    assert country_code("Us") is None


def test_table_covers_all_countries() -> None:
    rows = country_rows()
    assert len(rows) >= 245
    assert len({r.iso2 for r in rows}) == len(rows)
    assert all(r.demonyms or r.iso2 in {"BV", "GS", "HM", "SJ", "TF", "UM"} for r in rows)
    assert country_name("KP") == "North Korea"
    point = country_point("UA")
    assert point is not None and 44 < point[0] < 53 and 22 < point[1] < 41


def test_place_adjectives_name_regions_and_divisions() -> None:
    from storyline.resources.countries import adjective_forms, place_of_adjective

    assert place_of_adjective("Texans") == ("Texas", None)
    assert place_of_adjective("European") == ("Europe", None)
    assert place_of_adjective("Quebecers") == ("Quebec", "A")
    assert place_of_adjective("Russian") is None  # a national demonym: countries.tsv's
    assert "new yorkers" in adjective_forms()
