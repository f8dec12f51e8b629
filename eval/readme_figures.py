"""Regenerate the figures block of README.md from `storyline eval NAME --format json`.

    python eval/readme_figures.py [seed time geo ...]

Each evaluation runs on its full development set through the installed CLI; the table
between the README's `figures:start` / `figures:end` markers is rewritten. Figures are
never typed by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALL = ("seed", "time", "geo", "attribution", "events", "5w1h")


def _run(name: str) -> tuple[dict[str, float], int, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        ["storyline", "eval", name, "--format", "json"], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"storyline eval {name} failed: {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    return report["figures"], report["documents"], time.perf_counter() - start


def main() -> None:
    names = sys.argv[1:] or list(ALL)
    lines = [
        f"Measured {dt.date.today().isoformat()} with `storyline eval NAME` "
        "(full development sets; fractions, higher is better unless noted).",
        "",
        "| set | figure | value |",
        "|---|---|---|",
    ]
    for name in names:
        figures, documents, seconds = _run(name)
        for key, value in figures.items():
            shown = f"{value:.0f}" if key.endswith((".passed", ".total", "_km")) else f"{value:.3f}"
            lines.append(f"| `{name}` ({documents} docs, {seconds:.0f} s) | {key} | {shown} |")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = "<!-- figures:start -->\n" + "\n".join(lines) + "\n<!-- figures:end -->"
    new, count = re.subn(r"<!-- figures:start -->.*?<!-- figures:end -->", block, text, flags=re.S)
    if count != 1:
        raise SystemExit("README.md has no figures block")
    readme.write_text(new, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
