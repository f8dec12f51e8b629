"""The API's reads on both engines (SQLite and PostgreSQL), with the corpus merged."""

from __future__ import annotations

from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.corpus import merge
from storyline.store import Store
from tests.api.conftest import TOKEN
from tests.sample_accounts import FERRY_TEXT, HARVEST_TEXT, ferry_account, harvest_account
from tests.web.hostile import HOSTILE_TEXT, hostile_account

FERRY = ferry_account().document.id


def test_reads_on_each_engine(any_store: Store) -> None:
    any_store.save(ferry_account(), FERRY_TEXT)
    any_store.save(harvest_account(), HARVEST_TEXT)
    any_store.save(hostile_account(), HOSTILE_TEXT)
    merge(store=any_store)
    client = TestClient(create_app(store=any_store, token=TOKEN), raise_server_exceptions=False)
    listed = client.get("/documents", params={"place": "apia", "since": "2024-01-01"}).json()
    assert [d["id"] for d in listed["items"]] == [FERRY]
    places = client.get("/places", params={"place": "apia"}).json()["features"]
    assert {f["properties"]["name"] for f in places} == {"Suva", "Apia"}
    (route,) = client.get("/route", params={"entity": "tuilagi"}).json()["features"]
    assert route["geometry"]["type"] == "MultiLineString"
    assert [h["id"] for h in client.get("/search", params={"q": "ferry"}).json()] == [FERRY]
    for path in ("/timeline", "/claims", "/entities", "/events", "/story"):
        assert client.get(path).status_code == 200, path
    timeline = client.get("/timeline").json()
    assert {"2024-03-03", "2024-03-05"} <= {e["when"] for e in timeline}
    for attack in ("' OR '1'='1", "'; DROP TABLE documents; --", "%_\\"):
        for path, key in (("/documents", "entity"), ("/claims", "entity"), ("/places", "place")):
            assert client.get(path, params={key: attack}).status_code == 200
    assert client.get("/health").json()["documents"] == 3
    for path in ("/ui/", f"/ui/documents/{FERRY}", "/ui/story", "/ui/claims", "/ui/search?q=x"):
        assert client.get(path).status_code == 200, path
