"""Countries, their names and their demonyms (``countries.tsv``, ``demonyms_extra.tsv``).

One table lists every ISO 3166-1 country and territory with its common English name, the other
names news uses ("North Korea", "DPRK", "U.S.", "Britain"), its demonyms ("North Korean",
"British") and a reference point.  Lookups are case-insensitive except for short all-caps
codes ("US" is the United States, "us" is a pronoun).  The tables load lazily, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "CountryRow",
    "adjective_forms",
    "all_countries",
    "country_code",
    "country_name",
    "country_of_demonym",
    "country_point",
    "country_rows",
    "demonym_forms",
    "is_demonym",
    "place_of_adjective",
]


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    lat: float
    lon: float


_SPACES = re.compile(r"\s+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Plural nouns of demonyms: "Russians", "Israelis", "Spaniards", "Afghans".
_PLURAL_OK = re.compile(r"(an|i|ard|er|ite|ot|ek|ak|ik|ch|on|ene|o|a|e|d|k|n|b|g|t)$")


def _read(name: str) -> list[list[str]]:
    text = resources.files("storyline.resources").joinpath(name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@cache
def country_rows() -> list[CountryRow]:
    """Every row of ``countries.tsv`` (≈250 countries and territories)."""
    rows = []
    for cols in _read("countries.tsv"):
        iso2, name, aliases, demonyms, lat, lon = cols
        rows.append(
            CountryRow(
                iso2=iso2,
                name=name,
                aliases=tuple(a for a in aliases.split("|") if a),
                demonyms=tuple(d for d in demonyms.split("|") if d),
                lat=float(lat),
                lon=float(lon),
            )
        )
    return rows


def _norm(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("’", "'")).strip()
    return _THE.sub("", text)


def _key(text: str) -> str:
    """Case-insensitive key, except that short all-caps codes keep their case."""
    text = _norm(text)
    letters = text.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 4:
        return "=" + letters  # "U.S." and "US" meet; "us" does not
    return text.casefold()


@cache
def _by_name() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in country_rows():
        for form in (row.name, *row.aliases, row.iso2):
            out.setdefault(_key(form), row.iso2)
    return out


def _plurals(word: str) -> list[str]:
    if word.endswith("man"):
        return [word[:-3] + "men"]  # Frenchman -> Frenchmen
    if word.endswith(("ese", "ish", "ss", "s", "x")):
        return []  # "the Chinese", "the Swiss": no plural form
    return [word + "s"] if _PLURAL_OK.search(word) else []


@cache
def _by_demonym() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for row in country_rows():
        for dem in row.demonyms:
            for form in (dem, *_plurals(dem)):
                out.setdefault(form.casefold(), row.iso2)
    for cols in _read("demonyms_extra.tsv"):
        dem = cols[0]
        iso = cols[1] if len(cols) > 1 and cols[1] else None
        for form in (dem, *_plurals(dem)):
            out.setdefault(form.casefold(), iso)
    # A derived plural that is a country's name is the country ("Philippines").
    names = {key for key in _by_name() if not key.startswith("=")}
    return {form: iso for form, iso in out.items() if form not in names}


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country named ``name`` ("Russia" → "RU", "U.S." → "US")."""
    return _by_name().get(_key(name))


def country_name(iso2: str) -> str | None:
    """Common English name of the country with code ``iso2`` ("KP" → "North Korea")."""
    row = _by_iso().get(iso2.upper())
    return row.name if row else None


def country_point(iso2: str) -> tuple[float, float] | None:
    """The reference point (lat, lon) of a country."""
    row = _by_iso().get(iso2.upper())
    return (row.lat, row.lon) if row else None


@cache
def _by_iso() -> dict[str, CountryRow]:
    return {row.iso2: row for row in country_rows()}


def all_countries() -> list[CountryRow]:
    return list(country_rows())


def country_of_demonym(text: str) -> str | None:
    """Country code for a demonym or adjective ("North Korean" → "KP"); None if none/unknown.

    A listed demonym spelled like its country's name ("Lao", "Myanmar") gives its country
    here, though :func:`is_demonym` leaves it out so that the name still reads as a place.
    """
    key = _norm(text).casefold()
    found = _by_demonym().get(key)
    return found if found is not None else _listed_demonyms().get(key)


@cache
def _listed_demonyms() -> dict[str, str]:
    return {dem.casefold(): row.iso2 for row in country_rows() for dem in row.demonyms}


def is_demonym(text: str) -> bool:
    """Whether ``text`` is a demonym or national/ethnic adjective ("Russian", "Kurds")."""
    return _norm(text).casefold() in _by_demonym()


@cache
def demonym_forms() -> frozenset[str]:
    """Every demonym form known, case-folded (for fast membership tests)."""
    return frozenset(_by_demonym())


@cache
def _adjective_places() -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for cols in _read("countries_adjectives.tsv"):
        adjective, name = cols[0], cols[1]
        cls = cols[2] if len(cols) > 2 and cols[2] else None
        for form in (adjective, *_plurals(adjective)):
            out.setdefault(form.casefold(), (name, cls))
    return out


def place_of_adjective(text: str) -> tuple[str, str | None] | None:
    """The region, division or continent an adjective or demonym names, with the feature
    class it means ("Texan" → ("Texas", None), "Quebecers" → ("Quebec", "A")); None when the
    table has no such word (national demonyms are :func:`country_of_demonym`'s)."""
    return _adjective_places().get(_norm(text).casefold())


@cache
def adjective_forms() -> frozenset[str]:
    """Every adjective form :func:`place_of_adjective` knows, case-folded."""
    return frozenset(_adjective_places())
