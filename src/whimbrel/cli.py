"""The ``whimbrel`` command line: code, ingest, query and explain events."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections import Counter
from dataclasses import asdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .errors import Errors, WhimbrelError
from .records import Skip

app = typer.Typer(
    help="Whimbrel turns news text into sourced, dated, who-did-what-to-whom event data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=True)
err = Console(stderr=True)

FORMATS = ("table", "jsonl", "json")

DateOpt = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that have none.")
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table, jsonl (one event a line) or json.")]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Any installed spaCy English pipeline (default: the best installed).")
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Your own actors (YAML or CSV); may be repeated. Your entries win.", exists=True),
]
PatternsOpt = Annotated[
    list[Path] | None, typer.Option("--patterns", help="Your own predicate patterns (YAML); may be repeated.", exists=True)
]
CuesOpt = Annotated[
    list[Path] | None, typer.Option("--cues", help="Your own certainty cues (YAML); may be repeated.", exists=True)
]
OutletsOpt = Annotated[
    list[Path] | None, typer.Option("--outlets", help="Your own outlet ratings (CSV); may be repeated.", exists=True)
]
USER_FILES = ("actor_files", "pattern_files", "cue_files", "outlet_files")
DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default: $WHIMBREL_DB or ./whimbrel.duckdb).")]


@app.callback()
def _main() -> None:
    # Readers warn (WhimbrelWarning) about fields they had to drop; show those in the CLI's style.
    def show(message, category, filename, lineno, file=None, line=None) -> None:
        err.print(f"[yellow]warning[/yellow] {escape(str(message))}", highlight=False)

    warnings.showwarning = show


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(Errors.E004.format(value=value), param_hint="--date") from None


def _check_format(value: str) -> str:
    if value not in FORMATS:
        raise typer.BadParameter(Errors.E007.format(value=value, choices=", ".join(FORMATS)), param_hint="--format")
    return value


def _db_path(db: Path | None) -> Path:
    from .store import default_path

    return db or default_path()


def _fail(e: WhimbrelError) -> None:
    err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
    raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _with_progress(items: Iterable[Any], description: str) -> Iterator[Any]:
    """Show a progress bar on stderr while iterating (the total grows as readers find documents)."""
    with _progress() as progress:
        task = progress.add_task(description, total=None)
        for item in items:
            progress.advance(task)
            yield item


def _user_files(*lists: list[Path] | None) -> dict[str, list[str]]:
    """The user's knowledge files by kind, in the order of USER_FILES."""
    return {kind: [str(p) for p in paths or []] for kind, paths in zip(USER_FILES, lists, strict=True)}


def _load(model: str | None, files: dict[str, list[str]]):
    from .pipeline import load_nlp

    with err.status("Loading the spaCy pipeline and Whimbrel's knowledge base..."):
        return load_nlp(model, **files)


def _short_actor(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    label = a.get("name") or a.get("text")
    tags = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
    return f"{label} [{tags}]" if tags else str(label)


def _print_events(events: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for e in events:
            out.print(json.dumps(e, ensure_ascii=False, default=str), markup=False, highlight=False)
        return
    if fmt == "json":
        out.print(json.dumps(events, ensure_ascii=False, indent=2, default=str), markup=False, highlight=False)
        return
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "source", "event", "target", "certainty", "says who", "evidence"):
        table.add_column(col, overflow="fold")
    for e in events:
        cells = (
            str(e.get("date") or "-"),
            _short_actor(e.get("source")),
            f"{e['type']} ({e['cameo']})",
            _short_actor(e.get("target")),
            e.get("certainty") or "-",
            _says_who(e.get("attribution")),
            e.get("trigger") or "",
        )
        table.add_row(*map(Text, cells))  # plain Text: "[militia]" is data, not rich markup
    out.print(table)
    err.print(f"{len(events)} event(s)")


def _says_who(a: dict[str, Any] | None) -> str:
    if not a:
        return "the article"
    if a["kind"] == "document":  # the article's own voice, carried by its outlet(s)
        return "the article, via " + ", ".join(x["outlet"] or x["text"] for x in a["chain"] or [a])
    return a.get("name") or a.get("outlet") or a["text"]


def _report_skip(skip: Skip) -> None:
    # file names and reasons are data: escaped, so "[x].txt" is printed, not read as markup
    err.print(f"[yellow]skipped[/yellow] {escape(skip.source)}: {escape(skip.reason)}", highlight=False)


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    date: DateOpt = None,
    fmt: FormatOpt = "table",
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    cues: CuesOpt = None,
    outlets: OutletsOpt = None,
) -> None:
    """Code documents and print their events; stores nothing.

    Example: [bold]whimbrel code examples/000_06e9c24ce2b7baa8.txt --date 2024-11-10[/bold]
    """
    from .pipeline import code_documents
    from .readers import read_paths

    date, fmt = _check_date(date), _check_format(fmt)
    try:
        nlp = _load(model, _user_files(actors, patterns, cues, outlets))
        events: list[dict[str, Any]] = []
        for item in _with_progress(code_documents(nlp, read_paths(paths, default_date=date)), "Coding"):
            if isinstance(item, Skip):
                _report_skip(item)
            elif fmt == "jsonl":  # stream: a large batch never waits in memory
                _print_events([e.to_dict() for e in item.events], fmt)
            else:
                events.extend(e.to_dict() for e in item.events)
    except WhimbrelError as e:
        _fail(e)
    if fmt != "jsonl":
        _print_events(events, fmt)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    db: DbOpt = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    cues: CuesOpt = None,
    outlets: OutletsOpt = None,
) -> None:
    """Code documents and store them with their events; prints what happened to every document.

    Documents already in the store are not coded again. Knowledge files given once (--actors,
    --patterns, --cues, --outlets) are remembered by the store and used by later ingests.

    Example: [bold]whimbrel ingest news/ --db news.duckdb[/bold]
    """
    from .pipeline import code_documents
    from .readers import read_paths
    from .store import Store

    date = _check_date(date)
    counts: Counter[str] = Counter()
    skipped: list[Skip] = []
    try:
        with Store(_db_path(db)) as store:
            files = _user_files(actors, patterns, cues, outlets)
            for kind in USER_FILES:
                files[kind] = list(dict.fromkeys([*(store.get_setting(kind) or []), *files[kind]]))
                store.set_setting(kind, files[kind])
            nlp = _load(model, files)

            def fresh() -> Iterator[Any]:
                for item in read_paths(paths, default_date=date):
                    counts["read"] += 1
                    if not isinstance(item, Skip) and store.has_document(item.id):
                        counts["already stored"] += 1
                        continue
                    yield item

            for item in _with_progress(code_documents(nlp, fresh()), "Ingesting"):
                if isinstance(item, Skip):
                    store.write_skip(item)
                    skipped.append(item)
                    counts["skipped"] += 1
                else:
                    store.write(item)
                    counts["coded"] += 1
                    counts["events stored"] += len(item.events)
    except WhimbrelError as e:
        _fail(e)
    summary = Table(title=f"Ingested into {_db_path(db)}", show_header=False)
    for key in ("read", "coded", "already stored", "skipped", "events stored"):
        summary.add_row(key, str(counts[key]))
    out.print(summary)
    for skip in skipped:
        out.print(f"skipped {skip.source}: {skip.reason}", markup=False, highlight=False)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or ISO country code, as source or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Query stored events.

    Example: [bold]whimbrel events --actor PRK --type ACCUSE --since 2024[/bold]
    """
    from .store import Store

    fmt = _check_format(fmt)
    path = _db_path(db)
    if not path.exists():
        _fail(WhimbrelError(Errors.E003.format(path=path)))
    try:
        with Store(path) as store:
            rows = store.events(actor=actor, type=type_.upper() if type_ else None, since=since, until=until, limit=limit)
    except WhimbrelError as e:
        _fail(e)
    _print_events(rows, fmt)


@app.command()
def actors(
    text: Annotated[str, typer.Argument(help="A sentence or passage (or - to read it from stdin).")],
    date: Annotated[str | None, typer.Option("--date", help="The date to resolve titles on (YYYY-MM-DD).")] = None,
    fmt: FormatOpt = "table",
    model: ModelOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Show who every actor in a text is, and how Whimbrel knows: check a name, a title on a date,
    or your own actor file before coding a corpus with it.

    Example: [bold]whimbrel actors "The German chancellor met his French counterpart." --date 2025-12-10[/bold]
    """
    import sys

    from .pipeline import make_doc, records_from_doc
    from .records import Document

    date, fmt = _check_date(date), _check_format(fmt)
    document = Document(id="text", text=sys.stdin.read() if text == "-" else text, date=date)
    try:
        nlp = _load(model, _user_files(actors, None, None, None))
    except WhimbrelError as e:
        _fail(e)
    with nlp.select_pipes(disable=[n for n in ("whimbrel_events", "whimbrel_provenance") if n in nlp.pipe_names]):
        found = [asdict(a) for a in records_from_doc(nlp(make_doc(nlp, document)), document).actors]
    if fmt != "table":
        _print_events(found, fmt)
        return
    table = Table(header_style="bold")
    for col in ("mention", "actor", "id", "country", "sector", "resolved by"):
        table.add_column(col, overflow="fold")
    for a in found:
        table.add_row(*(Text(str(a[k] or "-")) for k in ("text", "name", "id", "country", "sector", "resolved_by")))
    out.print(table)


def _explain_actor(role: str, a: dict[str, Any] | None) -> str:
    if not a:
        return f"{role}: none named"
    where = ", ".join(x for x in (a.get("country"), a.get("sector")) if x) or "country unknown"
    who = a.get("name") or "an unnamed actor"
    return f"{role}: \"{a['text']}\" -> {who} ({where}; id {a.get('id') or '-'}), resolved by {a['resolved_by']}"


@app.command()
def explain(
    event_id: Annotated[str, typer.Argument(help="The event's event_id (from events --format jsonl).")],
    db: DbOpt = None,
) -> None:
    """Explain why a stored event exists: its evidence, actors, pattern, certainty, date and sources.

    Example: [bold]whimbrel explain 3f9c2d0e8a1b4c5d --db news.duckdb[/bold]
    """
    from .store import Store

    path = _db_path(db)
    if not path.exists():
        _fail(WhimbrelError(Errors.E003.format(path=path)))
    try:
        with Store(path) as store:
            found = store.events(event_id=event_id)
            document = store.document(found[0]["doc_id"]) if found else None
    except WhimbrelError as e:
        _fail(e)
    if not found or document is None:
        _fail(WhimbrelError(Errors.E010.format(event_id=event_id)))
    e = found[0]
    sentence_start = document.text.find(e["sentence"], max(0, e["end"] - len(e["sentence"]))) if e["sentence"] else -1
    out.print(f"[bold]{e['type']}[/bold] (mode {e['mode'] or '-'}, CAMEO {e['cameo']}, intensity "
              f"{e['intensity']}, Goldstein {e['goldstein']})  event {e['event_id']}")
    if sentence_start >= 0:
        a, b = e["start"] - sentence_start, e["end"] - sentence_start
        s = e["sentence"]
        out.print(f"  evidence: {escape(s[:a])}[reverse]{escape(s[a:b])}[/reverse]{escape(s[b:].rstrip())}")
    for line in (
        _explain_actor("source", e["source"]),
        _explain_actor("target", e["target"]),
        f"pattern: {e['pattern'] or '-'} (trigger \"{e['trigger']}\")",
        f"certainty: {e['certainty']}" + (f"; flags: {', '.join(e['flags'])}" if e["flags"] else ""),
        f"date: {e['date'] or 'unknown'} (basis: {e['date_basis'] or '-'}"
        + (f", from \"{e['date_text']}\")" if e["date_text"] else ")"),
        f"confidence: {e['confidence']}",
    ):
        out.print("  " + line, markup=False, highlight=False)
    chain = (e["attribution"]["chain"] or [e["attribution"]]) if e["attribution"] else []
    if not chain:
        out.print("  says who: the article itself", highlight=False)
    for i, a in enumerate(chain):
        rating = f", outlet rating {a['rating']:.2f}" if a.get("rating") is not None else ""
        label = "says who" if i == 0 else "   via"
        out.print(f"  {label}: \"{a['text']}\" ({a['kind']}{rating})", markup=False, highlight=False)
    meta = ", ".join(x for x in (document.title, document.outlet, document.date, document.url) if x)
    out.print(f"  document: {document.id}" + (f" ({meta})" if meta else ""), markup=False, highlight=False)

