"""The few nouns every part of Dialogstöd speaks: documents, chunks, packet rows, answers."""

from __future__ import annotations

from pydantic import BaseModel, Field

# What a document or passage is (`doc_type`): the names the catalogue stores and every stage
# compares against, written once.
DOC_DOCUMENT = "dokument"
DOC_ASSIGNMENT = "uppdrag"
DOC_SUCCESS_FACTOR = "framgångsfaktor"
DOC_PACKET = "indikatorpaket"  # a packet row, or a packet file
DOC_INDICATOR = "indikator"  # the one passage that describes an indicator
DOC_STATISTICS_DEFINITION = "statistikdefinition"  # an export's notes and definitions


def indicator_chunk_id(indikator_id: str, digest: str) -> str:
    """The id of an indicator's passage: `indikator:{indikator_id}:{digest of its text}`."""
    return f"{DOC_INDICATOR}:{indikator_id}:{digest}"


class Section(BaseModel):
    """A piece of a document as a reader found it, with where it sits in the document."""

    text: str
    heading_path: list[str] = Field(default_factory=list)
    page: int | None = None


class Document(BaseModel):
    """A prose document read from disk: its sections in reading order."""

    source: str  # the file name as ingested, e.g. "uppdraget.pdf"
    title: str
    doc_type: str  # one of the DOC_ names above
    sections: list[Section]


class Chunk(BaseModel):
    """A passage that is indexed and can be cited."""

    chunk_id: str
    source: str
    title: str
    doc_type: str
    locator: str  # human-readable place: "s. 3", "Avsnitt: Syfte > Tecken", "rad 12"
    heading_path: list[str] = Field(default_factory=list)
    text: str
    ordinal: int = 0
    huvudman_id: str | None = None
    indikator_id: str | None = None  # the indicator an indicator's passage describes


class PacketRow(BaseModel):
    """One huvudman × indicator × year row of an indicator packet, kept exactly."""

    huvudman_id: str
    huvudman_namn: str = ""
    skolform: str = ""
    kategori: str = ""
    indikator_id: str
    indikator_namn: str
    enhet: str = ""
    ar: str
    varde: str  # display form with Swedish decimal comma ("209,7"), or the marker ("..", ".", "-")
    varde_num: float | None = None  # None when suppressed or missing
    riket: str = ""  # same conventions as varde; "" when the file has no national value
    riket_num: float | None = None
    kalla: str = ""
    definition: str = ""
    line: int  # 1-based line (CSV) or row (XLSX) in the source file
    extra: dict[str, str] = Field(default_factory=dict)
    # Set for Skolverket's statistics exports, where one line holds several values:
    kolumn: int = 0  # 1-based column of the value; 0 when the line holds one value
    omfattning: str = ""  # "Typ av huvudman": "Kommunal", "Samtliga", "Enskild", "Statlig"
    tabell: str = ""  # the export's table title
    dimension: str = ""  # e.g. "Flickor" or "Matematik"; "" for the table's total


class Citation(BaseModel):
    n: int
    source: str
    title: str
    locator: str
    snippet: str
    chunk_id: str


class Answer(BaseModel):
    answer: str
    supported: bool
    citations: list[Citation] = Field(default_factory=list)
    # Which answerer wrote it: "extractive", "generated" (an LLM, validated), or
    # "extractive_fallback" (the LLM's answer failed validation, timed out or errored).
    mode: str = "extractive"


class SkippedFile(BaseModel):
    path: str
    reason: str


class IngestReport(BaseModel):
    files_seen: int = 0
    files_ingested: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    chunks_written: int = 0
    chunks_deleted: int = 0
    packet_rows_written: int = 0
    vectors_embedded: int = 0
    sentences_embedded: int = 0
    skipped: list[SkippedFile] = Field(default_factory=list)


class ChatResponse(Answer):
    conversation_id: str


class ChatMessage(BaseModel):
    role: str  # "user" | "assistant"
    text: str
    supported: bool | None = None
    citations: list[Citation] = Field(default_factory=list)
    created_at: str


class Conversation(BaseModel):
    conversation_id: str
    huvudman_id: str | None
    created_at: str
    messages: list[ChatMessage] = Field(default_factory=list)
