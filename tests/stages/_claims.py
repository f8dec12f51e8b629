"""Helpers for the claims stage tests: run an article written for the tests."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline import Pipeline
from storyline.model import Account

from ..conftest import read_article

__all__ = ["account_of", "doc_of"]

PUBLISHED = "2024-05-14"  # a Tuesday


def account_of(pipeline: Pipeline, name: str) -> Account:
    return pipeline.extract(read_article(name), PUBLISHED)


def doc_of(pipeline: Pipeline, text: str) -> Doc:
    return next(pipeline.docs([pipeline.article(text, PUBLISHED, language="en")]))
