"""The ingest pipeline with the real model, Chroma and SQLite, on small files in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.index.catalog import sentence_digest
from assistant.index.embeddings import Embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import failed_completely, find_files, ingest
from assistant.types import IngestReport, SkippedFile

# --- test data ----------------------------------------------------------------------------------

SKOLPLAN = """# Skolplan för Ekbacka

## Syfte

Skolplanen beskriver hur huvudmannen arbetar för att alla elever ska nå målen.

## Uppföljning

Rektorerna följer upp resultaten varje termin och rapporterar till nämnden.
"""
SKOLPLAN_TITLE = "Skolplan för Ekbacka"
SYFTE_TEXT = "Skolplanen beskriver hur huvudmannen arbetar för att alla elever ska nå målen."
UPPFOLJNING_TEXT = "Rektorerna följer upp resultaten varje termin och rapporterar till nämnden."
UPPFOLJNING_NY = "Rektorerna följer upp resultaten två gånger per läsår och skriver en rapport."

ELEVHALSA = """# Elevhälsa i Ekbacka

Elevhälsan arbetar förebyggande och hälsofrämjande tillsammans med lärarna på varje skola.
"""

PACKET_HEADER = (
    "huvudman_id;huvudman_namn;skolform;kategori;indikator_id;indikator_namn;enhet;ar;varde;"
    "riket;kalla;definition"
)
INDICATORS = {
    "meritvarde_ak9": (
        "Resultat",
        "Genomsnittligt meritvärde i årskurs 9",
        "poäng",
        "Summan av betygen i de 17 bästa ämnena.",
    ),
    "legitimerade_larare": (
        "Lärare",
        "Andel legitimerade lärare",
        "procent",
        "Andel lärare med legitimation och behörighet.",
    ),
    "elever_per_larare": (
        "Förutsättningar",
        "Antal elever per lärare",
        "antal",
        "Elever per lärare i heltidstjänster.",
    ),
}
EKBACKA_VALUES = {
    ("meritvarde_ak9", "2023"): ("212,4", "228,6"),
    ("meritvarde_ak9", "2024"): ("209,7", "227,3"),
    ("legitimerade_larare", "2023"): ("68,5", "70,9"),
    ("legitimerade_larare", "2024"): ("71,0", "70,6"),
}
BJORKVIK_VALUES = {
    ("meritvarde_ak9", "2023"): ("231,0", "228,6"),
    ("meritvarde_ak9", "2024"): ("233,5", "227,3"),
    ("elever_per_larare", "2023"): ("12,8", "12,2"),
    ("elever_per_larare", "2024"): ("13,1", "11,9"),
}

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


def packet_csv(huvudman_id: str, namn: str, values: dict[tuple[str, str], tuple[str, str]]) -> str:
    lines = [PACKET_HEADER]
    for (indikator_id, ar), (varde, riket) in values.items():
        kategori, indikator_namn, enhet, definition = INDICATORS[indikator_id]
        lines.append(
            f"{huvudman_id};{namn};grundskola;{kategori};{indikator_id};{indikator_namn};{enhet};"
            f"{ar};{varde};{riket};Skolverket;{definition}"
        )
    return "\n".join(lines) + "\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def small_corpus(root: Path) -> Path:
    write(root / "skolplan.md", SKOLPLAN)
    write(root / "ekbacka.csv", packet_csv("1234", "Ekbacka kommun", EKBACKA_VALUES))
    return root


def packet_rows(index: Index) -> list[tuple[str, int, str]]:
    with index.catalog.connection() as db:
        found = db.exec_driver_sql(
            "SELECT source, line, row FROM packet_rows ORDER BY source, line"
        )
        return [tuple(row) for row in found]


def snapshot(index: Index) -> dict[str, Any]:
    """Everything the index holds: file hashes, chunks, packet rows, vector ids and vectors."""
    ids = sorted(index.vectors.ids())
    vectors = index.vectors.vectors(ids)
    return {
        "files": index.catalog.file_hashes(),
        "chunks": [(c.chunk_id, c.source, c.locator, c.text) for c in index.catalog.all_chunks()],
        "rows": packet_rows(index),
        "vector_ids": ids,
        "vectors": {i: vectors[i].tobytes() for i in ids},
    }


def chunk_ids_of(index: Index, source: str) -> set[str]:
    return index.catalog.chunk_ids(source)


MakeIndex = Callable[..., Index]


# --- tests --------------------------------------------------------------------------------------


def test_ingest_writes_chunks_rows_and_vectors(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    report = ingest(index, [small_corpus(tmp_path / "docs")])

    assert report == IngestReport(
        files_seen=2,
        files_ingested=2,
        chunks_written=2,
        packet_rows_written=4,
        vectors_embedded=4,  # 2 document chunks + 2 indicator passages
        sentences_embedded=2,  # one sentence in each document chunk
    )
    assert index.catalog.sources() == ["ekbacka.csv", "skolplan.md"]
    stored = index.catalog.sentence_vectors([sentence_digest(SYFTE_TEXT)])
    expected = index.embedder.embed_documents([SYFTE_TEXT])[0]
    assert np.allclose(stored[sentence_digest(SYFTE_TEXT)], expected, atol=1e-6)

    doc_chunks = [c for c in index.catalog.all_chunks() if c.source == "skolplan.md"]
    assert [(c.locator, c.text, c.title, c.doc_type) for c in doc_chunks] == [
        (f"Avsnitt: {SKOLPLAN_TITLE} > Syfte", SYFTE_TEXT, SKOLPLAN_TITLE, "dokument"),
        (f"Avsnitt: {SKOLPLAN_TITLE} > Uppföljning", UPPFOLJNING_TEXT, SKOLPLAN_TITLE, "dokument"),
    ]
    assert all(c.chunk_id.startswith("skolplan-md:") for c in doc_chunks)
    # A packet gives rows, not prose chunks.
    assert chunk_ids_of(index, "ekbacka.csv") == set()

    rows = index.catalog.packet_rows("1234")
    assert {(r.indikator_id, r.ar): (r.varde, r.riket) for _, _, r in rows} == EKBACKA_VALUES
    by_year = {(r.indikator_id, r.ar): r for _, _, r in rows}
    assert by_year["meritvarde_ak9", "2024"].varde == "209,7"
    assert by_year["meritvarde_ak9", "2024"].varde_num == 209.7
    assert by_year["legitimerade_larare", "2024"].varde == "71,0"  # not "71"
    assert by_year["meritvarde_ak9", "2024"].line == 3
    assert {(src, title) for src, title, _ in rows} == {
        ("ekbacka.csv", "Indikatorpaket: Ekbacka kommun")
    }
    assert index.catalog.huvudman_names() == {"1234": "Ekbacka kommun"}

    assert index.vectors.ids() == index.catalog.chunk_ids()
    assert len(index.catalog.chunk_ids()) == 4


def test_reingest_unchanged_embeds_nothing(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    ingest(index, [docs])
    before = snapshot(index)

    report = ingest(index, [docs])

    assert report == IngestReport(files_seen=2, files_unchanged=2)
    assert report.vectors_embedded == 0
    assert snapshot(index) == before


def test_changed_file_replaces_only_its_own_chunks(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    ingest(index, [docs])
    old_ids = {c.text: c.chunk_id for c in index.catalog.all_chunks() if c.source == "skolplan.md"}
    csv_hash = index.catalog.file_hashes()["ekbacka.csv"]
    rows_before = packet_rows(index)
    indicator_ids = chunk_ids_of(index, "indikatorer")

    write(docs / "skolplan.md", SKOLPLAN.replace(UPPFOLJNING_TEXT, UPPFOLJNING_NY))
    report = ingest(index, [docs])

    assert (report.files_seen, report.files_ingested, report.files_unchanged) == (2, 1, 1)
    assert report.chunks_written == 2
    assert report.vectors_embedded == 1  # the unchanged "Syfte" chunk keeps its id and vector
    assert report.sentences_embedded == 1  # and its sentence keeps its vector
    assert index.catalog.sentence_digests() == {
        sentence_digest(SYFTE_TEXT),
        sentence_digest(UPPFOLJNING_NY),
    }  # the replaced sentence's vector went with it
    new_chunks = {
        c.text: c.chunk_id for c in index.catalog.all_chunks() if c.source == "skolplan.md"
    }
    assert set(new_chunks) == {SYFTE_TEXT, UPPFOLJNING_NY}
    assert new_chunks[SYFTE_TEXT] == old_ids[SYFTE_TEXT]

    gone = old_ids[UPPFOLJNING_TEXT]
    added = new_chunks[UPPFOLJNING_NY]
    assert gone != added
    assert gone not in index.catalog.chunk_ids()
    assert gone not in index.vectors.ids()
    assert added in index.catalog.chunk_ids()
    assert added in index.vectors.ids()

    # The other file is untouched.
    assert index.catalog.file_hashes()["ekbacka.csv"] == csv_hash
    assert packet_rows(index) == rows_before
    assert chunk_ids_of(index, "indikatorer") == indicator_ids
    assert index.vectors.ids() == index.catalog.chunk_ids()


def test_report_counts_deleted_chunks(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    ingest(index, [docs])
    write(docs / "skolplan.md", SKOLPLAN.replace(UPPFOLJNING_TEXT, UPPFOLJNING_NY))

    report = ingest(index, [docs])

    assert report.chunks_deleted == 1


def test_prune_removes_deleted_files(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    write(docs / "elevhalsa.md", ELEVHALSA)
    ingest(index, [docs])
    kept_ids = chunk_ids_of(index, "elevhalsa.md")
    assert len(kept_ids) == 1
    removed_ids = chunk_ids_of(index, "skolplan.md") | chunk_ids_of(index, "indikatorer")
    assert len(removed_ids) == 4
    (docs / "skolplan.md").unlink()
    (docs / "ekbacka.csv").unlink()

    # Without prune, what the index holds for the deleted files stays.
    before = snapshot(index)
    report = ingest(index, [docs])
    assert (report.files_seen, report.files_unchanged, report.files_removed) == (1, 1, 0)
    assert snapshot(index) == before

    report = ingest(index, [docs], prune=True)

    assert (report.files_seen, report.files_unchanged, report.files_removed) == (1, 1, 2)
    assert index.catalog.sources() == ["elevhalsa.md"]
    assert index.catalog.chunk_ids() == kept_ids
    assert index.vectors.ids() == kept_ids
    assert packet_rows(index) == []
    assert index.catalog.huvudman_names() == {}
    assert not removed_ids & index.vectors.ids()


def test_bad_files_are_skipped_with_swedish_reasons(tmp_path: Path, make_index: MakeIndex) -> None:
    docs = tmp_path / "docs"
    write(docs / "skolplan.md", SKOLPLAN)
    write(docs / "ekbacka.csv", packet_csv("1234", "Ekbacka kommun", EKBACKA_VALUES))
    write(docs / "tom.txt", b"")
    write(docs / "bild.pdf", PNG_BYTES)
    write(docs / "data.xyz", "Något som inte är ett dokument.")
    missing_varde = PACKET_HEADER.replace(";varde", "")
    write(
        docs / "trasig.csv",
        f"{missing_varde}\n1234;Ekbacka kommun;grundskola;Resultat;meritvarde_ak9;Meritvärde;"
        "poäng;2024;227,3;Skolverket;Summan av betygen.\n",
    )
    index = make_index()

    report = ingest(index, [docs])

    assert (report.files_seen, report.files_ingested, report.packet_rows_written) == (6, 2, 4)
    assert not failed_completely(report)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert sorted(reasons) == ["bild.pdf", "data.xyz", "tom.txt", "trasig.csv"]
    for name, reason in reasons.items():
        assert reason.startswith(f"{name}: "), reason
    assert "filen är tom" in reasons["tom.txt"]
    assert "ser inte ut att vara en PDF" in reasons["bild.pdf"]
    assert "filtypen .xyz stöds inte" in reasons["data.xyz"]
    assert "obligatoriska kolumner" in reasons["trasig.csv"]
    assert "Saknas: varde." in reasons["trasig.csv"]
    assert {s.path for s in report.skipped} == {
        str(docs / n) for n in ("bild.pdf", "data.xyz", "tom.txt", "trasig.csv")
    }
    assert index.catalog.sources() == ["ekbacka.csv", "skolplan.md"]
    assert index.vectors.ids() == index.catalog.chunk_ids()


def test_failed_ingest_leaves_index_exactly_as_it_was(
    tmp_path: Path, make_index: MakeIndex
) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    ingest(index, [docs])
    before = snapshot(index)
    assert len(before["rows"]) == 4
    assert len(before["vector_ids"]) == 4

    # One ingested file turns corrupt: skipped, the rest unchanged, nothing lost.
    write(docs / "ekbacka.csv", PNG_BYTES)
    report = ingest(index, [docs])
    assert (report.files_seen, report.files_unchanged, report.files_ingested) == (2, 1, 0)
    assert [Path(s.path).name for s in report.skipped] == ["ekbacka.csv"]
    assert report.skipped[0].reason.startswith("ekbacka.csv: filen ser inte ut att vara en textfil")
    assert not failed_completely(report)
    assert snapshot(index) == before

    # Every file corrupt, even with prune: a complete failure that changes nothing.
    write(docs / "skolplan.md", PNG_BYTES)
    report = ingest(index, [docs], prune=True)
    assert [Path(s.path).name for s in report.skipped] == ["ekbacka.csv", "skolplan.md"]
    assert "binärt innehåll" in report.skipped[1].reason
    assert (report.files_ingested, report.files_removed, report.vectors_embedded) == (0, 0, 0)
    assert failed_completely(report)
    assert snapshot(index) == before


def test_failed_completely() -> None:
    bad = [SkippedFile(path="a.pdf", reason="a.pdf: trasig")]
    assert not failed_completely(IngestReport())
    assert not failed_completely(IngestReport(files_seen=2, files_unchanged=2))
    assert not failed_completely(IngestReport(files_seen=2, files_ingested=1, skipped=bad))
    assert failed_completely(IngestReport(files_seen=1, skipped=bad))


def test_hidden_files_and_duplicate_names(tmp_path: Path, make_index: MakeIndex) -> None:
    docs = tmp_path / "docs"
    write(docs / "a" / "skolplan.md", SKOLPLAN)
    write(docs / "b" / "skolplan.md", ELEVHALSA)
    write(docs / "_utkast.md", ELEVHALSA.replace("Elevhälsan", "Utkastet"))
    write(docs / ".dold.md", ELEVHALSA.replace("Elevhälsan", "Den dolda filen"))
    write(docs / "_arkiv" / "gammal.md", ELEVHALSA.replace("Elevhälsan", "Arkivet"))
    write(docs / ".git" / "anteckning.md", ELEVHALSA.replace("Elevhälsan", "Git"))

    assert find_files([docs]) == [docs / "a" / "skolplan.md", docs / "b" / "skolplan.md"]

    index = make_index()
    report = ingest(index, [docs])

    assert (report.files_seen, report.files_ingested) == (2, 1)
    assert len(report.skipped) == 1
    skipped = report.skipped[0]
    assert skipped.path == str(docs / "b" / "skolplan.md")
    assert skipped.reason.startswith(f"samma filnamn som {docs / 'a' / 'skolplan.md'};")
    assert "byt namn" in skipped.reason
    assert index.catalog.sources() == ["skolplan.md"]
    texts = [c.text for c in index.catalog.all_chunks()]
    assert texts == [SYFTE_TEXT, UPPFOLJNING_TEXT]  # the first file's content, nothing hidden


def test_same_file_given_twice_is_not_a_duplicate(tmp_path: Path, make_index: MakeIndex) -> None:
    docs = small_corpus(tmp_path / "docs")
    index = make_index()

    report = ingest(index, [docs, docs / "skolplan.md"])

    assert report.skipped == []


def test_one_indicator_passage_per_distinct_indicator(
    tmp_path: Path, make_index: MakeIndex
) -> None:
    docs = tmp_path / "indikatorer"
    write(docs / "ekbacka.csv", packet_csv("1234", "Ekbacka kommun", EKBACKA_VALUES))
    write(docs / "bjorkvik.csv", packet_csv("5678", "Björkviks kommun", BJORKVIK_VALUES))
    index = make_index()

    report = ingest(index, [docs])

    assert (report.files_ingested, report.packet_rows_written, report.chunks_written) == (2, 8, 0)
    ids = index.catalog.chunk_ids()
    assert all(i.startswith("indikator:") for i in ids)
    assert len(ids) == 3  # meritvarde_ak9 is shared by both packets
    assert {i.split(":")[1] for i in ids} == set(INDICATORS)
    assert report.vectors_embedded == 3
    assert index.vectors.ids() == ids
    chunks = index.catalog.chunks_by_id(sorted(ids))
    merit = next(c for c in chunks.values() if c.chunk_id.startswith("indikator:meritvarde_ak9:"))
    assert merit.text == (
        "Genomsnittligt meritvärde i årskurs 9. Summan av betygen i de 17 bästa ämnena. "
        "Enhet: poäng. Skolform: grundskola."
    )
    assert (merit.source, merit.locator, merit.doc_type) == (
        "indikatorer",
        "Indikator meritvarde_ak9",
        "indikator",
    )
    assert index.catalog.huvudman_names() == {"1234": "Ekbacka kommun", "5678": "Björkviks kommun"}


def test_orphan_vectors_are_removed(
    tmp_path: Path, make_index: MakeIndex, embedder: Embedder
) -> None:
    index = make_index()
    docs = small_corpus(tmp_path / "docs")
    ingest(index, [docs])
    ids = index.vectors.ids()
    orphan = embedder.embed_documents(["En vektor som inget avsnitt i katalogen hör till."])
    index.vectors.upsert(["skolplan-md:foraldralos"], orphan)
    assert index.vectors.ids() == ids | {"skolplan-md:foraldralos"}

    report = ingest(index, [docs])

    assert report.files_unchanged == 2
    assert index.vectors.ids() == ids == index.catalog.chunk_ids()


# Chroma warns that a collection without an embedding function has a "legacy" configuration.
@pytest.mark.filterwarnings("ignore:legacy embedding function config:DeprecationWarning")
def test_chroma_never_embeds_by_itself(tmp_path: Path, make_index: MakeIndex) -> None:
    index = make_index()
    ingest(index, [small_corpus(tmp_path / "docs")])

    for store in (index, make_index()):  # the second reopens the persisted collection
        collection = store.vectors.collection  # type: ignore[attr-defined]
        assert collection._embedding_function is None
        assert collection.count() == 4
        with pytest.raises(ValueError, match="embedding function"):
            collection.query(query_texts=["Hur följer rektorerna upp resultaten?"], n_results=1)
        with pytest.raises(ValueError, match="embedding function"):
            collection.add(ids=["ny"], documents=["Ett avsnitt utan vektor."])
        assert collection.count() == 4


def test_vectors_are_the_models_own(
    tmp_path: Path, make_index: MakeIndex, embedder: Embedder
) -> None:
    index = make_index()
    ingest(index, [small_corpus(tmp_path / "docs")])
    chunk = next(c for c in index.catalog.all_chunks() if c.text == SYFTE_TEXT)

    stored = index.vectors.vectors([chunk.chunk_id])[chunk.chunk_id]

    expected = embedder.embed_documents([f"{SKOLPLAN_TITLE} — Syfte: {SYFTE_TEXT}"])[0]
    assert stored.shape == (384,)
    np.testing.assert_allclose(stored, expected, atol=1e-6)


def test_an_upload_parsed_to_check_it_is_not_parsed_again(
    tmp_path: Path, make_index: MakeIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.ingest import pipeline
    from assistant.ingest.pipeline import file_sha256, ingest_parsed, parse_file

    docs = small_corpus(tmp_path / "docs")
    path = docs / "skolplan.md"
    index = make_index()
    parsed = parse_file(path, file_sha256(path), index.settings)
    calls: list[Path] = []
    monkeypatch.setattr(pipeline, "parse_file", lambda p, *a: calls.append(p) or parse_file(p, *a))

    assert ingest_parsed(index, parsed).chunks_written == 2
    assert calls == []
    write(path, SKOLPLAN.replace(UPPFOLJNING_TEXT, UPPFOLJNING_NY))  # changed since it was read
    ingest_parsed(index, parsed)
    assert calls == [path]
    assert UPPFOLJNING_NY in {c.text for c in index.catalog.all_chunks()}
