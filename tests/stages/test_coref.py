"""Coref: short names join the right full name; different people stay apart."""

from __future__ import annotations

from storyline import Pipeline
from storyline.doc import EntityRecord
from storyline.stages.coref import resolve_names


def _rec(name: str, *mentions: int, label: str = "PERSON", **kw: object) -> EntityRecord:
    return EntityRecord(
        key="", name=name, label=label, mentions=[(m, m + len(name)) for m in mentions], **kw
    )  # type: ignore[arg-type]


def _by_name(records: list[EntityRecord]) -> dict[str, EntityRecord]:
    return {r.name: r for r in records}


def test_family_name_last_joins_the_full_name() -> None:
    out = _by_name(resolve_names([_rec("Ana Ruiz", 0, roles=["mayor"]), _rec("Ruiz", 50, 90)]))
    assert set(out) == {"Ana Ruiz"}
    assert out["Ana Ruiz"].aliases == ["Ruiz"]
    assert len(out["Ana Ruiz"].mentions) == 3
    assert out["Ana Ruiz"].roles == ["mayor"]


def test_family_name_first_joins_an_east_asian_name() -> None:
    out = _by_name(resolve_names([_rec("Ri Son-gwon", 10, country="KP"), _rec("Ri", 80)]))
    assert set(out) == {"Ri Son-gwon"}
    assert out["Ri Son-gwon"].country == "KP"


def test_shared_surname_goes_to_the_most_mentioned_person_before_it() -> None:
    records = [
        _rec("Park Ji-woo", 0, 200),
        _rec("Park Min-ho", 100),
        _rec("Park", 300),
    ]
    out = _by_name(resolve_names(records))
    assert "Park" in out["Park Ji-woo"].aliases
    assert "Park" not in out["Park Min-ho"].aliases
    assert "Park" not in out


def test_shared_surname_with_no_earlier_mention_and_a_tie_stays_unmerged() -> None:
    records = [_rec("Park", 0), _rec("Park Ji-woo", 100), _rec("Park Min-ho", 200)]
    out = _by_name(resolve_names(records))
    assert "Park" in out
    assert out["Park Ji-woo"].aliases == [] and out["Park Min-ho"].aliases == []


def test_shorter_full_name_joins_the_longer_one() -> None:
    out = _by_name(resolve_names([_rec("Ana Maria Ruiz", 0), _rec("Ana Ruiz", 40)]))
    assert set(out) == {"Ana Maria Ruiz"}
    assert out["Ana Maria Ruiz"].aliases == ["Ana Ruiz"]


def test_country_names_merge_under_the_fuller_name() -> None:
    records = [_rec("US", 0, label="GPE"), _rec("United States", 30, label="GPE")]
    out = resolve_names(records)
    assert len(out) == 1
    assert out[0].name == "United States" and out[0].aliases == ["US"]
    assert out[0].country == "US"


def test_keys_are_renumbered_in_order_of_first_mention() -> None:
    out = resolve_names([_rec("Lima", 50, label="GPE"), _rec("Ana Ruiz", 0), _rec("Ruiz", 70)])
    assert [(r.key, r.name) for r in out] == [("e1", "Ana Ruiz"), ("e2", "Lima")]


def test_surname_mentions_in_an_article(pipeline: Pipeline) -> None:
    text = (
        "Finance Minister Tomas Varga arrived in Vienna on Monday. Varga met bankers, "
        "and Chancellor Greta Holm said Holm would meet Varga again."
    )
    account = pipeline.extract(text, "2024-03-04")
    people = {e.name: e for e in account.entities if e.type == "PERSON"}
    assert set(people) == {"Tomas Varga", "Greta Holm"}
    assert people["Tomas Varga"].aliases == ["Varga"]
    assert len(people["Tomas Varga"].mentions) == 3


def test_the_end_of_a_longer_name_joins_it() -> None:
    out = _by_name(resolve_names([_rec("Maria Luisa Torres", 0), _rec("Luisa Torres", 40)]))
    assert set(out) == {"Maria Luisa Torres"}


def test_a_lone_family_name_tagged_org_joins_the_one_person_named_before_it() -> None:
    records = [_rec("Janek Tamm", 0), _rec("Tamm", 80, label="ORG")]
    out = _by_name(resolve_names(records))
    assert set(out) == {"Janek Tamm"}
    assert len(out["Janek Tamm"].mentions) == 2


def test_an_org_named_before_the_person_or_shared_by_two_people_stays_apart() -> None:
    before = _by_name(resolve_names([_rec("Tamm", 0, label="ORG"), _rec("Janek Tamm", 80)]))
    assert set(before) == {"Tamm", "Janek Tamm"}
    shared = [_rec("Janek Tamm", 0), _rec("Liis Tamm", 20), _rec("Tamm", 80, label="ORG")]
    assert "Tamm" in _by_name(resolve_names(shared))


def test_a_councillor_named_in_full_is_the_person_her_family_name_stands_for(
    pipeline: Pipeline,
) -> None:
    text = (
        "VELMORA, March 4 - The harbour council met on Monday. "
        "Councillor Ines Marlow voted against the plan. "
        "Marlow said the vote was rushed."
    )
    account = pipeline.extract(text, "2026-03-04")
    people = [e for e in account.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Ines Marlow"]
    assert people[0].aliases == ["Marlow"]
    assert "councillor" in people[0].roles


def test_an_arabic_family_name_joins_with_or_without_its_article() -> None:
    records = [
        _rec("Layla el-Masri", 0),
        _rec("Masri", 60),
        _rec("El-Masri", 120),
        _rec("Tarek al-Sharif", 200),
        _rec("Sharif", 260, label="ORG"),
    ]
    out = _by_name(resolve_names(records))
    assert set(out) == {"Layla el-Masri", "Tarek al-Sharif"}
    assert set(out["Layla el-Masri"].aliases) == {"Masri", "El-Masri"}
    assert out["Tarek al-Sharif"].aliases == ["Sharif"]


def test_an_article_is_no_family_name_of_its_own() -> None:
    # "Al" alone is no part that a short mention may take.
    out = _by_name(resolve_names([_rec("Layla el-Masri", 0), _rec("Al", 60)]))
    assert set(out) == {"Layla el-Masri", "Al"}


def test_a_given_name_with_and_without_its_hyphen_is_one_person() -> None:
    records = [_rec("Choi Min-seo", 0, roles=["envoy"]), _rec("Choi Minseo", 80)]
    out = _by_name(resolve_names(records))
    assert set(out) == {"Choi Min-seo"}
    assert out["Choi Min-seo"].aliases == ["Choi Minseo"]


def test_different_given_names_with_one_family_name_stay_apart() -> None:
    out = _by_name(resolve_names([_rec("Choi Min-seo", 0), _rec("Choi Minsu", 80)]))
    assert set(out) == {"Choi Min-seo", "Choi Minsu"}


def test_the_first_of_two_iberian_family_names_joins_the_full_name() -> None:
    records = [_rec("Lucas Ferrer de la Rosa", 0), _rec("Ferrer", 80)]
    out = _by_name(resolve_names(records))
    assert set(out) == {"Lucas Ferrer de la Rosa"}
    assert out["Lucas Ferrer de la Rosa"].aliases == ["Ferrer"]


def test_a_family_name_with_particles_tagged_org_joins_the_person() -> None:
    records = [
        _rec("Pieter van den Brink", 0),
        _rec("Van den Brink Logistics", 40, label="ORG"),
        _rec("Van den Brink", 90, label="ORG"),
    ]
    out = _by_name(resolve_names(records))
    assert set(out) == {"Pieter van den Brink", "Van den Brink Logistics"}
    assert out["Pieter van den Brink"].aliases == ["Van den Brink"]
    assert out["Van den Brink Logistics"].label == "ORG"


def test_a_definite_title_joins_the_one_person_named_with_that_role(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "Finance Minister Omar Haddadin met bankers in Amman on Monday. Interior Minister "
        "Lina Qasem stayed away. The finance minister said taxes would not rise this year.",
        "2025-10-12",
    )
    people = {e.name: [m.text for m in e.mentions] for e in account.entities}
    assert "finance minister" in people["Omar Haddadin"], people
    assert "finance minister" not in people["Lina Qasem"], people


def test_a_title_two_people_hold_joins_no_one(pipeline: Pipeline) -> None:
    account = pipeline.extract(
        "Finance Minister Omar Haddadin met Interior Minister Lina Qasem in Amman on Monday. "
        "The minister said taxes would not rise this year.",
        "2025-10-12",
    )
    texts = [m.text for e in account.entities for m in e.mentions]
    assert "minister" not in texts, texts


def test_a_deputys_title_is_not_the_title() -> None:
    from storyline.stages.coref import _holds

    assert _holds("finance minister", "minister")
    assert _holds("prime minister", "prime minister")
    assert not _holds("deputy prime minister", "prime minister")
    assert not _holds("former minister of health", "minister")
