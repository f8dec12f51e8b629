"""The attribution stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["AttributionStage"]


class AttributionStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_attribution",
    requires=['doc._.sl_entities', 'token.dep'],
    assigns=['doc._.sl_sources', 'doc._.sl_quotes'],
)
def make_attribution(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()
