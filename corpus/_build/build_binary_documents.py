"""Bygger demokorpusens binära filer och indikatorpaket från källorna i corpus/_build/sources/.

Kör från repots rot:

    .venv/bin/python corpus/_build/build_binary_documents.py

Utdata är deterministiska: fasta datum i metadata och fasta tidsstämplar i zip-arkiven,
så att en ny körning ger samma innehåll.

Filer som byggs:
- corpus/uppdraget/uppdraget.pdf        (fpdf2, kärnfonten Helvetica, flera sidor)
- corpus/uppdraget/regionkontor.docx    (python-docx, rubrikformaten Heading 1/Heading 2)
- corpus/indikatorer/norrforsen-2022-2024.csv   (UTF-8 med BOM, semikolon, CRLF)
- corpus/indikatorer/sjovik-2022-2024.csv       (Windows-1252, inledande rader, LF)
- corpus/indikatorer/larktradet-2022-2024.xlsx  (openpyxl, rubrikrad på rad 3)
- corpus/indikatorer/_VARDEN.md         (tabell över alla värden, läses inte in)
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from assistant.ingest.packets import KNOWN_COLUMNS
from evals.synth_packets import SWEDISH_HEADER, DemoIndicator, read_demo_source, reproducible_zip

BUILD_DIR = Path(__file__).resolve().parent
CORPUS_DIR = BUILD_DIR.parent
SOURCES_DIR = BUILD_DIR / "sources"

FIXED_DATE = datetime(2025, 1, 15, 9, 0, 0, tzinfo=UTC)
ZIP_DATE_TIME = (2025, 1, 15, 9, 0, 0)
AUTHOR = "Dialogstöd (demokorpus)"
PAGE_BREAK = "<!-- sidbrytning -->"
EXTRACT_DATE = "2025-01-15"


# --------------------------------------------------------------------------------------------
# Enkel Markdown-liknande källa
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """Ett stycke i en källtext: rubrik, brödtext, punktlista eller sidbrytning."""

    kind: str  # "title", "heading", "paragraph", "bullets", "pagebreak"
    text: str = ""
    items: list[str] = field(default_factory=list)


def parse_source(path: Path) -> list[Block]:
    """Delar en källtext i block. Stycken skiljs åt av tomma rader."""
    blocks: list[Block] = []
    chunks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip())
    for chunk in chunks:
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if first == PAGE_BREAK:
            blocks.append(Block("pagebreak"))
        elif first.startswith("## "):
            blocks.append(Block("heading", first[3:].strip()))
        elif first.startswith("# "):
            blocks.append(Block("title", first[2:].strip()))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(Block("bullets", items=[line[2:].strip() for line in lines]))
        else:
            blocks.append(Block("paragraph", " ".join(lines)))
    return blocks


def document_title(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind == "title":
            return block.text
    raise ValueError("källtexten saknar en rubrik på nivå 1")


# --------------------------------------------------------------------------------------------
# Deterministiska zip-arkiv (docx och xlsx)
# --------------------------------------------------------------------------------------------


def normalise_zip(data: bytes) -> bytes:
    """Skriver om ett zip-arkiv med fasta tidsstämplar så att utdata blir reproducerbara."""
    return reproducible_zip(data, ZIP_DATE_TIME)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


class DemoPDF(FPDF):
    """PDF med sidnummer i sidfoten."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, f"Sida {self.page_no()}", align="C")


def check_latin1(text: str, source: Path) -> str:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{source.name}: tecken utanför latin-1 i {text!r}") from exc
    return text


def build_pdf(source: Path, target: Path) -> None:
    blocks = parse_source(source)
    pdf = DemoPDF(format="A4")
    pdf.set_title(document_title(blocks))
    pdf.set_author(AUTHOR)
    pdf.set_subject("Illustrativ sammanfattning för demonstrationen av Dialogstöd")
    pdf.set_creator("corpus/_build/build_binary_documents.py")
    pdf.set_lang("sv")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for block in blocks:
        if block.kind == "pagebreak":
            pdf.add_page()
        elif block.kind == "title":
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 9, check_latin1(block.text, source), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif block.kind == "heading":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 8, check_latin1(block.text, source), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind == "paragraph":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, check_latin1(block.text, source), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif block.kind == "bullets":
            pdf.set_font("Helvetica", "", 11)
            for item in block.items:
                text = check_latin1(f"- {item}", source)
                pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    target.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def build_docx(source: Path, target: Path) -> None:
    blocks = parse_source(source)
    doc = Document()
    props = doc.core_properties
    props.title = document_title(blocks)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = "Illustrativ sammanfattning för demonstrationen av Dialogstöd"
    props.language = "sv-SE"
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    for block in blocks:
        if block.kind == "title":
            doc.add_heading(block.text, level=1)
        elif block.kind == "heading":
            doc.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            doc.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    target.write_bytes(normalise_zip(buffer.getvalue()))


# --------------------------------------------------------------------------------------------
# Indikatorpaket
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organiser:
    id: str
    namn: str
    fil: str
    varden: dict[str, dict[str, str]]
    kommentarer: dict[str, dict[str, str]]


@dataclass(frozen=True)
class PacketData:
    years: list[str]
    indicators: list[DemoIndicator]
    riket: dict[str, dict[str, str]]
    organisers: list[Organiser]

    def organiser(self, file_name: str) -> Organiser:
        for organiser in self.organisers:
            if organiser.fil == file_name:
                return organiser
        raise KeyError(file_name)


def load_packet_data() -> PacketData:
    raw = read_demo_source()
    indicators = [DemoIndicator(**item) for item in raw["indikatorer"]]
    organisers = [
        Organiser(
            id=item["id"],
            namn=item["namn"],
            fil=item["fil"],
            varden=item["varden"],
            kommentarer=item.get("kommentarer", {}),
        )
        for item in raw["huvudman"]
    ]
    return PacketData(
        years=list(raw["ar"]), indicators=indicators, riket=raw["riket"], organisers=organisers
    )


def with_percent(value: str, unit: str) -> str:
    """Lägger till procenttecken som i vissa kalkylbladsexporter (inte för prickar)."""
    if unit == "procent" and value not in {"..", "."}:
        return f"{value} %"
    return value


def build_norrforsen_csv(data: PacketData, target: Path) -> None:
    """UTF-8 med BOM, semikolon, decimalkomma, CRLF och en extra kolumn `anmarkning`."""
    organiser = data.organiser(target.name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*KNOWN_COLUMNS, "anmarkning"])
    for indicator in data.indicators:
        for year in data.years:
            writer.writerow(
                [
                    organiser.id,
                    organiser.namn,
                    indicator.skolform,
                    indicator.kategori,
                    indicator.id,
                    indicator.namn,
                    indicator.enhet,
                    year,
                    organiser.varden[indicator.id][year],
                    data.riket[indicator.id][year],
                    indicator.kalla,
                    indicator.definition,
                    "Påhittade demovärden",
                ]
            )
    target.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def build_sjovik_csv(data: PacketData, target: Path) -> None:
    """Windows-1252, inledande rader före rubrikraden, svenska kolumnnamn, procenttecken, LF."""
    organiser = data.organiser(target.name)
    buffer = io.StringIO()
    buffer.write(f"Indikatorpaket {organiser.namn} – påhittade demovärden;;;\n")
    buffer.write(f"Uttag {EXTRACT_DATE};;;\n")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(SWEDISH_HEADER)
    for indicator in data.indicators:
        for year in data.years:
            writer.writerow(
                [
                    organiser.id,
                    organiser.namn,
                    indicator.skolform,
                    indicator.kategori,
                    indicator.id,
                    indicator.namn,
                    indicator.enhet,
                    year,
                    with_percent(organiser.varden[indicator.id][year], indicator.enhet),
                    with_percent(data.riket[indicator.id][year], indicator.enhet),
                    indicator.kalla,
                    indicator.definition,
                ]
            )
    target.write_bytes(buffer.getvalue().encode("cp1252"))


def xlsx_value(value: str, unit: str) -> str | float:
    """Poäng och antal skrivs som tal, procent och prickar som text med decimalkomma."""
    if unit == "procent" or value in {"..", "."}:
        return value
    return float(value.replace(",", "."))


def build_larktradet_xlsx(data: PacketData, target: Path) -> None:
    """Första bladet heter `indikatorer`; titel på rad 1-2 och rubrikrad på rad 3."""
    organiser = data.organiser(target.name)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "indikatorer"
    sheet["A1"] = f"Indikatorpaket {organiser.namn} 2022-2024"
    sheet["A2"] = (
        f"Alla värden i filen är påhittade demovärden för Dialogstöd. Uttag {EXTRACT_DATE}."
    )
    sheet.append(
        [
            "huvudman_id",
            "huvudman_namn",
            "skolform",
            "kategori",
            "indikator_id",
            "indikator_namn",
            "enhet",
            "år",
            "värde",
            "riket",
            "källa",
            "definition",
            "kommentar",
        ]
    )
    for indicator in data.indicators:
        for year in data.years:
            comment = organiser.kommentarer.get(indicator.id, {}).get(year, "")
            sheet.append(
                [
                    organiser.id,
                    organiser.namn,
                    indicator.skolform,
                    indicator.kategori,
                    indicator.id,
                    indicator.namn,
                    indicator.enhet,
                    int(year),
                    xlsx_value(organiser.varden[indicator.id][year], indicator.enhet),
                    xlsx_value(data.riket[indicator.id][year], indicator.enhet),
                    indicator.kalla,
                    indicator.definition,
                    comment,
                ]
            )
    for row in sheet.iter_rows(min_row=4, max_col=1):
        row[0].number_format = "@"
    for column, width in zip(
        "ABCDEFGHIJKLM", (12, 24, 14, 16, 26, 60, 10, 8, 10, 10, 40, 60, 60), strict=True
    ):
        sheet.column_dimensions[column].width = width
    props = workbook.properties
    props.title = f"Indikatorpaket {organiser.namn} (påhittade demovärden)"
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    target.write_bytes(normalise_zip(buffer.getvalue()))


def build_value_table(data: PacketData, target: Path) -> None:
    """Skriver _VARDEN.md: alla värden i en tabell för den som skriver tester."""
    header = ["indikator_id", "enhet", "år", "riket"] + [
        f"{organiser.namn} ({organiser.id})" for organiser in data.organisers
    ]
    lines = [
        "# Värden i demopaketen",
        "",
        "Filen läses inte in (namnet börjar med `_`). Den genereras av",
        "`corpus/_build/build_binary_documents.py` från",
        "`corpus/_build/sources/indikatorpaket.json`.",
        "Alla huvudmannavärden är påhittade. Rikets värden för `behorighet_yrkesprogram` följer",
        "Skolverkets publicerade siffror (85,0 / 85,2 / 83,7); övriga rikets värden är påhittade.",
        "",
        "| huvudman_id | namn | fil |",
        "|---|---|---|",
    ]
    lines += [f"| `{o.id}` | {o.namn} | `{o.fil}` |" for o in data.organisers]
    lines += ["", "## Indikatorer", "", "| indikator_id | namn | enhet | skolform | källa |"]
    lines.append("|---|---|---|---|---|")
    lines += [
        f"| `{i.id}` | {i.namn} | {i.enhet} | {i.skolform} | {i.kalla} |" for i in data.indicators
    ]
    lines += ["", "## Värden", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "---|" * len(header))
    for indicator in data.indicators:
        for year in data.years:
            cells = [f"`{indicator.id}`", indicator.enhet, year, data.riket[indicator.id][year]]
            cells += [f"`{o.varden[indicator.id][year]}`" for o in data.organisers]
            lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Så står värdena i filerna",
        "",
        "- `norrforsen-2022-2024.csv`: UTF-8 med BOM, `;`, CRLF, decimalkomma (`209,7`),",
        "  extra kolumn `anmarkning` = `Påhittade demovärden` på varje rad.",
        "- `sjovik-2022-2024.csv`: Windows-1252, `;`, LF, två inledande rader före rubrikraden,",
        "  procentvärden med procenttecken (`84,1 %`), även i kolumnen Riket.",
        "- `larktradet-2022-2024.xlsx`: blad `indikatorer`, rubrikrad på rad 3;",
        "  `meritvarde_ak9` och `elever_per_larare` som tal (`246.8`), procentvärden som text",
        "  med decimalkomma (`90,8`), `.` och `..` som text; kolumnen `kommentar` förklarar",
        "  prickarna.",
        "- `..` = uppgiften saknas eller är för osäker (t.ex. för få elever);",
        "  `.` = uppgiften kan inte förekomma.",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------------------------


def main() -> None:
    sources = SOURCES_DIR
    uppdraget = CORPUS_DIR / "uppdraget"
    indikatorer = CORPUS_DIR / "indikatorer"
    uppdraget.mkdir(parents=True, exist_ok=True)
    indikatorer.mkdir(parents=True, exist_ok=True)

    build_pdf(sources / "uppdraget.md", uppdraget / "uppdraget.pdf")
    build_docx(sources / "regionkontor.md", uppdraget / "regionkontor.docx")

    data = load_packet_data()
    build_norrforsen_csv(data, indikatorer / "norrforsen-2022-2024.csv")
    build_sjovik_csv(data, indikatorer / "sjovik-2022-2024.csv")
    build_larktradet_xlsx(data, indikatorer / "larktradet-2022-2024.xlsx")
    build_value_table(data, indikatorer / "_VARDEN.md")
    print("Byggde demokorpusens binära filer och indikatorpaket.")


if __name__ == "__main__":
    main()
