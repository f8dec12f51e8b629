"""Exports: JSONL round-trips, CSV rows rest on their spans, GeoJSON respects the antimeridian."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from storyline.errors import InputError
from storyline.export import CSV_COLUMNS, FORMATS, _split_antimeridian, write_export
from storyline.model import Account, Place, Route, Stop
from tests.sample_accounts import (
    FERRY_TEXT,
    HARVEST_TEXT,
    ferry_account,
    harvest_account,
    minimal_account,
)

TEXTS = {ferry_account().document.id: FERRY_TEXT, harvest_account().document.id: HARVEST_TEXT}


def export(accounts: list[Account], fmt: str) -> str:
    out = io.StringIO()
    assert write_export(iter(accounts), fmt, out) == len(accounts)
    return out.getvalue()


def geojson(accounts: list[Account]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export(accounts, "geojson"))
    return data


def test_jsonl_is_one_contract_account_per_line() -> None:
    accounts = [ferry_account(), harvest_account()]
    lines = export(accounts, "jsonl").splitlines()
    assert len(lines) == 2
    assert [Account.model_validate_json(line) for line in lines] == accounts
    assert '"from":"Suva"' in lines[0]  # aliases applied, as the contract spells it


def test_csv_header_and_fixed_first_columns() -> None:
    rows = list(csv.reader(io.StringIO(export([ferry_account()], "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0][:6] == ["document", "kind", "text", "value", "start", "end"]


def test_csv_rows_rest_on_their_spans() -> None:
    text = export([ferry_account(), harvest_account()], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        if row["start"]:
            source = TEXTS[row["document"]]
            assert source[int(row["start"]) : int(row["end"])] == row["text"], row


def test_csv_one_row_per_fact() -> None:
    account = ferry_account()
    rows = list(csv.DictReader(io.StringIO(export([account], "csv"))))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("entity") == sum(len(e.mentions) for e in account.entities)
    assert kinds.count("place") == sum(len(p.mentions) for p in account.places)
    assert kinds.count("time") == len(account.times)
    assert kinds.count("quantity") == len(account.quantities)
    assert kinds.count("source") == sum(len(s.mentions) for s in account.sources)
    assert kinds.count("quote") == len(account.quotes)
    assert kinds.count("event") == len(account.events)
    assert kinds.count("stop") == 2 and kinds.count("leg") == 1
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["quantity"]["value"] == "1150" and by_kind["quantity"]["unit"] == "km"
    assert by_kind["time"]["value"] == "2024-03-05" and by_kind["time"]["type"] == "DATE"
    arrive = next(r for r in rows if r["kind"] == "event" and r["text"] == "arrive")
    assert arrive["certainty"] == "expected"
    assert arrive["participants"] == "actor:Southern Star; place:Apia; source:Lena Tuilagi"
    assert by_kind["leg"]["participants"] == "from:Suva; to:Apia"


def test_csv_keeps_items_without_mentions_and_quotes_awkward_text() -> None:
    text = 'He said "no, never", then left.\nA second line, with commas.'
    account = minimal_account(text).model_copy(
        update={"places": [Place(id="p1", name='Odd, "quoted" place')]}
    )
    rows = list(csv.DictReader(io.StringIO(export([account], "csv"))))
    assert rows == [{**dict.fromkeys(CSV_COLUMNS, ""), "document": account.document.id,
                     "kind": "place", "value": 'Odd, "quoted" place'}]  # fmt: skip


def test_geojson_places_and_route() -> None:
    data = geojson([ferry_account(), harvest_account()])
    assert data["type"] == "FeatureCollection"
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    # The ocean has no coordinates: only located places become points.
    assert sorted(f["properties"]["name"] for f in points) == ["Apia", "Ghent", "Suva"]
    suva = next(f for f in points if f["properties"]["name"] == "Suva")
    assert suva["geometry"]["coordinates"] == [178.44, -18.14]  # lon, lat
    assert suva["properties"]["document"] == ferry_account().document.id
    assert suva["properties"]["geonameid"] == 2198148 and suva["properties"]["country"] == "FJ"
    routes = [f for f in data["features"] if f["properties"]["kind"] == "route"]
    assert len(routes) == 1  # the harvest has no route
    assert routes[0]["properties"]["stops"] == ["Suva", "Apia"]


def test_route_across_the_antimeridian_is_cut_in_two() -> None:
    [route] = [
        f for f in geojson([ferry_account()])["features"] if f["properties"]["kind"] == "route"
    ]
    geometry = route["geometry"]
    assert geometry["type"] == "MultiLineString"
    first, second = geometry["coordinates"]
    assert first[0] == [178.44, -18.14] and first[-1][0] == 180.0
    assert second[0][0] == -180.0 and second[-1] == [-171.77, -13.83]
    assert first[-1][1] == second[0][1]  # the same crossing latitude on both sides
    for part in geometry["coordinates"]:
        for a, b in itertools.pairwise(part):
            assert abs(a[0] - b[0]) <= 180


def test_split_antimeridian_cases() -> None:
    # Westward from Samoa to Fiji: 9 of the 10 degrees lie before the line.
    parts = _split_antimeridian([(-171.0, -14.0), (179.0, -18.0)])
    assert parts == [[(-171.0, -14.0), (-180.0, -17.6)], [(180.0, -17.6), (179.0, -18.0)]]
    # A route that never crosses stays whole, even when it spans the globe the long way.
    line = [(-170.0, 10.0), (0.0, 0.0), (170.0, 10.0)]
    assert _split_antimeridian(line) == [line]
    # A stop exactly on the antimeridian.
    assert _split_antimeridian([(179.0, 0.0), (180.0, 0.0), (-170.0, 0.0)]) == [
        [(179.0, 0.0), (180.0, 0.0)],
        [(-180.0, 0.0), (-170.0, 0.0)],
    ]
    # Crossing twice gives three parts.
    assert len(_split_antimeridian([(170.0, 0.0), (-170.0, 0.0), (170.0, 1.0)])) == 3


def test_route_needs_two_located_stops() -> None:
    account = minimal_account("A short trip by road to the coast and back again.").model_copy(
        update={"route": Route(stops=[Stop(name="A", lat=1.0, lon=2.0), Stop(name="B")])}
    )
    assert geojson([account])["features"] == []


def test_bad_coordinates_are_left_out() -> None:
    account = minimal_account("Places with odd coordinates are mentioned in this text.").model_copy(
        update={
            "places": [
                Place(id="p1", name="Nowhere", lat=float("nan"), lon=3.0),
                Place(id="p2", name="Beyond", lat=95.0, lon=3.0),
            ]
        }
    )
    assert geojson([account])["features"] == []


def test_empty_exports_are_valid() -> None:
    assert export([], "jsonl") == ""
    assert export([], "csv").strip() == ",".join(CSV_COLUMNS)
    assert geojson([]) == {"type": "FeatureCollection", "features": []}


def test_export_streams_one_account_at_a_time() -> None:
    pulled: list[int] = []

    def accounts() -> Iterator[Account]:
        for i in range(3):
            pulled.append(i)
            yield minimal_account(f"Story number {i} about a small town and its bridge.")

    out = io.StringIO()
    assert write_export(accounts(), "jsonl", out) == 3
    assert pulled == [0, 1, 2]


@pytest.mark.parametrize("fmt", ["xml", "", "JSONL"])
def test_unknown_format_is_an_input_error(fmt: str) -> None:
    out = io.StringIO()
    with pytest.raises(InputError, match="unknown export format"):
        write_export([ferry_account()], fmt, out)
    assert out.getvalue() == ""
    assert set(FORMATS) == {"jsonl", "csv", "geojson"}
