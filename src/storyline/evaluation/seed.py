"""``storyline eval seed``: the sample article scored by the shared, independent scorer.

The scorer (``eval/seed/score.py``) is run as a separate process on the account JSON so that
its verdict is exactly what an outside evaluator would see.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from .report import EvalReport

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["run", "score_account"]

_SECTION = re.compile(r"^\s*(?P<name>[\w ]+?)\s+(?P<passed>\d+)/(?P<total>\d+)\s*$")


def score_account(account_json: str, shared: Path, gold: Path, text: Path) -> EvalReport:
    """Run the shared scorer on one account; figures per section and overall (fractions)."""
    scorer = shared / "eval" / "seed" / "score.py"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        fh.write(account_json)
        account_path = Path(fh.name)
    try:
        proc = subprocess.run(
            [
                sys.executable,
                str(scorer),
                str(account_path),
                "--gold",
                str(gold),
                "--text",
                str(text),
                "--verbose",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        account_path.unlink(missing_ok=True)
    if proc.returncode == 2:
        raise EvalError(f"the seed scorer could not read the account: {proc.stderr.strip()}")
    report = EvalReport(name="seed", documents=1)
    for line in proc.stdout.splitlines():
        match = _SECTION.match(line)
        if match:
            passed, total = int(match["passed"]), int(match["total"])
            key = match["name"].strip().replace(" ", "_")
            report.figures[f"seed.{key}"] = passed / total if total else 0.0
            if key == "overall":
                report.figures["seed.passed"] = float(passed)
                report.figures["seed.total"] = float(total)
        report.details.append(line)
    if "seed.overall" not in report.figures:
        raise EvalError(f"unexpected output from the seed scorer: {proc.stdout[-500:]!r}")
    return report


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    gold_path = shared / "eval" / "seed" / "kim-train.gold.json"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read the seed gold {gold_path}: {exc}") from None
    text_path = shared / gold["document"]["file"]
    with open(text_path, encoding="utf-8-sig", newline="") as fh:
        text = fh.read()
    account = pipeline.extract(text, gold["document"]["published"], language="en")
    return score_account(account.to_json(), shared, gold_path, text_path)
