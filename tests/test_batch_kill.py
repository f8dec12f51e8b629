"""``kill -9`` during ``storyline ingest --workers 1`` loses nothing committed, and running
the same ingest again completes it with no duplicates.  The real CLI, Dask cluster and
pipeline run in a subprocess group that the test kills while it is writing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.store import Store, open_store
from storyline.store import schema as t

_ARTICLES = 24
_RUN = "import sys; from storyline.cli import main; main(sys.argv[1:])"
_TOWNS = ("Tromsø", "Bergen", "Ålesund", "Bodø", "Narvik", "Molde", "Harstad", "Alta")
_PEOPLE = ("Ingrid Varholm", "Per Lindqvist", "Sofie Aasen", "Tor Brekke", "Eli Myrvang")


def _article(i: int) -> str:
    town, other = _TOWNS[i % len(_TOWNS)], _TOWNS[(i * 3 + 1) % len(_TOWNS)]
    person, second = _PEOPLE[i % len(_PEOPLE)], _PEOPLE[(i + 2) % len(_PEOPLE)]
    lines = [
        f"{town.upper()} - The coastal ferry number {i} left {town} on Monday with "
        f"{40 + i} passengers aboard, the harbour office said.",
        f'"We expect to reach {other} by Wednesday evening," captain {person} told reporters.',
        f"{second}, a spokesperson for the regional transport agency, said about {i + 3} "
        f"crew members had been added after the storm damaged the quay in {other}.",
    ]
    # Several paragraphs, so each article takes the pipeline a noticeable moment.
    paragraphs = [" ".join(lines)] * 4
    paragraphs.append(f"The route between {town} and {other} has run since {1950 + i}.")
    return "\n\n".join(paragraphs) + "\n"


def _ingest(folder: Path, url: str) -> subprocess.Popen[bytes]:
    args = ["ingest", str(folder), "--workers", "1", "--published", "2024-05-06", "--db", url]
    # Its own process group, so one signal reaches the client and the Dask processes.
    return subprocess.Popen(
        [sys.executable, "-c", _RUN, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _committed(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(sa.select(t.documents.c.id)).scalars())


@pytest.mark.slow
def test_kill_9_during_a_distributed_ingest_loses_nothing(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(_ARTICLES):
        (folder / f"ferry_{i:02d}.txt").write_text(_article(i), encoding="utf-8")

    proc = _ingest(folder, store_url)
    seen: set[str] = set()
    with open_store(store_url) as store:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            seen = _committed(store)
            if len(seen) >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest ended before it could be killed"
        assert 3 <= len(seen) < _ARTICLES, "no document committed in time to kill the run"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    # Nothing committed was lost; every stored document is whole and reads back.
    with open_store(store_url) as store:
        after_kill = _committed(store)
        assert seen <= after_kill
        for doc_id in after_kill:
            account, text = store.get(doc_id), store.text(doc_id)
            assert hashlib.sha256(text.encode()).hexdigest().startswith(doc_id)
            assert account.entities and account.places
            for place in account.places:
                for span in place.mentions:
                    assert text[span.start : span.end] == span.text

    # The rerun completes the corpus; nothing is stored twice.
    rerun = _ingest(folder, store_url)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    message = err.decode()
    assert f"{_ARTICLES - len(after_kill)} new" in message
    assert f"{len(after_kill)} unchanged" in message
    with open_store(store_url) as store, store.engine.connect() as conn:
        shas = conn.execute(sa.select(t.documents.c.text_sha256)).scalars().all()
        assert len(shas) == len(set(shas)) == _ARTICLES
        # Each document's fact rows exactly once: as many entity rows as its account has.
        per_doc = dict(
            conn.execute(
                sa.select(t.entities.c.document_id, sa.func.count()).group_by(
                    t.entities.c.document_id
                )
            ).all()
        )
        for doc_id in _committed(store):
            assert per_doc.get(doc_id, 0) == len(store.get(doc_id).entities)
