import struct
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from assistant.errors import UnreadableFileError
from assistant.ingest import readers
from assistant.ingest.readers import DOCUMENT_SUFFIXES, READERS, read_document

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(
    64
)


def _pdf(path: Path, pages: list[tuple[str, str]], title: str | None = None) -> Path:
    """A PDF with one bold heading and a wrapped body paragraph per page (core font, latin-1)."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for heading, body in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, body)
    pdf.output(str(path))
    return path


TWO_PAGES = [
    ("Uppdraget", "Huvudmannen ska följa upp måluppfyllelsen. " * 6),
    ("Syfte och mål", "Elevhälsan är en viktig del av det förebyggande arbetet på skolan."),
]


def _docx(path: Path, core_title: str = "") -> Path:
    document = docx.Document()
    document.core_properties.title = core_title
    document.add_paragraph("Inledande text före rubrikerna.")
    document.add_heading("Kvalitetsarbete", level=1)
    document.add_paragraph("Huvudmannen följer upp resultaten årligen.")
    document.add_heading("Tecken på god kvalitet", level=2)
    document.add_paragraph("Lärarna samarbetar kring elevernas lärande.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Indikator"
    table.cell(0, 1).text = "Värde"
    table.cell(1, 0).text = "Behörighet"
    table.cell(1, 1).text = "84,1"
    document.add_heading("Elevhälsa", level=1)
    document.add_paragraph("Elevhälsan arbetar förebyggande.")
    document.save(str(path))
    return path


def _error(path: Path) -> str:
    with pytest.raises(UnreadableFileError) as info:
        read_document(path, "dokument")
    message = str(info.value)
    assert message.startswith(f"{path.name}: ")
    return message


# --- good files ------------------------------------------------------------------------------


def test_pdf_pages_headings_and_swedish_letters(tmp_path: Path) -> None:
    doc = read_document(_pdf(tmp_path / "uppdrag.pdf", TWO_PAGES), "uppdrag")
    assert (doc.source, doc.title, doc.doc_type) == ("uppdrag.pdf", "Uppdraget", "uppdrag")
    assert [(s.page, s.heading_path) for s in doc.sections] == [
        (1, ["Uppdraget"]),
        (2, ["Syfte och mål"]),
    ]
    assert doc.sections[0].text.startswith("Huvudmannen ska följa upp måluppfyllelsen.")
    assert "\n" not in doc.sections[0].text  # wrapped lines are joined
    assert doc.sections[1].text == TWO_PAGES[1][1]


def test_pdf_heading_levels_follow_font_size(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    for size, text in [(20, "Rapport"), (14, "Resultat"), (11, "Brödtext om resultat.")]:
        pdf.set_font("Helvetica", "B" if size > 11 else "", size)
        pdf.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Mer brödtext som gör att brödstorleken dominerar sidan. " * 3)
    path = tmp_path / "nivaer.pdf"
    pdf.output(str(path))
    doc = read_document(path, "dokument")
    assert {tuple(s.heading_path) for s in doc.sections} == {("Rapport", "Resultat")}


def test_pdf_metadata_title_wins(tmp_path: Path) -> None:
    doc = read_document(_pdf(tmp_path / "a.pdf", TWO_PAGES, title="Metatitel"), "dokument")
    assert doc.title == "Metatitel"


def test_pdf_with_only_owner_password_is_read(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "plain.pdf", TWO_PAGES)
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="agare", algorithm="RC4-128")
    locked = tmp_path / "owner.pdf"
    writer.write(locked)
    assert read_document(locked, "dokument").sections[1].text == TWO_PAGES[1][1]


def test_docx_headings_tables_and_title(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path / "plan.docx"), "dokument")
    assert doc.title == "Kvalitetsarbete"
    assert [(s.text, s.heading_path) for s in doc.sections] == [
        ("Inledande text före rubrikerna.", []),
        ("Huvudmannen följer upp resultaten årligen.", ["Kvalitetsarbete"]),
        (
            "Lärarna samarbetar kring elevernas lärande.",
            ["Kvalitetsarbete", "Tecken på god kvalitet"],
        ),
        ("Indikator | Värde", ["Kvalitetsarbete", "Tecken på god kvalitet"]),
        ("Behörighet | 84,1", ["Kvalitetsarbete", "Tecken på god kvalitet"]),
        ("Elevhälsan arbetar förebyggande.", ["Elevhälsa"]),
    ]
    assert all(s.page is None for s in doc.sections)


def test_docx_core_title_then_stem(tmp_path: Path) -> None:
    assert read_document(_docx(tmp_path / "a.docx", "Årsplan"), "x").title == "Årsplan"
    plain = docx.Document()
    plain.add_paragraph("Bara brödtext.")
    plain.save(str(tmp_path / "anteckning.docx"))
    assert read_document(tmp_path / "anteckning.docx", "x").title == "anteckning"


HTML = """<!doctype html><html lang="sv"><head><title>Skolans plan</title>
<style>.x{color:red}</style><script>var meny = "Hoppa till innehåll";</script></head>
<body><header><a href="/">Startsida Kommunen</a></header>
<nav><ul><li>Meny: Förskola</li><li>Meny: Grundskola</li></ul></nav>
<main>
  <h1>Plan för elevhälsa</h1>
  <p>Elevhälsan ska <b>främst</b> arbeta förebyggande.</p>
  <h2>Mål</h2>
  <ul><li>Alla elever ska nå målen</li><li><p>Trygghet i skolan</p></li></ul>
  <aside>Relaterat: Annonstext</aside>
  <h3>Uppföljning</h3><div>Följs upp varje termin.</div>
  <h2>Ansvar</h2><p>Rektor ansvarar.</p>
</main>
<footer>Kontakta oss: kommunen@example.se</footer></body></html>"""


def test_html_main_content_only(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(path, "dokument")
    assert doc.title == "Skolans plan"
    assert [(s.text, s.heading_path) for s in doc.sections] == [
        ("Elevhälsan ska främst arbeta förebyggande.", ["Plan för elevhälsa"]),
        ("- Alla elever ska nå målen", ["Plan för elevhälsa", "Mål"]),
        ("- Trygghet i skolan", ["Plan för elevhälsa", "Mål"]),
        ("Följs upp varje termin.", ["Plan för elevhälsa", "Mål", "Uppföljning"]),
        ("Rektor ansvarar.", ["Plan för elevhälsa", "Ansvar"]),
    ]
    everything = " ".join(s.text for s in doc.sections)
    for boilerplate in ["Meny", "Startsida", "Kontakta", "Annons", "Hoppa", "color"]:
        assert boilerplate not in everything


def test_html_list_item_marker_marks_only_its_first_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "lista.html"
    path.write_text(
        "<main><ul><li><p>Ett</p><p>Fortsättning</p></li><li></li></ul><p>Efter</p></main>",
        encoding="utf-8",
    )
    assert [s.text for s in read_document(path, "dokument").sections] == [
        "- Ett",
        "Fortsättning",
        "Efter",
    ]


def test_html_without_main_drops_banner_header_and_uses_h1(tmp_path: Path) -> None:
    path = tmp_path / "sida.htm"
    path.write_bytes(
        "<body><header>Kommunens logga</header><h1>Rubrik</h1><p>Innehåll här.</p>"
        "<footer>Sidfot</footer></body>".encode("cp1252")
    )
    doc = read_document(path, "dokument")
    assert doc.title == "Rubrik"
    assert [s.text for s in doc.sections] == ["Innehåll här."]


MARKDOWN = """# Kvalitetsdialog

Inledning med [en länk](https://example.se) och **fetstil**.

## Underlag

- Betyg i *årskurs 9*
- Trygghetsenkät
  - nedbruten per skola

### Detaljer

1. Första steget
2. Andra steget

## Slutsats

Sista stycket
fortsätter här.
"""


def test_markdown_headings_paragraphs_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "dialog.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path, "dokument")
    assert doc.title == "Kvalitetsdialog"
    top, underlag = ["Kvalitetsdialog"], ["Kvalitetsdialog", "Underlag"]
    assert [(s.text, s.heading_path) for s in doc.sections] == [
        ("Inledning med en länk och fetstil.", top),
        ("- Betyg i årskurs 9", underlag),
        ("- Trygghetsenkät", underlag),
        ("- nedbruten per skola", underlag),
        ("1. Första steget", [*underlag, "Detaljer"]),
        ("2. Andra steget", [*underlag, "Detaljer"]),
        ("Sista stycket fortsätter här.", ["Kvalitetsdialog", "Slutsats"]),
    ]


def test_txt_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "anteckningar.txt"
    text = (
        "Åtgärdsplan\r\n\r\nEleverna får stöd i\r\nmatematik.\r\n\r\nÖversyn sker årligen – i maj."
    )
    path.write_bytes(text.encode("cp1252"))
    doc = read_document(path, "dokument")
    assert doc.title == "Åtgärdsplan"
    assert [s.text for s in doc.sections] == [
        "Eleverna får stöd i matematik.",
        "Översyn sker årligen – i maj.",
    ]


def test_txt_in_utf8_with_bom_and_long_first_line(tmp_path: Path) -> None:
    path = tmp_path / "lång.txt"
    first = "Det här är en lång första rad som inte är en rubrik utan löpande text, " * 2
    path.write_bytes(("\ufeff" + first + "\n\nAndra stycket: ä ö å.").encode("utf-8"))
    doc = read_document(path, "dokument")
    assert doc.title == "lång"
    assert [s.text for s in doc.sections] == [first.strip(), "Andra stycket: ä ö å."]
    assert "\ufeff" not in doc.sections[0].text


def test_utf8_bom_title_has_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffRubrik\n\nText.".encode())
    assert read_document(path, "dokument").title == "Rubrik"


def test_registry_covers_suffixes_case_insensitively(tmp_path: Path) -> None:
    assert frozenset({".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"}) == (
        DOCUMENT_SUFFIXES
    )
    assert set(READERS) == DOCUMENT_SUFFIXES
    path = tmp_path / "VERSALER.TXT"
    path.write_text("Rubrik\n\nText.", encoding="utf-8")
    assert read_document(path, "dokument").sections[0].text == "Text."


# --- bad files -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt", ".md", ".html"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"tom{suffix}"
    path.write_bytes(b"")
    assert "filen är tom" in _error(path)


@pytest.mark.parametrize(
    ("suffix", "reason"),
    [
        (".pdf", "ser inte ut att vara en PDF"),
        (".docx", "ser inte ut att vara en Word-fil"),
        (".txt", "ser inte ut att vara en textfil"),
        (".md", "ser inte ut att vara en textfil"),
        (".html", "ser inte ut att vara en textfil"),
    ],
)
def test_png_renamed(tmp_path: Path, suffix: str, reason: str) -> None:
    path = tmp_path / f"bild{suffix}"
    path.write_bytes(PNG_BYTES)
    assert reason in _error(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = _pdf(tmp_path / "hel.pdf", TWO_PAGES).read_bytes()
    path = tmp_path / "trasig.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    assert "skadad" in _error(path)


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")
    path = tmp_path / "skannad.pdf"
    pdf.output(str(path))
    assert "saknar textlager (skannad PDF?)" in _error(path)


def test_password_protected_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(_pdf(tmp_path / "a.pdf", TWO_PAGES)))
    writer.encrypt(user_password="hemligt", algorithm="RC4-128")
    path = tmp_path / "lasad.pdf"
    writer.write(path)
    assert "lösenordsskyddad" in _error(path)


def test_pdf_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 1)
    assert "har 2 sidor (högst 1)" in _error(_pdf(tmp_path / "stor.pdf", TWO_PAGES))


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("hej", encoding="utf-8")
    message = _error(path)
    assert "filtypen .xyz stöds inte; stödda typer:" in message
    assert ".docx" in message and ".pdf" in message


def test_missing_file(tmp_path: Path) -> None:
    assert "kan inte öppnas" in _error(tmp_path / "finns-inte.txt")


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(path.read_bytes())
    # Declare a 3 GB uncompressed size in the central directory entry.
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 3_000_000_000)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).infolist()[0].file_size == 3_000_000_000
    assert "packas upp till 2861 MB" in _error(path)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bild.png", PNG_BYTES)
    assert "inget Word-dokument" in _error(path)


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "trasig.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<inte xml")
    assert "skadad" in _error(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rubriker.md", "# Bara rubrik\n\n## Och en till\n"),
        ("meny.html", "<html><body><nav>Meny</nav><footer>Sidfot</footer></body></html>"),
        ("blanka.txt", "   \n\n \t \n"),
    ],
)
def test_document_without_text(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert "innehåller ingen text" in _error(path)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "konstig.txt"
    path.write_bytes(b"Text \x81\x8d")  # invalid UTF-8 and undefined in cp1252
    assert "teckenkodningen" in _error(path)


def test_library_exceptions_are_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(path: Path) -> None:
        raise KeyError("intern detalj")

    monkeypatch.setitem(READERS, ".txt", explode)
    path = tmp_path / "a.txt"
    path.write_text("hej", encoding="utf-8")
    assert "kunde inte läsas" in _error(path)
