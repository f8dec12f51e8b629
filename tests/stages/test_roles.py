"""Roles and countries from titles, appositions, coordination and entourages."""

from __future__ import annotations

import pytest

from storyline import Pipeline
from storyline.model import Account, Entity

from ..conftest import read_article


def _extract(pipeline: Pipeline, text: str) -> Account:
    return pipeline.extract(text, "2024-05-10")


def _person(account: Account, name: str) -> Entity:
    hits = [e for e in account.entities if e.name == name and e.type == "PERSON"]
    assert len(hits) == 1, [(e.name, e.type) for e in account.entities]
    return hits[0]


def test_title_before_the_name(pipeline: Pipeline) -> None:
    account = _extract(pipeline, "The talks were led by Prime Minister Helga Stromberg on Monday.")
    assert _person(account, "Helga Stromberg").roles == ["prime minister"]


def test_demonym_in_the_title_gives_the_country(pipeline: Pipeline) -> None:
    text = "The Chilean foreign minister, Pablo Errazuriz, arrived in Lima on Monday."
    person = _person(_extract(pipeline, text), "Pablo Errazuriz")
    assert person.roles == ["foreign minister"] and person.country == "CL"


def test_possessive_country_gives_the_country(pipeline: Pipeline) -> None:
    text = "Talks opened after Kenya's defence minister, Joseph Mwangi, landed in Addis Ababa."
    person = _person(_extract(pipeline, text), "Joseph Mwangi")
    assert person.roles == ["defence minister"] and person.country == "KE"


def test_apposition_after_the_name_with_a_portfolio(pipeline: Pipeline) -> None:
    text = (
        "The plan was drafted by Ines Duarte, secretary for Housing and Transport of the "
        "Lisbon City Council, who presented it on Friday."
    )
    person = _person(_extract(pipeline, text), "Ines Duarte")
    assert person.roles == ["secretary for housing and transport"]


def test_director_of_an_organisation_keeps_the_organisation_in_the_role(
    pipeline: Pipeline,
) -> None:
    text = "Among them was the director of the Southern Office of Fisheries, Teodor Vasile."
    person = _person(_extract(pipeline, text), "Teodor Vasile")
    assert person.roles == ["director of the southern office of fisheries"]


def test_coordinated_titles_are_distributed_in_order(pipeline: Pipeline) -> None:
    text = (
        "The president travelled with the Ministers of Health and Education, Marta Silva "
        "and Rui Costa, on Tuesday."
    )
    account = _extract(pipeline, text)
    assert _person(account, "Marta Silva").roles == ["health minister"]
    assert _person(account, "Rui Costa").roles == ["education minister"]


def test_coordinated_modifiers_before_a_plural_title_are_distributed(pipeline: Pipeline) -> None:
    text = "Also present were the finance and energy ministers, Lena Berg and Olav Dahl."
    account = _extract(pipeline, text)
    assert _person(account, "Lena Berg").roles == ["finance minister"]
    assert _person(account, "Olav Dahl").roles == ["energy minister"]


def test_unequal_counts_give_only_the_bare_title(pipeline: Pipeline) -> None:
    text = "He met the Ministers of Health and Education, Marta Silva, Rui Costa and Ana Reis."
    account = _extract(pipeline, text)
    for name in ("Marta Silva", "Rui Costa", "Ana Reis"):
        roles = _person(account, name).roles
        assert roles == ["minister"], (name, roles)


def test_possessive_leader_in_translated_apposition(pipeline: Pipeline) -> None:
    text = "The Peruvian president’s plane, Rosa Quispe landed in Quito this Monday."
    person = _person(_extract(pipeline, text), "Rosa Quispe")
    assert person.roles == ["president"] and person.country == "PE"


def test_entourage_and_delegation_share_the_leader_country(pipeline: Pipeline) -> None:
    text = (
        "The Chilean president, Ana Ruiz, reached Lima on Monday. Ruiz is accompanied by "
        "the trade minister, Tomas Varga, and the director of the Mining Council, Ivo Lang. "
        "Also in the delegation is Mira Holm, an adviser."
    )
    account = _extract(pipeline, text)
    assert _person(account, "Ana Ruiz").country == "CL"
    for name in ("Tomas Varga", "Ivo Lang", "Mira Holm"):
        assert _person(account, name).country == "CL", name
    council = [e for e in account.entities if e.name == "Mining Council"]
    assert council and council[0].country == "CL"


def test_title_after_a_conjunction_is_not_an_apposition(pipeline: Pipeline) -> None:
    text = "The talks included Helga Stromberg, and several senior officials."
    assert _person(_extract(pipeline, text), "Helga Stromberg").roles == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "people_ferry.txt",
            {
                "Lee Jae-suk": ["president"],
                "Fumio Tanaka": ["prime minister"],
                "Han Mi-ryung": ["trade minister"],
                "Oh Sung-jin": ["finance minister"],
                "Yoon Tae-hwan": ["director of the northern bureau of fisheries"],
                "Seo Min-gyu": ["secretary for culture and sports"],
            },
        ),
        (
            "people_border.txt",
            {
                "Alyaksandr Kovalenka": ["leader"],
                "Gitanas Nauseda": ["president"],
                "Ihar Sudnik": ["energy minister"],
                "Pavel Marozau": ["transport minister"],
                "Viktar Haidukevich": ["head of the western directorate of railways"],
                "Olga Charnysh": ["spokeswoman"],
            },
        ),
        (
            "people_quake.txt",
            {"Carla Montoya": ["health minister"], "Luis Quispe": ["president"]},
        ),
        (
            "people_andes_convoy.txt",
            {
                "Ximena Huaman": ["prime minister"],
                "Rodrigo Arce": ["minister"],
                "Edith Ccori": ["mining minister"],
                "Wilber Mamani": ["water minister"],
                "Nilo Apaza": ["secretary for andean affairs"],
            },
        ),
        (
            "people_baltic_train.txt",
            {
                "Rasa Dambrauskaite": ["president"],
                "Egle Petraityte": ["culture minister"],
                "Mindaugas Zukas": ["agriculture minister"],
                "Tomas Vaitkus": ["secretary for rural affairs"],
            },
        ),
        (
            "people_river.txt",
            {
                "Denys Korolenko": ["prime minister"],
                "Oksana Hrytsenko": ["energy minister"],
                "Taras Melnyk": ["agriculture minister"],
                "Ivan Bondar": ["chairman of the state committee of water resources"],
                "Marta Shevchuk": ["deputy director for logistics"],
            },
        ),
    ],
)
def test_article_roles(pipeline: Pipeline, article: str, expected: dict[str, list[str]]) -> None:
    account = pipeline.extract(read_article(article), "2024-05-10")
    for name, roles in expected.items():
        assert _person(account, name).roles == roles, name


def test_title_after_a_possessive_is_the_role(pipeline: Pipeline) -> None:
    text = "Chilean President Ana Ruiz's spokeswoman, Lucia Herrera, declined to comment."
    person = _person(_extract(pipeline, text), "Lucia Herrera")
    assert person.roles == ["spokeswoman"]


def test_apposition_after_a_verb_and_an_article(pipeline: Pipeline) -> None:
    text = "On Friday the envoy had met the Brazilian Energy Minister, Paulo Teixeira, in Rome."
    person = _person(_extract(pipeline, text), "Paulo Teixeira")
    assert person.roles == ["energy minister"] and person.country == "BR"


def test_dateline_dash_is_not_part_of_the_title(pipeline: Pipeline) -> None:
    text = "OSLO, May 3, 2024 - Norwegian Fisheries Minister Kari Nordby opened the port."
    person = _person(_extract(pipeline, text), "Kari Nordby")
    assert person.roles == ["fisheries minister"] and person.country == "NO"


# --- generality: each rule on two invented texts ---------------------------------------


@pytest.mark.parametrize(
    ("text", "members", "country"),
    [
        (
            "Kenyan President Daniel Kiprono travels with the Ministers of Trade and Energy, "
            "Grace Wambui and Peter Otieno.",
            ["Grace Wambui", "Peter Otieno"],
            "KE",
        ),
        (
            "Peruvian Foreign Minister Lucia Paredes arrived together with her deputy, "
            "Marco Salazar, and the trade envoy, Rosa Quispe.",
            ["Marco Salazar", "Rosa Quispe"],
            "PE",
        ),
        (
            "Norwegian Prime Minister Erik Haugland was joined by the fisheries minister, "
            "Ingrid Solberg, on Monday.",
            ["Ingrid Solberg"],
            "NO",
        ),
    ],
)
def test_delegation_members_share_the_leaders_country(
    pipeline: Pipeline, text: str, members: list[str], country: str
) -> None:
    account = _extract(pipeline, text)
    assert [_person(account, m).country for m in members] == [country] * len(members)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "The Chilean trade minister met his Argentine counterpart, Minister Julio Ferrer, "
            "in Mendoza.",
            "Julio Ferrer",
            "AR",
        ),
        (
            "Talks began after the Polish envoy greeted her Czech counterpart, "
            "Ambassador Pavel Novotny.",
            "Pavel Novotny",
            "CZ",
        ),
    ],
)
def test_counterpart_apposition_gives_the_country(
    pipeline: Pipeline, text: str, name: str, country: str
) -> None:
    assert _person(_extract(pipeline, text), name).country == country


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        (
            "The Ghanaian prime minister's plane, Kwame Mensah, landed in Lome on Monday.",
            "Kwame Mensah",
            "prime minister",
            "GH",
        ),
        (
            "The Estonian president's motorcade, Liis Tamm, crossed into Latvia on Friday.",
            "Liis Tamm",
            "president",
            "EE",
        ),
    ],
)
def test_vehicle_of_a_titled_person_in_apposition(
    pipeline: Pipeline, text: str, name: str, role: str, country: str
) -> None:
    person = _person(_extract(pipeline, text), name)
    assert person.roles == [role] and person.country == country


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Lao Energy Minister Somphone Keomany opened the dam on Monday.",
            "Somphone Keomany",
            "LA",
        ),
        ("Myanmar Foreign Minister Than Htike flew to Dhaka on Tuesday.", "Than Htike", "MM"),
    ],
)
def test_demonym_spelled_like_its_country_gives_the_country(
    pipeline: Pipeline, text: str, name: str, country: str
) -> None:
    assert _person(_extract(pipeline, text), name).country == country


def test_every_listed_demonym_gives_its_country() -> None:
    """Each demonym the countries lexicon lists for exactly one country answers with it."""
    from storyline.resources.countries import country_rows
    from storyline.stages._names import is_demonym_tokens

    owners: dict[str, set[str]] = {}
    for row in country_rows():
        for dem in row.demonyms:
            owners.setdefault(dem, set()).add(row.iso2)
    wrong = []
    for dem, codes in owners.items():
        code = is_demonym_tokens([_FakeToken(w) for w in dem.split()])  # type: ignore[misc]
        if len(codes) == 1 and code not in codes:
            wrong.append((dem, code, codes))
    assert wrong == []


class _FakeToken:
    def __init__(self, text: str) -> None:
        self.text = text


def test_an_age_between_the_name_and_its_apposition_is_skipped(pipeline: Pipeline) -> None:
    text = "Greta Holm, 58, chief executive of the Malmo ferry firm, denied the charges."
    roles = _person(_extract(pipeline, text), "Greta Holm").roles
    assert any(r.startswith("chief executive") for r in roles), roles


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ana Ruiz met her Chilean counterpart, Tomas Errazuriz, in Lima.",
        "Prime Minister Ana Ruiz flew to Lima on Monday and met her Chilean counterpart, "
        "Tomas Errazuriz, the same afternoon.",
    ],
)
def test_a_counterpart_holds_the_same_office_in_the_demonyms_country(
    pipeline: Pipeline, text: str
) -> None:
    person = _person(_extract(pipeline, text), "Tomas Errazuriz")
    assert person.roles == ["prime minister"] and person.country == "CL"


@pytest.mark.parametrize(
    ("text", "org", "country"),
    [
        ("Talks resumed, according to Niger's state broadcaster Sahelvision.", "Sahelvision", "NE"),
        ("Talks resumed on Monday, the Estonian daily Postimees reported.", "Postimees", "EE"),
    ],
)
def test_a_country_before_an_organisations_class_words_gives_its_country(
    pipeline: Pipeline, text: str, org: str, country: str
) -> None:
    found = {e.name: e for e in _extract(pipeline, text).entities}
    assert found[org].type == "ORG" and found[org].country == country, found
    assert all(e.type != "ORG" for n, e in found.items() if n in ("Niger", "Estonian"))
