"""The command line: JSON output, schema, and one-line errors with non-zero exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main

ARTICLE = Path(__file__).parent / "articles" / "harbour_fire.txt"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_schema_is_generated_from_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0
    schema = json.loads(out)
    for field in (
        "document",
        "entities",
        "places",
        "times",
        "quantities",
        "sources",
        "quotes",
        "events",
        "main_event",
        "route",
    ):
        assert field in schema["properties"]
    assert "from" in schema["$defs"]["Leg"]["properties"]


def test_extract_prints_the_contract_json(
    capsys: pytest.CaptureFixture[str], pipeline: object
) -> None:
    code, out, err = run(["extract", str(ARTICLE), "--published", "2025-06-03"], capsys)
    assert code == 0, err
    account = json.loads(out)
    assert account["schema_version"] == "1"
    assert account["document"]["published"] == "2025-06-03"
    assert account["document"]["published_from"] == "argument"
    text = ARTICLE.read_text(encoding="utf-8")
    for key in ("entities", "places", "sources"):
        for item in account[key]:
            for m in item["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
    for t in account["times"]:
        assert text[t["start"] : t["end"]] == t["text"]


def test_extract_takes_the_date_from_a_dateline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ARTICLE)], capsys)
    assert code == 0, err
    document = json.loads(out)["document"]
    assert (document["published"], document["published_from"]) == ("2025-06-03", "dateline")


def test_extract_text_format_renders_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ARTICLE), "-p", "2025-06-03", "--format", "text"], capsys)
    assert code == 0, err
    assert "Who: entities" in out and "Where: places" in out


def test_extract_geojson_format_maps_the_places(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ARTICLE), "-p", "2025-06-03", "-f", "geojson"], capsys)
    assert code == 0, err
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert points and all(len(f["geometry"]["coordinates"]) == 2 for f in points)


def test_extract_timeml_format_has_the_dct(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ARTICLE), "-p", "2025-06-03", "-f", "timeml"], capsys)
    assert code == 0, err
    assert 'functionInDocument="CREATION_TIME">2025-06-03</TIMEX3>' in out


@pytest.mark.parametrize(
    ("content", "published", "message"),
    [
        (b"", "2024-01-01", "empty"),
        (b"   \n\t ", "2024-01-01", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "2024-01-01", "binary"),
        (b"caf\xe9 au lait " * 5, "2024-01-01", "UTF-8"),
        (b"The minister spoke on Monday.", "2024-13-45", "bad publication date"),
        (b"The minister spoke on Monday.", "yesterday", "bad publication date"),
        (
            "El presidente del gobierno anunci\u00f3 ayer en Madrid que las elecciones "
            "generales se celebrar\u00e1n en noviembre, seg\u00fan fuentes del partido "
            "socialista y del ministerio.".encode(),
            "2024-01-01",
            "English",
        ),
        (b"No dateline here, and nobody said when it was published.", None, "publication date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    published: str | None,
    message: str,
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    argv = ["extract", str(path)] + (["--published", published] if published else [])
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["extract", str(tmp_path / "nope.txt"), "-p", "2024-01-01"], capsys)
    assert code == 2 and "no such file" in err


def test_too_large(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_MAX_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_text("The minister said the talks went well. " * 100, encoding="utf-8")
    code, _, err = run(["extract", str(path), "-p", "2024-01-01"], capsys)
    assert code == 2 and "limit" in err


def test_language_override_accepts_text_the_detector_doubts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "terse.txt"
    path.write_text(
        "Paris: ministers meet. Markets rise. Strikes end. Trains run. Airports reopen. "
        "Unions sign. Farmers protest. Prices fall. Banks lend. Ports reopen.",
        encoding="utf-8",
    )
    code, _, err = run(["extract", str(path), "-p", "2024-01-01"], capsys)
    assert code == 2 and "English" in err
    code, out, err = run(["extract", str(path), "-p", "2024-01-01", "--language", "en"], capsys)
    assert code == 0, err
    assert json.loads(out)["document"]["language"] == "en"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["frobnicate"], capsys)
    assert code == 2
    assert "Traceback" not in err
