"""The geo evaluation: loading GeoWebNews/GeoVirus and the METRICS.md scoring."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.evaluation import run_evaluation
from storyline.evaluation.geo import (
    GeoDocument,
    GoldToponym,
    _fix_drift,
    auc,
    load_geovirus,
    load_geowebnews,
    score_documents,
)


def test_auc_definition() -> None:
    assert auc([0.0, 0.0]) == 0.0
    top = math.log(20039.0 + 1.0) / math.log(20039.0)
    assert auc([20039.0, 20039.0, 20039.0]) == pytest.approx(top)
    # Trapezoids over the sorted curve.
    ys = [math.log(1 + e) for e in (1.0, 10.0, 100.0)]
    expected = ((ys[0] + ys[1]) / 2 + (ys[1] + ys[2]) / 2) / (math.log(20039.0) * 2)
    assert auc([100.0, 1.0, 10.0]) == pytest.approx(expected)


def test_drifted_span_moves_to_nearest_occurrence() -> None:
    text = "We flew to Lima, then to Cusco and back to Lima."
    assert _fix_drift(text, 12, 16, "Lima") == (11, 15)
    assert _fix_drift(text, 11, 15, "Lima") == (11, 15)


def test_scoring_counts_and_errors() -> None:
    text = "Rain in Lima and Quito."
    doc = GeoDocument("d", text, published=None, gold=[  # type: ignore[arg-type]
        GoldToponym(8, 12, "Lima", -12.05, -77.04),
        GoldToponym(17, 22, "Quito", -0.22, -78.51),
    ])  # fmt: skip
    preds = [(8, 12, -12.0, -77.0), (17, 22, None, None), (0, 4, 1.0, 1.0)]
    score = score_documents([doc], [preds])
    assert score.recognition.tp == 2 and score.recognition.n_pred == 3
    assert sorted(score.errors)[-1] == 20039.0  # a prediction without coordinates
    figures = score.figures("x")
    assert figures["x.acc161"] == 0.5
    assert figures["x.recognition_f1"] == pytest.approx(0.8)


def test_loaders_read_the_sets(shared: Path) -> None:
    gwn = load_geowebnews(shared / "eval" / "geowebnews")
    assert len(gwn) == 200
    assert sum(len(d.gold) for d in gwn) == 6612 - 2037 - 1423 - 432
    virus = load_geovirus(shared / "eval" / "geovirus")
    assert len(virus) == 229 and sum(len(d.gold) for d in virus) == 2170
    # SOURCE.md: 5 GeoWebNews spans are off beyond repair; every other span names its phrase.
    off = sum(doc.text[g.start : g.end] != g.name for doc in gwn + virus for g in doc.gold)
    assert off <= 5


@pytest.mark.slow
def test_geo_eval_on_a_subset(pipeline: Pipeline, shared: Path) -> None:
    report = run_evaluation("geo", pipeline, shared, 3)
    assert report.documents == 6
    for prefix in ("geowebnews", "geovirus"):
        for key in ("recognition_f1", "recognition_exact_f1", "acc161", "auc"):
            value = report.figures[f"{prefix}.{key}"]
            assert 0.0 <= value <= 1.0
        assert report.figures[f"{prefix}.recognition_f1"] > 0.3
