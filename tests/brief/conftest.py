"""Fixtures for the brief tests: the demo catalogue, crafted packets, a server in the background.

The brief reads only the catalogue (packet rows and chunk texts), never vectors. The demo tests
therefore fill a catalogue with the pipeline's own parser (`parse_file`) and skip the embedding,
which keeps tests/brief fast; the full path through `ingest` and the real model is covered by the
crafted-packet tests, which ingest into `make_index()`.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.brief.model import Brief
from assistant.index.catalog import Catalog, write_file
from assistant.index.embeddings import Embedder
from assistant.index.store import CATALOG_FILE, Index
from assistant.ingest.pipeline import file_sha256, find_files, ingest, parse_file
from assistant.settings import PROJECT_ROOT, Settings
from evals.serving import running_server

CORPUS = PROJECT_ROOT / "corpus"
# What a brief reads: the packets, the success factors and how the dialogue runs.
BRIEF_SOURCES = (
    CORPUS / "indikatorer",
    CORPUS / "framgangsfaktorer",
    CORPUS / "uppdraget" / "kvalitetsdialogens-genomforande.md",
)
SERVER_WAIT_SECONDS = 240
HEADER = "huvudman_id;huvudman_namn;skolform;indikator_id;indikator_namn;enhet;ar;varde;riket"
INDICATORS = {
    "meritvarde_ak9": ("Genomsnittligt meritvärde i årskurs 9 (17 ämnen)", "poäng"),
    "uppnatt_alla_amnen_ak9": (
        "Andel elever i årskurs 9 som uppnått kunskapskraven i alla ämnen",
        "procent",
    ),
    "elever_per_larare": ("Antal elever per lärare (heltidstjänster), grundskola", "antal"),
    "gymnasieexamen_4ar": ("Andel gymnasieelever med examen inom 4 år", "procent"),
}
MARKER = re.compile(r"\[(\d+)\]")
# A number as the brief writes it: digits with an optional decimal comma, not inside another one.
NUMBER = re.compile(r"(?<![\d,.])\d+(?:,\d+)?(?![\d]|,\d)")

BuildIndex = Callable[..., Index]


def packet_csv(huvudman_id: str, name: str, rows: list[tuple[str, str, str, str]]) -> str:
    """A packet file: one (indikator_id, år, värde, riket) per line, names and units filled in."""
    lines = [HEADER]
    for indikator_id, ar, varde, riket in rows:
        namn, enhet = INDICATORS[indikator_id]
        lines.append(
            f"{huvudman_id};{name};grundskola;{indikator_id};{namn};{enhet};{ar};{varde};{riket}"
        )
    return "\n".join(lines) + "\n"


def write_sources(folder: Path, packets: dict[str, str], documents: tuple[str, ...] = ()) -> None:
    """Packet files (name → CSV text) and copies of corpus documents (paths under corpus/)."""
    (folder / "indikatorer").mkdir(parents=True, exist_ok=True)
    for file_name, text in packets.items():
        (folder / "indikatorer" / file_name).write_text(text, encoding="utf-8")
    for relative in documents:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / relative, target)


@pytest.fixture
def packet_index(tmp_path: Path, make_index: BuildIndex) -> Iterator[BuildIndex]:
    """Ingests packets and corpus documents (see `write_sources`) into a new index."""

    def build(packets: dict[str, str], documents: tuple[str, ...] = ()) -> Index:
        write_sources(tmp_path / "underlag", packets, documents)
        index = make_index()
        report = ingest(index, [tmp_path / "underlag"])
        assert not report.skipped, report.skipped
        return index

    yield build


def demo_values() -> dict[str, set[str]]:
    """Each demo huvudman's own values (and riket's), from corpus/indikatorer/_VARDEN.md."""
    lines = (CORPUS / "indikatorer" / "_VARDEN.md").read_text("utf-8").splitlines()
    start = lines.index("## Värden")
    header = next(line for line in lines[start:] if line.startswith("| indikator_id"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    values: dict[str, set[str]] = {}
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        for column, cell in zip(names, cells, strict=True):
            match = re.search(r"\((\d+)\)$", column)
            key = match.group(1) if match else column
            values.setdefault(key, set()).add(cell)
    return values


def numbers_in(text: str) -> set[str]:
    return set(NUMBER.findall(text))


def assert_citations_consistent(brief: Brief) -> None:
    """Every [n] in an item's text is in its citations and in the brief's list, and vice versa."""
    numbers = [c.n for c in brief.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    used: set[int] = set()
    for section in brief.sections:
        intro_marks = {int(n) for n in MARKER.findall(section.intro)}
        assert intro_marks == set(section.intro_citations), section.id
        used |= intro_marks
        for item in section.items:
            marks = {int(n) for n in MARKER.findall(item.text)}
            assert marks == set(item.citations), item.id
            used |= marks
    assert used == set(numbers)


def write_demo_catalogue(index_dir: Path) -> None:
    """The catalogue `ingest` would write for BRIEF_SOURCES, without embedding anything."""
    settings = Settings(index_dir=index_dir)
    catalog = Catalog(index_dir / CATALOG_FILE)
    try:
        for path in find_files(BRIEF_SOURCES):
            parsed = parse_file(path, file_sha256(path), settings)
            with catalog.transaction() as db:
                write_file(
                    db,
                    source=path.name,
                    path=str(path.resolve()),
                    sha256=parsed.sha256,
                    kind=parsed.kind,
                    title=parsed.title,
                    doc_type=parsed.doc_type,
                    chunks=parsed.chunks,
                    rows=parsed.rows,
                )
        catalog.set_meta("embedding_model", settings.embedding_model)
    finally:
        catalog.close()


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    """The three demo huvudmän's packets and the documents briefs cite; tests must not modify it."""
    index_dir = tmp_path_factory.mktemp("brief-demo") / "index"
    write_demo_catalogue(index_dir)
    index = Index(Settings(index_dir=index_dir), embedder=embedder)
    yield index
    index.close()


class BackgroundServer:
    """`running_server` entered in a thread, so the server starts while other tests run."""

    def __init__(self, root: Path) -> None:
        self.ready, self.stop = threading.Event(), threading.Event()
        self.base: str | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(root,), daemon=True)
        self.thread.start()

    def _run(self, root: Path) -> None:
        try:
            with running_server(root) as base:
                self.base = base
                self.ready.set()
                self.stop.wait()
        except BaseException as exc:
            self.error = exc
            self.ready.set()

    def url(self) -> str:
        assert self.ready.wait(SERVER_WAIT_SECONDS), "the brief server did not start"
        if self.error is not None or self.base is None:
            raise RuntimeError("the brief server failed to start") from self.error
        return self.base

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=60)


@pytest.fixture(scope="session")
def _brief_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    # The server's index holds the demo catalogue, so it starts without embedding the corpus.
    root = tmp_path_factory.mktemp("brief-server")
    write_demo_catalogue(root / "index")
    server = BackgroundServer(root)
    yield server
    server.close()


@pytest.fixture(autouse=True, scope="session")
def _start_brief_server_early(request: pytest.FixtureRequest) -> None:
    """Start the server at the first brief test when any collected test will need it."""
    if any("brief_server" in getattr(item, "fixturenames", ()) for item in request.session.items):
        request.getfixturevalue("_brief_server")


@pytest.fixture(scope="session")
def brief_server(_brief_server: BackgroundServer) -> str:
    """Base URL of a real `dialogstod serve` over the demo catalogue."""
    return _brief_server.url()
