"""The certainty stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CertaintyStage"]


class CertaintyStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_certainty",
    requires=['token.dep', 'doc._.sl_quotes'],
    assigns=['token._.sl_certainty'],
)
def make_certainty(nlp: Language, name: str) -> CertaintyStage:
    return CertaintyStage()
