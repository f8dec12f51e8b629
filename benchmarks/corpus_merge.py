"""Merge benchmark: the time to merge one more batch of documents as the corpus grows,
incremental (``storyline.corpus.merge``) against a full rebuild (``storyline.corpus.rebuild``,
what every merge did before the merge index).

    python benchmarks/corpus_merge.py [--sizes 250,500,1000,2000] [--batch 10] [--postgres URL]

Synthetic accounts (benchmarks/corpus.py: many small stories, each reported by several
outlets, with shared people, organisations and places) are saved to a fresh store (SQLite,
or ``--postgres URL``) up to each size; then one batch of ``--batch`` new accounts is
saved and merged incrementally, and the same corpus is rebuilt in full.  Saving is not
timed.  Prints both times and their ratio for each size; both give identical rows (the
tests check that).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from corpus import fill, synthetic_accounts
from storyline.corpus import merge, rebuild
from storyline.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,500,1000,2000", help="corpus sizes, ascending")
    parser.add_argument("--batch", type=int, default=10, help="documents in the timed batch")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--postgres", help="PostgreSQL URL of an empty database")
    parser.add_argument(
        "--shuffled",
        action="store_true",
        help="batches of any date (a back-fill), not the newest reports",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    pairs = synthetic_accounts(sizes[-1] + args.batch, seed=args.seed)
    if not args.shuffled:
        # News arrives in time order: each batch is the newest reports.
        pairs.sort(key=lambda pair: (pair[0].document.published, pair[0].document.id))
    with tempfile.TemporaryDirectory() as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'merge.db'}"
        with open_store(url) as store:
            print(f"merge of one batch of {args.batch} documents ({store.url_for_display})")
            print(f"{'corpus':>8} {'incremental s':>14} {'rebuild s':>10} {'ratio':>7}")
            stored = 0
            for size in sizes:
                # Grow the corpus to ``size`` (untimed) and bring the corpus tables up to date.
                fill(store, pairs[stored:size])
                rebuild(store=store)
                batch = pairs[size : size + args.batch]
                fill(store, batch)
                started = time.perf_counter()
                summary = merge(store=store)
                incremental = time.perf_counter() - started
                started = time.perf_counter()
                rebuild(store=store)
                full = time.perf_counter() - started
                stored = size + len(batch)
                print(
                    f"{summary.documents:>8} {incremental:>14.3f} {full:>10.3f} "
                    f"{full / incremental:>6.1f}x",
                    flush=True,
                )


if __name__ == "__main__":
    main()
