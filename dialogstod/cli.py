"""The `dialogstod` command: a thin shell over the same functions the API calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from assistant.errors import DialogstodError
from assistant.logs import configure_logging
from assistant.settings import Settings
from assistant.types import IngestReport

if TYPE_CHECKING:
    from assistant.index.store import Index

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


def _open_index_with_material(index: Path | None) -> Index:
    """The index for a command that reads it; an empty one is an error, not a silent answer."""
    from assistant.index.store import Index

    settings = _settings(index)
    opened = Index(settings)
    if opened.is_empty():
        opened.close()
        raise DialogstodError(
            f"Indexet i {settings.index_dir} är tomt. Läs in underlag med "
            f"`dialogstod ingest SÖKVÄG --index {settings.index_dir}` eller ange rätt --index."
        )
    return opened


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]Fel:[/red] {exc}")
    return typer.Exit(code=1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Filer eller kataloger att läsa in.")],
    index: IndexOption = None,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Ta bort källor ur indexet vars filer inte längre finns."),
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
        opened = Index(_settings(index))
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

            report = run_ingest(opened, paths, prune=prune, progress=start)
        opened.close()
    except DialogstodError as exc:
        raise _fail(exc) from exc
    print_report(report)
    if report.files_seen == 0:
        err.print("[red]Inga filer hittades i de angivna sökvägarna; indexet är oförändrat.[/red]")
        raise typer.Exit(code=1)
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
    from assistant.answer.generator import load_generator
    from assistant.ask import ask as answer_question

    try:
        opened = _open_index_with_material(index)
        try:
            generator = load_generator(opened.settings)
            answer = answer_question(opened, question, huvudman, generator)
        finally:
            opened.close()
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
    try:
        opened = _open_index_with_material(index)
    except DialogstodError as exc:
        raise _fail(exc) from exc
    names = opened.catalog.huvudman_names()
    opened.close()
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


from evals.command import eval_command  # noqa: E402

app.command("eval")(eval_command)


@app.command("brief")
def brief_command(
    huvudman: Annotated[str, typer.Option("--huvudman", help="Huvudmannens id.")],
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown) eller html.")] = "md",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Skriv underlaget till filen i stället.")
    ] = None,
    marginal: Annotated[
        float,
        typer.Option(
            "--marginal", min=0, help="Marginal för ”Sämre än riket”, i % av rikets värde."
        ),
    ] = 2.0,
    index: IndexOption = None,
) -> None:
    """Skriv ett dialogunderlag för en huvudman: läget, flaggor, framgångsfaktorer, frågor."""
    from assistant.brief.compose import compose_brief
    from assistant.brief.render import FORMATS, render

    try:
        if fmt not in FORMATS:
            raise DialogstodError(f"Okänt format '{fmt}'. Välj md eller html.")
        opened = _open_index_with_material(index)
        try:
            text = render(compose_brief(opened, huvudman, marginal_procent=marginal), fmt)
        finally:
            opened.close()
        if out_file is not None:
            out_file.write_text(text, encoding="utf-8")
    except (DialogstodError, OSError) as exc:
        raise _fail(exc) from exc
    if out_file is None:
        typer.echo(text, nl=False)
    else:
        err.print(f"Skrev dialogunderlaget till {out_file}.")


@app.command("synth-packets")
def synth_packets_command(
    out_dir: Annotated[Path, typer.Option("--out", help="Katalog att skriva paketen i.")],
    huvudman: Annotated[
        int, typer.Option("--huvudman", min=1, help="Antal påhittade huvudmän.")
    ] = 2800,
    seed: Annotated[int, typer.Option("--seed", help="Samma frö ger samma filer.")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx eller mixed.")] = "mixed",
    per_file: Annotated[int, typer.Option("--per-file", min=1, help="Huvudmän per fil.")] = 100,
) -> None:
    """Skriv påhittade indikatorpaket (för skalprov); samma frö ger samma filer."""
    from evals.synth_packets import write_packets

    try:
        paths = write_packets(out_dir, huvudman, seed=seed, fmt=fmt, per_file=per_file)
    except (ValueError, OSError) as exc:
        raise _fail(exc) from exc
    err.print(
        f"Skrev {len(paths)} filer med {huvudman} påhittade huvudmän till {out_dir} "
        f"(frö {seed}, format {fmt})."
    )


if __name__ == "__main__":
    app()
