"""The main_event stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MainEventStage"]


class MainEventStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_main_event",
    requires=['doc._.sl_events'],
    assigns=['doc._.sl_main_event'],
)
def make_main_event(nlp: Language, name: str) -> MainEventStage:
    return MainEventStage()
