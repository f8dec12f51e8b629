"""The one check every paged read makes on ``limit`` and ``offset``."""

from __future__ import annotations

__all__ = ["MAX_PAGE_SIZE", "check_page"]

MAX_PAGE_SIZE = 10_000


def check_page(limit: int, offset: int = 0, *, maximum: int = MAX_PAGE_SIZE) -> None:
    """Raise ``ValueError`` unless ``1 <= limit <= maximum`` and ``offset >= 0``."""
    if not 1 <= limit <= maximum:
        raise ValueError(f"limit must be between 1 and {maximum}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, not {offset}")
