"""Generality guard: articles written to exercise the sample's phenomena with other names.

Each ``tests/articles/parallel_<n>.txt`` is a short wire-style story (other countries,
people, rivers, dates) with the same difficulties as the project's sample: a name glued to
the next word, coordinated titles, acronyms, relative dates, attributions, hedges and a
journey with distances.  Its ``parallel_<n>.expected.json`` is a gold in the shared seed
scorer's format plus ``min_fraction``, a floor set just under what the pipeline reached when
the floor was written, so that a regression in any stage shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import Pipeline

from .conftest import ARTICLES, read_article

_CASES = sorted(
    p.name.removesuffix(".expected.json") for p in ARTICLES.glob("parallel_*.expected.json")
)


def _scorer(shared: Path) -> Path:
    path = shared / "eval" / "seed" / "score.py"
    if not path.is_file():
        pytest.skip(f"seed scorer absent: {path}")
    return path


@pytest.mark.parametrize("case", _CASES)
def test_parallel_article_scores_at_least_its_floor(
    case: str, pipeline: Pipeline, shared: Path, tmp_path: Path
) -> None:
    gold_path = ARTICLES / f"{case}.expected.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    floor = float(gold["min_fraction"])
    text = read_article(f"{case}.txt")
    account = pipeline.extract(text, gold["document"]["published"])
    account_path = tmp_path / f"{case}.account.json"
    account_path.write_text(account.to_json(), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(_scorer(shared)), str(account_path), "--gold", str(gold_path),
         "--text", str(ARTICLES / f"{case}.txt"), "--min", str(floor), "--verbose"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode != 2, run.stderr
    assert run.returncode == 0, f"{case} below its floor {floor}:\n{run.stdout}"


def test_every_parallel_article_has_a_gold() -> None:
    texts = sorted(p.name.removesuffix(".txt") for p in ARTICLES.glob("parallel_*.txt"))
    assert texts == _CASES
    assert len(_CASES) >= 8
