"""Publication dates: parsing what the user gives, and finding a dateline in the text."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import BadDate

__all__ = ["find_dateline", "parse_published"]

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Datelines carry a year only sometimes; without one we cannot date the article.
_DATELINE_PATTERNS = (
    # "SEOUL, Sept. 12, 2023 (Reuters) -"  /  "Published: September 12, 2023"
    re.compile(
        rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    # "12 September 2023"
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    # "2023-09-12"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
DATELINE_WINDOW = 300


def parse_published(value: dt.date | dt.datetime | str) -> dt.date:
    """A publication date from a date, a datetime or an ISO 8601 string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise BadDate(f"publication date must be YYYY-MM-DD, not {type(value).__name__}")
    raw = value.strip()
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw)
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise BadDate(f"bad publication date {shown!r}: expected YYYY-MM-DD") from None


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline in the first lines of the text, when it gives a year."""
    head = text[:DATELINE_WINDOW]
    for pattern in _DATELINE_PATTERNS:
        match = pattern.search(head)
        if not match:
            continue
        month_raw = match.group("month")
        month = int(month_raw) if month_raw.isdigit() else _MONTHS[month_raw.lower()]
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    return None
