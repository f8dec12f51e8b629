"""``storyline merge``, ``entities``, ``story`` and ``claims`` on a hand-built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.store import open_store
from tests.corpus._accounts import LISBON, PORTO, Ev, account

_PEOPLE = [("Ana Duarte", "PERSON", []), ("[bold red]Pablo[/] Ruiz", "PERSON", [])]
_TEXTS = [
    (
        "Ana Duarte and [bold red]Pablo[/] Ruiz are expected to meet in Lisbon on March 20.",
        "2025-03-01",
        Ev("CONSULT", "meet", ["Ana Duarte"], "expected"),
        LISBON,
        ("March 20", "2025-03-20"),
    ),
    (
        "Ana Duarte and [bold red]Pablo[/] Ruiz met in Porto on March 20.",
        "2025-03-21",
        Ev("CONSULT", "met", ["Ana Duarte"]),
        PORTO,
        ("March 20", "2025-03-20"),
    ),
    (
        "Ana Duarte and [bold red]Pablo[/] Ruiz met in Porto on March 21.",
        "2025-03-22",
        Ev("CONSULT", "met", ["Ana Duarte"], "reported"),
        PORTO,
        ("March 21", "2025-03-21"),
    ),
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        for text, published, event, place, when in _TEXTS:
            acc = account(
                text, published, entities=_PEOPLE, events=[event], places=[place], times=[when]
            )
            store.save(acc, text)
    return url


def test_merge_then_the_three_views(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["merge", "--db", db], capsys)
    assert code == 0
    assert "merged 3 documents" in err and "1 overtaken" in err

    code, out, _ = run(["entities", "--db", db, "--format", "json"], capsys)
    assert code == 0
    names = {e["name"]: e for e in json.loads(out)}
    assert names["Ana Duarte"]["documents"] == 3

    code, out, _ = run(["story", "--db", db, "--format", "json"], capsys)
    (entry,) = json.loads(out)
    assert entry["when"] == "2025-03-20" and entry["place"] == "Porto"
    assert entry["contested"] is True

    code, out, _ = run(["story", "--db", db, "--format", "geojson"], capsys)
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [PORTO.lon, PORTO.lat]}

    code, out, _ = run(["claims", "--db", db, "--contradictions", "--format", "json"], capsys)
    flagged = json.loads(out)
    assert {(c["predicate"], c["value"], c["status"]) for c in flagged} == {
        ("date", "2025-03-20", "contradicted"),
        ("date", "2025-03-21", "contradicted"),
        ("place", "Lisbon", "overtaken"),
        ("place", "Porto", "agreed"),
    }
    code, out, _ = run(["claims", "--db", db, "--format", "geojson"], capsys)
    assert len(json.loads(out)["features"]) == 4


def test_tables_print_article_text_as_text_not_markup(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: no name is wrapped
    run(["merge", "--db", db], capsys)
    code, out, _ = run(["entities", "--db", db], capsys)
    assert code == 0
    assert "[bold red]Pablo[/] Ruiz" in out
    code, out, _ = run(["claims", "--db", db], capsys)
    assert code == 0 and "overtaken" in out and "Lisbon" in out
    code, out, _ = run(["story", "--db", db], capsys)
    assert code == 0 and "2025-03-20" in out and "contested" in out


def test_ingest_merges_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = Path(__file__).parents[1] / "articles"
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    files = [str(articles / n) for n in ("story_01_courier.txt", "story_02_pannonia.html")]
    code, _, err = run(["ingest", *files, "--db", url], capsys)
    assert code == 0
    assert "ingested 2 new" in err and "merged 2 documents" in err
    code, out, _ = run(["claims", "--db", url, "--contradictions", "-f", "json"], capsys)
    assert {c["value"] for c in json.loads(out)} == {"23 people", "31 people"}
    # Nothing new stored: no merge needed, none run.
    code, _, err = run(["ingest", *files, "--db", url], capsys)
    assert "2 unchanged" in err and "merged" not in err


def test_merge_full_rebuilds_the_same_corpus(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(["merge", "--db", db], capsys)
    _, merged, _ = run(["claims", "--db", db, "--format", "json"], capsys)
    code, _, err = run(["merge", "--full", "--db", db], capsys)
    assert code == 0 and "merged 3 documents" in err
    _, rebuilt, _ = run(["claims", "--db", db, "--format", "json"], capsys)
    assert json.loads(rebuilt) == json.loads(merged)
