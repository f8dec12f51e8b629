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


def test_every_cli_command_is_documented() -> None:
    import typer.main

    from storyline.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    names: list[str] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names.extend(f"{name} {sub}" for sub in subcommands)
        else:
            names.append(name)
    missing = [n for n in names if f"storyline {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_api_route_is_documented() -> None:
    from fastapi.routing import APIRoute

    from storyline.api import create_app
    from storyline.store import open_store

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    with open_store("sqlite://") as store:
        app = create_app(store=store)
        paths = {
            route.path
            for route in app.routes
            if isinstance(route, APIRoute) and route.include_in_schema
        }
    def documented(path: str) -> bool:
        # `/documents/{id}` documents `/documents/{doc_id}`: parameter names may differ.
        pattern = re.sub(r"\\\{[^}]*\\\}", r"\\{[^}]+\\}", re.escape(path))
        return re.search(rf"`(GET |POST )?{pattern}[`?\[]", readme) is not None

    missing = sorted(p for p in paths if not documented(p))
    assert not missing, f"API routes missing from README.md: {missing}"
