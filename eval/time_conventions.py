"""Where storyline's TIMEX3 values differ from TempEval-3 gold, and which differences are a
corpus convention rather than a reading error.

    python eval/time_conventions.py [--shared ../shared] [--list]

The value figure of `storyline eval time` counts a pair right only when its value string
equals the gold's.  TimeBank (the tuning set) and AQUAINT (the check set) write some values
differently; this script counts, for each corpus, the mismatches that are one of these
conventions and nothing else, and what the value F1 would be if that convention were
accepted.  storyline writes what the TimeML guidelines and TimeBank write:

- ``week padding``: ISO 8601 two-digit weeks (``2000-W07``); AQUAINT writes ``2000-W7``.
- ``decade X``: a decade is its three digits (``199``); AQUAINT writes ``199X``.
- ``year placeholders``: a year named alone is the year (``1968``); AQUAINT often writes
  ``1968-XX`` or ``1968-XX-XX``.
- ``part of day as a date``: "Friday night" is a TIME with its part of day
  (``2000-01-07TNI``); AQUAINT most often gives the bare date as a DATE.

Nothing here changes what storyline outputs: it measures a disagreement between the two
gold sets, reading them from the shared folder at run time.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storyline.evaluation.spans import pair_spans
from storyline.evaluation.time import CORPORA, _predict, load_corpus
from storyline.pipeline import Pipeline

_PART_OF_DAY_RE = re.compile(r"^(\d{4}-\d\d-\d\d)T(?:MO|MI|AF|EV|NI|DT)$")


def _week_padding(ours: str, gold: str) -> bool:
    match = re.fullmatch(r"(\d{4})-W(\d)", gold)
    return match is not None and ours == f"{match.group(1)}-W0{match.group(2)}"


def _decade_x(ours: str, gold: str) -> bool:
    return re.fullmatch(r"\d{3}X", gold) is not None and ours == gold[:3]


def _year_placeholders(ours: str, gold: str) -> bool:
    return re.fullmatch(r"\d{4}(?:-XX){1,2}", gold) is not None and ours == gold[:4]


def _part_of_day_as_date(ours: str, gold: str) -> bool:
    match = _PART_OF_DAY_RE.match(ours)
    return match is not None and gold.startswith(match.group(1)) and len(gold) <= 13


CONVENTIONS: dict[str, Callable[[str, str], bool]] = {
    "week padding": _week_padding,
    "decade X": _decade_x,
    "year placeholders": _year_placeholders,
    "part of day as a date": _part_of_day_as_date,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--list", action="store_true", help="print every other mismatch")
    args = parser.parse_args()
    root = args.shared / "eval" / "tempeval3-timebank"
    pipeline = Pipeline()
    for _key, folder in CORPORA:
        docs = load_corpus(root / folder)
        pairs = equal = gold_n = pred_n = 0
        kinds: Counter[str] = Counter()
        others: list[str] = []
        for doc, pred in zip(docs, _predict(pipeline, docs), strict=True):
            matched = pair_spans(
                [(p[0], p[1]) for p in pred], [(g.start, g.end) for g in doc.gold], doc.text
            )
            gold_n += len(doc.gold)
            pred_n += len(pred)
            pairs += len(matched)
            for pair in matched:
                ours, gold = pred[pair.pred][3], doc.gold[pair.gold]
                if ours == gold.value:
                    equal += 1
                    continue
                kind = next((k for k, test in CONVENTIONS.items() if test(ours, gold.value)), "")
                if kind:
                    kinds[kind] += 1
                else:
                    text = doc.text[gold.start : gold.end]
                    others.append(f"  {doc.name} {text!r}: ours {ours}, gold {gold.value}")
        precision, recall = pairs / pred_n, pairs / gold_n
        relaxed = 2 * precision * recall / (precision + recall)
        convention = sum(kinds.values())
        print(f"{folder}: {pairs} relaxed pairs, {pairs - equal} with another value")
        print(f"  value F1 {relaxed * equal / pairs:.3f}")
        for kind, count in kinds.most_common():
            print(f"  convention '{kind}': {count}")
        print(f"  other mismatches: {len(others)}")
        accepted = relaxed * (equal + convention) / pairs
        print(f"  value F1 with the conventions accepted {accepted:.3f}")
        if args.list:
            print("\n".join(others))


if __name__ == "__main__":
    main()
