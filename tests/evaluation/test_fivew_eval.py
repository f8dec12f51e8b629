"""Giveme5W1H evaluation: token F1 and a small run."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Pipeline
from storyline.evaluation import fivew


def test_token_f1_ignores_case_and_punctuation() -> None:
    assert fivew.token_f1("The suicide bomber,", "suicide bomber") == 0.8
    assert fivew.token_f1("Paris", "London") == 0.0


def test_documents_join_title_description_text(shared: Path) -> None:
    docs = fivew.load_documents(shared, limit=2)
    assert len(docs) == 2
    assert all(d.published is not None and ". " in d.text for d in docs)


def test_subset_runs_and_reports_figures(pipeline: Pipeline, shared: Path) -> None:
    report = fivew.run(pipeline, shared, limit=4)
    assert report.documents == 4
    assert 0.0 <= report.figures["giveme5w1h.precision_4w"] <= 1.0
    assert report.figures["giveme5w1h.answered_who"] > 0


def test_token_f1_strips_punctuation_inside_words() -> None:
    # Punctuation is removed, not a word break: a hyphenated name is one word.
    assert fivew.token_f1("Mazar-i-Sharif", "the city of Mazar-i-Sharif") == pytest.approx(0.4)
    assert fivew.token_f1("Riga's port", "Rigas port") == 1.0


def _doc(q: str, phrases: list[str], dates: list[str], no_answer: bool) -> fivew.FiveWDocument:
    doc = fivew.FiveWDocument("x", "text", None)
    for question in fivew.QUESTIONS:
        doc.phrases[question], doc.dates[question] = [], []
        doc.no_answer[question] = False
    doc.phrases[q], doc.dates[q], doc.no_answer[q] = phrases, dates, no_answer
    return doc


def test_scoring_rules() -> None:
    from storyline.model import Account, MainEvent, Span

    main = MainEvent(
        who="Ana Lima",
        when="2024-03-05",
        where="Porto",
        spans={"when": Span(text="on Tuesday", start=0, end=10)},
    )
    account = Account.model_construct(main_event=main)
    # when: the span text misses, the date matches a gold parsed date.
    assert fivew._correct(_doc("when", ["late Monday"], ["2024-03-05"], False), account, "when",
                          fivew._answer(account, "when") or "")  # fmt: skip
    assert fivew._answer(account, "when") == "on Tuesday"
    # who without a span: the name string is the answer.
    assert fivew._answer(account, "who") == "Ana Lima"
    assert fivew._correct(_doc("who", ["Lima"], [], False), account, "who", "Ana Lima")
    # An answer where the coders found none is wrong.
    assert not fivew._correct(_doc("where", [], [], True), account, "where", "Porto")
    assert fivew._answer(account, "why") is None
