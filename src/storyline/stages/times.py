"""The times stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["TimesStage"]


class TimesStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_times",
    requires=['doc.ents', 'token.dep', 'token.tag'],
    assigns=['doc._.sl_times'],
)
def make_times(nlp: Language, name: str) -> TimesStage:
    return TimesStage()
