"""Giveme5W1H evaluation: token F1 and a small run."""

from __future__ import annotations

from pathlib import Path

from storyline import Pipeline
from storyline.evaluation import fivew


def test_token_f1_ignores_case_and_punctuation() -> None:
    assert fivew.token_f1("The suicide bomber,", "suicide bomber") == 0.8
    assert fivew.token_f1("Paris", "London") == 0.0


def test_documents_join_title_description_text(shared: Path) -> None:
    docs = fivew.load_documents(shared, limit=2)
    assert len(docs) == 2
    assert all(d.published is not None and ". " in d.text for d in docs)


def test_subset_runs_and_reports_figures(pipeline: Pipeline, shared: Path) -> None:
    report = fivew.run(pipeline, shared, limit=4)
    assert report.documents == 4
    assert 0.0 <= report.figures["giveme5w1h.precision_4w"] <= 1.0
    assert report.figures["giveme5w1h.answered_who"] > 0
