"""The coref stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CorefStage"]


class CorefStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_coref",
    requires=['doc._.sl_entities'],
    assigns=['doc._.sl_entities'],
)
def make_coref(nlp: Language, name: str) -> CorefStage:
    return CorefStage()
