"""PETRARCH2 event evaluation: CAMEO→PLOVER mapping and a small run."""

from __future__ import annotations

from pathlib import Path

from storyline import Pipeline
from storyline.evaluation import events


def test_plover_type_by_longest_prefix() -> None:
    table = {"04": "CONSULT", "042": "CONSULT", "08": "CONCEDE", "084": "RETREAT"}
    assert events.plover_type("0841", table) == "RETREAT"
    assert events.plover_type("081", table) == "CONCEDE"
    assert events.plover_type("021", table) is None
    assert events.plover_type("174K", table) is None


def test_records_and_dictionaries_load(shared: Path) -> None:
    folder = shared / "eval" / "petrarch2"
    records = events.load_records(folder)
    assert len(records) > 250
    names = events.load_actor_names(folder / "dictionaries")
    assert names  # code → names
    table = events.load_plover_map(folder / "CAMEO2PLOVER-2021.txt")
    assert table["042"] == "CONSULT"


def test_subset_runs_and_reports_figures(pipeline: Pipeline, shared: Path) -> None:
    report = events.run(pipeline, shared, limit=20)
    assert 0.0 <= report.figures["petrarch2.type_accuracy"] <= 1.0
    assert "petrarch2.actor_accuracy" in report.figures


def test_actor_found_by_name_words_or_country_code() -> None:
    names = {"ARD": ["ARDMORE", "ARDMORIAN"], "FRA": ["FRANCE"]}
    # By a word of a dictionary name (a prefix: "Ardmorian" forms count).
    assert events._found("ARDGOV", ["Ardmorian ministry"], set(), names) is True
    assert events._found("ARDGOV", ["Bolivia"], set(), names) is False
    # By the participant's ISO alpha-3 country, whatever its name in the text.
    assert events._found("FRAMIL", ["Paris"], {"FRA"}, names) is True
    # "---" (an unnamed country) and unknown invented codes cannot be checked.
    assert events._found("---GOV", ["Bolivia"], set(), names) is None
    assert events._found("QQQ", ["Bolivia"], set(), names) is None
    assert events._checkable("DEU", names)  # a real country needs no dictionary entry
