"""The repair stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["RepairStage"]


class RepairStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_repair",
    requires=[],
    assigns=['doc._.sl_repairs'],
)
def make_repair(nlp: Language, name: str) -> RepairStage:
    return RepairStage()
