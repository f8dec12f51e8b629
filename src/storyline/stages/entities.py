"""The entities stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["EntitiesStage"]


class EntitiesStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_entities",
    requires=['doc.ents'],
    assigns=['doc._.sl_entities'],
)
def make_entities(nlp: Language, name: str) -> EntitiesStage:
    return EntitiesStage()
