"""Collecting articles from files, folders and globs; every unusable input says why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import MissingFile
from storyline.ingest.files import InputItem, Skipped, collect, expand_paths

STORY = (
    "The town council of Lindfield voted on Tuesday to close the old bridge over the river "
    "after engineers said that its supports were no longer safe for heavy traffic."
)
DATED = "LINDFIELD, April 9, 2024 - " + STORY
MAY_1 = dt.date(2024, 5, 1)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def reasons(skipped: list[Skipped]) -> list[str]:
    return [s.reason for s in skipped]


def test_text_file_with_published_argument(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", STORY)
    items, skipped = collect([str(path)], MAY_1)
    assert skipped == []
    [only] = items
    assert only.article.text == STORY
    assert only.article.published == MAY_1
    assert only.article.published_from == "argument"
    assert only.origin == str(path) and only.line is None


def test_published_argument_wins_over_a_dateline(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", DATED)
    [only], _ = collect([path], MAY_1)
    assert only.article.published == MAY_1


def test_dateline_when_no_date_is_given(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", DATED)
    [only], skipped = collect([path], None)
    assert skipped == []
    assert only.article.published == dt.date(2024, 4, 9)
    assert only.article.published_from == "dateline"


def test_no_date_at_all_is_skipped_and_named(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", STORY)
    items, skipped = collect([path], None)
    assert items == []
    [skip] = skipped
    assert skip.path == path and "no publication date" in skip.reason
    assert skip.code == "input.no_date"
    assert str(skip).startswith(str(path))


def test_file_times_are_never_used(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", STORY)
    _, skipped = collect([path], None)
    assert len(skipped) == 1  # a file always has an mtime; it must not count as a date


def test_bom_is_dropped_and_line_endings_kept(tmp_path: Path) -> None:
    text = STORY.replace(". ", ".\r\n") + "\r\n"
    path = write(tmp_path / "crlf.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    [only], _ = collect([path], MAY_1)
    assert only.article.text == text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "input.empty"),
        (b"   \n\t\n", "input.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "input.not_text"),
        ("Le conseil municipal a voté mardi la fermeture du vieux pont sur la rivière "
         "après que les ingénieurs ont dit que ses piliers ne sont plus sûrs.".encode(),
         "input.not_english"),
        ("café au lait and a long story about the bridge".encode("latin-1"), "input.not_text"),
    ],
)  # fmt: skip
def test_unusable_files_are_skipped_with_the_reason(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = write(tmp_path / "bad.txt", content)
    items, skipped = collect([path], MAY_1)
    assert items == []
    [skip] = skipped
    assert skip.code == code and skip.reason


def test_language_override_keeps_non_english_text(tmp_path: Path) -> None:
    text = "Le conseil municipal a voté mardi la fermeture du vieux pont sur la rivière."
    path = write(tmp_path / "fr.txt", text * 3)
    items, skipped = collect([path], MAY_1, language="en")
    assert skipped == [] and items[0].article.language == "en"


def test_too_large_is_skipped_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", STORY * 20)
    items, skipped = collect([path], MAY_1, max_bytes=1000)
    assert items == [] and skipped[0].code == "input.too_large"
    assert "limit is 1,000" in skipped[0].reason


def test_size_limit_uses_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_BYTES", "200")
    path = write(tmp_path / "big.txt", STORY * 3)
    _, skipped = collect([path], MAY_1)
    assert skipped[0].code == "input.too_large"


def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "news" / "b.txt", STORY + " B")
    write(tmp_path / "news" / "a.txt", STORY + " A")
    write(tmp_path / "news" / "deep" / "c.TXT", STORY + " C")
    write(tmp_path / "news" / "notes.md", STORY)  # not an article format: ignored in folders
    write(tmp_path / "news" / ".hidden.txt", STORY)
    write(tmp_path / "news" / ".git" / "x.txt", STORY)
    items, skipped = collect([tmp_path / "news"], MAY_1)
    assert skipped == []
    assert [i.path.name for i in items] == ["a.txt", "b.txt", "c.TXT"]


def test_an_explicit_file_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", STORY)
    [only], _ = collect([path], MAY_1)
    assert only.article.text == STORY


def test_globs_expand_and_each_file_is_read_once(tmp_path: Path) -> None:
    a = write(tmp_path / "in" / "a.txt", STORY + " A")
    write(tmp_path / "in" / "sub" / "b.txt", STORY + " B")
    write(tmp_path / "in" / "c.csv", "x,y")
    items, _ = collect([str(tmp_path / "in" / "**" / "*.*"), str(a), tmp_path / "in"], MAY_1)
    assert sorted(i.path.name for i in items) == ["a.txt", "b.txt"]


def test_missing_paths_stop_the_run(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    with pytest.raises(MissingFile, match="no such file or folder"):
        collect([tmp_path / "a.txt", tmp_path / "typo.txt"], MAY_1)
    with pytest.raises(MissingFile, match="no file matches"):
        collect([str(tmp_path / "*.jsonl")], MAY_1)


def test_expand_paths_lists_files(tmp_path: Path) -> None:
    write(tmp_path / "x" / "a.jsonl", "{}")
    write(tmp_path / "x" / "b.ndjson", "{}")
    assert [p.name for p in expand_paths([tmp_path / "x"])] == ["a.jsonl", "b.ndjson"]


def test_jsonl_files_give_one_item_per_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": STORY, "published": "2024-02-03", "title": "Bridge", "url": "u"}),
        "",
        json.dumps({"text": STORY + " Second."}),
        "{broken",
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items, skipped = collect([path], MAY_1)
    assert [(i.line, i.article.published, i.article.published_from) for i in items] == [
        (1, dt.date(2024, 2, 3), "jsonl"),
        (3, MAY_1, "argument"),
    ]
    assert items[0].article.title == "Bridge" and items[0].article.url == "u"
    assert items[0].origin == f"{path}:1"
    [bad] = skipped
    assert bad.line == 4 and bad.reason.startswith("invalid JSON") and bad.origin == f"{path}:4"


def test_binary_jsonl_is_skipped_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", b'{"text": "a"}\n\x00\x01\x02')
    items, skipped = collect([path], MAY_1)
    assert items == [] and len(skipped) == 1 and skipped[0].line is None


def test_empty_jsonl_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", "\n\n")
    _, skipped = collect([path], MAY_1)
    assert reasons(skipped) == ["the file has no lines"]


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", STORY)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    _, skipped = collect([path], MAY_1)
    assert reasons(skipped) == ["cannot read: Permission denied"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_any_bytes_give_items_or_reasons_never_exceptions(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    path = write(tmp_path_factory.mktemp("fuzz") / f"f{suffix}", content)
    items, skipped = collect([path], MAY_1, max_bytes=300)
    for entry in items:
        assert isinstance(entry, InputItem) and entry.article.text.strip()
    for skip in skipped:
        assert isinstance(skip, Skipped) and skip.reason
    assert items or skipped


def test_a_text_files_headline_is_its_title(tmp_path: Path) -> None:
    text = "Bridge reopens after repairs\n\n" + STORY
    path = write(tmp_path / "bridge.txt", text)
    items, _ = collect([str(path)], MAY_1)
    [only] = items
    assert only.article.title == "Bridge reopens after repairs"
    assert only.article.text == text
