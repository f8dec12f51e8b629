"""Geography helpers: great-circle distance and GeoJSON geometry that is right on a globe.

A LineString between two points on either side of the antimeridian (Auckland → Honolulu)
must not run the long way round the map: :func:`line_coordinates` unwraps longitudes so each
step is the short one (GeoJSON, RFC 7946 §3.1.9, allows longitudes beyond ±180 for that), and
:func:`split_antimeridian` cuts a line into a MultiLineString at ±180 for clients that need
every longitude inside the range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = [
    "EARTH_RADIUS_KM",
    "MAX_ERROR_KM",
    "great_circle_km",
    "line_coordinates",
    "linestring",
    "point",
    "split_antimeridian",
]

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible great-circle error.
MAX_ERROR_KM = 20039.0

LatLon = tuple[float, float]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine on the mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def point(lat: float, lon: float, properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """A GeoJSON Point Feature (GeoJSON orders coordinates lon, lat)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": dict(properties or {}),
    }


def line_coordinates(points: Sequence[LatLon]) -> list[list[float]]:
    """``[lon, lat]`` pairs with longitudes unwrapped so no step is longer than 180°."""
    coords: list[list[float]] = []
    prev_lon: float | None = None
    for lat, lon in points:
        if prev_lon is not None:
            while lon - prev_lon > 180.0:
                lon -= 360.0
            while lon - prev_lon < -180.0:
                lon += 360.0
        coords.append([lon, lat])
        prev_lon = lon
    return coords


def split_antimeridian(points: Sequence[LatLon]) -> list[list[list[float]]]:
    """The line cut at the antimeridian: parts whose longitudes all lie in [-180, 180]."""
    coords = line_coordinates(points)
    if not coords:
        return []
    parts: list[list[list[float]]] = []
    current: list[list[float]] = []

    def wrap(lon: float) -> float:
        return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon

    for i, (lon, lat) in enumerate(coords):
        if i == 0:
            current.append([wrap(lon), lat])
            continue
        plon, plat = coords[i - 1]
        # Which multiple of 360 each end lies in; a change means the step crosses ±180.
        k_prev = math.floor((plon + 180.0) / 360.0)
        k_cur = math.floor((lon + 180.0) / 360.0)
        if k_prev != k_cur:
            edge = 180.0 + 360.0 * min(k_prev, k_cur)
            t = (edge - plon) / (lon - plon)
            lat_cross = plat + t * (lat - plat)
            east = lon > plon
            current.append([180.0 if east else -180.0, lat_cross])
            parts.append(current)
            current = [[-180.0 if east else 180.0, lat_cross]]
        current.append([wrap(lon), lat])
    parts.append(current)
    return parts


def linestring(
    points: Sequence[LatLon], properties: dict[str, Any] | None = None, *, split: bool = False
) -> dict[str, Any]:
    """A GeoJSON Feature for a route: a LineString with unwrapped longitudes, or with
    ``split=True`` a MultiLineString cut at the antimeridian."""
    geometry: dict[str, Any]
    if split:
        parts = split_antimeridian(points)
        if len(parts) == 1:
            geometry = {"type": "LineString", "coordinates": parts[0]}
        else:
            geometry = {"type": "MultiLineString", "coordinates": parts}
    else:
        geometry = {"type": "LineString", "coordinates": line_coordinates(points)}
    return {"type": "Feature", "geometry": geometry, "properties": dict(properties or {})}
