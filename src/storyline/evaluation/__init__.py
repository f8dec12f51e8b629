"""Scoring storyline against the development sets in the shared folder.

Each set has a module here with ``run(pipeline, shared, limit) -> EvalReport``; the registry
``EVALUATIONS`` maps the names ``storyline eval NAME`` accepts to those functions.
Metrics follow ``../shared/eval/METRICS.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from .report import EvalReport

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["EVALUATIONS", "EvalReport", "find_shared", "run_evaluation"]

# name -> module under storyline.evaluation that defines run()
EVALUATIONS: dict[str, str] = {
    "seed": "seed",
    "time": "time",
    "geo": "geo",
    "attribution": "attribution",
    "events": "events",
    "5w1h": "fivew",
}


def find_shared(explicit: Path | None = None) -> Path:
    """The shared folder: ``STORYLINE_SHARED``, else ``../shared`` from the repository root."""
    from ..settings import get_settings

    candidates: list[Path] = []
    if explicit is not None:
        candidates.append(explicit)
    configured = get_settings().shared_dir
    if configured is not None:
        candidates.append(configured)
    repo_root = Path(__file__).resolve().parents[3]
    candidates += [repo_root.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    for path in candidates:
        if (path / "eval").is_dir():
            return path
    raise EvalError(
        "the shared evaluation folder was not found (looked in "
        + ", ".join(str(c) for c in candidates)
        + "); set STORYLINE_SHARED"
    )


def run_evaluation(
    name: str, pipeline: Pipeline, shared: Path, limit: int | None = None
) -> EvalReport:
    if name not in EVALUATIONS:
        raise EvalError(f"unknown evaluation {name!r}; choose from {', '.join(EVALUATIONS)}")
    module = importlib.import_module(f"{__name__}.{EVALUATIONS[name]}")
    run: Callable[..., EvalReport] | None = getattr(module, "run", None)
    if run is None:
        raise EvalError(f"evaluation {name!r} is not implemented yet")
    return run(pipeline, shared, limit)
