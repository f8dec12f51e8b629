"""The HTTP API: reads, the one error shape, tokens, body limits, escaping, GeoJSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import Pipeline, query
from storyline.api import create_app
from storyline.errors import AmbiguousId
from storyline.store import Store
from tests.api.conftest import AUTH, TOKEN
from tests.sample_accounts import ferry_account
from tests.web.hostile import IMG, SCRIPT, hostile_account

FERRY = ferry_account().document.id


def _error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert {"code", "message", "status"} <= set(error)
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code
    return dict(error)


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["documents"] == 3 and body["writes"] is True


def test_documents_list_page_and_filters(client: TestClient) -> None:
    page = client.get("/documents", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = client.get("/documents", params={"limit": 2, "offset": 2}).json()
    ids = [d["id"] for d in page["items"] + rest["items"]]
    assert len(set(ids)) == 3
    assert [d["id"] for d in client.get("/documents?place=apia").json()["items"]] == [FERRY]
    assert [d["id"] for d in client.get("/documents?entity=TUILAGI").json()["items"]] == [FERRY]
    assert [d["id"] for d in client.get("/documents?source=forecasters").json()["items"]] == [FERRY]
    dated = client.get("/documents", params={"since": "2024-01-01", "until": "2024-04-01"})
    assert [d["id"] for d in dated.json()["items"]] == [FERRY]
    assert client.get("/documents?entity=nobody-at-all").json()["total"] == 0


def test_one_document_by_prefix(client: TestClient) -> None:
    body = client.get(f"/documents/{FERRY[:8]}").json()
    assert body["id"] == FERRY
    assert body["account"]["document"]["id"] == FERRY
    assert body["text"].startswith("SUVA")
    # The contract's alias: legs have "from".
    assert body["account"]["route"]["legs"][0]["from"] == "Suva"


def test_errors_share_one_shape(client: TestClient) -> None:
    _error(client.get("/documents/0000000000000000"), 404, "store.not_found")
    _error(client.get("/documents/x"), 404, "store.not_found")
    _error(client.get("/no/such/route"), 404, "http.not_found")
    _error(client.delete("/documents"), 405, "http.method_not_allowed")
    _error(client.put("/health"), 405)
    invalid = _error(client.get("/documents?limit=0"), 422, "request.invalid")
    assert invalid["details"][0]["loc"] == ["query", "limit"]
    _error(client.get("/documents?since=yesterday"), 422, "request.invalid")
    _error(client.post("/extract", content=b"{not json"), 422, "request.invalid")
    _error(client.post("/extract", json={"text": ""}), 422, "request.invalid")
    _error(client.post("/extract", json={"text": "x", "extra": 1}), 422, "request.invalid")


def test_ambiguous_prefix_is_a_conflict(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ambiguous(ref: str, **_kw: object) -> str:
        raise AmbiguousId(f"{ref!r} matches several documents")

    monkeypatch.setattr(query, "resolve_id", ambiguous)
    _error(client.get("/documents/abcdef"), 409, "store.ambiguous_id")


def test_body_limit(client: TestClient) -> None:
    big = b'{"text": "' + b"a" * (70 * 1024) + b'"}'
    _error(
        client.post(
            "/documents", content=big, headers={**AUTH, "content-type": "application/json"}
        ),
        413,
        "request.too_large",
    )

    def chunks() -> Any:  # no Content-Length: the limit applies while streaming
        yield b'{"text": "'
        for _ in range(70):
            yield b"a" * 1024
        yield b'"}'

    _error(
        client.post("/extract", content=chunks(), headers={"content-type": "application/json"}),
        413,
        "request.too_large",
    )


def test_writes_need_the_token(client: TestClient) -> None:
    body = {"text": "Some text.", "published": "2024-01-01"}
    error = _error(client.post("/documents", json=body), 401, "auth.required")
    assert "Bearer" in error["message"]
    wrong = client.post("/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.headers["www-authenticate"] == "Bearer"
    _error(wrong, 401, "auth.required")
    _error(client.post("/documents", json=body, headers={"Authorization": TOKEN}), 401)
    assert client.get("/health").json()["documents"] == 3


def test_writes_refused_without_a_configured_token(
    api_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    client = TestClient(create_app(store=api_store), raise_server_exceptions=False)
    body = {"text": "Some text.", "published": "2024-01-01"}
    _error(client.post("/documents", json=body, headers=AUTH), 403, "auth.writes_disabled")
    assert client.get("/health").json()["writes"] is False


def test_geojson_route_is_cut_at_the_antimeridian(client: TestClient) -> None:
    route = client.get("/route", params={"document": FERRY}).json()
    assert route["type"] == "FeatureCollection"
    (feature,) = route["features"]
    geometry = feature["geometry"]
    assert geometry["type"] == "MultiLineString"
    for part in geometry["coordinates"]:
        assert all(-180 <= lon <= 180 for lon, _lat in part)
    assert geometry["coordinates"][0][-1][0] == 180.0
    assert geometry["coordinates"][1][0][0] == -180.0
    assert feature["properties"]["stops"] == ["Suva", "Apia"]
    places = client.get("/places", params={"document": FERRY}).json()
    names = {f["properties"]["name"] for f in places["features"]}
    assert names == {"Suva", "Apia"}  # the Pacific has no coordinates
    one = client.get(f"/documents/{FERRY}/geojson").json()
    assert {f["properties"]["kind"] for f in one["features"]} == {"place", "route"}
    everywhere = client.get("/places").json()["features"]
    assert {f["properties"]["name"] for f in everywhere} >= {"Suva", "Apia"}


def test_html_escapes_article_text(client: TestClient) -> None:
    doc_id = hostile_account().document.id
    page = client.get(f"/ui/documents/{doc_id}").text
    assert SCRIPT not in page and IMG not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert 'href="javascript' not in page
    assert page.count("<script") == 1  # the page's own script tag
    listing = client.get("/ui/").text
    assert SCRIPT not in listing and "&lt;script&gt;" in listing


def test_security_headers(client: TestClient) -> None:
    response = client.get("/ui/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]


def test_docs_need_no_cdn(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/docs-static/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    for path in ("/extract", "/documents", "/timeline", "/claims", "/places", "/route"):
        assert path in schema["paths"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_pages_serve_html_with_a_json_twin(client: TestClient) -> None:
    for path in ("/ui/", f"/ui/documents/{FERRY}", "/ui/story", "/ui/claims", "/ui/entities"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert 'rel="alternate" type="application/json"' in response.text
    assert client.get("/ui/?since=&until=&entity=").status_code == 200


@pytest.mark.slow
def test_extract_and_ingest(api_store: Store, pipeline: Pipeline) -> None:
    client = TestClient(
        create_app(store=api_store, token=TOKEN, pipeline=pipeline), raise_server_exceptions=False
    )
    text = (
        "OSLO, June 3, 2025 - The research vessel Nordlys left Tromso on Monday for "
        "Longyearbyen, the Polar Institute said. Captain Ingrid Haugen said the crossing "
        "of about 950 km would take two days."
    )
    extracted = client.post("/extract", json={"text": text})
    assert extracted.status_code == 200, extracted.text
    account = extracted.json()
    assert account["document"]["published"] == "2025-06-03"
    assert account["document"]["published_from"] == "dateline"
    assert client.get("/health").json()["documents"] == 3  # nothing stored
    stored = client.post("/documents", json={"text": text, "title": "Nordlys sails"}, headers=AUTH)
    assert stored.status_code == 201, stored.text
    doc_id = stored.json()["id"]
    assert stored.json()["status"] == "stored"
    again = client.post("/documents", json={"text": text}, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert client.get(f"/documents/{doc_id}").json()["text"] == text
    assert client.get("/health").json()["documents"] == 4
    _error(client.post("/extract", json={"text": "no date here at all"}), 422, "input.no_date")
    _error(
        client.post("/extract", json={"text": "Ceci n'est pas anglais du tout, vraiment pas."}),
        422,
    )


def test_map_reads_filter_by_place_and_entity(client: TestClient) -> None:
    # The place filter's EXISTS over places must not swallow the outer query (a 500 once).
    places = client.get("/places", params={"place": "apia"}).json()["features"]
    assert {f["properties"]["name"] for f in places} == {"Suva", "Apia"}
    assert client.get("/places", params={"place": "0000"}).json()["features"] == []
    routes = client.get("/route", params={"entity": "Tuilagi"}).json()["features"]
    assert [f["properties"]["document"] for f in routes] == [FERRY]
    story = client.get("/story", params={"place": "apia"}).json()
    assert set(story) == {"timeline", "places", "routes"}
    assert len(story["routes"]["features"]) == 1


def test_search(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "ferry passengers"}).json()
    assert [h["id"] for h in hits] == [FERRY]
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end].lower() in {"ferry", "passengers"}
    assert client.get("/search").json() == []
    _error(client.get("/search", params={"q": "-ferry"}), 422, "input.bad_query")
    _error(client.get("/search", params={"q": "x" * 501}), 422, "request.invalid")
    page = client.get("/ui/search", params={"q": "harbour"}).text
    assert "<mark>harbour</mark>" in page and SCRIPT not in page


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.text(max_size=60),
    day=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
    number=st.integers(min_value=-5, max_value=2**40),
)
def test_pages_never_fail_on_odd_parameters(
    client: TestClient, text: str, day: str | None, number: int
) -> None:
    # The pages are not in the OpenAPI schema, so schemathesis does not reach them.
    for path, params in (
        ("/ui/", {"entity": text, "since": day, "offset": number}),
        ("/ui/story", {"place": text, "until": day}),
        ("/ui/claims", {"entity": text, "offset": number, "contradictions": text}),
        ("/ui/entities", {"q": text}),
        ("/ui/search", {"q": text, "offset": number}),
        (f"/ui/documents/{FERRY}", {"hl": f"{number}-{number + 5}"}),
        ("/ui/documents/" + quote(text or "x", safe=""), {}),
    ):
        answer = client.get(path, params={k: v for k, v in params.items() if v is not None})
        assert answer.status_code < 500, (path, params, answer.text[:300])
