"""Quotes scored against PolNeAR's attribution relations (``METRICS.md``, Attribution).

Gold: one attribution per ``E`` relation of the first annotator listed in ``metadata.tsv``,
with its Source (optional), Cue and Content spans (``Content2`` pieces join the content);
relations without any span are left out.  Each output quote pairs with at most one gold
attribution — more exactly matching roles first, then larger summed overlap — and each role
is scored exact and overlap (a discontinuous gold span matches exactly when the prediction
runs from its first to its last character).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..ingest.text import Article
from .report import EvalReport
from .spans import Counts, strip_span

if TYPE_CHECKING:
    from ..model import Account
    from ..pipeline import Pipeline

__all__ = [
    "GoldAttribution",
    "PolnearDocument",
    "evaluate",
    "load_split",
    "parse_ann",
    "run",
    "score",
]

ROLES = ("source", "cue", "content")
Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    source: Pieces | None
    cue: Pieces | None
    content: Pieces | None

    def role(self, name: str) -> Pieces | None:
        value: Pieces | None = getattr(self, name)
        return value


@dataclass
class PolnearDocument:
    name: str
    text: str
    published: dt.date
    gold: list[GoldAttribution] = field(default_factory=list)


def parse_ann(raw: str) -> list[GoldAttribution]:
    """The attribution relations of one BRAT ``.ann`` file."""
    spans: dict[str, tuple[str, Pieces]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            pieces: list[tuple[int, int]] = []
            for piece in offsets.split(";"):
                bounds = piece.split()
                if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                    pieces.append((int(bounds[0]), int(bounds[1])))
            if pieces:
                spans[parts[0]] = (label, tuple(sorted(pieces)))
        elif parts[0].startswith("E"):
            relations.append(
                [(a.split(":", 1)[0], a.split(":", 1)[1]) for a in parts[1].split() if ":" in a]
            )
    gold: list[GoldAttribution] = []
    for relation in relations:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, ref in relation[1:]:
            if ref not in spans:
                continue
            key = next((r for r in ROLES if role.lower().startswith(r)), None)
            if key is None:
                continue
            roles.setdefault(key, []).extend(spans[ref][1])
        if not roles:
            continue
        gold.append(
            GoldAttribution(
                *(tuple(sorted(roles[r])) if r in roles else None for r in ROLES)
            )
        )
    return gold


def load_split(shared: Path, split: str = "dev", limit: int | None = None) -> list[PolnearDocument]:
    root = shared / "eval" / "polnear"
    meta = root / "metadata.tsv"
    if not meta.is_file():
        raise EvalError(f"{meta} is missing")
    docs: list[PolnearDocument] = []
    with open(meta, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["compartment"] != split:
                continue
            name = row["filename"]
            annotator = row["annotators"].split("|")[0].strip()
            text_path = root / split / "text" / f"{name}.txt"
            ann_path = root / split / "attributions" / f"{name}_{annotator}.ann"
            if not text_path.is_file() or not ann_path.is_file():
                continue
            text = text_path.read_text(encoding="utf-8")
            try:
                published = dt.date.fromisoformat(row["publication_date"][:10])
            except ValueError:
                published = dt.date(2016, 1, 1)
            docs.append(
                PolnearDocument(name, text, published, parse_ann(ann_path.read_text("utf-8")))
            )
            if limit is not None and len(docs) >= limit:
                break
    return docs


def _overlap(pred: tuple[int, int], gold: Pieces) -> int:
    return sum(max(0, min(pred[1], e) - max(pred[0], s)) for s, e in gold)


def _exact(text: str, pred: tuple[int, int], gold: Pieces) -> bool:
    p = strip_span(text, *pred)
    g = strip_span(text, gold[0][0], gold[-1][1])
    return p == g


@dataclass
class _Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    quotes: int = 0
    gold: int = 0


def _pred_roles(account: Account) -> list[dict[str, tuple[int, int] | None]]:
    return [
        {
            "source": (q.source.start, q.source.end),
            "cue": (q.cue.start, q.cue.end) if q.cue else None,
            "content": (q.content.start, q.content.end),
        }
        for q in account.quotes
    ]


def score(doc: PolnearDocument, account: Account, scores: _Scores) -> None:
    """Pair one document's quotes with its gold and add the counts."""
    preds = _pred_roles(account)
    text = doc.text
    candidates: list[tuple[int, int, int, int]] = []
    for pi, pred in enumerate(preds):
        for gi, gold in enumerate(doc.gold):
            exact = overlap = 0
            for role in ROLES:
                p, g = pred[role], gold.role(role)
                if p is None or g is None:
                    continue
                shared = _overlap(p, g)
                overlap += shared
                exact += _exact(text, p, g)
            if overlap > 0:
                candidates.append((exact, overlap, pi, gi))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, _, pi, gi in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pred, gold = preds[pi], doc.gold[gi]
        for role in ROLES:
            p, g = pred[role], gold.role(role)
            if p is None or g is None:
                continue
            scores.exact[role].tp += _exact(text, p, g)
            scores.overlap[role].tp += _overlap(p, g) > 0
    for role in ROLES:
        n_pred = sum(pred[role] is not None for pred in preds)
        n_gold = sum(gold.role(role) is not None for gold in doc.gold)
        for counts in (scores.exact[role], scores.overlap[role]):
            counts.n_pred += n_pred
            counts.n_gold += n_gold
    scores.quotes += len(preds)
    scores.gold += len(doc.gold)


def _accounts(pipeline: Pipeline, docs: list[PolnearDocument]) -> Iterator[Account]:
    articles = (Article(text=d.text, published=d.published, language="en") for d in docs)
    yield from pipeline.pipe(articles)


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    return evaluate(pipeline, shared, "dev", limit)


def evaluate(pipeline: Pipeline, shared: Path, split: str, limit: int | None) -> EvalReport:
    """Score one split (``dev`` is reported; tune on ``train``)."""
    docs = load_split(shared, split, limit)
    if not docs:
        raise EvalError(f"no PolNeAR {split} documents found")
    scores = _Scores()
    for doc, account in zip(docs, _accounts(pipeline, docs), strict=True):
        score(doc, account, scores)
    report = EvalReport(name="attribution", documents=len(docs))
    for role in ROLES:
        for mode, table in (("exact", scores.exact), ("overlap", scores.overlap)):
            counts = table[role]
            report.figures[f"polnear.{role}_precision_{mode}"] = counts.precision
            report.figures[f"polnear.{role}_recall_{mode}"] = counts.recall
            report.figures[f"polnear.{role}_f1_{mode}"] = counts.f1
    report.details.append(
        f"PolNeAR {split}: {len(docs)} documents, {scores.gold} gold attributions, "
        f"{scores.quotes} predicted quotes"
    )
    return report
