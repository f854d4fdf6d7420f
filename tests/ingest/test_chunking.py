import hashlib

import pytest

from assistant.ingest.chunking import chunk_document, locator, slug
from assistant.text.passages import embedding_text
from assistant.types import Chunk, Document, Section


def _doc(sections: list[Section], source: str = "Plan för år 9.pdf") -> Document:
    return Document(source=source, title="Planen", doc_type="uppdrag", sections=sections)


SENTENCE = "Huvudmannen följer upp resultaten t.ex. varje termin. "


def test_locators_for_pages_headings_and_paragraphs() -> None:
    doc = _doc(
        [
            Section(text="Sida utan rubrik.", page=1),
            Section(text="Sida med rubrik.", page=3, heading_path=["Syfte", "Tecken"]),
            Section(text="Rubrik utan sida.", heading_path=["Syfte", "Tecken"]),
            Section(text="Första stycket."),
            Section(text="Andra stycket."),
        ]
    )
    chunks = chunk_document(doc)
    assert [(c.locator, c.text) for c in chunks] == [
        ("s. 1", "Sida utan rubrik."),
        ("s. 3 · Avsnitt: Syfte > Tecken", "Sida med rubrik."),
        ("Avsnitt: Syfte > Tecken", "Rubrik utan sida."),
        ("stycke 4–5", "Första stycket.\n\nAndra stycket."),
    ]


def test_locator_function() -> None:
    assert locator([], 7, 1, 1) == "s. 7"
    assert locator(["A", "B"], 7, 1, 1) == "s. 7 · Avsnitt: A > B"
    assert locator(["A"], None, 2, 3) == "Avsnitt: A"
    assert locator([], None, 2, 2) == "stycke 2"
    assert locator([], None, 2, 4) == "stycke 2–4"


def test_never_crosses_heading_or_page_boundaries() -> None:
    doc = _doc(
        [
            Section(text="A1.", heading_path=["A"], page=1),
            Section(text="A2.", heading_path=["A"], page=1),
            Section(text="A3.", heading_path=["A"], page=2),
            Section(text="B1.", heading_path=["A", "B"], page=2),
            Section(text="A4.", heading_path=["A"], page=2),
        ]
    )
    chunks = chunk_document(doc)
    assert [(c.text, c.heading_path, c.locator) for c in chunks] == [
        ("A1.\n\nA2.", ["A"], "s. 1 · Avsnitt: A"),
        ("A3.", ["A"], "s. 2 · Avsnitt: A"),
        ("B1.", ["A", "B"], "s. 2 · Avsnitt: A > B"),
        ("A4.", ["A"], "s. 2 · Avsnitt: A"),
    ]


@pytest.mark.parametrize("max_chars", [60, 200, 900])
def test_chunks_respect_max_size_and_keep_all_text(max_chars: int) -> None:
    long_paragraph = SENTENCE * 40
    doc = _doc([Section(text=long_paragraph.strip()), Section(text="Kort stycke.")])
    chunks = chunk_document(doc, max_chars=max_chars)
    assert len(chunks) > 1
    assert all(0 < len(c.text) <= max_chars for c in chunks)
    assert " ".join(" ".join(c.text for c in chunks).split()) == " ".join(
        (long_paragraph + "Kort stycke.").split()
    )


def test_packs_whole_sentences() -> None:
    doc = _doc([Section(text=(SENTENCE * 10).strip())])
    chunks = chunk_document(doc, max_chars=len(SENTENCE) * 3)
    assert [c.text for c in chunks] == [(SENTENCE * 3).strip()] * 3 + [SENTENCE.strip()]


def test_an_overlong_sentence_is_split_on_word_boundaries() -> None:
    words = [f"ord{i}" for i in range(100)]
    doc = _doc([Section(text=" ".join(words) + ".")])
    chunks = chunk_document(doc, max_chars=50)
    assert all(len(c.text) <= 50 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == [*words[:-1], words[-1] + "."]


def test_an_overlong_word_is_cut() -> None:
    chunks = chunk_document(_doc([Section(text="x" * 25)]), max_chars=10)
    assert [c.text for c in chunks] == ["x" * 10, "x" * 10, "x" * 5]


def test_bullets_keep_their_lines() -> None:
    text = "Tecken:\n- elever får stöd\n- lärare samarbetar"
    doc = _doc([Section(text=text, heading_path=["Tecken"])])
    assert chunk_document(doc)[0].text == text
    small = chunk_document(doc, max_chars=25)
    assert [c.text for c in small] == ["Tecken:\n- elever får stöd", "- lärare samarbetar"]


def test_no_empty_chunks_and_ordinals_in_order() -> None:
    doc = _doc(
        [
            Section(text="  "),
            Section(text="Ett."),
            Section(text="", heading_path=["X"]),
            Section(text="Två.", heading_path=["X"]),
            Section(text="\n"),
        ]
    )
    chunks = chunk_document(doc)
    assert [c.text for c in chunks] == ["Ett.", "Två."]
    assert [c.ordinal for c in chunks] == [0, 1]
    assert [c.locator for c in chunks] == ["stycke 2", "Avsnitt: X"]
    assert chunk_document(_doc([])) == []


def test_metadata_copied_from_document() -> None:
    (chunk,) = chunk_document(_doc([Section(text="Text.")]))
    assert (chunk.source, chunk.title, chunk.doc_type) == ("Plan för år 9.pdf", "Planen", "uppdrag")
    assert chunk.huvudman_id is None


def test_ids_are_stable_and_follow_the_formula() -> None:
    sections = [Section(text="Stycke ett.", heading_path=["A", "B"], page=2)]
    first = chunk_document(_doc(sections))
    again = chunk_document(_doc([s.model_copy() for s in sections]))
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    digest = hashlib.sha1("Plan för år 9.pdf\nA > B\nStycke ett.".encode()).hexdigest()[:16]
    assert first[0].chunk_id == f"plan-for-ar-9-pdf:{digest}"


def test_ids_change_with_text_heading_or_source() -> None:
    base = chunk_document(_doc([Section(text="T.", heading_path=["A"])]))[0].chunk_id
    other_text = chunk_document(_doc([Section(text="U.", heading_path=["A"])]))[0].chunk_id
    other_head = chunk_document(_doc([Section(text="T.", heading_path=["B"])]))[0].chunk_id
    other_src = chunk_document(_doc([Section(text="T.", heading_path=["A"])], "b.pdf"))[0]
    assert len({base, other_text, other_head, other_src.chunk_id}) == 4


def test_repeated_text_gets_distinct_ids() -> None:
    doc = _doc([Section(text="Sidfot.", page=1), Section(text="Sidfot.", page=2)])
    first, second = chunk_document(doc)
    assert second.chunk_id == f"{first.chunk_id}-1"


def test_slug() -> None:
    assert slug("Uppdrag Å Ö.pdf") == "uppdrag-a-o-pdf"
    assert slug("???") == "dokument"


def test_invalid_max_chars() -> None:
    with pytest.raises(ValueError):
        chunk_document(_doc([Section(text="x")]), max_chars=0)


def _chunk(heading_path: list[str], title: str = "Planen") -> Chunk:
    return Chunk(
        chunk_id="c",
        source="s",
        title=title,
        doc_type="d",
        locator="l",
        heading_path=heading_path,
        text="Texten.",
    )


def test_embedding_text() -> None:
    assert embedding_text(_chunk(["Syfte", "Tecken"])) == "Planen — Syfte > Tecken: Texten."
    assert embedding_text(_chunk([])) == "Planen: Texten."
    # A leading heading equal to the title is not repeated.
    assert embedding_text(_chunk(["Planen", "Syfte"])) == "Planen — Syfte: Texten."
    assert embedding_text(_chunk(["Planen"])) == "Planen: Texten."
