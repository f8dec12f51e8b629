"""Great-circle distance and antimeridian-correct GeoJSON lines."""

from __future__ import annotations

import pytest

from storyline.geo import great_circle_km, line_coordinates, linestring, point, split_antimeridian


def test_great_circle() -> None:
    assert great_circle_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=5)
    assert great_circle_km(10, 20, 10, 20) == 0
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(20015, abs=30)


def test_line_unwraps_across_antimeridian() -> None:
    # Tokyo to Anchorage: the short way crosses 180°.
    coords = line_coordinates([(35.7, 139.7), (61.2, -149.9)])
    assert coords[0] == [139.7, 35.7]
    assert coords[1][0] == pytest.approx(210.1)
    assert abs(coords[1][0] - coords[0][0]) < 180


def test_split_at_antimeridian() -> None:
    parts = split_antimeridian([(35.7, 139.7), (61.2, -149.9)])
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == pytest.approx(parts[1][0][1])
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)
    feature = linestring([(35.7, 139.7), (61.2, -149.9)], {"id": "r"}, split=True)
    assert feature["geometry"]["type"] == "MultiLineString"


def test_no_split_when_not_crossing() -> None:
    assert len(split_antimeridian([(0, 10), (5, 20), (10, 30)])) == 1
    feature = point(1.5, 2.5, {"name": "x"})
    assert feature["geometry"]["coordinates"] == [2.5, 1.5]
