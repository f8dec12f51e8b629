"""Quantities: value in the text's unit, a normalised symbol, approximators in the span."""

from __future__ import annotations

import pytest

from storyline.stages.quantities import find_quantities, parse_number, units


def _found(text: str) -> list[tuple[str, float, str, bool]]:
    return [(text[q.start : q.end], q.value, q.unit, q.approximate) for q in find_quantities(text)]


def test_distance_with_approximator_keeps_the_text_unit() -> None:
    text = "From the port to the dam it is about 310 kilometres by road."
    assert _found(text) == [("about 310 kilometres", 310.0, "km", True)]


def test_another_distance_is_exact_and_leaves_another_out_of_the_span() -> None:
    text = "Beyond the pass, another 85 miles of track remain."
    assert _found(text) == [("85 miles", 85.0, "mi", False)]


@pytest.mark.parametrize(
    "phrase",
    ["about", "around", "some", "nearly", "almost", "roughly", "more than", "over", "up to",
     "approximately", "at least"],
)  # fmt: skip
def test_approximators_mark_the_quantity(phrase: str) -> None:
    text = f"Officials said {phrase} 40 km of road was damaged."
    [(span, value, unit, approx)] = _found(text)
    assert span == f"{phrase} 40 km" and value == 40.0 and unit == "km" and approx


def test_money_scales_multiply() -> None:
    assert _found("The plant cost $5 million.") == [("$5 million", 5_000_000.0, "USD", False)]
    assert _found("A loan of €2.5bn was agreed.") == [("€2.5bn", 2_500_000_000.0, "EUR", False)]
    assert _found("It paid 300,000 euros.") == [("300,000 euros", 300_000.0, "EUR", False)]


def test_percentages_and_counts_of_people() -> None:
    text = "At least 30 people were killed and turnout fell 4.5 per cent to 61%."
    assert _found(text) == [
        ("At least 30 people", 30.0, "people", True),
        ("4.5 per cent", 4.5, "%", False),
        ("61%", 61.0, "%", False),
    ]


def test_number_words_and_hyphenated_units() -> None:
    text = "Nearly two hundred residents left along a 12-km stretch at 50 km/h."
    assert _found(text) == [
        ("Nearly two hundred residents", 200.0, "people", True),
        ("12-km", 12.0, "km", False),
        ("50 km/h", 50.0, "km/h", False),
    ]


def test_numbers_without_units_and_words_inside_words_are_not_quantities() -> None:
    text = "In 2021 the two leaders met at 5 in the afternoon; someone pitched a tent."
    assert _found(text) == []


def test_parse_number() -> None:
    assert parse_number("1,250") == 1250.0
    assert parse_number("two hundred and forty") == 240.0
    assert parse_number("a dozen") == 12.0
    assert parse_number("twenty-five thousand") == 25_000.0
    assert parse_number("many") is None


def test_units_lexicon_has_the_contract_symbols() -> None:
    symbols = {u.symbol for u in units().values()}
    assert {"km", "m", "kg", "t", "USD", "EUR", "%", "people", "mi", "km/h"} <= symbols


def test_dead_and_injured_are_counts_of_people() -> None:
    text = "The blast left 12 dead and more than 300 injured."
    assert _found(text) == [
        ("12 dead", 12.0, "people", False),
        ("more than 300 injured", 300.0, "people", True),
    ]


def test_article_quantities() -> None:
    from ..conftest import read_article

    text = read_article("people_quake.txt")
    found = _found(text)
    assert ("At least 42 people", 42.0, "people", True) in found
    assert ("more than 300 injured", 300.0, "people", True) in found
    assert ("$25 million", 25_000_000.0, "USD", False) in found
    assert ("up to $300 million", 300_000_000.0, "USD", True) in found
    assert ("40 kilometres", 40.0, "km", False) in found
    assert ("nearly 400 km", 400.0, "km", True) in found
    text = read_article("people_ferry.txt")
    found = _found(text)
    assert ("about 200 kilometers", 200.0, "km", True) in found
    assert ("40 kilometers", 40.0, "km", False) in found  # "another 40 kilometers"
    assert ("$120 million", 120_000_000.0, "USD", False) in found
    assert ("roughly 15%", 15.0, "%", True) in found
