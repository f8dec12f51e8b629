"""``storyline serve``: binds 127.0.0.1 by default, answers, and fails fast on a bad store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "STORYLINE_TOKEN": "serve-test"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "serve",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{tmp_path / 'serve.db'}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("storyline serve did not start")
                time.sleep(0.2)
        assert health.json() == {
            "status": "ok",
            "version": health.json()["version"],
            "documents": 0,
            "writes": True,
        }
        assert "server" not in health.headers  # no software banner
        denied = httpx.post(f"http://127.0.0.1:{port}/documents", json={"text": "x"})
        assert denied.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_refuses_a_bad_store_url() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", "nosuchdb://x/y"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1].startswith("error: unsupported database URL")
