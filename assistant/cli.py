"""The `dialogstod` command: a thin shell over the same functions the API calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from assistant.errors import DialogstodError
from assistant.logging import configure_logging
from assistant.settings import Settings
from assistant.types import IngestReport

app = typer.Typer(
    help="Dialogstöd: förbered kvalitetsdialoger med källhänvisade svar.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index", help="Indexkatalog (annars DIALOGSTOD_INDEX_DIR, annars ./data/index)."
    ),
]


def _settings(index: Path | None) -> Settings:
    settings = Settings()
    if index is not None:
        settings = settings.model_copy(update={"index_dir": index})
    configure_logging(settings.log_level)
    return settings


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]Fel:[/red] {exc}")
    return typer.Exit(code=1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Filer eller kataloger att läsa in.")],
    index: IndexOption = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Ta bort källor ur indexet som inte längre finns.")
    ] = False,
) -> None:
    """Läs in dokument och indikatorpaket i indexet."""
    from assistant.index.store import Index
    from assistant.ingest.pipeline import failed_completely
    from assistant.ingest.pipeline import ingest as run_ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(DialogstodError(f"Hittar inte: {', '.join(missing)}."))
    try:
        store = Index(_settings(index))
        with Progress(
            TextColumn("Bäddar in"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:

            def start(total: int, _: int) -> Callable[[int], None]:
                task = bar.add_task("inbäddning", total=total)
                return lambda n: bar.advance(task, n)

            report = run_ingest(store, paths, prune=prune, progress=start)
    except DialogstodError as exc:
        raise _fail(exc) from exc
    print_report(report)
    if failed_completely(report):
        err.print("[red]Ingen fil kunde läsas in; indexet är oförändrat.[/red]")
        raise typer.Exit(code=1)


def print_report(report: IngestReport) -> None:
    out.print(
        f"Filer: {report.files_seen} hittade, {report.files_ingested} inlästa, "
        f"{report.files_unchanged} oförändrade, {report.files_removed} borttagna, "
        f"{len(report.skipped)} överhoppade."
    )
    out.print(
        f"Avsnitt: {report.chunks_written} skrivna; paketrader: {report.packet_rows_written}; "
        f"nya vektorer: {report.vectors_embedded}."
    )
    if report.skipped:
        table = Table("Överhoppad fil", "Orsak", title="Filer som inte lästes in")
        for skipped in report.skipped:
            table.add_row(skipped.path, skipped.reason)
        out.print(table)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Frågan, på svenska.")],
    huvudman: Annotated[
        str | None, typer.Option("--huvudman", help="Huvudmannens id (avgränsar samtalet).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv svaret som JSON.")] = False,
    index: IndexOption = None,
) -> None:
    """Ställ en fråga och få ett svar med källhänvisningar."""
    from assistant.ask import ask as answer_question
    from assistant.index.store import Index

    try:
        answer = answer_question(Index(_settings(index)), question, huvudman)
    except DialogstodError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    out.print(answer.answer, highlight=False)
    if not answer.supported:
        out.print("[yellow](Inget stöd i underlaget.)[/yellow]")
    for c in answer.citations:
        out.print(f"[{c.n}] {c.source}, {c.locator}: {c.title}", highlight=False)


@app.command("huvudman")
def list_huvudman(index: IndexOption = None) -> None:
    """Visa huvudmännen som har indikatorpaket i indexet."""
    from assistant.index.catalog import Catalog
    from assistant.index.store import CATALOG_FILE

    settings = _settings(index)
    names = Catalog(settings.index_dir / CATALOG_FILE).huvudman_names()
    table = Table("Id", "Namn")
    for huvudman_id, name in sorted(names.items()):
        table.add_row(huvudman_id, name)
    out.print(table)


@app.command()
def serve(
    index: IndexOption = None,
    host: Annotated[str | None, typer.Option(help="Adress att lyssna på.")] = None,
    port: Annotated[int | None, typer.Option(help="Port att lyssna på.")] = None,
) -> None:
    """Starta API:t; ett tomt index fylls först med demokorpusen."""
    import uvicorn

    from api.app import create_app

    settings = _settings(index)
    try:
        application = create_app(settings)
    except DialogstodError as exc:
        raise _fail(exc) from exc
    uvicorn.run(
        application,
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level.lower(),
    )


if __name__ == "__main__":
    app()
