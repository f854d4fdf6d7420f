"""The SQLite catalogue beside the vector store: ingested files, chunk texts and packet rows.

Packet rows are data, not prose: they live here as a table and answers are read from it. SQLite
is also the source of truth for which chunks exist; vectors in Chroma are kept in step with it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from assistant.types import DOC_INDICATOR, Chunk, PacketRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    locator TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    text TEXT NOT NULL,
    huvudman_id TEXT,
    indikator_id TEXT
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(source, ordinal);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentence_vectors (digest TEXT PRIMARY KEY, vector BLOB NOT NULL);
"""
# In the order `_chunk_from_row` reads them.
CHUNK_COLUMNS = (
    "chunk_id, source, ordinal, title, doc_type, locator, heading_path, text, huvudman_id,"
    " indikator_id"
)

# A value is one cell: a long-format packet has one per line (kolumn 0), a Skolverket export one
# per measure column. `tabell` and `omfattning` are set for exports only.
ROWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS {name} (
    source TEXT NOT NULL,
    line INTEGER NOT NULL,
    kolumn INTEGER NOT NULL DEFAULT 0,
    huvudman_id TEXT NOT NULL,
    indikator_id TEXT NOT NULL,
    omfattning TEXT NOT NULL DEFAULT '',
    ar TEXT NOT NULL,
    tabell TEXT NOT NULL DEFAULT '',
    row TEXT NOT NULL,
    PRIMARY KEY (source, line, kolumn)
);
"""
ROW_INDEXES = """
CREATE INDEX IF NOT EXISTS rows_by_scope ON packet_rows(huvudman_id, indikator_id, ar);
CREATE INDEX IF NOT EXISTS rows_by_table ON packet_rows(tabell, ar);
CREATE INDEX IF NOT EXISTS national_by_table ON national_rows(tabell, ar);
"""
ROW_COLUMNS = "source, line, kolumn, huvudman_id, indikator_id, omfattning, ar, tabell, row"

# One row per huvudman and packet file, written with the file's rows: every question asks for the
# huvudmän's names, and reading them from 50,000 packet rows each time is too slow.
HUVUDMEN_SCHEMA = """
CREATE TABLE huvudmen (
    source TEXT NOT NULL,
    huvudman_id TEXT NOT NULL,
    huvudman_namn TEXT NOT NULL,
    PRIMARY KEY (source, huvudman_id)
);
"""

INDICATOR_SOURCE = "indikatorer"
T = TypeVar("T")
SENTENCE_VECTOR_TYPE = np.float32
OverviewRow = tuple[str, str, str, str, str]


class Catalog:
    """Typed access to the catalogue database; every write happens in one transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Shared by the API's worker threads; SQLite serialises the writes itself.
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        # One connection serves the API's worker threads; the lock keeps their calls apart.
        self.lock = threading.RLock()
        self._cache: dict[str, tuple[tuple[int, int], Any]] = {}
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._add_chunk_indicators()
        self._add_value_columns()
        self.db.executescript(
            ROWS_SCHEMA.format(name="packet_rows")
            + ROWS_SCHEMA.format(name="national_rows")
            + ROW_INDEXES
        )
        self._add_huvudmen_table()

    def _add_chunk_indicators(self) -> None:
        """Give the chunks of an index made before they carried their indicator the column,
        filled from the one place such an index names it: an indicator passage's id,
        `indikator:{indikator_id}:{digest}` (`indicator_chunk_id`)."""

        def add(db: sqlite3.Connection) -> None:
            db.execute("ALTER TABLE chunks ADD COLUMN indikator_id TEXT")
            found = db.execute("SELECT chunk_id FROM chunks WHERE doc_type = ?", (DOC_INDICATOR,))
            db.executemany(
                "UPDATE chunks SET indikator_id = ? WHERE chunk_id = ?",
                [
                    (chunk_id.removeprefix(f"{DOC_INDICATOR}:").rsplit(":", 1)[0], chunk_id)
                    for (chunk_id,) in found.fetchall()
                ],
            )

        self._upgrade_once(
            "SELECT 1 FROM pragma_table_info('chunks') WHERE name = 'indikator_id'", add
        )

    def _add_value_columns(self) -> None:
        """Give an index made before Skolverket's exports were read the cell-level row key."""
        columns = {row[1] for row in self._rows("PRAGMA table_info(packet_rows)")}
        if not columns or "kolumn" in columns:
            return
        with self.transaction() as db:
            db.execute("ALTER TABLE packet_rows RENAME TO packet_rows_before_cells")
            db.execute("DROP INDEX IF EXISTS rows_by_scope")
            db.execute(ROWS_SCHEMA.format(name="packet_rows"))
            db.execute(
                f"INSERT INTO packet_rows ({ROW_COLUMNS}) SELECT source, line, 0, huvudman_id,"
                " indikator_id, '', ar, '', row FROM packet_rows_before_cells"
            )
            db.execute("DROP TABLE packet_rows_before_cells")

    def _add_huvudmen_table(self) -> None:
        """Create the huvudmen table, filled from the packet rows of an index made before it."""

        def add(db: sqlite3.Connection) -> None:
            db.execute(HUVUDMEN_SCHEMA)
            for source in [row[0] for row in db.execute("SELECT DISTINCT source FROM packet_rows")]:
                found = db.execute(
                    "SELECT huvudman_id, MIN(row) FROM packet_rows WHERE source = ?"
                    " GROUP BY huvudman_id",
                    (source,),
                ).fetchall()
                _write_huvudmen(
                    db,
                    source,
                    {h: PacketRow.model_validate_json(r).huvudman_namn for h, r in found},
                )

        self._upgrade_once(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'huvudmen'", add
        )

    def _upgrade_once(self, done: str, upgrade: Callable[[sqlite3.Connection], None]) -> None:
        """Run `upgrade` on an index the query `done` finds nothing in, once across processes."""
        if self._rows(done):
            return  # no write lock just to open an index that has it
        with self.transaction() as db:
            if db.execute(done).fetchone():
                return  # another process upgraded it meanwhile
            upgrade(db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # files
    def file_hashes(self) -> dict[str, str]:
        return dict(self._rows("SELECT source, sha256 FROM files"))

    def documents(self) -> list[dict[str, Any]]:
        """Every ingested file with what it holds, for listing."""
        rows = self._rows(
            "SELECT f.source, f.title, f.kind, f.doc_type, f.ingested_at,"
            " (SELECT COUNT(*) FROM chunks c WHERE c.source = f.source),"
            " (SELECT COUNT(*) FROM packet_rows p WHERE p.source = f.source)"
            " FROM files f ORDER BY f.source"
        )
        keys = ("name", "title", "kind", "doc_type", "ingested_at", "chunks", "packet_rows")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def neighbours(self, source: str, ordinal: int) -> tuple[Chunk | None, Chunk | None]:
        """The chunks just before and after one in its document."""
        rows = self._rows(
            f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE source = ? AND ordinal IN (?, ?)",
            (source, ordinal - 1, ordinal + 1),
        )
        found = {int(row[2]): _chunk_from_row(row) for row in rows}
        return found.get(ordinal - 1), found.get(ordinal + 1)

    def document_chunks(self, source: str, limit: int) -> list[Chunk]:
        """The first `limit` chunks of one document, in order."""
        rows = self._rows(
            f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE source = ? ORDER BY ordinal LIMIT ?",
            (source, limit),
        )
        return [_chunk_from_row(row) for row in rows]

    def sentence_vectors(self, digests: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored sentence vectors by digest (`sentence_digest`); unknown digests are left out."""
        wanted = sorted(set(digests))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            part = wanted[start : start + 500]
            marks = ", ".join("?" * len(part))
            for digest, blob in self._rows(
                f"SELECT digest, vector FROM sentence_vectors WHERE digest IN ({marks})", part
            ):
                found[str(digest)] = np.frombuffer(blob, dtype=SENTENCE_VECTOR_TYPE)
        return found

    def sentence_digests(self) -> set[str]:
        return {str(row[0]) for row in self._rows("SELECT digest FROM sentence_vectors")}

    def packet_row(self, source: str, line: int, kolumn: int = 0) -> tuple[str, PacketRow] | None:
        """(file title, row) for one value of a packet file: a line, and a column of an export."""
        rows = self._rows(
            "SELECT f.title, p.row FROM packet_rows p JOIN files f USING (source)"
            " WHERE p.source = ? AND p.line = ? AND p.kolumn = ?",
            (source, line, kolumn),
        )
        return (
            (
                rows[0][0],
                self._with_national(
                    PacketRow.model_validate_json(rows[0][1]), self.national_values()
                ),
            )
            if rows
            else None
        )

    def file_paths(self) -> dict[str, str]:
        """Source name → the absolute path it was last read from."""
        return dict(self._rows("SELECT source, path FROM files"))

    def sources(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT source FROM files ORDER BY source")]

    # chunks
    def chunk_ids(self, source: str | None = None) -> set[str]:
        if source is None:
            rows = self._rows("SELECT chunk_id FROM chunks")
        else:
            rows = self._rows("SELECT chunk_id FROM chunks WHERE source = ?", (source,))
        return {row[0] for row in rows}

    def all_chunks(self) -> list[Chunk]:
        rows = self._rows(f"SELECT {CHUNK_COLUMNS} FROM chunks ORDER BY source, ordinal")
        return [_chunk_from_row(row) for row in rows]

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._rows(
            f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({marks})",
            list(chunk_ids),
        )
        return {row[0]: _chunk_from_row(row) for row in rows}

    def passage_indicator_ids(self) -> set[str]:
        """The indicators that have an indicator passage: every indicator of any packet."""
        rows = self._rows("SELECT indikator_id FROM chunks WHERE indikator_id IS NOT NULL")
        return {row[0] for row in rows}

    # packet rows
    def packet_rows(
        self, huvudman_id: str, indikator_id: str | None = None
    ) -> list[tuple[str, str, PacketRow]]:
        """(source file, file title, row) for one huvudman, optionally one indicator."""
        query = (
            "SELECT p.source, f.title, p.row FROM packet_rows p JOIN files f USING (source)"
            " WHERE p.huvudman_id = ?"
        )
        params: list[str] = [huvudman_id]
        if indikator_id is not None:
            query += " AND p.indikator_id = ?"
            params.append(indikator_id)
        rows = self._rows(
            query + " ORDER BY p.indikator_id, p.ar, p.source, p.line, p.kolumn", params
        )
        found = []
        national = self.national_values()  # once per call, not once per row
        served: set[tuple[str, str, str, str]] = set()
        for src, title, text in rows:
            row = PacketRow.model_validate_json(text)
            if row.tabell:
                # Two exports may hold the same value (över tid tables overlap); ingest has
                # refused files that disagree, so the first file's row stands for both.
                key = (row.huvudman_id, row.indikator_id, row.omfattning, row.ar)
                if key in served:
                    continue
                served.add(key)
            found.append((src, title, self._with_national(row, national)))
        return found

    def indicator_ids(self, huvudman_id: str, *, defined_in_packet: bool = False) -> set[str]:
        """The indicators one huvudman has rows for, read without parsing the rows (a kommun
        from Skolverket's exports has a thousand); `defined_in_packet`: only those whose
        long-format packet gives a definition."""
        query = "SELECT DISTINCT indikator_id FROM packet_rows WHERE huvudman_id = ?"
        if defined_in_packet:
            query += " AND tabell = '' AND json_extract(row, '$.definition') != ''"
        return {row[0] for row in self._rows(query, (huvudman_id,))}

    def national_values(self) -> dict[tuple[str, str, str], tuple[str, PacketRow]]:
        """(indicator, omfattning, year) → (source, row) of every value at level Riket."""

        def read() -> dict[tuple[str, str, str], tuple[str, PacketRow]]:
            found: dict[tuple[str, str, str], tuple[str, PacketRow]] = {}
            for source, row in self._rows(
                "SELECT source, row FROM national_rows ORDER BY source DESC, line, kolumn"
            ):
                value = PacketRow.model_validate_json(row)
                found[value.indikator_id, value.omfattning, value.ar] = (source, value)
            return found

        return self.cached("national", read)

    def _with_national(
        self, row: PacketRow, national: dict[tuple[str, str, str], tuple[str, PacketRow]]
    ) -> PacketRow:
        """The row with the national value of a Riket export, when its own file has none."""
        if row.riket or not row.tabell:
            return row
        found = national.get((row.indikator_id, row.omfattning, row.ar))
        if found is None:
            return row
        source, riket = found
        extra = {**row.extra, "riket_kalla": f"{source}, rad {riket.line}"}
        return row.model_copy(
            update={"riket": riket.varde, "riket_num": riket.varde_num, "extra": extra}
        )

    def table_values(
        self, tabell: str, years: Sequence[str], national: bool
    ) -> dict[str, dict[tuple[str, str, str, str], str]]:
        """Source → {(huvudman, indicator, omfattning, year): value} of one export table's years,
        to find two files that claim the same table and year."""
        marks = ",".join("?" * len(years))
        rows = self._rows(
            "SELECT source, huvudman_id, indikator_id, omfattning, ar,"
            f" json_extract(row, '$.varde') FROM {'national_rows' if national else 'packet_rows'}"
            f" WHERE tabell = ? AND ar IN ({marks})",
            [tabell, *years],
        )
        found: dict[str, dict[tuple[str, str, str, str], str]] = {}
        for source, huvudman_id, indikator_id, omfattning, ar, varde in rows:
            found.setdefault(source, {})[huvudman_id, indikator_id, omfattning, ar] = varde
        return found

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the catalogue changes: through this connection
        (`total_changes`) or any other, also in another process (`data_version`)."""
        with self.lock:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            key = (int(version), self.db.total_changes)
            kept = self._cache.get(name)
            if kept is None or kept[0] != key:
                kept = (key, compute())
                self._cache[name] = kept
            return cast(T, kept[1])

    def huvudman_names(self) -> dict[str, str]:
        """Every huvudman that has packet rows, id → name (asked for by every question)."""
        query = (
            "SELECT huvudman_id, MIN(huvudman_namn) FROM huvudmen GROUP BY huvudman_id"
            " ORDER BY huvudman_id"
        )
        return dict(self.cached("names", lambda: dict(self._rows(query))))

    def packet_overview(self) -> Sequence[OverviewRow]:
        """(huvudman id, indicator id, indicator name, unit, year) of every packet row, in that
        order. The fields are read inside SQLite: parsing 50,000 stored rows takes seconds."""
        query = (
            "SELECT huvudman_id, indikator_id, json_extract(row, '$.indikator_namn'),"
            " json_extract(row, '$.enhet'), ar FROM packet_rows"
            " ORDER BY huvudman_id, indikator_id, ar"
        )
        # A tuple, as the cached value is shared by every caller.
        return self.cached(
            "overview", lambda: tuple(cast(OverviewRow, r) for r in self._rows(query))
        )

    def indicator_descriptions(self) -> dict[str, PacketRow]:
        """One representative row per indicator id (name, definition, unit, category); shared by
        every caller until the catalogue changes, so never change what it returns."""
        query = (
            "SELECT indikator_id, row FROM packet_rows WHERE rowid IN "
            "(SELECT MIN(rowid) FROM packet_rows GROUP BY indikator_id)"
        )
        return self.cached(
            "descriptions",
            lambda: {ind: PacketRow.model_validate_json(row) for ind, row in self._rows(query)},
        )


def write_file(
    db: sqlite3.Connection,
    *,
    source: str,
    path: str,
    sha256: str,
    kind: str,
    title: str,
    doc_type: str,
    chunks: Iterable[Chunk],
    rows: Iterable[PacketRow] = (),
    national: Iterable[PacketRow] = (),
) -> None:
    """Replace everything stored for `source` (call inside `Catalog.transaction`)."""
    delete_file(db, source)
    db.execute(
        "INSERT INTO files (source, path, sha256, kind, title, doc_type) VALUES (?, ?, ?, ?, ?, ?)",
        (source, path, sha256, kind, title, doc_type),
    )
    write_chunks(db, chunks)
    _write_huvudmen(db, source, _write_values(db, "packet_rows", source, rows))
    _write_values(db, "national_rows", source, national)


# Rows go to SQLite in batches of this many: a sheet's values are never all in memory at once.
WRITE_BATCH = 5000


def _write_values(
    db: sqlite3.Connection, table: str, source: str, rows: Iterable[PacketRow]
) -> dict[str, str]:
    """Insert `rows`; returns huvudman → name, taken from its smallest stored row as
    `MIN(row)` would choose it."""
    first: dict[str, tuple[str, str]] = {}  # huvudman → (row JSON, name)
    batch: list[tuple[object, ...]] = []
    for row in rows:
        text = row.model_dump_json()
        batch.append(_value_fields(source, row, text))
        if row.huvudman_id not in first or text < first[row.huvudman_id][0]:
            first[row.huvudman_id] = (text, row.huvudman_namn)
        if len(batch) >= WRITE_BATCH:
            _insert_values(db, table, batch)
            batch = []
    _insert_values(db, table, batch)
    return {huvudman: name for huvudman, (_, name) in first.items()}


def _insert_values(db: sqlite3.Connection, table: str, batch: list[tuple[object, ...]]) -> None:
    db.executemany(f"INSERT INTO {table} ({ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)


def _value_fields(source: str, r: PacketRow, text: str) -> tuple[object, ...]:
    return (
        source,
        r.line,
        r.kolumn,
        r.huvudman_id,
        r.indikator_id,
        r.omfattning,
        r.ar,
        r.tabell,
        text,
    )


def _write_huvudmen(db: sqlite3.Connection, source: str, names: dict[str, str]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO huvudmen (source, huvudman_id, huvudman_namn) VALUES (?, ?, ?)",
        [(source, h, namn) for h, namn in names.items()],
    )


def write_chunks(db: sqlite3.Connection, chunks: Iterable[Chunk]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO chunks ({CHUNK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.chunk_id,
                c.source,
                c.ordinal,
                c.title,
                c.doc_type,
                c.locator,
                json.dumps(c.heading_path, ensure_ascii=False),
                c.text,
                c.huvudman_id,
                c.indikator_id,
            )
            for c in chunks
        ],
    )


def sentence_digest(sentence: str) -> str:
    """The key a sentence's vector is stored under: the same sentence in two files is one."""
    return hashlib.sha1(sentence.encode("utf-8"), usedforsecurity=False).hexdigest()


def write_sentence_vectors(db: sqlite3.Connection, vectors: dict[str, np.ndarray]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO sentence_vectors (digest, vector) VALUES (?, ?)",
        [(d, np.asarray(v, dtype=SENTENCE_VECTOR_TYPE).tobytes()) for d, v in vectors.items()],
    )


def delete_sentence_vectors(db: sqlite3.Connection, digests: Iterable[str]) -> None:
    db.executemany("DELETE FROM sentence_vectors WHERE digest = ?", [(d,) for d in digests])


def delete_file(db: sqlite3.Connection, source: str) -> None:
    db.execute("DELETE FROM files WHERE source = ?", (source,))
    db.execute("DELETE FROM chunks WHERE source = ?", (source,))
    db.execute("DELETE FROM packet_rows WHERE source = ?", (source,))
    db.execute("DELETE FROM national_rows WHERE source = ?", (source,))
    db.execute("DELETE FROM huvudmen WHERE source = ?", (source,))


def delete_chunks(db: sqlite3.Connection, chunk_ids: Iterable[str]) -> None:
    db.executemany("DELETE FROM chunks WHERE chunk_id = ?", [(cid,) for cid in chunk_ids])


def _chunk_from_row(row: Sequence[object]) -> Chunk:
    (
        chunk_id,
        source,
        ordinal,
        title,
        doc_type,
        locator,
        heading_path,
        text,
        huvudman_id,
        indikator_id,
    ) = row
    return Chunk(
        chunk_id=str(chunk_id),
        source=str(source),
        ordinal=int(str(ordinal)),
        title=str(title),
        doc_type=str(doc_type),
        locator=str(locator),
        heading_path=json.loads(str(heading_path)),
        text=str(text),
        huvudman_id=None if huvudman_id is None else str(huvudman_id),
        indikator_id=None if indikator_id is None else str(indikator_id),
    )
