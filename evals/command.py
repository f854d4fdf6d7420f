"""`dialogstod eval`: run a dataset, compare with the baseline and the embedding models, report.

Only typer and the standard library are imported at module level, so registering the command in
`dialogstod.cli` costs nothing until it runs.
"""

from __future__ import annotations

import hashlib
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from assistant.answer.generator import Generator
    from assistant.index.embeddings import Embedder
    from assistant.index.store import Index
    from evals.harness import Backend, ItemResult

COMPARED_MODELS = ("e5-small", "minilm")


def _progress(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description:<34}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@contextmanager
def _corpus_index(
    model: str, embedder: Embedder | None, bar: Progress, label: str, extra: Sequence[Path] = ()
) -> Iterator[tuple[Index, float]]:
    """A fresh temporary index of the bundled corpus (and `extra` folders), and the seconds its
    ingest took."""
    from assistant.index.embeddings import load_embedder
    from assistant.index.store import Index
    from assistant.ingest.pipeline import ingest
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory(prefix="dialogstod-eval-") as tmp:
        settings = Settings(index_dir=Path(tmp), embedding_model=model)
        index = Index(settings, embedder=embedder or load_embedder(model))
        task = bar.add_task(label, total=None)

        def start(total: int, _: int) -> Callable[[int], None]:
            bar.update(task, total=total)
            return lambda n: bar.advance(task, n)

        started = time.perf_counter()
        try:
            ingest(index, [settings.corpus_dir, *extra], progress=start)
            seconds = time.perf_counter() - started
            bar.update(task, total=1, completed=1)
            yield index, seconds
        finally:
            index.close()


def _run(
    backend: Backend, items: Sequence[dict[str, Any]], k: int, bar: Progress, label: str
) -> list[ItemResult]:
    from evals.harness import evaluate

    task = bar.add_task(label, total=len(items))
    return evaluate(backend, items, k=k, advance=lambda: bar.advance(task))


def _section(backend: Backend, results: Sequence[ItemResult]) -> dict[str, Any]:
    from evals.metrics import mode_counts, summarise, summarise_by_tag

    scores = [r.score for r in results]
    return {
        "name": backend.name,
        "description": backend.description,
        "summary": summarise(scores),
        "by_tag": summarise_by_tag(scores),
        "modes": mode_counts(e.answer.mode for r in results for e in r.run.exchanges),
        "items": [r.to_json() for r in results],
    }


def _generated_run(
    index: Index,
    generator: Generator,
    items: Sequence[dict[str, Any]],
    k: int,
    bar: Progress,
) -> dict[str, Any]:
    """The same items on the same index, with the language model writing the answers."""
    from evals.harness import InProcessBackend

    task = bar.add_task(f"Uppvärmning ({generator.name})", total=None)
    writer = InProcessBackend(index, generator=generator)
    bar.update(task, total=1, completed=1)
    return _section(writer, _run(writer, items, k, bar, f"Genererat ({generator.name})"))


def _print_summary(console: Console, report: dict[str, Any], paths: Sequence[Path]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from evals.metrics import SUMMARY_KEYS
    from evals.report import LABELS, fmt, mode_summary, summary_columns

    columns = summary_columns(report)
    table = Table(title="Svarskvalitet", title_justify="left")
    table.add_column("Mått")
    for column in columns:
        table.add_column(column.short, justify="right")
    colours = {"better": "green", "worse": "red"}
    for key in SUMMARY_KEYS:
        cells = [column.cells[key] for column in columns]
        table.add_row(
            LABELS[key],
            *(f"[{colours[css]}]{text}[/]" if css in colours else text for text, css in cells),
        )
    console.print(table)
    for name, key in (("Dialogstöd", "system"), ("Genererat", "generated")):
        modes = mode_summary(report[key]["modes"]) if report.get(key) else None
        if modes:
            console.print(f"{name}: {escape(modes)}")

    tags = Table(title="Per tagg", title_justify="left")
    for name in ("Tagg", "Frågor", "Rätt", "Faktaträff", "Källprecision", "Läckor"):
        tags.add_column(name, justify="left" if name == "Tagg" else "right")
    for tag, s in report["system"]["by_tag"].items():
        tags.add_row(
            tag,
            fmt("evaluated", s["evaluated"]),
            fmt("pass_rate", s["pass_rate"]),
            fmt("fact_recall", s["fact_recall"]),
            fmt("citation_precision", s["citation_precision"]),
            fmt("leakage", s["leakage"]),
        )
    console.print(tags)

    if report["models"]:
        models = Table(title="Inbäddningsmodeller", title_justify="left")
        models.add_column("Mått")
        for m in report["models"]:
            models.add_column(m["model"], justify="right")
        for key in ("pass_rate", "fact_recall", "recall_at_k", "mrr", "latency_p95_ms"):
            models.add_row(LABELS[key], *(fmt(key, m["summary"][key]) for m in report["models"]))
        console.print(models)

    compare = report["compare"]
    if compare:
        console.print(
            f"[bold]{len(compare['regressions'])} försämringar[/bold], "
            f"{len(compare['improvements'])} förbättringar mot {compare['previous']}"
        )
        for r in compare["regressions"]:
            console.print(f"  [red]{r['id']}[/red]: {'; '.join(r['reasons'])}")
    for note in report["notes"]:
        console.print(f"[yellow]{note}[/yellow]")
    for path in paths:
        console.print(f"Skrev {path}")


def eval_command(
    dataset: Annotated[
        Path | None,
        typer.Option("--dataset", help="JSONL-datamängd (standard: evals/datasets/sv-gold.jsonl)."),
    ] = None,
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texter",
            help="Fler mappar att läsa in bredvid demokorpusen i det tillfälliga indexet "
            "(upprepa), t.ex. evals/prosa/texter.",
        ),
    ] = None,
    index: Annotated[
        Path | None,
        typer.Option("--index", help="Befintlig indexkatalog (annars ett tillfälligt index)."),
    ] = None,
    api: Annotated[
        str | None,
        typer.Option("--api", help="Kör mot en server över HTTP, t.ex. http://127.0.0.1:8000."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Katalog för report.json, report.html och report.png.")
    ] = Path("test-output/eval"),
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help="En tidigare report.json att jämföra med."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="Inbäddningsmodell i processen (standard: inställningen)."),
    ] = None,
    subset: Annotated[
        int | None,
        typer.Option("--subset", min=1, help="Bara N frågor, jämnt spridda över datamängden."),
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tags", help="Bara frågor med någon av taggarna (upprepa eller a,b)."),
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, help="k för recall@k och nDCG@k.")] = 4,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Hoppa över LangChain-baslinjen.")
    ] = False,
    no_models: Annotated[
        bool, typer.Option("--no-models", help="Hoppa över jämförelsen av inbäddningsmodeller.")
    ] = False,
    no_screenshot: Annotated[
        bool, typer.Option("--no-screenshot", help="Ingen skärmbild av rapporten i Chromium.")
    ] = False,
    no_generated: Annotated[
        bool,
        typer.Option(
            "--no-generated",
            help="Kör inte frågorna med språkmodellen, även om en är konfigurerad.",
        ),
    ] = False,
    fail_on_regression: Annotated[
        bool,
        typer.Option("--fail-on-regression", help="Felkod 1 om --compare hittar försämringar."),
    ] = False,
) -> None:
    """Mät svarskvaliteten på en datamängd och skriv en rapport (JSON och HTML)."""
    from rich.console import Console

    from assistant.errors import DialogstodError
    from assistant.logs import configure_logging

    console = Console(stderr=True)
    configure_logging("WARNING")
    if index is not None and api is not None:
        console.print("[red]Fel:[/red] ange antingen --index eller --api, inte båda.")
        raise typer.Exit(code=2)
    try:
        report, paths = _evaluate(
            console,
            dataset=dataset,
            texts=list(texts or []),
            index_dir=index,
            api=api,
            out=out,
            compare=compare,
            model=model,
            subset=subset,
            tags=[t for value in tags or [] for t in value.split(",") if t.strip()],
            k=k,
            baseline=not no_baseline,
            models=not no_models,
            generate=not no_generated,
            take_screenshot=not no_screenshot,
        )
    except (DialogstodError, ValueError, OSError) as exc:
        console.print(f"[red]Fel:[/red] {exc}")
        raise typer.Exit(code=1) from exc
    _print_summary(Console(), report, paths)
    if fail_on_regression and report["compare"] and report["compare"]["regressions"]:
        raise typer.Exit(code=1)


def _command_line() -> str:
    args = sys.argv[1:]
    if "eval" in args:
        args = args[args.index("eval") + 1 :]
    return "dialogstod eval " + " ".join(shlex.quote(a) for a in args)


def _evaluate(
    console: Console,
    *,
    dataset: Path | None,
    texts: Sequence[Path],
    index_dir: Path | None,
    api: str | None,
    out: Path,
    compare: Path | None,
    model: str | None,
    subset: int | None,
    tags: list[str],
    k: int,
    baseline: bool,
    models: bool,
    generate: bool,
    take_screenshot: bool,
) -> tuple[dict[str, Any], list[Path]]:
    import httpx

    from assistant.answer.generator import load_generator
    from assistant.errors import DialogstodError
    from assistant.index.embeddings import load_embedder
    from assistant.index.store import Index
    from assistant.settings import Settings
    from evals.devset import load_items
    from evals.harness import GOLD_SET, ApiBackend, InProcessBackend, select, validate
    from evals.judges import available_judges, judge_config
    from evals.report import build_report, load_previous, screenshot, write_report

    dataset = dataset or GOLD_SET
    items = load_items(dataset)
    validate(items)
    chosen = select(items, subset=subset, tags=tags)
    if not chosen:
        raise ValueError(f"inga frågor i {dataset} matchar urvalet")
    previous = load_previous(compare) if compare else None
    defaults = Settings()
    model = model or defaults.embedding_model
    notes: list[str] = []
    model_runs: list[dict[str, Any]] = []
    corpus = defaults.corpus_dir
    # Over HTTP the server's own settings decide whether a model writes the answers. Loaded
    # before any index is built, so a half-configured endpoint fails at once.
    generator = load_generator(defaults) if api is None and generate else None
    if api is None and generator is None:
        notes.append(
            "Genererat läge kördes inte: "
            + (
                "--no-generated."
                if not generate
                else "ingen språkmodell är konfigurerad (DIALOGSTOD_GENERATOR)."
            )
        )

    with ExitStack() as stack, _progress(console) as bar:
        system_index: Index | None = None
        index_seconds: float | None = None
        if api is not None:
            try:
                httpx.get(f"{api.rstrip('/')}/api/health", timeout=10).raise_for_status()
            except httpx.HTTPError as exc:
                raise DialogstodError(f"servern på {api} svarar inte: {exc}") from exc
            backend: Backend = ApiBackend(api, corpus_dir=corpus)
        elif index_dir is not None:
            settings = defaults.model_copy(update={"index_dir": index_dir})
            if model != defaults.embedding_model:
                settings = settings.model_copy(update={"embedding_model": model})
            system_index = Index(settings)
            stack.callback(system_index.close)
            if system_index.is_empty():
                raise DialogstodError(f"indexet i {index_dir} är tomt")
            backend = InProcessBackend(system_index)
        else:
            system_index, index_seconds = stack.enter_context(
                _corpus_index(model, None, bar, f"Index ({model})", texts)
            )
            backend = InProcessBackend(system_index)
        results = _run(backend, chosen, k, bar, "Dialogstöd")
        system = _section(backend, results)
        skipped = [r for r in results if r.status == "skipped"]
        if skipped:
            notes.append(
                f"{len(skipped)} samtal med flera frågor hoppades över: de körs bara med --api "
                "eftersom den här versionen av Dialogstöd saknar uppföljningsfrågor i processen."
            )
        if api is not None:
            notes.append(
                "Över HTTP syns bara citeringarna, så sökmåtten (recall@k, MRR, nDCG) räknas på "
                "de citerade källorna."
            )
        generated = (
            _generated_run(system_index, generator, chosen, k, bar)
            if system_index is not None and generator is not None
            else None
        )

        baseline_section = None
        if baseline:
            from evals.baseline import LangChainBaseline

            embedder = (
                system_index.embedder
                if system_index is not None and system_index.settings.embedding_model == model
                else load_embedder(model)
            )
            task = bar.add_task("Baslinje: inbäddning", total=None)
            plain = LangChainBaseline(embedder, corpus, texts)
            stack.callback(plain.close)
            bar.update(task, total=1, completed=1)
            baseline_section = _section(plain, _run(plain, chosen, k, bar, "Baslinje (LangChain)"))
            baseline_section["build_seconds"] = round(plain.build_seconds, 2)
            baseline_section["chunks"] = len(plain.chunks)

        if models:
            reusable = api is None and index_dir is None
            for name in COMPARED_MODELS:
                if reusable and name == model:
                    section, seconds = system, index_seconds
                else:
                    with _corpus_index(name, None, bar, f"Index ({name})", texts) as (
                        idx,
                        seconds,
                    ):
                        section = _section(
                            InProcessBackend(idx), _run(InProcessBackend(idx), chosen, k, bar, name)
                        )
                model_runs.append(
                    {
                        "model": name,
                        "default": name == defaults.embedding_model,
                        "index_seconds": None if seconds is None else round(seconds, 2),
                        "summary": section["summary"],
                        "by_tag": section["by_tag"],
                        "statuses": {i["id"]: i["status"] for i in section["items"]},
                    }
                )

    judges = available_judges()
    if judge_config() is not None:
        names = ", ".join(j.name for j in judges) or "inga installerade"
        notes.append(f"Domarmodell konfigurerad; adaptrar: {names} (stubbar, körs inte).")
    config = {
        "command": _command_line(),
        "mode": "api" if api else "in-process",
        "api_url": api,
        "index": str(index_dir) if index_dir else None,
        "model": None if api else model,
        "generator": generator.name if generator else None,
        "k": k,
        "top_k": defaults.top_k,
        "corpus_dir": str(corpus),
        "extra_texts": [str(t) for t in texts],
        "python": sys.version.split()[0],
    }
    digest = hashlib.sha256(dataset.read_bytes()).hexdigest()
    dataset_info = {
        "name": dataset.name,
        "path": str(dataset),
        "sha256": digest,
        "items": len(items),
        "selected": len(chosen),
        "tags": tags,
        "subset": subset,
    }
    report = build_report(
        config=config,
        dataset=dataset_info,
        system=system,
        baseline=baseline_section,
        generated=generated,
        models=model_runs,
        previous=previous,
        previous_path=str(compare) if compare else None,
        notes=notes,
        judges=[{"name": j.name, "status": "stub"} for j in judges],
    )
    json_path, html_path = write_report(report, out)
    paths = [json_path, html_path]
    if take_screenshot:
        try:
            paths.append(screenshot(html_path))
        except Exception as exc:  # a missing browser must not lose the report
            console.print(f"[yellow]Ingen skärmbild: {exc}[/yellow]")
    return report, paths
