"""JSON Lines records: fields, date precedence, and a reason for every bad line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline.errors import InputError
from storyline.ingest.jsonl import parse_lines, parse_record
from storyline.ingest.text import Article

STORY = (
    "Volunteers in the village of Marsh End planted four hundred oak trees on Saturday, and "
    "the parish council said it would pay for a second planting in the spring."
)
DEFAULTS = {"published": dt.date(2024, 5, 1), "max_bytes": 100_000}


def parse(*lines: object) -> list[tuple[int, Article | InputError]]:
    raw = [
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    ]
    return list(parse_lines(raw, **DEFAULTS))  # type: ignore[arg-type]


def test_all_four_fields() -> None:
    record = {"text": STORY, "published": "2023-11-04T08:00:00Z", "title": " Oaks ", "url": "x"}
    article = parse_record(record, **DEFAULTS)  # type: ignore[arg-type]
    assert article.published == dt.date(2023, 11, 4) and article.published_from == "jsonl"
    assert article.title == "Oaks" and article.url == "x"


def test_unknown_fields_are_ignored() -> None:
    article = parse_record({"text": STORY, "lang": "en", "id": 7}, **DEFAULTS)  # type: ignore[arg-type]
    assert article.published == dt.date(2024, 5, 1) and article.published_from == "argument"


def test_dateline_is_the_last_resort() -> None:
    text = "MARSH END, Nov. 4, 2023 - " + STORY
    article = parse_record({"text": text}, published=None, max_bytes=100_000)
    assert article.published == dt.date(2023, 11, 4) and article.published_from == "dateline"


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        (b"{not json", "input", "invalid JSON"),
        (b"[1, 2]", "input", "expected a JSON object, not an array"),
        (b'"just a string"', "input", "not a string"),
        ({"title": "no text"}, "input.empty", 'no "text"'),
        ({"text": 42}, "input", '"text" must be a string, not a number'),
        ({"text": "   "}, "input.empty", "empty"),
        ({"text": STORY, "published": "last Tuesday"}, "input.bad_date", "bad publication date"),
        ({"text": STORY, "published": 20240501}, "input.bad_date", "not a number"),
        ({"text": STORY, "title": ["a"]}, "input", '"title" must be a string'),
        ({"text": "\ud800 broken surrogate text here"}, "input.not_text", "surrogates"),
        (b'{"text": "caf\xe9"}', "input.not_text", "UTF-8"),
        (b"[" * 100_000, "input", "invalid JSON"),
    ],
)
def test_bad_lines_say_why(line: object, code: str, words: str) -> None:
    [(number, result)] = parse(line)
    assert number == 1
    assert isinstance(result, InputError), result
    assert result.code == code and words in result.message


def test_no_date_anywhere() -> None:
    with pytest.raises(InputError, match="no publication date"):
        parse_record({"text": STORY}, published=None, max_bytes=100_000)


def test_line_numbers_count_blank_lines_and_a_bom_is_dropped() -> None:
    lines = [b"\xef\xbb\xbf" + json.dumps({"text": STORY}).encode() + b"\n", b"\n", b"  \r\n",
             json.dumps({"text": STORY + " Again."}).encode() + b"\r\n"]  # fmt: skip
    results = list(parse_lines(lines, **DEFAULTS))  # type: ignore[arg-type]
    assert [n for n, _ in results] == [1, 4]
    assert all(isinstance(r, Article) for _, r in results)


def test_too_large_text_is_refused() -> None:
    with pytest.raises(InputError, match="limit"):
        parse_record({"text": STORY}, published=dt.date(2024, 1, 1), max_bytes=50)
