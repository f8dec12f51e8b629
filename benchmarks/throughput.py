"""Throughput of the full storyline pipeline against bare en_core_web_sm, in one process.

    python benchmarks/throughput.py [--articles 200] [--stages-profile]

Both run over the same generated articles.  The baseline is the faster of batch size 16 and
spaCy's default; the full pipeline runs at batch size 16 and includes building the Account.
Models and the gazetteer are loaded (and warmed on other text) before timing; nothing is
cached across documents.  Prints articles/s, words/s and the ratio full ÷ bare.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import spacy
from generate import generate_articles

from storyline import Pipeline
from storyline.ingest.text import Article
from storyline.settings import get_settings

WARMUP = "The minister arrived in Paris on Monday, according to officials. About 40 people met."


def _bare(texts: list[str], batch_size: int | None) -> float:
    nlp = spacy.load(get_settings().model)
    list(nlp.pipe([WARMUP] * 4))
    start = time.perf_counter()
    if batch_size is None:
        for _ in nlp.pipe(texts):
            pass
    else:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return time.perf_counter() - start


def _full(articles: list[Article]) -> float:
    pipeline = Pipeline()
    list(pipeline.pipe([Article(text=WARMUP * 3, published=articles[0].published, language="en")]))
    start = time.perf_counter()
    for _ in pipeline.pipe(articles, batch_size=16):
        pass
    return time.perf_counter() - start


def _profile(articles: list[Article]) -> dict[str, float]:
    """Seconds per component: spaCy's batched as usual, then each storyline stage per doc."""
    pipeline = Pipeline()
    nlp = pipeline.nlp
    ours = [name for name in nlp.pipe_names if name.startswith("storyline_")]
    timings: dict[str, float] = defaultdict(float)
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.sl_published = article.published
        docs.append(doc)
    # Our stages placed before the model's own (repair, paragraphs) run first, in order.
    first_model = next(n for n in nlp.pipe_names if n not in ours)
    early = nlp.pipe_names[: nlp.pipe_names.index(first_model)]
    for name in early:
        component = nlp.get_pipe(name)
        t0 = time.perf_counter()
        docs = [component(doc) for doc in docs]
        timings[name] += time.perf_counter() - t0
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(docs, batch_size=16))
    timings["spacy (tok2vec…ner)"] = time.perf_counter() - t0
    for name in ours:
        if name in early:
            continue
        component = nlp.get_pipe(name)
        t0 = time.perf_counter()
        docs = [component(doc) for doc in docs]
        timings[name] += time.perf_counter() - t0
    return dict(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--stages-profile", action="store_true", help="Time each component.")
    args = parser.parse_args()

    generated = generate_articles(args.articles)
    texts = [g.text for g in generated]
    words = sum(len(t.split()) for t in texts)
    articles = [
        Article(text=g.text, published=g.published, title=g.title, language="en") for g in generated
    ]
    print(f"{len(texts)} articles, {words:,} words ({words / len(texts):.0f} per article)")

    bare16 = _bare(texts, 16)
    bare_default = _bare(texts, None)
    bare = min(bare16, bare_default)
    full = _full(articles)
    timings = _profile(articles) if args.stages_profile else {}
    n = len(texts)
    for label, seconds in (
        ("bare en_core_web_sm, batch 16", bare16),
        ("bare en_core_web_sm, default batch", bare_default),
        ("full storyline pipeline, batch 16", full),
    ):
        print(f"{label:36s} {n / seconds:6.2f} articles/s  {words / seconds:8,.0f} words/s")
    print(f"ratio full / bare (fastest): {bare / full:.3f}")
    if timings:
        total = sum(timings.values())
        print("per component (share of component time):")
        for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
            print(
                f"  {name:24s} {1000 * seconds / n:7.2f} ms/article  {100 * seconds / total:5.1f} %"
            )


if __name__ == "__main__":
    main()
