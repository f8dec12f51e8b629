"""The landmark supplement is well formed and covers whole classes of places."""

from __future__ import annotations

from collections import Counter

from storyline.resources.landmarks import landmark_rows


def test_rows_are_well_formed() -> None:
    rows = landmark_rows()
    assert len(rows) > 300
    for row in rows:
        cls, _, code = row.feature.partition(".")
        assert cls in "AHLPST" and code, row
        assert -90 <= row.lat <= 90 and -180 <= row.lon <= 180, row
        assert row.provenance, row
        assert row.country is None or len(row.country) == 2, row


def test_classes_are_covered() -> None:
    features = Counter(row.feature for row in landmark_rows())
    assert features["H.STM"] >= 60  # the world's major rivers
    assert features["S.BDG"] >= 10
    assert features["S.PSTB"] >= 10  # border crossings
    assert features["S.SPC"] >= 8  # spaceports
    assert features["L.RGN"] >= 30


def test_names_are_unique() -> None:
    names = Counter(row.name for row in landmark_rows())
    assert [n for n, k in names.items() if k > 1] == []


def test_no_populated_places() -> None:
    # Towns come from the city data or a GeoNames import; the supplement holds landmarks.
    assert [row.name for row in landmark_rows() if row.feature.startswith("P.")] == []
