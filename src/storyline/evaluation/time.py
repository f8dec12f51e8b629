"""Time expressions scored against TempEval-3's TimeBank and AQUAINT (``METRICS.md``).

Input is the ``<TEXT>`` element with every tag stripped and entities unescaped; the
publication date is the DCT's value (date part).  Gold is every non-empty TIMEX3 inside
``<TEXT>``.  Extent is scored strict and relaxed; value and type F1 are the relaxed F1 times
the share of relaxed pairs whose attribute equals the gold's (TempEval-3).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..ingest.text import Article
from .report import EvalReport
from .spans import Counts, pair_spans

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["GoldTimex", "TimeDocument", "load_corpus", "parse_tml", "run", "score_documents"]

CORPORA: tuple[tuple[str, str], ...] = (("timebank", "TimeBank"), ("aquaint", "AQUAINT"))
MISMATCH_LOG = 30

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT_RE = re.compile(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR_RE = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeDocument:
    name: str
    text: str
    published: dt.date
    gold: list[GoldTimex] = field(default_factory=list)


def parse_tml(name: str, raw: str) -> TimeDocument:
    """One TimeML document: the stripped text, its DCT and its TIMEX3 spans."""
    dct = _DCT_RE.search(raw)
    body = _TEXT_RE.search(raw)
    if dct is None or body is None:
        raise EvalError(f"{name}: no DCT or no <TEXT> element")
    inner = body.group(1)
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0

    def emit(chunk: str) -> None:
        nonlocal length
        if chunk:
            text = html.unescape(chunk)
            out.append(text)
            length += len(text)

    for match in _TAG_RE.finditer(inner):
        emit(inner[pos : match.start()])
        pos = match.end()
        closing, tag, attrs, empty = match.groups()
        if tag != "TIMEX3" or empty:
            continue  # empty TIMEX3 tags are not scored
        if not closing:
            open_timex.append((length, dict(_ATTR_RE.findall(attrs))))
        elif open_timex:
            start, attributes = open_timex.pop()
            if length > start:
                gold.append(
                    GoldTimex(
                        start, length, attributes.get("type", ""), attributes.get("value", "")
                    )
                )
    emit(inner[pos:])
    return TimeDocument(name, "".join(out), dt.date.fromisoformat(dct.group(1)), gold)


def load_corpus(folder: Path, limit: int | None = None) -> list[TimeDocument]:
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise EvalError(f"no .tml files in {folder}")
    if limit is not None:
        files = files[:limit]
    return [parse_tml(f.stem, f.read_text(encoding="utf-8")) for f in files]


@dataclass
class _Scores:
    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    relaxed_pairs: int = 0
    value_equal: int = 0
    type_equal: int = 0
    mismatches: list[str] = field(default_factory=list)


def score_documents(
    docs: list[TimeDocument], predictions: list[list[tuple[int, int, str, str]]]
) -> _Scores:
    """Score predicted ``(start, end, type, value)`` lists against the documents' gold."""
    scores = _Scores()
    for doc, pred in zip(docs, predictions, strict=True):
        pairs = pair_spans(
            [(p[0], p[1]) for p in pred], [(g.start, g.end) for g in doc.gold], doc.text
        )
        exact = sum(1 for p in pairs if p.exact)
        scores.strict.add(exact, len(pred), len(doc.gold))
        scores.relaxed.add(len(pairs), len(pred), len(doc.gold))
        scores.relaxed_pairs += len(pairs)
        for pair in pairs:
            p, g = pred[pair.pred], doc.gold[pair.gold]
            scores.value_equal += p[3] == g.value
            scores.type_equal += p[2] == g.type
            if p[3] != g.value and len(scores.mismatches) < MISMATCH_LOG:
                scores.mismatches.append(
                    f"{doc.name} [{doc.published}] {doc.text[p[0] : p[1]]!r} {p[2]} {p[3]} | gold "
                    f"{doc.text[g.start : g.end]!r} {g.type} {g.value}"
                )
    return scores


def _predict(
    pipeline: Pipeline, docs: list[TimeDocument]
) -> Iterator[list[tuple[int, int, str, str]]]:
    articles = (Article(text=d.text, published=d.published, language="en") for d in docs)
    for account in pipeline.pipe(articles):
        yield [(t.start, t.end, t.type, t.value) for t in account.times]


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    root = shared / "eval" / "tempeval3-timebank"
    if not root.is_dir():
        raise EvalError(f"{root} is missing")
    report = EvalReport(name="time")
    for key, folder in CORPORA:
        docs = load_corpus(root / folder, limit)
        scores = score_documents(docs, list(_predict(pipeline, docs)))
        report.documents += len(docs)
        share_value = scores.value_equal / scores.relaxed_pairs if scores.relaxed_pairs else 0.0
        share_type = scores.type_equal / scores.relaxed_pairs if scores.relaxed_pairs else 0.0
        figures = {
            "strict_precision": scores.strict.precision,
            "strict_recall": scores.strict.recall,
            "strict_f1": scores.strict.f1,
            "relaxed_precision": scores.relaxed.precision,
            "relaxed_recall": scores.relaxed.recall,
            "relaxed_f1": scores.relaxed.f1,
            "value_f1": scores.relaxed.f1 * share_value,
            "type_f1": scores.relaxed.f1 * share_type,
        }
        report.figures.update({f"{key}.{name}": value for name, value in figures.items()})
        report.details.append(
            f"{folder}: {len(docs)} documents, {scores.relaxed.n_gold} gold TIMEX3, "
            f"{scores.relaxed.n_pred} predicted"
        )
        report.details += [f"  {line}" for line in scores.mismatches]
    return report
