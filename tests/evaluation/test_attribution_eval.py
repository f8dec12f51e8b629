"""PolNeAR attribution evaluation: BRAT parsing, pairing, and a small run."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.evaluation import attribution

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 30;35 40\tthe bridge is s afe.
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tDiscuss 50 60\tsomething
"""


def test_parse_ann_reads_roles_and_discontinuous_content() -> None:
    gold = attribution.parse_ann(ANN)
    assert len(gold) == 1
    assert gold[0].source == ((0, 9),)
    assert gold[0].cue == ((10, 14),)
    assert gold[0].content == ((15, 30), (35, 40))


def test_dev_subset_runs_and_reports_figures(pipeline: Pipeline, shared: Path) -> None:
    report = attribution.run(pipeline, shared, limit=3)
    assert report.documents == 3
    for role in ("source", "cue", "content"):
        assert 0.0 <= report.figures[f"polnear.{role}_f1_overlap"] <= 1.0
    assert report.figures["polnear.source_precision_overlap"] > 0.3


@pytest.mark.parametrize("split", ["train", "dev"])
def test_splits_load(shared: Path, split: str) -> None:
    docs = attribution.load_split(shared, split, limit=2)
    assert len(docs) == 2 and all(d.gold for d in docs)
