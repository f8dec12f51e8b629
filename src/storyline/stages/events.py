"""The events stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["EventsStage"]


class EventsStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_events",
    requires=['doc._.sl_entities', 'doc._.sl_places', 'doc._.sl_times', 'doc._.sl_quotes', 'token._.sl_certainty'],
    assigns=['doc._.sl_events'],
)
def make_events(nlp: Language, name: str) -> EventsStage:
    return EventsStage()
