"""The README opens with exactly the two set-up commands, and CI runs the test one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = "pip install -e . && storyline demo"
TESTS = 'pip install -e ".[dev]" && pytest'


def _first_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_readme_opens_with_the_two_commands() -> None:
    assert _first_commands() == [DEMO, TESTS]


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TESTS in script
    assert "exit 5" in script or "-eq 5" in script
