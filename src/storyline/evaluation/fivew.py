"""The 5W1H main event scored against the Giveme5W1H gold standard (``METRICS.md``).

Input: title, description and text joined by ". " (empty parts skipped); the publication
date is ``date_publish`` (a file without one gets the set's most common date).  The answer
to a question is ``main_event.spans[q].text``, else the ``main_event[q]`` string.  It is
correct when its token F1 with some gold phrase is at least 0.5 (lower case, punctuation
stripped); for ``when`` a date equal to a gold parsed date counts too.  An answer where the
coders marked "no answer" is wrong.  Precision = correct ÷ answered.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..ingest.text import Article
from .report import EvalReport

if TYPE_CHECKING:
    from ..model import Account
    from ..pipeline import Pipeline

__all__ = ["QUESTIONS", "FiveWDocument", "load_documents", "run", "token_f1"]

QUESTIONS = ("who", "what", "when", "where", "why", "how")
FOUR_W = QUESTIONS[:4]
MIN_F1 = 0.5


@dataclass
class FiveWDocument:
    name: str
    text: str
    published: dt.date | None
    phrases: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, list[str]] = field(default_factory=dict)
    no_answer: dict[str, bool] = field(default_factory=dict)


def _tokens(text: str) -> list[str]:
    """Lower-cased words with punctuation stripped (``METRICS.md``): punctuation characters
    are removed, not turned into breaks ("Mazar-i-Sharif" is one word, "it's" is "its")."""
    kept = "".join(ch for ch in text.lower() if not unicodedata.category(ch).startswith("P"))
    return kept.split()


def token_f1(a: str, b: str) -> float:
    """Token F1 of two phrases (bags of words, as SQuAD-style answer scoring)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _published(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_documents(shared: Path, limit: int | None = None) -> list[FiveWDocument]:
    folder = shared / "eval" / "giveme5w1h" / "data"
    if not folder.is_dir():
        raise EvalError(f"{folder} is missing")
    docs: list[FiveWDocument] = []
    for path in sorted(folder.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        parts = [str(raw.get(k) or "").strip() for k in ("title", "description", "text")]
        doc = FiveWDocument(path.stem, ". ".join(p for p in parts if p),
                            _published(raw.get("date_publish")))  # fmt: skip
        answers = raw.get("fiveWoneH") or {}
        for q in QUESTIONS:
            entries = (answers.get(q) or {}).get("annotated") or []
            phrases = [e["text"] for e in entries if e.get("text")]
            dates = [e["parsed"][:10] for e in entries if e.get("parsed")]
            doc.phrases[q] = phrases
            doc.dates[q] = dates
            doc.no_answer[q] = bool(entries) and not phrases and not dates
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    fallback = Counter(d.published for d in docs if d.published).most_common(1)
    for doc in docs:
        if doc.published is None:
            doc.published = fallback[0][0] if fallback else dt.date(2016, 11, 1)
    return docs


def _answer(account: Account, q: str) -> str | None:
    main = account.main_event
    span = main.spans.get(q)
    if span is not None and span.text.strip():
        return span.text
    value: str | None = getattr(main, q)
    return value if value else None


def _correct(doc: FiveWDocument, account: Account, q: str, answer: str) -> bool:
    if doc.no_answer[q]:
        return False
    if any(token_f1(answer, phrase) >= MIN_F1 for phrase in doc.phrases[q]):
        return True
    return (
        q == "when"
        and bool(account.main_event.when)
        and (str(account.main_event.when)[:10] in doc.dates[q])
    )


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    docs = load_documents(shared, limit)
    articles = (
        Article(text=d.text, published=d.published or dt.date(2016, 11, 1), language="en")
        for d in docs
    )
    answered = Counter[str]()
    correct = Counter[str]()
    for doc, account in zip(docs, pipeline.pipe(articles), strict=True):
        for q in QUESTIONS:
            answer = _answer(account, q)
            if answer is None:
                continue
            answered[q] += 1
            correct[q] += _correct(doc, account, q, answer)
    report = EvalReport(name="5w1h", documents=len(docs))
    for q in QUESTIONS:
        share = correct[q] / answered[q] if answered[q] else 0.0
        report.figures[f"giveme5w1h.precision_{q}"] = share
        report.figures[f"giveme5w1h.answered_{q}"] = answered[q] / len(docs) if docs else 0.0
    for key, group in (("4w", FOUR_W), ("5w1h", QUESTIONS)):
        n = sum(answered[q] for q in group)
        report.figures[f"giveme5w1h.precision_{key}"] = (
            sum(correct[q] for q in group) / n if n else 0.0
        )
    report.details.append(
        f"Giveme5W1H: {len(docs)} articles; answered "
        + ", ".join(f"{q} {answered[q]}" for q in QUESTIONS)
    )
    return report
