"""The store: transactional saves, idempotent re-ingest, exact round trips, clear errors."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.errors import (
    AmbiguousId,
    BadStoreUrl,
    NotFound,
    StoreError,
    StoreLocked,
    StoreUnavailable,
)
from storyline.store import SaveStatus, Store, open_store
from storyline.store import schema as t
from storyline.store import store as store_module
from tests.sample_accounts import (
    FERRY_TEXT,
    HARVEST_TEXT,
    ferry_account,
    harvest_account,
    minimal_account,
)

ALL_TABLES = [t.documents, *t.FACT_TABLES]


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in ALL_TABLES
        }


def test_open_creates_the_folder_and_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.db"
    with open_store(f"sqlite:///{path}") as store:
        assert path.exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert store.url_for_display == str(path)
        assert store.count() == 0


def test_default_url_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    monkeypatch.setenv("STORYLINE_DATA_DIR", str(tmp_path / "data"))
    with open_store() as store:
        assert store.url_for_display == str(tmp_path / "data" / "storyline.db")
    assert (tmp_path / "data" / "storyline.db").exists()


def test_in_memory_store_keeps_its_rows_across_calls() -> None:
    with open_store("sqlite://") as store:
        store.save(harvest_account(), HARVEST_TEXT)
        assert store.count() == 1
        assert store.get(harvest_account().document.id) == harvest_account()


def test_save_writes_one_row_per_fact(store: Store) -> None:
    account = ferry_account()
    result = store.save(account, FERRY_TEXT, origin="news/ferry.txt")
    assert result.status is SaveStatus.STORED and result.stored
    assert result.document_id == account.document.id
    counts = row_counts(store)
    assert counts["documents"] == counts["contents"] == 1
    assert counts["entities"] == len(account.entities)
    assert counts["places"] == len(account.places)
    assert counts["sources"] == len(account.sources)
    mentions = sum(
        len(x.mentions)
        for group in (account.entities, account.places, account.sources)
        for x in group
    )
    assert counts["mentions"] == mentions
    assert counts["times"] == len(account.times)
    assert counts["quantities"] == len(account.quantities)
    assert counts["quotes"] == len(account.quotes)
    assert counts["events"] == len(account.events)
    arguments = sum(
        len(e.actors) + len(e.targets) + len(e.places) + len(e.sources) for e in account.events
    )
    assert counts["event_arguments"] == arguments
    assert counts["main_event_answers"] == 4  # who, what, when, where
    assert counts["route_stops"] == 2 and counts["route_legs"] == 1


def test_mentions_point_at_their_owner(store: Store) -> None:
    store.save(ferry_account(), FERRY_TEXT)
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.places.c.name, t.mentions.c.text, t.mentions.c.start_char).join(
                t.mentions, t.mentions.c.place_id == t.places.c.id
            )
        ).all()
    assert sorted(rows) == [("Apia", "Apia", 96), ("Pacific", "Pacific", 106),
                            ("Suva", "SUVA", 0), ("Suva", "Suva", 51)]  # fmt: skip
    for _name, text, start in rows:
        assert FERRY_TEXT[start : start + len(text)] == text


def test_round_trip_is_exact(store: Store) -> None:
    account = ferry_account()
    store.save(account, FERRY_TEXT)
    back = store.get(account.document.id)
    assert back == account
    assert back.to_json() == account.to_json()
    assert store.text(account.document.id) == FERRY_TEXT


def test_text_keeps_line_endings_and_unicode(store: Store) -> None:
    text = "Zoë Ångström arrived in Tromsø on Monday.\r\nShe said the fjord was calm.\r\n"
    account = minimal_account(text)
    store.save(account, text)
    assert store.text(account.document.id) == text


def test_resaving_the_same_text_is_a_no_op(store: Store) -> None:
    account = ferry_account()
    store.save(account, FERRY_TEXT)
    before = row_counts(store)
    again = store.save(account, FERRY_TEXT)
    assert again.status is SaveStatus.UNCHANGED and again.unchanged
    assert row_counts(store) == before


def test_force_replaces_every_row(store: Store) -> None:
    account = ferry_account()
    store.save(account, FERRY_TEXT)
    before = row_counts(store)
    smaller = minimal_account(FERRY_TEXT, published="2024-03-04")
    result = store.save(smaller, FERRY_TEXT, force=True)
    assert result.status is SaveStatus.REPLACED and result.replaced
    after = row_counts(store)
    assert after["documents"] == 1 and after["entities"] == 0 and after["mentions"] == 0
    assert before["entities"] > 0
    assert store.get(account.document.id).document.published == "2024-03-04"


def test_a_failure_midway_leaves_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = store_module._insert_many

    def failing(conn: sa.Connection, table: sa.Table, rows: list[dict[str, object]]) -> None:
        calls["n"] += 1
        if table is t.quantities:  # after documents, entities, mentions, events, times
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        real(conn, table, rows)

    monkeypatch.setattr(store_module, "_insert_many", failing)
    with pytest.raises(StoreError, match="disk I/O error"):
        store.save(ferry_account(), FERRY_TEXT)
    assert calls["n"] >= 3
    assert all(n == 0 for n in row_counts(store).values())


def test_a_failed_replace_keeps_the_old_document(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = ferry_account()
    store.save(account, FERRY_TEXT)
    before = row_counts(store)

    def failing(conn: sa.Connection, table: sa.Table, rows: list[dict[str, object]]) -> None:
        raise RuntimeError("crash while writing")

    monkeypatch.setattr(store_module, "_insert_many", failing)
    with pytest.raises(RuntimeError):
        store.save(account, FERRY_TEXT, force=True)
    assert row_counts(store) == before
    assert store.get(account.document.id) == account


def test_text_must_match_the_account(store: Store) -> None:
    with pytest.raises(StoreError, match="does not match"):
        store.save(ferry_account(), FERRY_TEXT + " ")
    assert store.count() == 0


def test_ids_must_come_from_the_text(store: Store) -> None:
    account = harvest_account()
    for bad_id in ["", account.document.id[:8], "0" * 16]:
        document = account.document.model_copy(update={"id": bad_id})
        with pytest.raises(StoreError, match="sha256"):
            store.save(account.model_copy(update={"document": document}), HARVEST_TEXT)
    with pytest.raises(StoreError, match="not valid Unicode"):
        store.save(minimal_account("fine"), "lone \ud800 surrogate")
    assert store.count() == 0


def test_get_accepts_a_unique_prefix(store: Store) -> None:
    account = ferry_account()
    store.save(account, FERRY_TEXT)
    doc_id = account.document.id
    assert store.get(doc_id[:6]) == account
    assert store.get(doc_id.upper()) == account
    assert store.resolve(doc_id[:8]) == doc_id


@pytest.mark.parametrize("ref", ["", "abc", "12345", "not-hex-at-all", "zzzzzzzz"])
def test_get_refuses_short_or_malformed_ids(store: Store, ref: str) -> None:
    with pytest.raises(NotFound, match="at least"):
        store.get(ref)


def test_get_unknown_id_says_so(store: Store) -> None:
    store.save(harvest_account(), HARVEST_TEXT)
    with pytest.raises(NotFound, match="no document 'ffffffffffff'"):
        store.get("ffffffffffff")
    with pytest.raises(NotFound):
        store.text("ffffffffffff")


def _texts_sharing_a_prefix() -> tuple[str, str]:
    seen: dict[str, str] = {}
    for i in range(200_000):
        text = f"Harbour report number {i}: the ferry was late again."
        prefix = hashlib.sha256(text.encode()).hexdigest()[:6]
        if prefix in seen:
            return seen[prefix], text
        seen[prefix] = text
    raise AssertionError("no collision found")


def test_ambiguous_prefix_names_the_candidates(store: Store) -> None:
    first, second = _texts_sharing_a_prefix()
    a, b = minimal_account(first), minimal_account(second)
    store.save(a, first)
    store.save(b, second)
    with pytest.raises(AmbiguousId, match="several documents") as info:
        store.get(a.document.id[:6])
    assert a.document.id in info.value.message and b.document.id in info.value.message
    assert store.get(a.document.id) == a


def test_delete_removes_every_row(store: Store) -> None:
    store.save(ferry_account(), FERRY_TEXT)
    store.save(harvest_account(), HARVEST_TEXT)
    assert store.delete(ferry_account().document.id[:7]) == ferry_account().document.id
    counts = row_counts(store)
    assert counts["documents"] == 1 and counts["route_stops"] == 0
    assert counts["entities"] == len(harvest_account().entities)


def test_accounts_in_publication_order_or_as_asked(store: Store) -> None:
    store.save(ferry_account(), FERRY_TEXT)
    store.save(harvest_account(), HARVEST_TEXT)
    assert [a.document.published for a in store.accounts()] == ["2023-10-06", "2024-03-03"]
    ferry_id = ferry_account().document.id
    assert [a.document.id for a in store.accounts([ferry_id[:6]])] == [ferry_id]
    with pytest.raises(NotFound):
        store.accounts(["abcdef1234"])


def test_reopening_keeps_the_data(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save(harvest_account(), HARVEST_TEXT)
        revision = store.revision()
    with open_store(db_url) as store:
        assert store.count() == 1
        assert store.revision() == revision is not None


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://x/y", "sqlite+nodriver:///x.db"])
def test_bad_urls_are_store_errors(url: str) -> None:
    with pytest.raises(BadStoreUrl):
        open_store(url)


def test_url_without_an_installed_driver_is_a_clear_error() -> None:
    with pytest.raises(StoreError) as info:
        open_store("mysql+nosuchdriver://user:secret@localhost/db")
    assert "secret" not in info.value.message


def test_unreachable_database_is_a_store_error() -> None:
    # Port 9 (discard) on localhost: nothing listens; either no driver or connection refused.
    with pytest.raises(StoreError) as info:
        open_store("postgresql://user:secret@127.0.0.1:9/none")
    assert "secret" not in info.value.message


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is certainly not an SQLite database file" * 200)
    with pytest.raises(StoreUnavailable, match="not"):
        open_store(f"sqlite:///{path}")


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{blocker / 'sub' / 'store.db'}")


def test_a_store_from_a_newer_version_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreUnavailable, match="newer version"):
        open_store(db_url)


def test_a_locked_database_is_reported(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    with open_store(sqlite_url) as store:
        path = store.engine.url.database
        assert path is not None
        blocker = sqlite3.connect(path, isolation_level=None)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StoreLocked, match="locked"):
                store.save(harvest_account(), HARVEST_TEXT)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert store.save(harvest_account(), HARVEST_TEXT).stored


def test_two_writers_racing_on_the_same_text_store_it_once(db_url: str) -> None:
    rounds = 8
    cases = []
    for i in range(rounds):
        text = f"Round {i}: two workers finished the same article at once."
        cases.append((minimal_account(text), text))
    statuses: list[SaveStatus] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def write(store: Store) -> None:
        for account, text in cases:
            barrier.wait()
            try:
                statuses.append(store.save(account, text).status)
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

    # Two stores, as two processes would have: each passes its own existence check.
    with open_store(db_url) as first, open_store(db_url) as second:
        threads = [threading.Thread(target=write, args=(s,)) for s in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert statuses.count(SaveStatus.STORED) == rounds
        assert statuses.count(SaveStatus.UNCHANGED) == rounds
        assert row_counts(first)["documents"] == rounds


# --- PostgreSQL ----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_postgresql_urls_use_psycopg_3(scheme: str) -> None:
    engine = store_module._create_engine(f"{scheme}://someone:pw@127.0.0.1:9/db")
    try:
        assert engine.url.drivername == "postgresql+psycopg"
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_plain_postgresql_url_opens_the_store(postgres_url: str) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with open_store(plain) as store:
        store.save(harvest_account(), HARVEST_TEXT)
        assert store.engine.dialect.name == "postgresql"
        assert store.get(harvest_account().document.id) == harvest_account()


def test_two_processes_creating_one_postgresql_store_at_once(empty_postgres_url: str) -> None:
    # Both find an empty database; the advisory lock lets one migrate while the other waits.
    errors: list[BaseException] = []
    revisions: list[str | None] = []
    barrier = threading.Barrier(3)

    def open_it() -> None:
        barrier.wait()
        try:
            with open_store(empty_postgres_url) as store:
                revisions.append(store.revision())
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(revisions) == 3 and len(set(revisions)) == 1 and revisions[0] is not None
