"""The web UI in a real browser (headless Chromium through Playwright).

Screenshots go to the ``artifacts`` folder (``STORYLINE_ARTIFACTS_DIR`` or a temporary one).
Every test also checks that the page asked nothing of any host but the test server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import query
from tests.sample_accounts import ferry_account
from tests.web.conftest import LiveServer
from tests.web.hostile import HOSTILE_TEXT, IMG, SCRIPT, hostile_account

pytestmark = pytest.mark.slow


@pytest.fixture
def ui(page: Any, live_server: LiveServer) -> Iterator[Any]:
    """The page, refusing (and recording) any request that leaves the test server."""
    outside: list[str] = []

    def check(route: Any) -> None:
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", check)
    yield page
    assert outside == [], f"the page reached outside the server: {outside}"


def _entity_with_mentions(live_server: LiveServer) -> tuple[str, str, int]:
    """(document id, entity id, mentions) of a stored entity mentioned at least twice."""
    for account in query.iter_accounts(store=live_server.store):
        if account.document.id == hostile_account().document.id:
            continue
        for e in account.entities:
            if len(e.mentions) >= 2:
                return account.document.id, e.id, len(e.mentions)
    pytest.fail("no stored entity has two mentions")


def test_click_an_entity_highlights_all_its_mentions(
    ui: Any, live_server: LiveServer, artifacts: Path
) -> None:
    doc_id, entity_id, n = _entity_with_mentions(live_server)
    key = f"entity:{entity_id}"
    ui.goto(f"{live_server.url}/ui/documents/{doc_id}")
    marks = ui.locator(f'.article-text [data-key="{key}"]')
    assert marks.count() >= n
    assert ui.locator(".article-text .hl").count() == 0
    marks.first.click()
    highlighted = ui.locator(".article-text .hl")
    assert highlighted.count() == marks.count()
    keys = set(highlighted.evaluate_all("els => els.map(e => e.dataset.key)"))
    assert keys == {key}
    # Highlighting shows: the background is no longer the entity colour.
    colours = set(
        highlighted.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)")
    )
    assert colours == {"rgb(253, 224, 71)"}
    ui.screenshot(path=str(artifacts / "article-entity-highlighted.png"), full_page=True)
    # Clicking again clears it.
    marks.first.click()
    assert ui.locator(".article-text .hl").count() == 0


def test_hover_shows_normalised_values(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    ferry = ferry_account()
    ui.goto(f"{live_server.url}/ui/documents/{ferry.document.id}")
    ui.locator('.article-text .m-time[data-key="time:2"]').hover()
    card = ui.locator("#card")
    assert card.is_visible()
    assert "Value: 2024-03-05" in card.inner_text()
    ui.locator('.article-text .m-place[data-key="place:p2"]').first.hover()
    assert "13.8300°S, 171.7700°W" in card.inner_text()
    ui.locator('.article-text .m-event[data-key="event:v2"]').hover()
    text = card.inner_text()
    assert "Certainty: expected" in text and "Sources: Lena Tuilagi" in text
    ui.screenshot(path=str(artifacts / "article-hover-card.png"))


def test_the_map_shows_the_route_the_short_way(
    ui: Any, live_server: LiveServer, artifacts: Path
) -> None:
    ferry = ferry_account()
    ui.goto(f"{live_server.url}/ui/documents/{ferry.document.id}")
    route = ui.locator("svg.map polyline.route")
    assert route.count() == 1
    points = [tuple(map(float, p.split(","))) for p in route.get_attribute("points").split()]
    assert len(points) == 2
    # Suva (178.4°E) to Apia (171.8°W) crosses the antimeridian: about 10°, not 350°.
    assert abs(points[1][0] - points[0][0]) < 20
    assert ui.locator("svg.map g.stop").count() == 2
    # Coastlines and borders come from the package, drawn around the route.
    assert ui.locator("svg.map use.world").count() >= 1
    outlines = ui.request.get(f"{live_server.url}/ui/world.svg")
    assert outlines.ok
    svg = outlines.text()
    assert 'class="land"' in svg and 'class="borders"' in svg
    assert svg.count("M") > 1000  # thousands of coastlines, islands and borders
    ui.locator("svg.map").scroll_into_view_if_needed()
    ui.locator("svg.map").screenshot(path=str(artifacts / "map-route-antimeridian.png"))


def test_story_page_has_timeline_and_map(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    ui.goto(f"{live_server.url}/ui/story")
    assert ui.locator("ol.timeline li").count() >= 3
    assert ui.locator("svg.map g.place").count() >= 3
    assert ui.locator("svg.map polyline.route").count() >= 1
    ui.screenshot(path=str(artifacts / "story.png"), full_page=True)


def test_claims_link_to_their_evidence(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    ui.goto(f"{live_server.url}/ui/claims?contradictions=true")
    claims = ui.locator("section.claim")
    assert claims.count() >= 2
    assert ui.locator("section.claim .contradict").count() >= 2
    assert ui.locator("section.claim .agree").count() >= 2
    ui.screenshot(path=str(artifacts / "claims.png"), full_page=True)
    link = ui.locator("section.claim a.evidence").first
    href = link.get_attribute("href")
    link.click()
    ui.wait_for_url("**/ui/documents/**")
    evidence = ui.locator("#evidence")
    assert evidence.count() == 1
    start, end = (int(x) for x in href.split("hl=")[1].split("#")[0].split("-"))
    doc_id = href.split("/ui/documents/")[1].split("?")[0]
    text = query.get_text(doc_id, store=live_server.store)
    # Pieces of a crossed mark share the range; the first piece starts the evidence text.
    assert text[start:end].startswith(evidence.inner_text())
    ui.screenshot(path=str(artifacts / "claim-evidence.png"))


def test_hostile_article_renders_as_text(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    ui.on("dialog", on_dialog)
    doc_id = hostile_account().document.id
    for path in (f"/ui/documents/{doc_id}", "/ui/", "/ui/?entity=Brandt", "/ui/story"):
        ui.goto(f"{live_server.url}{path}")
        ui.wait_for_load_state("load")
        for mark in ui.locator(".article-text .m").all()[:12]:
            mark.hover()
        assert ui.evaluate("window.__pwned === undefined"), path
        # Only our own script is on the page, and no image came out of the text.
        assert ui.evaluate("document.scripts.length") == 1
        assert ui.locator("main img").count() == 0
        assert ui.locator('a[href^="javascript"]').count() == 0
    ui.goto(f"{live_server.url}/ui/documents/{doc_id}")
    article = ui.locator(".article-text").inner_text()
    assert SCRIPT in article and IMG in article
    assert article.replace("\r\n", "\n") == HOSTILE_TEXT
    ui.locator('.article-text [data-key="entity:e1"]').first.click()
    assert ui.locator(".article-text .hl").count() == 3
    ui.screenshot(path=str(artifacts / "hostile-article.png"), full_page=True)
    assert dialogs == []
    assert ui.evaluate("window.__pwned === undefined")


SQL_ATTACKS = [
    "'; DROP TABLE documents; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "%' UNION SELECT id, text_sha256 FROM documents --",
    "1); DELETE FROM contents; --",
]


def test_sql_injection_changes_nothing(ui: Any, live_server: LiveServer) -> None:
    before = query.page_documents(store=live_server.store, limit=100)
    claims_before = len(query.claims(store=live_server.store, limit=1000))
    for attack in SQL_ATTACKS:
        ui.goto(f"{live_server.url}/ui/")
        ui.fill("form.filters input[name=entity]", attack)
        ui.click("form.filters button[type=submit]")
        ui.wait_for_load_state("load")
        assert ui.locator("table.documents tr").count() == 1  # the header alone
        for path, params in (
            ("/documents", {"entity": attack}),
            ("/documents", {"source": attack}),
            ("/entities", {"q": attack}),
            ("/claims", {"entity": attack}),
            ("/timeline", {"place": attack}),
            ("/places", {"entity": attack}),
        ):
            answer = ui.request.get(f"{live_server.url}{path}", params=params)
            assert answer.status == 200, (path, attack)
        answer = ui.request.get(f"{live_server.url}/search", params={"q": attack})
        assert answer.status in (200, 422), attack  # a query may have no words left
        answer = ui.request.get(f"{live_server.url}/documents/{attack}")
        assert answer.status == 404
        assert answer.json()["error"]["code"] == "store.not_found"
    after = query.page_documents(store=live_server.store, limit=100)
    assert after.total == before.total
    assert [d.id for d in after.items] == [d.id for d in before.items]
    assert len(query.claims(store=live_server.store, limit=1000)) == claims_before


def test_every_page_names_its_json_twin(ui: Any, live_server: LiveServer) -> None:
    doc_id = ferry_account().document.id
    for path in (
        "/ui/",
        f"/ui/documents/{doc_id}",
        "/ui/story?entity=Kovalenko",
        "/ui/claims?contradictions=true",
        "/ui/entities",
        "/ui/search?q=summit",
        "/ui/search",
    ):
        ui.goto(f"{live_server.url}{path}")
        twin = ui.locator('link[rel=alternate][type="application/json"]').get_attribute("href")
        answer = ui.request.get(f"{live_server.url}{twin}")
        assert answer.status == 200, twin
        assert answer.headers["content-type"].startswith("application/json"), twin
        assert answer.json() is not None


def test_api_docs_work_offline(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    ui.goto(f"{live_server.url}/docs")
    ui.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert ui.locator(".swagger-ui .opblock").count() >= 10
    ui.screenshot(path=str(artifacts / "api-docs.png"))


def test_search_page(ui: Any, live_server: LiveServer, artifacts: Path) -> None:
    ui.goto(f"{live_server.url}/ui/search")
    ui.fill("input[name=q]", 'summit "Bratislava"')
    ui.click("form button[type=submit]")
    ui.wait_for_load_state("load")
    hits = ui.locator(".hit")
    assert hits.count() >= 2
    marks = ui.locator(".hit .snippet mark").all_inner_texts()
    assert {m.lower() for m in marks} & {"summit", "bratislava"}
    ui.screenshot(path=str(artifacts / "search.png"), full_page=True)
    hits.first.locator("a.hit-title").click()
    ui.wait_for_url("**/ui/documents/**")
    assert ui.locator(".article-text").count() == 1
    # Markup typed as a query is shown as text.
    ui.goto(f"{live_server.url}/ui/search?q=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert ui.locator("input[name=q]").input_value() == "<script>alert(1)</script>"
    assert ui.evaluate("document.scripts.length") == 1
