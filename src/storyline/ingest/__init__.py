"""Reading articles: validation of text, publication dates, and the file formats."""

from __future__ import annotations

from .dates import find_dateline, parse_published
from .text import Article, check_text, decode_bytes

__all__ = ["Article", "check_text", "decode_bytes", "find_dateline", "parse_published"]
