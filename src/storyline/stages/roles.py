"""The roles stage (placeholder: replaced by its real implementation)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["RolesStage"]


class RolesStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "storyline_roles",
    requires=['doc._.sl_entities', 'token.dep'],
    assigns=['doc._.sl_entities'],
)
def make_roles(nlp: Language, name: str) -> RolesStage:
    return RolesStage()
