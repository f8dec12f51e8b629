"""A plain-text article's headline becomes its title; the text stays whole."""

from __future__ import annotations

import pytest

from storyline.ingest.text import headline_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Floods kill 12 in northern Portugal\n\nPORTO, Jan 14 - At least 12 people ...",
            "Floods kill 12 in northern Portugal",
        ),
        ("Ferry service resumes\r\n\r\nHELSINKI - The ferry ...", "Ferry service resumes"),
        # A first paragraph, not a headline: it ends as a sentence, or nothing follows it.
        ("The ferry resumed on Monday.\n\nIt had stopped in May.", None),
        ("Floods kill 12 in northern Portugal", None),
        ("Floods kill 12\nPORTO - At least 12 people died.", None),
        ('"We are ready"\n\nThe minister said so.', None),
    ],
)
def test_headline_of(text: str, title: str | None) -> None:
    assert headline_of(text) == title
