"""The quantities stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["QuantitiesStage"]


class QuantitiesStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_quantities",
    requires=['doc.ents'],
    assigns=['doc._.sl_quantities'],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage()
