"""The places stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PlacesStage"]


class PlacesStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_places",
    requires=['doc._.sl_entities'],
    assigns=['doc._.sl_places', 'doc._.sl_entities'],
)
def make_places(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage()
