"""The route stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["RouteStage"]


class RouteStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_route",
    requires=['doc._.sl_events', 'doc._.sl_places', 'doc._.sl_quantities'],
    assigns=['doc._.sl_route'],
)
def make_route(nlp: Language, name: str) -> RouteStage:
    return RouteStage()
