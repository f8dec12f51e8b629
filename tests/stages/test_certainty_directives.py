"""What someone is asked, urged or ordered to do is wished for, not done."""

from __future__ import annotations

import pytest

from storyline import Pipeline

from ._claims import doc_of


@pytest.mark.parametrize(
    ("text", "verb", "certainty"),
    [
        ("The governor said he had asked both governments to reopen the crossing.",
         "reopen", "speculative"),
        ("Protesters urged the army to withdraw from the city.", "withdraw", "speculative"),
        ("The court ordered the company to pay a fine.", "pay", "speculative"),
        # A report of what was told is a report, as before.
        ("She told reporters that the army had withdrawn.", "withdrawn", "reported"),
        # Only the request is wished for: the conjoined clause with its own subject stands.
        ("The mayor asked residents to leave their homes, and most left on Sunday.",
         "left", "confirmed"),
    ],
)  # fmt: skip
def test_a_directive_leaves_its_infinitive_undone(
    pipeline: Pipeline, text: str, verb: str, certainty: str
) -> None:
    doc = doc_of(pipeline, text)
    (token,) = [t for t in doc if t.text == verb]
    assert token._.sl_certainty == certainty
