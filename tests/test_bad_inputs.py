"""Property tests: generated bad input never causes a traceback or a partial row.

Through the library, bad input raises an :class:`~storyline.errors.InputError`; through the
CLI it prints one ``error:`` line and exits non-zero, and an ingest of it writes nothing.
Odd but valid text goes through the whole pipeline without an unexpected exception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import Pipeline
from storyline.cli import main
from storyline.errors import BadDate, InputError, NotText
from storyline.ingest.dates import parse_published
from storyline.ingest.text import decode_bytes
from storyline.settings import get_settings

SMALL_LIMIT = 400  # bytes, so that "too large" inputs stay cheap to generate

# Words of other languages (our own small lists), to build text that is not English.
_FOREIGN = {
    "es": """el la los las de del que y en un una por con para como pero sus al lo se""".split(),
    "de": """der die das und ist nicht mit auf für von dem den ein eine zu sich auch""".split(),
    "fr": """le la les des et est dans une pour pas que qui sur avec aux du au par""".split(),
}
_ENGLISH = """the minister said on monday that talks in paris would resume after a strike by workers
at the port according to officials who asked not to be named""".split()

whitespace = st.text(alphabet=" \t\r\n\u00a0\u2003\u3000", min_size=0, max_size=40)
controls = st.text(
    alphabet=[chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t"], min_size=30, max_size=200
)
non_latin = st.text(
    alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x04FF)
    | st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
    | st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    min_size=20,
    max_size=300,
).filter(lambda s: sum(c.isalpha() for c in s) > 10)
foreign = (
    st.sampled_from(sorted(_FOREIGN))
    .flatmap(lambda lang: st.lists(st.sampled_from(_FOREIGN[lang]), min_size=40, max_size=120))
    .map(lambda words: " ".join(words) + ".")
)
too_large = st.integers(min_value=SMALL_LIMIT + 1, max_value=SMALL_LIMIT * 4).map(
    lambda n: ("The port reopened on Monday. " * (n // 29 + 1))[:n]
)
with_nul = st.tuples(
    st.lists(st.sampled_from(_ENGLISH), min_size=15, max_size=40), st.integers(0, 100)
).map(lambda t: " ".join(t[0][: t[1] % len(t[0])]) + "\x00" + " ".join(t[0]))
bad_text = st.one_of(whitespace, controls, non_latin, foreign, too_large, with_nul)

bad_dates = st.one_of(
    st.text(max_size=30).filter(lambda s: not _is_iso(s)),
    st.tuples(st.integers(1000, 9999), st.integers(13, 99), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.tuples(st.integers(1000, 9999), st.integers(1, 12), st.integers(32, 99)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]}"
    ),
)
bad_bytes = st.one_of(
    st.binary(min_size=1, max_size=300).filter(lambda b: b"\x00" in b or not _utf8(b)),
    st.binary(min_size=1, max_size=50).map(lambda b: b"\x00" + b),
)
odd_text = st.lists(
    st.one_of(st.sampled_from(_ENGLISH), st.text(min_size=1, max_size=6)), min_size=12, max_size=80
).map(" ".join)


def _is_iso(value: str) -> bool:
    try:
        parse_published(value)
    except BadDate:
        return False
    return True


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.fixture(scope="module")
def small_pipeline(pipeline: Pipeline) -> Pipeline:
    """The session pipeline's model with a small size limit."""
    small = Pipeline(dataclasses.replace(get_settings(), max_bytes=SMALL_LIMIT))
    small._nlp = pipeline.nlp  # share the loaded model: only the limit differs
    return small


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=bad_text)
def test_library_refuses_bad_text_with_an_input_error(small_pipeline: Pipeline, text: str) -> None:
    with pytest.raises(InputError):
        small_pipeline.extract(text, "2024-05-01")


@settings(max_examples=40, deadline=None)
@given(value=bad_dates)
def test_library_refuses_bad_dates(pipeline: Pipeline, value: str) -> None:
    with pytest.raises(BadDate):
        pipeline.extract("The minister spoke to reporters in Paris on Monday.", value)


@settings(max_examples=40, deadline=None)
@given(data=bad_bytes)
def test_bad_bytes_are_not_text(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_bytes(data)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=odd_text)
def test_odd_but_valid_text_never_breaks_a_stage(pipeline: Pipeline, text: str) -> None:
    try:
        account = pipeline.extract(text, dt.date(2024, 2, 29), language="en")
    except InputError:
        return
    for item in [*account.times, *account.quantities]:
        assert text[item.start : item.end] == item.text
    for group in (account.entities, account.places, account.sources):
        for thing in group:
            for m in thing.mentions:
                assert text[m.start : m.end] == m.text


def _row_count(url: str) -> int:
    """Rows in the store's tables; a full-text index's own shadow tables (FTS5 keeps its
    settings there from the start) are bookkeeping, its virtual table counts documents."""
    engine = sa.create_engine(url)
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            virtual = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            ).scalars().all()
            shadow = tuple(f"{name}_" for name in virtual)
            return sum(
                conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for name, t in meta.tables.items()
                if name != "alembic_version" and not name.startswith(shadow or ("\0",))
            )
    finally:
        engine.dispose()


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    content=st.one_of(bad_text.map(lambda s: s.encode("utf-8", "surrogatepass")), bad_bytes),
    date=st.one_of(st.none(), bad_dates),
)
def test_cli_bad_input_is_one_line_and_writes_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pipeline: Pipeline,
    content: bytes,
    date: str | None,
) -> None:
    monkeypatch.setenv("STORYLINE_MAX_BYTES", str(SMALL_LIMIT))
    folder = tmp_path_factory.mktemp("bad")
    path = folder / "article.txt"
    path.write_bytes(content)
    url = f"sqlite:///{folder / 'store.db'}"
    for argv in (
        ["extract", str(path), "--published", date or "2024-05-01"],
        ["ingest", str(path), "--db", url, "--published", date or "2024-05-01"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        out, err = capsys.readouterr()
        assert exit_info.value.code not in (0, None), (argv, out, err)
        assert "Traceback" not in err and "Traceback" not in out
        assert "internal error" not in err, err
    if Path(folder / "store.db").exists():
        assert _row_count(url) == 0
