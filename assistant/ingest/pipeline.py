"""Files on disk → chunks, packet rows and vectors, one file at a time and never half-written.

Every file is read and embedded before anything is written; a file that cannot be read is
skipped with its reason and whatever the index held for it stays as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import structlog
from sqlalchemy import Connection

from assistant.errors import UnreadableFileError
from assistant.index.catalog import (
    INDICATOR_SOURCE,
    delete_chunks,
    delete_file,
    delete_sentence_vectors,
    sentence_digest,
    write_file,
    write_sentence_vectors,
)
from assistant.index.catalog import write_chunks as write_chunk_rows
from assistant.index.embeddings import Embedder
from assistant.index.lock import ingest_lock
from assistant.index.vectorstore import VectorStore
from assistant.ingest.chunking import chunk_document
from assistant.ingest.packets import PACKET_SUFFIXES, load_table, packet_rows
from assistant.ingest.readers import DOCUMENT_SUFFIXES, read_document
from assistant.ingest.skolverket import Export, is_export, read_export
from assistant.settings import Settings
from assistant.text.passages import embedding_text
from assistant.text.sentences import split_sentences
from assistant.types import (
    DOC_ASSIGNMENT,
    DOC_DOCUMENT,
    DOC_INDICATOR,
    DOC_PACKET,
    DOC_SUCCESS_FACTOR,
    Chunk,
    Document,
    IngestReport,
    PacketRow,
    SkippedFile,
    indicator_chunk_id,
)

log = structlog.get_logger(__name__)

# A folder's name tells what its documents are; anything else is a plain "dokument".
DOC_TYPES_BY_FOLDER = {
    "framgangsfaktorer": DOC_SUCCESS_FACTOR,
    "uppdraget": DOC_ASSIGNMENT,
    "indikatorer": DOC_PACKET,
}

Progress = Callable[[int], None]


class IngestCatalog(Protocol):
    """What ingestion reads of the catalogue; it writes in its transactions."""

    def transaction(self) -> AbstractContextManager[Connection]: ...
    def file_hashes(self) -> dict[str, str]: ...
    def file_paths(self) -> dict[str, str]: ...
    def chunk_ids(self, source: str | None = None) -> set[str]: ...
    def all_chunks(self) -> list[Chunk]: ...
    def sentence_digests(self) -> set[str]: ...
    def indicator_descriptions(self) -> dict[str, PacketRow]: ...
    def table_values(
        self, tabell: str, years: Sequence[str], national: bool
    ) -> dict[str, dict[tuple[str, str, str, str], str]]: ...


class IngestIndex(Protocol):
    """What ingestion needs of an index (`Index` is one): the catalogue and vector store it
    writes, the model that embeds, the settings, and a way to tell readers it changed. Not the
    lexical ranking or the caches, which readers rebuild."""

    @property
    def settings(self) -> Settings: ...
    @property
    def catalog(self) -> IngestCatalog: ...
    @property
    def vectors(self) -> VectorStore: ...
    @property
    def embedder(self) -> Embedder: ...
    def chunks_changed(self) -> None: ...


@dataclass
class ParsedFile:
    path: Path
    sha256: str
    kind: str  # "document" | "packet"
    title: str
    doc_type: str
    chunks: list[Chunk] = field(default_factory=list)
    # A packet's values; an export's are built line by line as they are written (ExportValues).
    rows: Collection[PacketRow] = field(default_factory=list)
    national: Collection[PacketRow] = field(default_factory=list)  # level Riket, of an export
    export: Export | None = None


def find_files(paths: Sequence[Path]) -> list[Path]:
    """Files under `paths` in a stable order; names starting with `_` or `.` are left out."""
    found: dict[Path, Path] = {}  # resolved → as given, so a file named twice counts once
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            hidden = path != root and any(
                part.startswith(("_", ".")) for part in path.relative_to(root).parts
            )
            if path.is_file() and not hidden:
                found.setdefault(path.resolve(), path)
    return list(found.values())


def doc_type_for(path: Path) -> str:
    return DOC_TYPES_BY_FOLDER.get(path.parent.name, DOC_DOCUMENT)


def parse_file(path: Path, sha256: str, settings: Settings) -> ParsedFile:
    """Read one file into chunks or packet rows; raises `UnreadableFileError` with the reason."""
    suffix = path.suffix.lower()
    if suffix in PACKET_SUFFIXES:
        table = load_table(path)
        if is_export(table):
            return _parsed_export(path, sha256, read_export(table), settings)
        rows = packet_rows(table)
        names = sorted({row.huvudman_namn or row.huvudman_id for row in rows})
        title = f"Indikatorpaket: {', '.join(names)}"
        return ParsedFile(path, sha256, "packet", title, DOC_PACKET, rows=rows)
    if suffix in DOCUMENT_SUFFIXES:
        doc = read_document(path, doc_type_for(path))
        check_text_size(path.name, doc, settings.max_document_chars)
        chunks = chunk_document(doc, max_chars=settings.max_chunk_chars)
        if not chunks:
            raise UnreadableFileError(
                f"{path.name}: dokumentet innehåller ingen text att indexera."
            )
        return ParsedFile(path, sha256, "document", doc.title, doc.doc_type, chunks=chunks)
    supported = ", ".join(sorted(DOCUMENT_SUFFIXES | PACKET_SUFFIXES))
    raise UnreadableFileError(
        f"{path.name}: filtypen {suffix or '(ingen ändelse)'} stöds inte; "
        f"stödda typer: {supported}."
    )


def _parsed_export(path: Path, sha256: str, export: Export, settings: Settings) -> ParsedFile:
    """An export's values, and its notes and definitions as passages cited beside them."""
    doc = export.document(path.name)
    chunks = chunk_document(doc, max_chars=settings.max_chunk_chars) if doc else []
    year = f"året {export.year}" if "/" not in export.year else f"läsåret {export.year}"
    # Titled by its table: a file of 290 kommuner must not name them all in every citation.
    title = f"Skolverkets statistik: {export.title}, {year}"
    return ParsedFile(
        path,
        sha256,
        "packet",
        title,
        DOC_PACKET,
        chunks=chunks,
        rows=export.rows,
        national=export.national,
        export=export,
    )


def check_text_size(name: str, doc: Document, limit: int) -> None:
    """Refuse a document whose text would take too long to embed, before any of it is chunked."""
    size = sum(len(section.text) for section in doc.sections)
    if size > limit:
        # Swedish groups thousands with a (non-breaking) space.
        size_text, limit_text = (f"{n:,}".replace(",", "\u00a0") for n in (size, limit))
        raise UnreadableFileError(
            f"{name}: dokumentet har {size_text} tecken text, mer än gränsen {limit_text} "
            "(DIALOGSTOD_MAX_DOCUMENT_CHARS). Dela upp det i mindre filer eller höj gränsen."
        )


def indicator_chunks(descriptions: dict[str, PacketRow]) -> list[Chunk]:
    """One searchable passage per distinct indicator, shared by every huvudman's packet."""
    chunks = []
    for ordinal, (indikator_id, row) in enumerate(sorted(descriptions.items())):
        parts = [f"{row.indikator_namn}.", row.definition]
        parts += [f"Enhet: {row.enhet}." if row.enhet else "", f"Skolform: {row.skolform}."]
        text = " ".join(p for p in parts if p and p != "Skolform: .")
        digest = hashlib.sha1(text.encode()).hexdigest()[:12]
        chunks.append(
            Chunk(
                chunk_id=indicator_chunk_id(indikator_id, digest),
                source=INDICATOR_SOURCE,
                title=row.indikator_namn,
                doc_type=DOC_INDICATOR,
                locator=f"Indikator {indikator_id}",
                heading_path=[row.kategori] if row.kategori else [],
                text=text,
                ordinal=ordinal,
                indikator_id=indikator_id,
            )
        )
    return chunks


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest(
    index: IngestIndex,
    paths: Sequence[Path],
    *,
    prune: bool = False,
    progress: Callable[[int, int], Progress] | None = None,
) -> IngestReport:
    """Bring the index in line with the files under `paths`; returns what happened."""
    with ingest_lock(index.settings.index_dir):
        return _ingest_locked(index, paths, prune=prune, progress=progress)


def ingest_parsed(index: IngestIndex, item: ParsedFile) -> IngestReport:
    """Ingest one file that was parsed already (an upload, read once to check it before it
    replaced anything): it is not read a second time unless it changed on disk since."""
    with ingest_lock(index.settings.index_dir):
        return _ingest_locked(index, [item.path], prune=False, progress=None, parsed_already=item)


def _ingest_locked(
    index: IngestIndex,
    paths: Sequence[Path],
    *,
    prune: bool,
    progress: Callable[[int, int], Progress] | None,
    parsed_already: ParsedFile | None = None,
) -> IngestReport:
    report = IngestReport()
    known = index.catalog.file_hashes()
    parsed: list[ParsedFile] = []
    seen: dict[str, Path] = {}
    for path in find_files(paths):
        report.files_seen += 1
        if path.name in seen:
            report.skipped.append(
                SkippedFile(
                    path=str(path),
                    reason=f"samma filnamn som {seen[path.name]}; källor identifieras med "
                    "filnamnet, så byt namn på en av filerna.",
                )
            )
            continue
        seen[path.name] = path
        try:
            sha256 = file_sha256(path)
            if known.get(path.name) == sha256:
                report.files_unchanged += 1
                continue
            reuse = parsed_already is not None and parsed_already.sha256 == sha256
            item = parsed_already if reuse else None
            parsed.append(item or parse_file(path, sha256, index.settings))
        except UnreadableFileError as exc:
            report.skipped.append(SkippedFile(path=str(path), reason=str(exc)))
        except OSError as exc:
            report.skipped.append(SkippedFile(path=str(path), reason=f"kunde inte läsas: {exc}"))

    parsed = _without_conflicts(index, parsed, report, prune=prune)
    vectors = _embed_new_chunks(index, [c for f in parsed for c in f.chunks], progress)
    report.sentences_embedded = _embed_new_sentences(
        index, [c for f in parsed for c in f.chunks], progress
    )
    for item in parsed:
        report.chunks_deleted += _write_file(index, item, vectors)
        report.files_ingested += 1
        report.chunks_written += len(item.chunks)
        report.packet_rows_written += len(item.rows)
    report.vectors_embedded = len(vectors)

    if prune:
        for source, recorded in index.catalog.file_paths().items():
            if source not in seen and not Path(recorded).is_file():
                report.chunks_deleted += _remove_file(index, source)
                report.files_removed += 1
    report.vectors_embedded += _sync_indicator_chunks(index, progress)
    _remove_orphan_vectors(index)
    _remove_orphan_sentences(index)
    index.chunks_changed()
    log.info("ingest.done", **report.model_dump(exclude={"skipped"}), skipped=len(report.skipped))
    return report


_ValueKey = tuple[str, str, str, str]  # huvudman, indicator, omfattning, year


def _export_values(rows: Iterable[PacketRow]) -> dict[_ValueKey, str]:
    return {(r.huvudman_id, r.indikator_id, r.omfattning, r.ar): r.varde for r in rows}


def _conflict(mine: dict[_ValueKey, str], other: str, theirs: dict[_ValueKey, str]) -> str | None:
    """Why a file cannot be read beside `other`, which holds the same table and year with other
    values. The same values in both (two downloads, or över tid tables that overlap) are fine:
    the catalogue serves each value once."""
    differing = [key for key, value in mine.items() if key in theirs and theirs[key] != value]
    if not differing:
        return None
    huvudman, _, omfattning, year = differing[0]
    return (
        f"tabellen och året ({year}) finns redan i {other}, men med andra värden (t.ex. "
        f"kommunkod {huvudman or 'riket'}, {omfattning}: {mine[differing[0]]} mot "
        f"{theirs[differing[0]]}, och {len(differing) - 1} till). Behåll den fil som är rätt "
        "och ta bort den andra; inget har ändrats i indexet."
    )


def _without_conflicts(
    index: IngestIndex, parsed: list[ParsedFile], report: IngestReport, *, prune: bool
) -> list[ParsedFile]:
    """Parsed files, less exports that claim a table and year another file already holds."""
    paths = index.catalog.file_paths()
    accepted: list[ParsedFile] = []
    for item in parsed:
        export = item.export
        reason = None
        if export is not None:
            for national, rows in ((False, item.rows), (True, item.national)):
                if not rows or reason:
                    continue
                stored = index.catalog.table_values(export.title, export.years, national)
                others = [
                    (other, theirs)
                    for other, theirs in stored.items()
                    if other != item.path.name
                    and not (prune and not Path(paths.get(other, "")).is_file())
                ]
                others += [
                    (
                        earlier.path.name,
                        _export_values(earlier.national if national else earlier.rows),
                    )
                    for earlier in accepted
                    if earlier.export is not None and earlier.export.title == export.title
                ]
                # Built only when another file holds the table: a first load of a large sheet
                # never holds all its values at once.
                mine = _export_values(rows) if others else {}
                for other, theirs in others:
                    reason = reason or _conflict(mine, other, theirs)
        if reason:
            report.skipped.append(
                SkippedFile(path=str(item.path), reason=f"{item.path.name}: {reason}")
            )
        else:
            accepted.append(item)
    return accepted


def _embed_new_chunks(
    index: IngestIndex, chunks: list[Chunk], progress: Callable[[int, int], Progress] | None
) -> dict[str, np.ndarray]:
    """Vectors for the chunks the store does not hold yet (stable ids make the rest free).

    A text is embedded once: passages with the same embedded text (an export's definitions,
    repeated in every year's file) share the vector, also one already in the store."""
    stored = index.vectors.ids()
    todo = [c for c in {c.chunk_id: c for c in chunks}.values() if c.chunk_id not in stored]
    if not todo:
        return {}
    texts = {c.chunk_id: embedding_text(c) for c in todo}
    known = {
        embedding_text(c): c.chunk_id for c in index.catalog.all_chunks() if c.chunk_id in stored
    }
    reused = {cid: known[text] for cid, text in texts.items() if text in known}
    found = index.vectors.vectors(sorted(set(reused.values())))
    vectors = {cid: found[other] for cid, other in reused.items() if other in found}
    fresh = list(dict.fromkeys(t for cid, t in texts.items() if cid not in vectors))
    advance = progress(len(fresh), 0) if progress and fresh else None
    embedded: dict[str, np.ndarray] = {}
    batch = 32
    for start in range(0, len(fresh), batch):
        part = fresh[start : start + batch]
        embedded.update(zip(part, index.embedder.embed_documents(part), strict=True))
        if advance:
            advance(len(part))
    vectors.update({cid: embedded[t] for cid, t in texts.items() if cid not in vectors})
    return vectors


def _embed_new_sentences(
    index: IngestIndex, chunks: list[Chunk], progress: Callable[[int, int], Progress] | None
) -> int:
    """Store a vector for each new sentence of the chunks, so the answer can weigh a sentence by
    meaning without embedding anything while the user waits. A sentence is embedded once, in
    whichever files it stands; vectors are written before the catalogue, so a crash leaves only
    vectors the next run removes."""
    stored = index.catalog.sentence_digests()
    fresh = {
        digest: sentence
        for chunk in chunks
        for sentence in split_sentences(chunk.text)
        if (digest := sentence_digest(sentence)) not in stored
    }
    if not fresh:
        return 0
    digests = list(fresh)
    advance = progress(len(digests), 0) if progress else None
    batch = 64
    for start in range(0, len(digests), batch):
        part = digests[start : start + batch]
        embedded = index.embedder.embed_documents([fresh[d] for d in part])
        with index.catalog.transaction() as db:
            write_sentence_vectors(db, dict(zip(part, embedded, strict=True)))
        if advance:
            advance(len(part))
    return len(digests)


def _remove_orphan_sentences(index: IngestIndex) -> None:
    """Sentence vectors that no chunk holds any more (a file changed or was removed)."""
    live = {sentence_digest(s) for c in index.catalog.all_chunks() for s in split_sentences(c.text)}
    orphans = index.catalog.sentence_digests() - live
    if orphans:
        with index.catalog.transaction() as db:
            delete_sentence_vectors(db, orphans)
        log.info("ingest.sentence_orphans_removed", count=len(orphans))


def _write_file(index: IngestIndex, item: ParsedFile, vectors: dict[str, np.ndarray]) -> int:
    """Store one file; returns how many of its old chunks were replaced."""
    # Order matters for crash safety: new vectors first, then the catalogue in one transaction,
    # then old vectors. A crash in between leaves only orphan vectors, removed on the next run.
    old_ids = index.catalog.chunk_ids(item.path.name)
    new = [c.chunk_id for c in item.chunks if c.chunk_id in vectors]
    if new:
        index.vectors.upsert(new, np.stack([vectors[i] for i in new]))
    with index.catalog.transaction() as db:
        write_file(
            db,
            source=item.path.name,
            path=str(item.path.resolve()),
            sha256=item.sha256,
            kind=item.kind,
            title=item.title,
            doc_type=item.doc_type,
            chunks=item.chunks,
            rows=item.rows,
            national=item.national,
        )
    gone = sorted(old_ids - {c.chunk_id for c in item.chunks})
    index.vectors.delete(gone)
    log.info("ingest.file", source=item.path.name, chunks=len(item.chunks), rows=len(item.rows))
    return len(gone)


def _remove_file(index: IngestIndex, source: str) -> int:
    old_ids = index.catalog.chunk_ids(source)
    with index.catalog.transaction() as db:
        delete_file(db, source)
    index.vectors.delete(sorted(old_ids))
    log.info("ingest.pruned", source=source)
    return len(old_ids)


def _sync_indicator_chunks(
    index: IngestIndex, progress: Callable[[int, int], Progress] | None
) -> int:
    wanted = indicator_chunks(index.catalog.indicator_descriptions())
    have = index.catalog.chunk_ids(INDICATOR_SOURCE)
    vectors = _embed_new_chunks(index, [c for c in wanted if c.chunk_id not in have], progress)
    if vectors:
        ids = sorted(vectors)
        index.vectors.upsert(ids, np.stack([vectors[i] for i in ids]))
    stale = have - {c.chunk_id for c in wanted}
    with index.catalog.transaction() as db:
        write_chunk_rows(db, [c for c in wanted if c.chunk_id not in have])
        delete_chunks(db, stale)
    index.vectors.delete(sorted(stale))
    return len(vectors)


def _remove_orphan_vectors(index: IngestIndex) -> None:
    """Vectors whose chunk the catalogue does not know: left by a run that was killed."""
    orphans = index.vectors.ids() - index.catalog.chunk_ids()
    if orphans:
        index.vectors.delete(sorted(orphans))
        log.info("ingest.orphans_removed", count=len(orphans))


def failed_completely(report: IngestReport) -> bool:
    """True when files were given and none of them could be read."""
    return report.files_seen > 0 and len(report.skipped) == report.files_seen


def remove_source(index: IngestIndex, source: str) -> int:
    """Take one source out of the index; returns how many chunks went with it."""
    with ingest_lock(index.settings.index_dir):
        removed = _remove_file(index, source)
        _sync_indicator_chunks(index, None)
        index.chunks_changed()
    return removed
