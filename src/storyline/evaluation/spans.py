"""Pairing predicted and gold spans one-to-one, as ``METRICS.md`` defines.

Identical spans (ignoring surrounding whitespace) pair first, then the remaining ones by
largest character overlap.  P/R/F1 are micro-averaged by summing counts over documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Counts", "Pair", "pair_spans", "prf", "strip_span"]


@dataclass
class Pair:
    pred: int  # index into the predicted list
    gold: int  # index into the gold list
    exact: bool
    overlap: int


@dataclass
class Counts:
    tp: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: float, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return prf(self.tp, self.n_pred, self.n_gold)[2]


def prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_spans(
    pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], text: str | None = None
) -> list[Pair]:
    """One-to-one pairs: identical spans first, then by largest overlap (greedy)."""
    if text is not None:
        pred = [strip_span(text, s, e) for s, e in pred]
        gold = [strip_span(text, s, e) for s, e in gold]
    pairs: list[Pair] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    gold_index: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(gold):
        gold_index.setdefault(g, []).append(gi)
    for pi, p in enumerate(pred):
        for gi in gold_index.get(p, []):
            if gi not in used_g:
                pairs.append(Pair(pi, gi, True, p[1] - p[0]))
                used_p.add(pi)
                used_g.add(gi)
                break
    candidates: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(pred):
        if pi in used_p:
            continue
        for gi, (gs, ge) in enumerate(gold):
            if gi in used_g:
                continue
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                candidates.append((overlap, pi, gi))
    for overlap, pi, gi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if pi in used_p or gi in used_g:
            continue
        pairs.append(Pair(pi, gi, False, overlap))
        used_p.add(pi)
        used_g.add(gi)
    return pairs
