"""The SQLite catalogue beside the vector store: ingested files, chunk texts and packet rows.

Packet rows are data, not prose: they live here as a table and answers are read from it. SQLite
is also the source of truth for which chunks exist; vectors in Chroma are kept in step with it.
The tables are SQLAlchemy tables, opened through `assistant.database` like the conversations.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Select,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
    update,
)

from assistant.database import open_engine
from assistant.types import DOC_INDICATOR, Chunk, PacketRow

metadata = MetaData()
files = Table(
    "files",
    metadata,
    Column("source", Text, primary_key=True),
    Column("path", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("doc_type", Text, nullable=False),
    Column("ingested_at", Text, nullable=False, server_default=text("(datetime('now'))")),
)
chunks = Table(
    "chunks",
    metadata,
    Column("chunk_id", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("doc_type", Text, nullable=False),
    Column("locator", Text, nullable=False),
    Column("heading_path", Text, nullable=False),  # JSON list
    Column("text", Text, nullable=False),
    Column("huvudman_id", Text),
    Column("indikator_id", Text),
    Index("chunks_by_source", "source", "ordinal"),
)
meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("digest", Text, primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)


def _value_table(name: str, *indexes: tuple[str, tuple[str, ...]]) -> Table:
    """A table of packet values. A value is one cell: a long-format packet has one per line
    (kolumn 0), a Skolverket export one per measure column; `tabell` and `omfattning` are set
    for exports only."""
    return Table(
        name,
        metadata,
        Column("source", Text, primary_key=True),
        Column("line", Integer, primary_key=True),
        Column("kolumn", Integer, primary_key=True, server_default=text("0")),
        Column("huvudman_id", Text, nullable=False),
        Column("indikator_id", Text, nullable=False),
        Column("omfattning", Text, nullable=False, server_default=text("''")),
        Column("ar", Text, nullable=False),
        Column("tabell", Text, nullable=False, server_default=text("''")),
        Column("row", Text, nullable=False),  # the PacketRow as JSON
        *(Index(index, *columns) for index, columns in indexes),
    )


packet_rows = _value_table(
    "packet_rows",
    ("rows_by_scope", ("huvudman_id", "indikator_id", "ar")),
    ("rows_by_table", ("tabell", "ar")),
)
national_rows = _value_table("national_rows", ("national_by_table", ("tabell", "ar")))
# One row per huvudman and packet file, written with the file's rows: every question asks for the
# huvudmän's names, and reading them from 50,000 packet rows each time is too slow.
huvudmen = Table(
    "huvudmen",
    metadata,
    Column("source", Text, primary_key=True),
    Column("huvudman_id", Text, primary_key=True),
    Column("huvudman_namn", Text, nullable=False),
)
CHUNK_FIELDS = tuple(chunks.c)  # in the order `_chunk_from_row` reads them
VALUE_FIELDS = tuple(packet_rows.c)

INDICATOR_SOURCE = "indikatorer"
T = TypeVar("T")
SENTENCE_VECTOR_TYPE = np.float32
OverviewRow = tuple[str, str, str, str, str]
Upgrade = Callable[[Connection], None]


class Catalog:
    """Typed access to the catalogue database; every write happens in one transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = open_engine(f"sqlite:///{path}", one_connection=True)
        # One connection serves the API's worker threads; the lock keeps their calls apart.
        self._db = self.engine.connect()
        self.lock = threading.RLock()
        self._cache: dict[str, tuple[tuple[int, int], Any]] = {}
        self._upgrade_once(_lacks_chunk_indicators, _add_chunk_indicators)
        self._upgrade_once(_lacks_value_columns, _add_value_columns)
        self._upgrade_once(_lacks_huvudmen_table, _add_huvudmen_table)
        self._upgrade_once(_lacks_schema, _create_schema)

    def _upgrade_once(self, needed: Callable[[Connection], bool], upgrade: Upgrade) -> None:
        """Run `upgrade` on an index `needed` says lacks it, once across processes."""
        with self.connection() as db:
            if not needed(db):
                return  # no write lock just to open an index that has it
        with self.transaction() as db:
            if needed(db):  # another process may have upgraded it meanwhile
                upgrade(db)

    def close(self) -> None:
        self._db.close()
        self.engine.dispose()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """The catalogue's connection, for reading; each statement commits on its own."""
        with self.lock:
            yield self._db

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.lock:
            # IMMEDIATE takes the write lock at once: two writers queue instead of deadlocking.
            self._db.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.exec_driver_sql("ROLLBACK")
                raise
            self._db.exec_driver_sql("COMMIT")

    def _rows(self, query: Select[Any]) -> list[tuple[Any, ...]]:
        with self.connection() as db:
            return [tuple(row) for row in db.execute(query)]

    def get_meta(self, key: str) -> str | None:
        rows = self._rows(select(meta.c.value).where(meta.c.key == key))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.connection() as db:
            db.execute(insert(meta).prefix_with("OR REPLACE").values(key=key, value=value))

    # files
    def file_hashes(self) -> dict[str, str]:
        return dict(self._rows(select(files.c.source, files.c.sha256)))

    def documents(self) -> list[dict[str, Any]]:
        """Every ingested file with what it holds, for listing."""

        def count(table: Table) -> Any:
            return (
                select(func.count())
                .select_from(table)
                .where(table.c.source == files.c.source)
                .scalar_subquery()
            )

        rows = self._rows(
            select(
                files.c.source,
                files.c.title,
                files.c.kind,
                files.c.doc_type,
                files.c.ingested_at,
                count(chunks),
                count(packet_rows),
            ).order_by(files.c.source)
        )
        keys = ("name", "title", "kind", "doc_type", "ingested_at", "chunks", "packet_rows")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def neighbours(self, source: str, ordinal: int) -> tuple[Chunk | None, Chunk | None]:
        """The chunks just before and after one in its document."""
        rows = self._rows(
            select(*CHUNK_FIELDS).where(
                chunks.c.source == source, chunks.c.ordinal.in_((ordinal - 1, ordinal + 1))
            )
        )
        found = {int(row[2]): _chunk_from_row(row) for row in rows}
        return found.get(ordinal - 1), found.get(ordinal + 1)

    def document_chunks(self, source: str, limit: int) -> list[Chunk]:
        """The first `limit` chunks of one document, in order."""
        rows = self._rows(
            select(*CHUNK_FIELDS)
            .where(chunks.c.source == source)
            .order_by(chunks.c.ordinal)
            .limit(limit)
        )
        return [_chunk_from_row(row) for row in rows]

    def sentence_vectors(self, digests: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored sentence vectors by digest (`sentence_digest`); unknown digests are left out."""
        wanted = sorted(set(digests))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            part = wanted[start : start + 500]
            for digest, blob in self._rows(
                select(sentence_vectors).where(sentence_vectors.c.digest.in_(part))
            ):
                found[str(digest)] = np.frombuffer(blob, dtype=SENTENCE_VECTOR_TYPE)
        return found

    def sentence_digests(self) -> set[str]:
        return {str(row[0]) for row in self._rows(select(sentence_vectors.c.digest))}

    def packet_row(self, source: str, line: int, kolumn: int = 0) -> tuple[str, PacketRow] | None:
        """(file title, row) for one value of a packet file: a line, and a column of an export."""
        rows = self._rows(
            select(files.c.title, packet_rows.c.row)
            .join_from(packet_rows, files, packet_rows.c.source == files.c.source)
            .where(
                packet_rows.c.source == source,
                packet_rows.c.line == line,
                packet_rows.c.kolumn == kolumn,
            )
        )
        if not rows:
            return None
        row = PacketRow.model_validate_json(rows[0][1])
        return rows[0][0], self._with_national(row, self.national_values())

    def file_paths(self) -> dict[str, str]:
        """Source name → the absolute path it was last read from."""
        return dict(self._rows(select(files.c.source, files.c.path)))

    def sources(self) -> list[str]:
        return [row[0] for row in self._rows(select(files.c.source).order_by(files.c.source))]

    # chunks
    def chunk_ids(self, source: str | None = None) -> set[str]:
        query = select(chunks.c.chunk_id)
        if source is not None:
            query = query.where(chunks.c.source == source)
        return {row[0] for row in self._rows(query)}

    def all_chunks(self) -> list[Chunk]:
        rows = self._rows(select(*CHUNK_FIELDS).order_by(chunks.c.source, chunks.c.ordinal))
        return [_chunk_from_row(row) for row in rows]

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        if not chunk_ids:
            return {}
        rows = self._rows(select(*CHUNK_FIELDS).where(chunks.c.chunk_id.in_(list(chunk_ids))))
        return {row[0]: _chunk_from_row(row) for row in rows}

    def passage_indicator_ids(self) -> set[str]:
        """The indicators that have an indicator passage: every indicator of any packet."""
        query = select(chunks.c.indikator_id).where(chunks.c.indikator_id.is_not(None))
        return {row[0] for row in self._rows(query)}

    # packet rows
    def packet_rows(
        self, huvudman_id: str, indikator_id: str | None = None
    ) -> list[tuple[str, str, PacketRow]]:
        """(source file, file title, row) for one huvudman, optionally one indicator."""
        p = packet_rows.c
        query = (
            select(p.source, files.c.title, p.row)
            .join_from(packet_rows, files, p.source == files.c.source)
            .where(p.huvudman_id == huvudman_id)
        )
        if indikator_id is not None:
            query = query.where(p.indikator_id == indikator_id)
        rows = self._rows(query.order_by(p.indikator_id, p.ar, p.source, p.line, p.kolumn))
        found = []
        national = self.national_values()  # once per call, not once per row
        served: set[tuple[str, str, str, str]] = set()
        for src, title, stored in rows:
            row = PacketRow.model_validate_json(stored)
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
        p = packet_rows.c
        query = select(p.indikator_id).distinct().where(p.huvudman_id == huvudman_id)
        if defined_in_packet:
            query = query.where(p.tabell == "", func.json_extract(p.row, "$.definition") != "")
        return {row[0] for row in self._rows(query)}

    def national_values(self) -> dict[tuple[str, str, str], tuple[str, PacketRow]]:
        """(indicator, omfattning, year) → (source, row) of every value at level Riket."""
        n = national_rows.c

        def read() -> dict[tuple[str, str, str], tuple[str, PacketRow]]:
            found: dict[tuple[str, str, str], tuple[str, PacketRow]] = {}
            for source, row in self._rows(
                select(n.source, n.row).order_by(n.source.desc(), n.line, n.kolumn)
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
        c = (national_rows if national else packet_rows).c
        rows = self._rows(
            select(
                c.source,
                c.huvudman_id,
                c.indikator_id,
                c.omfattning,
                c.ar,
                func.json_extract(c.row, "$.varde"),
            ).where(c.tabell == tabell, c.ar.in_(list(years)))
        )
        found: dict[str, dict[tuple[str, str, str, str], str]] = {}
        for source, huvudman_id, indikator_id, omfattning, ar, varde in rows:
            found.setdefault(source, {})[huvudman_id, indikator_id, omfattning, ar] = varde
        return found

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the catalogue changes: through this connection
        (`total_changes`) or any other, also in another process (`data_version`)."""
        with self.connection() as db:
            version = db.exec_driver_sql("PRAGMA data_version").scalar()
            key = (
                int(cast(int, version)),
                cast(Any, db.connection.driver_connection).total_changes,
            )
            kept = self._cache.get(name)
            if kept is None or kept[0] != key:
                kept = (key, compute())
                self._cache[name] = kept
            return cast(T, kept[1])

    def huvudman_names(self) -> dict[str, str]:
        """Every huvudman that has packet rows, id → name (asked for by every question)."""
        h = huvudmen.c
        query = (
            select(h.huvudman_id, func.min(h.huvudman_namn))
            .group_by(h.huvudman_id)
            .order_by(h.huvudman_id)
        )
        return dict(self.cached("names", lambda: dict(self._rows(query))))

    def packet_overview(self) -> Sequence[OverviewRow]:
        """(huvudman id, indicator id, indicator name, unit, year) of every packet row, in that
        order. The fields are read inside SQLite: parsing 50,000 stored rows takes seconds."""
        p = packet_rows.c
        query = select(
            p.huvudman_id,
            p.indikator_id,
            func.json_extract(p.row, "$.indikator_namn"),
            func.json_extract(p.row, "$.enhet"),
            p.ar,
        ).order_by(p.huvudman_id, p.indikator_id, p.ar)
        # A tuple, as the cached value is shared by every caller.
        return self.cached(
            "overview", lambda: tuple(cast(OverviewRow, r) for r in self._rows(query))
        )

    def indicator_descriptions(self) -> dict[str, PacketRow]:
        """One representative row per indicator id (name, definition, unit, category); shared by
        every caller until the catalogue changes, so never change what it returns."""
        rowid = literal_column("rowid", Integer)
        first = (
            select(func.min(rowid)).select_from(packet_rows).group_by(packet_rows.c.indikator_id)
        )
        query = select(packet_rows.c.indikator_id, packet_rows.c.row).where(rowid.in_(first))
        return self.cached(
            "descriptions",
            lambda: {ind: PacketRow.model_validate_json(row) for ind, row in self._rows(query)},
        )


def _table_names(db: Connection) -> set[str]:
    return set(inspect(db).get_table_names())


def _column_names(db: Connection, table: str) -> set[str]:
    return {column["name"] for column in inspect(db).get_columns(table)}


def _lacks_schema(db: Connection) -> bool:
    wanted = {t.name for t in metadata.tables.values()} | {
        i.name for t in metadata.tables.values() for i in t.indexes if i.name
    }
    return not wanted <= {row[0] for row in db.exec_driver_sql("SELECT name FROM sqlite_master")}


def _create_schema(db: Connection) -> None:
    metadata.create_all(db)
    for table in metadata.tables.values():  # an older index may lack an index on a table it has
        for table_index in table.indexes:
            table_index.create(db, checkfirst=True)


def _lacks_chunk_indicators(db: Connection) -> bool:
    return "chunks" in _table_names(db) and "indikator_id" not in _column_names(db, "chunks")


def _add_chunk_indicators(db: Connection) -> None:
    """Give the chunks of an index made before they carried their indicator the column,
    filled from the one place such an index names it: an indicator passage's id,
    `indikator:{indikator_id}:{digest}` (`indicator_chunk_id`)."""
    db.exec_driver_sql("ALTER TABLE chunks ADD COLUMN indikator_id TEXT")
    found = db.execute(select(chunks.c.chunk_id).where(chunks.c.doc_type == DOC_INDICATOR))
    _execute_many(
        db,
        update(chunks)
        .where(chunks.c.chunk_id == bindparam("b_chunk_id"))
        .values(indikator_id=bindparam("b_indikator_id")),
        [
            {
                "b_chunk_id": chunk_id,
                "b_indikator_id": chunk_id.removeprefix(f"{DOC_INDICATOR}:").rsplit(":", 1)[0],
            }
            for chunk_id in found.scalars()
        ],
    )


def _lacks_value_columns(db: Connection) -> bool:
    return "packet_rows" in _table_names(db) and "kolumn" not in _column_names(db, "packet_rows")


def _add_value_columns(db: Connection) -> None:
    """Give an index made before Skolverket's exports were read the cell-level row key."""
    db.exec_driver_sql("ALTER TABLE packet_rows RENAME TO packet_rows_before_cells")
    db.exec_driver_sql("DROP INDEX IF EXISTS rows_by_scope")
    packet_rows.create(db)
    names = ", ".join(c.name for c in VALUE_FIELDS)
    db.exec_driver_sql(
        f"INSERT INTO packet_rows ({names}) SELECT source, line, 0, huvudman_id, indikator_id,"
        " '', ar, '', row FROM packet_rows_before_cells"
    )
    db.exec_driver_sql("DROP TABLE packet_rows_before_cells")


def _lacks_huvudmen_table(db: Connection) -> bool:
    tables = _table_names(db)
    return "packet_rows" in tables and "huvudmen" not in tables


def _add_huvudmen_table(db: Connection) -> None:
    """Create the huvudmen table, filled from the packet rows of an index made before it."""
    huvudmen.create(db)
    p = packet_rows.c
    for source in db.execute(select(p.source).distinct()).scalars().all():
        found = db.execute(
            select(p.huvudman_id, func.min(p.row)).where(p.source == source).group_by(p.huvudman_id)
        )
        names = {h: PacketRow.model_validate_json(r).huvudman_namn for h, r in found}
        _write_huvudmen(db, source, names)


def _execute_many(db: Connection, statement: Any, parameters: list[dict[str, Any]]) -> None:
    """`statement` once per parameter set; nothing at all for none (SQLAlchemy would run it
    once without parameters)."""
    if parameters:
        db.execute(statement, parameters)


def write_file(
    db: Connection,
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
        insert(files).values(
            source=source, path=path, sha256=sha256, kind=kind, title=title, doc_type=doc_type
        )
    )
    write_chunks(db, chunks)
    _write_huvudmen(db, source, _write_values(db, packet_rows, source, rows))
    _write_values(db, national_rows, source, national)


# Rows go to SQLite in batches of this many: a sheet's values are never all in memory at once.
WRITE_BATCH = 5000


def _write_values(
    db: Connection, table: Table, source: str, rows: Iterable[PacketRow]
) -> dict[str, str]:
    """Insert `rows`; returns huvudman → name, taken from its smallest stored row as
    `MIN(row)` would choose it."""
    first: dict[str, tuple[str, str]] = {}  # huvudman → (row JSON, name)
    batch: list[dict[str, Any]] = []
    for row in rows:
        stored = row.model_dump_json()
        batch.append(_value_fields(source, row, stored))
        if row.huvudman_id not in first or stored < first[row.huvudman_id][0]:
            first[row.huvudman_id] = (stored, row.huvudman_namn)
        if len(batch) >= WRITE_BATCH:
            _execute_many(db, insert(table), batch)
            batch = []
    _execute_many(db, insert(table), batch)
    return {huvudman: name for huvudman, (_, name) in first.items()}


def _value_fields(source: str, r: PacketRow, stored: str) -> dict[str, Any]:
    return {
        "source": source,
        "line": r.line,
        "kolumn": r.kolumn,
        "huvudman_id": r.huvudman_id,
        "indikator_id": r.indikator_id,
        "omfattning": r.omfattning,
        "ar": r.ar,
        "tabell": r.tabell,
        "row": stored,
    }


def _write_huvudmen(db: Connection, source: str, names: dict[str, str]) -> None:
    _execute_many(
        db,
        insert(huvudmen).prefix_with("OR REPLACE"),
        [{"source": source, "huvudman_id": h, "huvudman_namn": n} for h, n in names.items()],
    )


def write_chunks(db: Connection, written: Iterable[Chunk]) -> None:
    _execute_many(
        db,
        insert(chunks).prefix_with("OR REPLACE"),
        [
            {
                "chunk_id": c.chunk_id,
                "source": c.source,
                "ordinal": c.ordinal,
                "title": c.title,
                "doc_type": c.doc_type,
                "locator": c.locator,
                "heading_path": json.dumps(c.heading_path, ensure_ascii=False),
                "text": c.text,
                "huvudman_id": c.huvudman_id,
                "indikator_id": c.indikator_id,
            }
            for c in written
        ],
    )


def sentence_digest(sentence: str) -> str:
    """The key a sentence's vector is stored under: the same sentence in two files is one."""
    return hashlib.sha1(sentence.encode("utf-8"), usedforsecurity=False).hexdigest()


def write_sentence_vectors(db: Connection, vectors: dict[str, np.ndarray]) -> None:
    _execute_many(
        db,
        insert(sentence_vectors).prefix_with("OR REPLACE"),
        [
            {"digest": d, "vector": np.asarray(v, dtype=SENTENCE_VECTOR_TYPE).tobytes()}
            for d, v in vectors.items()
        ],
    )


def delete_sentence_vectors(db: Connection, digests: Iterable[str]) -> None:
    _execute_many(
        db,
        delete(sentence_vectors).where(sentence_vectors.c.digest == bindparam("b_digest")),
        [{"b_digest": d} for d in digests],
    )


def delete_file(db: Connection, source: str) -> None:
    for table in (files, chunks, packet_rows, national_rows, huvudmen):
        db.execute(delete(table).where(table.c.source == source))


def delete_chunks(db: Connection, chunk_ids: Iterable[str]) -> None:
    _execute_many(
        db,
        delete(chunks).where(chunks.c.chunk_id == bindparam("b_chunk_id")),
        [{"b_chunk_id": cid} for cid in chunk_ids],
    )


def _chunk_from_row(row: Sequence[object]) -> Chunk:
    (
        chunk_id,
        source,
        ordinal,
        title,
        doc_type,
        locator,
        heading_path,
        body,
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
        text=str(body),
        huvudman_id=None if huvudman_id is None else str(huvudman_id),
        indikator_id=None if indikator_id is None else str(indikator_id),
    )
