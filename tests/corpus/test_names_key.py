"""Name keys: the variation between outlets they absorb, and what they keep apart."""

from __future__ import annotations

import pytest

from storyline._names_key import acronym, clean_name, compact, name_tokens, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Miroslava Hudecová", "MIROSLAVA HUDECOVA"),  # accents, case
        ("Kerekes-Barta", "Kerekes Barta"),  # hyphenation
        ("Dr. Amara Okonkwo", "Amara Okonkwo"),  # honorific
        ("Prime Minister Ilse Brandt", "Ilse Brandt"),  # title
        ("Al-Rashid", "al Rashid"),
    ],
)
def test_compact_absorbs_spelling_variation(a: str, b: str) -> None:
    assert compact(a) == compact(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dmytro", "dmitry"),
        ("dmitri", "dmytro"),
        ("muhammad", "mohammed"),
        ("yusuf", "youssef"),
        ("tchaikovsky", "chaikovskiy"),
        ("oleksandr", "olexander"),
    ],
)
def test_skeleton_absorbs_transliteration(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_skeleton_keeps_different_names_apart() -> None:
    assert skeleton("ivan") != skeleton("ivanova")
    assert skeleton("petrov") != skeleton("pavlov")


def test_clean_name_keeps_spelling_and_a_lone_word() -> None:
    assert clean_name("Mr. Kerekes-Barta") == "Kerekes-Barta"
    assert clean_name("Foreign Minister Zoltán Kerekes-Barta") == "Zoltán Kerekes-Barta"
    assert clean_name("President") == "President"  # nothing would be left
    assert name_tokens("The Danube Commission") == ("danube", "commission")


def test_acronyms() -> None:
    assert acronym("Danube Flood Protection Commission") == "dfpc"
    assert acronym("Bank of England") == "be"
    assert acronym("U.N.") == "un"
    assert acronym("DFPC") == "dfpc"
    assert acronym("Hudecova") is None
