"""Which indicator a passage describes is a field of the passage, kept by the catalogue, not
parsed out of its id."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.index.catalog import Catalog, write_chunks
from assistant.ingest.pipeline import indicator_chunks
from assistant.types import DOC_INDICATOR, DOC_PACKET, Chunk, PacketRow, indicator_chunk_id

INDICATOR_ID = indicator_chunk_id("elever_per_larare", "0123456789ab")
# Chunk id → the indicator the stored passage describes.
EXPECTED = {
    INDICATOR_ID: "elever_per_larare",
    "rad:norrforsen.csv:12": None,
    "uppdraget-pdf-3": None,
}


def _chunk(chunk_id: str, doc_type: str, indikator_id: str | None = None) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        source="s",
        title="t",
        doc_type=doc_type,
        locator="",
        text="x",
        indikator_id=indikator_id,
    )


def _stored(path: Path) -> Catalog:
    catalog = Catalog(path)
    with catalog.transaction() as db:
        write_chunks(
            db,
            [
                _chunk(INDICATOR_ID, DOC_INDICATOR, "elever_per_larare"),
                _chunk("rad:norrforsen.csv:12", DOC_PACKET),
                _chunk("uppdraget-pdf-3", "uppdrag"),
            ],
        )
    return catalog


def _indicators(catalog: Catalog) -> dict[str, str | None]:
    return {c.chunk_id: c.indikator_id for c in catalog.all_chunks()}


def test_an_indicator_passage_names_its_indicator() -> None:
    assert INDICATOR_ID == "indikator:elever_per_larare:0123456789ab"
    row = PacketRow(
        huvudman_id="2281",
        indikator_id="elever_per_larare",
        indikator_namn="Elever per lärare",
        ar="2024",
        varde="12,1",
        line=2,
    )
    (passage,) = indicator_chunks({"elever_per_larare": row})
    assert (passage.doc_type, passage.indikator_id) == (DOC_INDICATOR, "elever_per_larare")


def test_the_catalogue_keeps_which_indicator_a_passage_describes(tmp_path: Path) -> None:
    catalog = _stored(tmp_path / "catalog.sqlite")
    assert _indicators(catalog) == EXPECTED
    assert catalog.chunks_by_id([INDICATOR_ID])[INDICATOR_ID].indikator_id == "elever_per_larare"
    assert catalog.passage_indicator_ids() == {"elever_per_larare"}
    catalog.close()


def test_an_index_made_before_the_column_gets_it_filled_on_opening(tmp_path: Path) -> None:
    _stored(tmp_path / "catalog.sqlite").close()
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    db.execute("ALTER TABLE chunks DROP COLUMN indikator_id")
    db.commit()
    db.close()
    reopened = Catalog(tmp_path / "catalog.sqlite")
    assert _indicators(reopened) == EXPECTED
    reopened.close()
