"""An index written by an older Dialogstöd opens with the current code, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.index.catalog import Catalog
from assistant.types import DOC_PACKET, PacketRow

# The catalogue as it was before Skolverket's exports were read: one packet value per line, no
# huvudmen table, no national values and no indicator on the chunks.
BEFORE_EXPORTS = """
CREATE TABLE files (source TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    kind TEXT NOT NULL, title TEXT NOT NULL, doc_type TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE chunks (chunk_id TEXT PRIMARY KEY, source TEXT NOT NULL, ordinal INTEGER NOT NULL,
    title TEXT NOT NULL, doc_type TEXT NOT NULL, locator TEXT NOT NULL,
    heading_path TEXT NOT NULL, text TEXT NOT NULL, huvudman_id TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE packet_rows (source TEXT NOT NULL, line INTEGER NOT NULL,
    huvudman_id TEXT NOT NULL, indikator_id TEXT NOT NULL, ar TEXT NOT NULL, row TEXT NOT NULL,
    PRIMARY KEY (source, line));
CREATE INDEX rows_by_scope ON packet_rows(huvudman_id, indikator_id, ar);
"""

ROW = PacketRow(
    huvudman_id="0917",
    huvudman_namn="Norrforsens kommun",
    indikator_id="behoriga_larare",
    indikator_namn="Andel behöriga lärare",
    ar="2024",
    varde="71,0",
    enhet="procent",
    line=2,
)


def test_an_index_from_before_the_exports_opens_with_its_rows_names_and_chunks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalog.sqlite"
    old = sqlite3.connect(path)
    old.executescript(BEFORE_EXPORTS)
    old.execute(
        "INSERT INTO files (source, path, sha256, kind, title, doc_type)"
        " VALUES ('norrforsen.csv', '/x/norrforsen.csv', 'x', 'packet', 'Norrforsen', ?)",
        (DOC_PACKET,),
    )
    old.execute(
        "INSERT INTO packet_rows VALUES ('norrforsen.csv', 2, '0917', 'behoriga_larare',"
        " '2024', ?)",
        (ROW.model_dump_json(),),
    )
    old.execute(
        "INSERT INTO chunks VALUES ('indikator:behoriga_larare:0123456789ab', 'indikatorer', 0,"
        " 'Andel behöriga lärare', 'indikator', '', '[]', 'Andel behöriga lärare', NULL)"
    )
    old.commit()
    old.close()

    catalog = Catalog(path)
    (found,) = catalog.packet_rows("0917")
    assert found[0] == "norrforsen.csv" and found[2].varde == "71,0"
    assert catalog.packet_row("norrforsen.csv", 2) == ("Norrforsen", ROW)
    assert catalog.huvudman_names() == {"0917": "Norrforsens kommun"}
    assert catalog.passage_indicator_ids() == {"behoriga_larare"}
    assert catalog.national_values() == {}
    catalog.close()

    # Opening it again finds nothing left to upgrade and changes nothing.
    reopened = Catalog(path)
    assert [row for _, _, row in reopened.packet_rows("0917")] == [ROW]
    reopened.close()
