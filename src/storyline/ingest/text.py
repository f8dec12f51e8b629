"""Validating article text before it reaches the pipeline."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from ..errors import EmptyInput, NotEnglish, NotText, TooLarge
from ..model import PublishedFrom
from .language import looks_english

__all__ = ["Article", "check_text", "decode_bytes", "headline_of"]


class Article(BaseModel):
    """One article to extract: its text, publication date and optional metadata."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    published: dt.date
    title: str | None = None
    url: str | None = None
    published_from: PublishedFrom = "argument"
    language: str | None = None  # "en" forces English; None means detect


_MAX_HEADLINE_WORDS = 20


def headline_of(text: str) -> str | None:
    """The headline of a plain-text article: a short first line with no closing punctuation,
    set off by a blank line ("Floods kill 12 in northern Portugal\n\nPORTO ..."); None when
    the text opens with its first paragraph.  The text itself is kept whole (offsets index it),
    the headline only becomes the title."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    line = first.strip()
    if not sep or not line or not rest.startswith(("\n", "\r\n", " \n")) or not rest.strip():
        return None
    if len(line.split()) > _MAX_HEADLINE_WORDS or line[-1] in ".!?:;,\"'”’)":
        return None
    if not any(c.isalpha() for c in line):
        return None
    return line


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (a BOM dropped, line endings kept), refusing binary data."""
    if b"\x00" in data[:65536]:
        raise NotText(f"{name} looks binary (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotText(f"{name} is not valid UTF-8 (bad byte at offset {exc.start})") from None
    return text


def check_text(
    text: str, *, max_bytes: int, language: str | None = None, name: str = "the article"
) -> None:
    """Raise an :class:`~storyline.errors.InputError` if the text cannot be processed."""
    if not text.strip():
        raise EmptyInput(f"{name} is empty")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise TooLarge(
            f"{name} is {size:,} bytes; the limit is {max_bytes:,} (set STORYLINE_MAX_BYTES)"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise NotText(f"{name} contains unpaired surrogates and is not valid text") from None
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if "\x00" in text or controls > max(8, len(text[:65536]) // 100):
        raise NotText(f"{name} looks binary (control characters), not text")
    if not any(c.isalpha() for c in text):
        raise EmptyInput(f"{name} has no words")
    if language is None and not looks_english(text):
        raise NotEnglish(f"{name} does not look like English (use --language en to override)")
    if language is not None and language != "en":
        raise NotEnglish(f"language {language!r} is not supported; storyline reads English only")
