"""Guard: no module of the package binds one top-level name twice.

A second module-level assignment of the same name silently replaces the first for every
function of the module (a second ``_CALENDAR_WORDS`` once dropped four words from a rule, a
second ``_WEEKDAY_ONLY_RE`` once changed how a range's ends are ordered); ruff flags this for
imports and functions only.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _top_level_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name):
                names[node.target.id] += 1
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] += 1
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    names = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert not [name for name, count in names.items() if count > 1]


def test_the_guard_sees_a_rebinding() -> None:
    tree = ast.parse("A = 1\ndef f(): return A\nA = 2\n")
    assert _top_level_names(tree)["A"] == 2
