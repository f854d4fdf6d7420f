"""Which indicator a passage describes is read from one place, not parsed out of ids ad hoc."""

from __future__ import annotations

from assistant.types import DOC_INDICATOR, DOC_PACKET, Chunk, indicator_chunk_id, indicator_of


def _chunk(chunk_id: str, doc_type: str) -> Chunk:
    return Chunk(chunk_id=chunk_id, source="s", title="t", doc_type=doc_type, locator="", text="x")


def test_an_indicator_passage_names_its_indicator() -> None:
    chunk_id = indicator_chunk_id("elever_per_larare", "0123456789ab")
    assert chunk_id == "indikator:elever_per_larare:0123456789ab"
    assert _chunk(chunk_id, DOC_INDICATOR).indikator_id == "elever_per_larare"
    assert indicator_of(chunk_id) == "elever_per_larare"


def test_other_passages_name_no_indicator() -> None:
    assert _chunk("rad:norrforsen.csv:12", DOC_PACKET).indikator_id is None
    assert _chunk("uppdraget-pdf-3", "uppdrag").indikator_id is None
    for chunk_id in ("indikator:", "indikator", "rad:x.csv:12", ""):
        assert indicator_of(chunk_id) is None, chunk_id
