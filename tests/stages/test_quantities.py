"""Quantities: value in the text's unit, a normalised symbol, approximators in the span."""

from __future__ import annotations

import pytest

from storyline.stages.quantities import currencies, find_quantities, parse_number, units


def _found(
    text: str, countries: dict[str, int] | None = None
) -> list[tuple[str, float, str, bool]]:
    return [
        (text[q.start : q.end], q.value, q.unit, q.approximate)
        for q in find_quantities(text, countries)
    ]


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
    assert {"km", "m", "kg", "t", "%", "people", "mi", "km/h"} <= symbols
    assert {"USD", "EUR", "GBP", "NOK", "SEK", "CZK", "MXN", "KES", "ZAR"} <= set(currencies())


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


def test_shared_currency_names_follow_the_document_country() -> None:
    text = "Prosecutors asked for a fine of 2 million crowns."
    assert _found(text, {"NO": 12, "RU": 5}) == [("2 million crowns", 2_000_000.0, "NOK", False)]
    # No Nordic or Czech country in the text: the first listed, Swedish.
    assert _found(text) == [("2 million crowns", 2_000_000.0, "SEK", False)]
    # A mentioned country that uses the name decides when the main one does not.
    assert _found("It cost 2 million dinars.", {"RU": 4, "JO": 1})[0][2] == "JOD"
    # "dollars" means US dollars unless the document is about another dollar country.
    assert _found("It cost 5 million dollars.", {"RU": 4, "CA": 1})[0][2] == "USD"
    assert _found("It cost 5 million dollars.", {"CA": 4, "US": 1})[0][2] == "CAD"
    assert _found("It cost 1,667 dlrs (dlrs 1,667).") == [
        ("1,667 dlrs", 1667.0, "USD", False),
        ("dlrs 1,667", 1667.0, "USD", False),
    ]


def test_qualifiers_and_prefixed_signs_pick_the_currency() -> None:
    text = (
        "It cost 5 million Norwegian crowns, 300 Mexican pesos, NT$5 billion, R$ 3 bn, "
        "12 Kenyan shillings and 40 million Egyptian pounds."
    )
    assert [(span, unit) for span, _, unit, _ in _found(text, {"US": 3})] == [
        ("5 million Norwegian crowns", "NOK"),
        ("300 Mexican pesos", "MXN"),
        ("NT$5 billion", "TWD"),
        ("R$ 3 bn", "BRL"),
        ("12 Kenyan shillings", "KES"),
        ("40 million Egyptian pounds", "EGP"),
    ]
    assert _found("It cost 500 West African CFA francs.")[0][2] == "XOF"
    # A qualifier naming a country that does not use the name: no guess.
    assert _found("They kept 20 Brazilian crowns.") == []
    # Withdrawn currencies for archive stories, by qualifier or the document's country.
    assert _found("They kept 20 French francs.")[0][2] == "FRF"
    assert _found("It earned 235 million guilders.", {"NL": 3})[0][2] == "NLG"


def test_codes_and_south_asian_scales() -> None:
    text = "Fines of NOK 2 million, SEK 1.2bn, 4 million EUR, Rs 5 crore and 2 lakh rupees."
    assert _found(text) == [
        ("NOK 2 million", 2_000_000.0, "NOK", False),
        ("SEK 1.2bn", 1_200_000_000.0, "SEK", False),
        ("4 million EUR", 4_000_000.0, "EUR", False),
        ("Rs 5 crore", 50_000_000.0, "INR", False),
        ("2 lakh rupees", 200_000.0, "INR", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Of 300 candidates, 150 won seats and the party won 3 more.",
        "3 Koreans won medals.",
        "There are 2 real problems with the plan.",
        "The 5 Rand analysts disagreed.",
        "The king wore a crown and the team took 3 crowns.",
        "The COP 28 summit listed its TOP 10 aims.",
        "The 2 SAR teams and 5 NIO cars arrived.",
    ],
)
def test_currency_names_that_are_english_words_stay_words(text: str) -> None:
    assert _found(text, {"KR": 3, "BR": 2, "ZA": 2, "SE": 2}) == []


def test_guarded_names_are_money_with_a_scale_or_in_their_country() -> None:
    text = "He paid 150,000 won a month; the bank lent 3 billion won."
    assert _found(text, {"KR": 3}) == [
        ("150,000 won", 150_000.0, "KRW", False),
        ("3 billion won", 3_000_000_000.0, "KRW", False),
    ]
    assert _found(text) == [("3 billion won", 3_000_000_000.0, "KRW", False)]
    assert _found("They carried 500 rand in cash.", {"ZA": 2}) == [
        ("500 rand", 500.0, "ZAR", False)
    ]


def test_pounds_are_a_weight_unless_the_text_makes_them_money() -> None:
    assert _found("The parcel weighed 30 pounds.") == [("30 pounds", 30.0, "lb", False)]
    assert _found("The club paid 30 million pounds.") == [
        ("30 million pounds", 30_000_000.0, "GBP", False)
    ]
    assert _found("He held a 5-pound note.") == [("5-pound", 5.0, "GBP", False)]
    text = "They recalled 1.5 million pounds of beef."
    assert _found(text, {"US": 3}) == [("1.5 million pounds", 1_500_000.0, "lb", False)]
    text = "It spent 2 million pounds of public money."
    assert _found(text, {"GB": 3}) == [("2 million pounds", 2_000_000.0, "GBP", False)]


def test_temperatures_after_a_figure() -> None:
    assert _found("It was 5°C, or 41 °F.") == [
        ("5°C", 5.0, "°C", False),
        ("41 °F", 41.0, "°F", False),
    ]


def test_a_code_or_guarded_name_with_a_scale_is_money_whatever_follows() -> None:
    text = "A fine of 2 million NOK imposed in May and 3 million crowns paid in June."
    assert _found(text, {"NO": 3}) == [
        ("2 million NOK", 2_000_000.0, "NOK", False),
        ("3 million crowns", 3_000_000.0, "NOK", False),
    ]
    assert _found("He said 300,000 won was paid.", {"KR": 2}) == [
        ("300,000 won", 300_000.0, "KRW", False)
    ]
