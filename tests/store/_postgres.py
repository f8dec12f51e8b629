"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, 127.0.0.1 on
a free port, one database per test cloned from a migrated template, removed at the end.

``initdb`` refuses to run as root, so as root every server command runs as the ``postgres``
user (``runuser -u postgres --``) in a folder that user owns.  When no PostgreSQL binaries
are installed the caller skips -- unless ``STORYLINE_REQUIRE_POSTGRES=1`` (set by
``.ci/run``), where a missing server is a failure.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["PG_TEMPLATE", "PostgresCluster", "find_bin_dir", "postgres_required"]

# The migrated database every test database is copied from.
PG_TEMPLATE = "storyline_template"

_PREFERRED = "/usr/lib/postgresql/15/bin"


def postgres_required() -> bool:
    return os.environ.get("STORYLINE_REQUIRE_POSTGRES") == "1"


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: PostgreSQL 15 first, then any version."""
    candidates = [_PREFERRED, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """One running server; :meth:`new_database` hands out fresh databases."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.user = "postgres" if self.as_root else pwd.getpwuid(os.geteuid()).pw_name
        self._counter = itertools.count(1)
        self._clean: list[str] = []
        self._template_tables: tuple[frozenset[str], str | None] | None = None
        self._started = False

    # --- server ---------------------------------------------------------------------------

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, cwd=self.root, capture_output=True, text=True, timeout=120, check=False
        )

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
        self.root.chmod(0o700)
        done = self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", self.user,
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        # Durability off: a test cluster trades crash safety for speed.
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
            "-t", "60", "start",
        )  # fmt: skip
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log[-2000:]}")
        self._started = True

    def stop(self) -> None:
        if self._started:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            # Never leave our server behind: if it is still up, kill it by its own pid file.
            pid_file = self.data / "postmaster.pid"
            if pid_file.exists():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # --- databases ------------------------------------------------------------------------

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        for attempt in range(50):
            try:
                with psycopg.connect(
                    host="127.0.0.1", port=self.port, user=self.user, dbname="postgres",
                    autocommit=True,
                ) as conn:  # fmt: skip
                    conn.execute(sql.encode())
                return
            except psycopg.errors.ObjectInUse:
                # A just-closed connection to the template may still be leaving.
                if attempt == 49:
                    raise
                time.sleep(0.05)

    def new_database(self, template: str | None = None) -> str:
        """Create a fresh database (a copy of ``template`` if given) and return its URL."""
        name = f"t{os.getpid()}_{next(self._counter)}"
        if template is None:
            self.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        else:
            self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def take(self, template: str) -> str:
        """A clean database at head: a recycled one when there is one, else a new copy of
        ``template`` (copying takes a second or more on a busy machine; emptying, ~50 ms)."""
        if self._clean:
            return self._clean.pop()
        if self._template_tables is None:
            self._template_tables = self._state(self.url(template))
        return self.new_database(template)

    def give_back(self, url: str) -> None:
        """Empty the database for the next test if it is as the template left it (same
        tables, same revision); otherwise drop it."""
        try:
            state = self._state(url)
            if state is None or state != self._template_tables:
                raise LookupError("changed")
            import psycopg

            name = url.rsplit("/", 1)[1]
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user=self.user, dbname=name, autocommit=True
            ) as conn:
                # A connection a test left open would block TRUNCATE: give up quickly.
                conn.execute(b"SET lock_timeout = '2s'")
                tables = ", ".join(f'"{t}"' for t in sorted(state[0]) if t != "alembic_version")
                conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE".encode())
        except Exception:
            self.drop_database(url)
            return
        self._clean.append(url)

    def _state(self, url: str) -> tuple[frozenset[str], str | None] | None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        try:
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user=self.user, dbname=name, autocommit=True
            ) as conn:
                tables = frozenset(
                    str(r[0])
                    for r in conn.execute(
                        b"SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                )
                revision = None
                if "alembic_version" in tables:
                    row = conn.execute(b"SELECT version_num FROM alembic_version").fetchone()
                    revision = str(row[0]) if row else None
        except psycopg.Error:
            return None
        return tables, revision

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
