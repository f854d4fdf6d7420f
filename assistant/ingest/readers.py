"""Read prose documents (PDF, DOCX, HTML, Markdown, text) into `Document`s of `Section`s.

Every failure becomes an `UnreadableFileError` whose Swedish message names the file and says
what to do; library exceptions never escape.
"""

from __future__ import annotations

import logging
import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.errors import UnreadableFileError
from assistant.ingest.clutter import (
    is_box_heading,
    is_clutter_line,
    is_frame_element,
    is_reference,
    without_clutter,
)
from assistant.text.dates import is_dateline
from assistant.types import Document, Section

MAX_PDF_PAGES = 2_000
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
_BINARY_PROBE_BYTES = 8 * 1024
_SHORT_TITLE_CHARS = 100
# A PDF line this much larger than the body text is taken to be a heading.
_PDF_HEADING_RATIO = 1.15

Reader = Callable[[Path], Document]


def read_document(path: Path, doc_type: str) -> Document:
    """Read `path` with the reader for its suffix; raise UnreadableFileError on any failure."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(DOCUMENT_SUFFIXES))
        shown = path.suffix or "(utan filändelse)"
        raise _unreadable(path, f"filtypen {shown} stöds inte; stödda typer: {supported}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _unreadable(
            path, f"filen kan inte öppnas ({exc.strerror}); kontrollera sökvägen"
        ) from exc
    if size == 0:
        raise _unreadable(path, "filen är tom; lägg in en fil med innehåll")
    try:
        document = reader(path)
    except UnreadableFileError:
        raise
    except Exception as exc:  # libraries raise anything on damaged files; never leak a traceback
        raise _unreadable(
            path,
            f"filen kunde inte läsas ({type(exc).__name__}); kontrollera att den inte är skadad",
        ) from exc
    sections = [s for s in document.sections if s.text.strip()]
    if not sections:
        raise _unreadable(path, "dokumentet innehåller ingen text; kontrollera innehållet")
    return document.model_copy(update={"doc_type": doc_type, "sections": sections})


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (BOM optional) strictly, else cp1252; refuse binary content."""
    if b"\x00" in data[:_BINARY_PROBE_BYTES]:
        raise _unreadable(
            path, "ser inte ut att vara en textfil (binärt innehåll); kontrollera filtypen"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _unreadable(
            path, "teckenkodningen känns inte igen; spara om filen som UTF-8"
        ) from exc


# --- PDF -------------------------------------------------------------------------------------


def read_pdf(path: Path) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with path.open("rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            raise _unreadable(path, "ser inte ut att vara en PDF; kontrollera filtypen")
    # pypdf logs every repaired defect; the user gets our one message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _decrypt_without_password(reader):
            raise _unreadable(
                path, "PDF:en är lösenordsskyddad; spara en kopia utan lösenord och läs in den"
            )
        page_count = len(reader.pages)
    except PdfReadError as exc:
        raise _unreadable(
            path, "PDF:en är skadad eller ofullständig; exportera den på nytt och försök igen"
        ) from exc
    if page_count > MAX_PDF_PAGES:
        raise _unreadable(
            path, f"PDF:en har {page_count} sidor (högst {MAX_PDF_PAGES}); dela upp den"
        )
    pages = [_pdf_page_lines(page) for page in reader.pages]
    if not any(text for lines in pages for text, _ in lines):
        raise _unreadable(
            path, "PDF:en saknar textlager (skannad PDF?); kör OCR på den och läs in den igen"
        )
    sections, first_heading = _pdf_sections(pages)
    title = _pdf_metadata_title(reader) or first_heading or path.stem
    return Document(source=path.name, title=title, doc_type="", sections=sections)


def _decrypt_without_password(reader: Any) -> bool:
    """Open PDFs that only carry an owner password (no password needed to read)."""
    from pypdf import PasswordType

    try:
        return bool(reader.decrypt("") != PasswordType.NOT_DECRYPTED)
    except Exception:  # e.g. AES without the crypto library: treat as locked
        return False


def _pdf_metadata_title(reader: Any) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:
        return ""
    return " ".join(str(title).split()) if title else ""


def _pdf_page_lines(page: Any) -> list[tuple[str, float]]:
    """The page's text lines, each with the largest font size seen on it (0 if unknown)."""
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        for piece in text.splitlines():
            key = " ".join(piece.split())
            if key:
                sizes[key] = max(sizes.get(key, 0.0), float(size or 0.0) * (scale or 1.0))

    text = page.extract_text(visitor_text=visit) or ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [(line, sizes.get(line, 0.0)) for line in lines]


def _pdf_sections(pages: list[list[tuple[str, float]]]) -> tuple[list[Section], str]:
    """Sections per page paragraph; lines clearly larger than body text become headings."""
    heading_levels = _pdf_heading_levels(pages)
    sections: list[Section] = []
    path: list[str] = []
    first_heading = ""
    for page_number, lines in enumerate(pages, start=1):
        paragraph: list[str] = []
        # A trailing blank line flushes the page's last paragraph.
        for text, size in [*lines, ("", 0.0)]:
            level = heading_levels.get(size) if text and len(text) <= 200 else None
            if text and level is None:
                paragraph.append(text)
                continue
            if paragraph:
                joined = join_lines(paragraph)
                sections.append(Section(text=joined, heading_path=list(path), page=page_number))
                paragraph = []
            if level is not None:
                path = [*path[: level - 1], text]
                first_heading = first_heading or text
    return sections, first_heading


def _pdf_heading_levels(pages: list[list[tuple[str, float]]]) -> dict[float, int]:
    """Map font sizes larger than the body size to heading levels (largest = 1)."""
    weight: Counter[float] = Counter()
    for lines in pages:
        for text, size in lines:
            if size:
                weight[round(size, 1)] += len(text)
    if not weight:
        return {}
    body = weight.most_common(1)[0][0]
    sizes = sorted(
        {size for lines in pages for _, size in lines if size >= body * _PDF_HEADING_RATIO},
        reverse=True,
    )
    ranks = sorted({round(s, 1) for s in sizes}, reverse=True)
    return {size: ranks.index(round(size, 1)) + 1 for size in sizes}


# --- DOCX ------------------------------------------------------------------------------------

_DOCX_HEADING = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> Document:
    import docx
    from docx.table import Table

    _check_docx_container(path)
    try:
        word = docx.Document(str(path))
    except Exception as exc:
        raise _unreadable(
            path, "Word-filen är skadad och kan inte öppnas; spara om den i Word och försök igen"
        ) from exc
    sections: list[Section] = []
    path_now: list[str] = []
    first_heading = ""
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            sections.extend(
                Section(text=row, heading_path=list(path_now)) for row in _table_rows(block)
            )
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        level = _docx_heading_level(style or "")
        if level is None:
            sections.append(Section(text=text, heading_path=list(path_now)))
            continue
        if level == 0:  # the "Title" style: a title, not a section heading
            first_heading = first_heading or text
            continue
        path_now = [*path_now[: level - 1], text]
        first_heading = first_heading or text
    title = " ".join((word.core_properties.title or "").split()) or first_heading or path.stem
    return Document(source=path.name, title=title, doc_type="", sections=sections)


def _check_docx_container(path: Path) -> None:
    """Refuse non-zip files and zip bombs before python-docx inflates anything."""
    if not zipfile.is_zipfile(path):
        raise _unreadable(path, "ser inte ut att vara en Word-fil (.docx); kontrollera filtypen")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(path, "Word-filen är skadad; spara om den i Word") from exc
    if not any(m.filename == "word/document.xml" for m in members):
        raise _unreadable(
            path, "filen är ett zip-arkiv men inget Word-dokument; spara om den som .docx"
        )
    declared = sum(m.file_size for m in members)
    if declared > MAX_DOCX_UNCOMPRESSED_BYTES:
        megabytes = declared // (1024 * 1024)
        raise _unreadable(
            path,
            f"Word-filen packas upp till {megabytes} MB (högst "
            f"{MAX_DOCX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB); kontrollera filen",
        )


def _docx_heading_level(style: str) -> int | None:
    """1.. for Heading N / Rubrik N, 0 for the Title style, None for body text."""
    if style.lower() in {"title", "rubrik"}:
        return 0
    match = _DOCX_HEADING.match(style.strip())
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _table_rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # Merged cells repeat the same cell object's text; keep it once.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            yield " | ".join(cells)


# --- HTML ------------------------------------------------------------------------------------

_HTML_DROP = "nav, footer, aside, script, style, noscript, template, form, svg, iframe"
_HTML_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# Elements that end a run of text; everything else is inline and continues it.
_HTML_BLOCKS = frozenset(
    {
        *("p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tfoot", "tr", "td", "th", "blockquote", "pre"),
        *("figure", "figcaption", "caption", "h5", "h6", "br", "hr", "address"),
        *("details", "summary"),
    }
)


def read_html(path: Path) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decode_text(path.read_bytes(), path))
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    content = tree.css_first("main") or tree.css_first("[role=main]") or tree.css_first("article")
    root = content or tree.body
    if root is None:
        raise _unreadable(path, "HTML-filen innehåller ingen text; kontrollera innehållet")
    # A <header> inside <main>/<article> holds the article's own heading; outside it is a banner.
    for node in root.css(_HTML_DROP if content is not None else _HTML_DROP + ", header"):
        node.decompose()
    walker = _HtmlWalker()
    walker.walk(root)
    walker.flush()
    title = title or walker.first_h1 or path.stem
    sections = [
        s
        for s in walker.sections
        if is_reference(s.text)
        or not (is_clutter_line(s.text) or any(is_box_heading(h) for h in s.heading_path[-1:]))
    ]
    return Document(source=path.name, title=title, doc_type="", sections=sections)


def _classes(node: Any) -> str:
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''}"


class _HtmlWalker:
    """Collects text runs between block boundaries, tracking h1–h4 as the heading path."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.path: list[str] = []
        self.first_h1 = ""
        self._buffer: list[str] = []
        self._prefix = ""

    def walk(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self._buffer.append(child.text(deep=False) or "")
            elif is_frame_element(_classes(child)):
                self.flush()
                self._keep_references(child)
            elif tag in _HTML_HEADINGS:
                self.flush()
                self._heading(_HTML_HEADINGS[tag], " ".join(child.text().split()))
            elif tag in _HTML_BLOCKS:
                self.flush()
                if tag == "li":
                    self._prefix = "- "
                self.walk(child)
                self.flush()
                if tag == "li":
                    self._prefix = ""  # an empty item must not mark the next paragraph
            elif tag and not tag.startswith("-"):
                self.walk(child)

    def _keep_references(self, node: Any) -> None:
        """A page's frame is skipped, but a line in it that names a document by its identifier
        (a link "Regeringsuppdraget U2021/03837") is a reference, and kept."""
        for line in node.text(separator="\n").split("\n"):
            line = " ".join(line.split())
            if is_reference(line):
                self.sections.append(Section(text=line, heading_path=list(self.path)))

    def flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.sections.append(Section(text=self._prefix + text, heading_path=list(self.path)))
            self._prefix = ""  # a <li> whose text sits in a nested <p> keeps its marker until then
        self._buffer.clear()

    def _heading(self, level: int, text: str) -> None:
        if not text:
            return
        if level == 1 and not self.first_h1:
            self.first_h1 = text
        self.path = [*self.path[: level - 1], text]


# --- Markdown --------------------------------------------------------------------------------


def read_markdown(path: Path) -> Document:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(decode_text(path.read_bytes(), path))
    sections: list[Section] = []
    heading_path: list[str] = []
    title = ""
    list_markers: list[str] = []  # "- " or "" per open list, for the items' prefixes
    pending_marker = ""
    in_table_row: list[str] | None = None
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            text = _inline_text(tokens[index + 1])
            heading_path = [*heading_path[: level - 1], text] if text else heading_path
            title = title or (text if level == 1 else "")
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            list_markers.append("- " if kind == "bullet_list_open" else "")
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            list_markers.pop()
        elif kind == "list_item_open":
            pending_marker = list_markers[-1] if list_markers[-1] else f"{token.info or 1}. "
        elif kind == "tr_open":
            in_table_row = []
        elif kind == "tr_close" and in_table_row is not None:
            row = " | ".join(cell for cell in in_table_row if cell)
            if row:
                sections.append(Section(text=row, heading_path=list(heading_path)))
            in_table_row = None
        elif kind == "inline" and in_table_row is not None:
            in_table_row.append(_inline_text(token))
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            text = _inline_text(token)
            if text:
                sections.append(
                    Section(text=pending_marker + text, heading_path=list(heading_path))
                )
            pending_marker = ""
        elif kind in {"fence", "code_block"} and token.content.strip():
            sections.append(Section(text=token.content.strip(), heading_path=list(heading_path)))
    return Document(source=path.name, title=title or path.stem, doc_type="", sections=sections)


def _inline_text(token: Any) -> str:
    """Plain text of an inline token: markup dropped, link text and image alt kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child))
    return " ".join("".join(parts).split())


# --- Plain text ------------------------------------------------------------------------------


def read_text(path: Path) -> Document:
    text = decode_text(path.read_bytes(), path).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.split("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    # A page saved from a browser brings its menus, share buttons and contact boxes along.
    paragraphs, from_web = without_clutter(paragraphs)
    title = path.stem
    # A press room puts the dateline above the headline; the dateline stays as text.
    dated = len(paragraphs) > 1 and len(paragraphs[0]) == 1 and is_dateline(paragraphs[0][0])
    at = int(from_web and dated)
    first = paragraphs[at] if len(paragraphs) > at else []
    first_line = " ".join(first[0].split()) if first else ""
    # A short first line standing alone is a title; a short first line of wrapped prose is not.
    # On a saved web page the headline has the date line under it, not a blank line.
    headline = from_web and not first_line.endswith((".", "!", "?", ":"))
    if first_line and len(first_line) <= _SHORT_TITLE_CHARS and (len(first) == 1 or headline):
        title = first_line
        rest = [first[1:]] if len(first) > 1 else []
        paragraphs = [*paragraphs[:at], *rest, *paragraphs[at + 1 :]]
    sections = [Section(text=join_lines(p)) for p in paragraphs]
    return Document(source=path.name, title=title, doc_type="", sections=sections)


# --- Shared ----------------------------------------------------------------------------------

_BULLET_LINE = re.compile(r"^[-*•–]\s")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, keeping bullet items on their own lines."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif _BULLET_LINE.match(line):
            out += "\n" + line
        else:
            out += " " + line
    return out


def _unreadable(path: Path, reason: str) -> UnreadableFileError:
    return UnreadableFileError(f"{path.name}: {reason}")


READERS: dict[str, Reader] = {
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
}
DOCUMENT_SUFFIXES: frozenset[str] = frozenset(READERS)
