"""JSON Lines input: one article per line, ``{"text", "published"?, "title"?, "url"?}``.

Each line is judged on its own: a bad line (broken JSON, no text, a bad date, binary or
non-English text) is reported with its line number and the others are kept.  Fields other
than these four are ignored, so exports from other tools can be read as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import BadDate, EmptyInput, InputError, NoPublicationDate, NotText
from .dates import find_dateline, parse_published
from .text import Article, check_text

__all__ = ["FIELDS", "parse_lines", "parse_record"]

FIELDS = ("text", "published", "title", "url")


def parse_lines(
    lines: Iterable[bytes],
    *,
    published: dt.date | None,
    max_bytes: int,
    language: str | None = None,
) -> Iterator[tuple[int, Article | InputError]]:
    """``(line number, Article or the InputError that rejects the line)`` for each non-blank line.

    ``lines`` are raw lines (as iterating a file opened ``"rb"`` gives them), numbered from 1.
    """
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            yield number, _parse_raw(raw, published, max_bytes, language)
        except InputError as exc:
            yield number, exc


def _parse_raw(
    raw: bytes, published: dt.date | None, max_bytes: int, language: str | None
) -> Article:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(f"not valid UTF-8 (bad byte at column {exc.start + 1})") from None
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    return parse_record(record, published=published, max_bytes=max_bytes, language=language)


def parse_record(
    record: Any,
    *,
    published: dt.date | None,
    max_bytes: int,
    language: str | None = None,
) -> Article:
    """An :class:`Article` from one decoded JSON record, or an ``InputError`` saying why not.

    The publication date is the record's ``published``, else ``published``, else a dateline
    in the text; without any, :class:`~storyline.errors.NoPublicationDate`.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, not {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise EmptyInput('no "text" field')
    if not isinstance(text, str):
        raise InputError(f'"text" must be a string, not {_json_type(text)}')
    title = _optional_str(record, "title")
    url = _optional_str(record, "url")
    check_text(text, max_bytes=max_bytes, language=language, name="the text")
    raw_date = record.get("published")
    if raw_date is not None:
        if not isinstance(raw_date, str):
            raise BadDate(f'"published" must be a YYYY-MM-DD string, not {_json_type(raw_date)}')
        date, source = parse_published(raw_date), "jsonl"
    elif published is not None:
        date, source = published, "argument"
    else:
        found = find_dateline(text)
        if found is None:
            raise NoPublicationDate(
                'no publication date: no "published" field, no --published, no dateline'
            )
        date, source = found, "dateline"
    return Article(
        text=text,
        published=date,
        title=title,
        url=url,
        published_from=source,
        language=language,
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f'"{key}" must be a string, not {_json_type(value)}')
    return value.strip() or None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
