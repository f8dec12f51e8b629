"""The evaluation gate: figures on a subset of each development set stay above their floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.evaluation import EVALUATIONS, run_evaluation

FLOORS_FILE = Path(__file__).resolve().parents[2] / "eval" / "floors.toml"
FLOORS: dict[str, dict[str, float]] = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def test_floors_name_known_evaluations() -> None:
    assert FLOORS, "eval/floors.toml is empty"
    for name, table in FLOORS.items():
        assert name in EVALUATIONS, name
        assert any(key != "limit" for key in table), f"[{name}] has no floors"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figures_stay_above_floors(name: str, pipeline: Pipeline, shared: Path) -> None:
    table = dict(FLOORS[name])
    limit = int(table.pop("limit", 0)) or None
    report = run_evaluation(name, pipeline, shared, limit)
    below = {
        key: (report.figures.get(key), floor)
        for key, floor in table.items()
        if report.figures.get(key, -1.0) < floor
    }
    assert not below, f"{name}: figures under their floors (got, floor): {below}"
