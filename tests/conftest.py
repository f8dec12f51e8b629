"""Shared fixtures: one pipeline per test session, the shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.errors import EvalError
from storyline.evaluation import find_shared

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    try:
        return find_shared()
    except EvalError as exc:
        pytest.skip(f"shared folder absent: {exc}")


def read_article(name: str) -> str:
    with open(ARTICLES / name, encoding="utf-8-sig", newline="") as fh:
        return fh.read()
