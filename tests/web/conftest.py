"""Fixtures for the browser tests: a live server on a temporary store, and headless Chromium.

The server is the real app under uvicorn, in a thread, on 127.0.0.1 and a free port, over a
temporary SQLite store holding hand-built accounts and the invented story corpus of
``tests/articles/story_*`` (extracted and merged, so timeline and claims have content).
The browser is Debian's Chromium driven by Playwright; without it the tests skip, unless
``STORYLINE_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which makes a missing browser a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from storyline import Pipeline
from storyline.api import create_app
from storyline.corpus import merge
from storyline.ingest.files import collect
from storyline.store import Store, ingest_items, open_store
from tests.conftest import ARTICLES
from tests.sample_accounts import FERRY_TEXT, HARVEST_TEXT, ferry_account, harvest_account
from tests.web.hostile import HOSTILE_TEXT, hostile_account

TOKEN = "test-token-7f3a"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass
class LiveServer:
    url: str
    store: Store
    token: str


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    """A store with hand-built accounts (ferry, harvest, hostile) and the invented story
    corpus of ``tests/articles/story_*`` run through the pipeline and merged."""
    db = tmp_path_factory.mktemp("web") / "store.db"
    store = open_store(f"sqlite:///{db}")
    store.save(ferry_account(), FERRY_TEXT)
    store.save(harvest_account(), HARVEST_TEXT)
    store.save(hostile_account(), HOSTILE_TEXT)
    items, _skipped = collect([str(p) for p in sorted(ARTICLES.glob("story_*"))], None)
    ingest_items(items, store=store, pipeline=pipeline)
    merge(store=store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def live_server(web_store: Store) -> Iterator[LiveServer]:
    store = web_store
    app = create_app(store=store, token=TOKEN)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", store=store, token=TOKEN)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _chromium() -> str | None:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    exe = _chromium()
    required = os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1"
    if exe is None:
        if required:
            pytest.fail("Chromium is missing and STORYLINE_REQUIRE_BROWSER=1")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            pytest.fail("playwright is missing and STORYLINE_REQUIRE_BROWSER=1")
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``STORYLINE_ARTIFACTS_DIR``, else a temporary folder."""
    chosen = os.environ.get("STORYLINE_ARTIFACTS_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
