"""GET/POST/DELETE /api/documents: list, upload (ingested at once) and remove documents.

Uploading and deleting need `Authorization: Bearer <DIALOGSTOD_ADMIN_TOKEN>`; without a
configured token both are switched off. Every check happens before anything is written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Response, UploadFile
from pydantic import BaseModel

from api.deps import get_index, get_settings, require_admin
from api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from assistant.errors import UnreadableFileError
from assistant.index.store import Index
from assistant.ingest.packets import PACKET_SUFFIXES
from assistant.ingest.pipeline import ingest_parsed, parse_file, remove_source
from assistant.ingest.readers import DOCUMENT_SUFFIXES
from assistant.settings import Settings
from assistant.types import IngestReport

router = APIRouter(prefix="/api", tags=["dokument"])

UPLOAD_DIR = "documents"
SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


class DocumentInfo(BaseModel):
    name: str
    title: str
    kind: str
    doc_type: str
    ingested_at: str
    chunks: int
    packet_rows: int


def safe_file_name(raw: str | None) -> str:
    """The last path component only, in NFC, with nothing that could leave the folder."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = SAFE_NAME.sub("_", name).strip(" .")
    suffix = Path(name).suffix.lower()
    if not name or name.startswith(("_", ".")) or len(name) > 200:
        raise ApiError(
            422, "invalid_file_name", "Filnamnet är ogiltigt. Använd ett vanligt filnamn."
        )
    if suffix not in DOCUMENT_SUFFIXES | PACKET_SUFFIXES:
        supported = ", ".join(sorted(DOCUMENT_SUFFIXES | PACKET_SUFFIXES))
        raise ApiError(
            415,
            "unsupported_type",
            f"Filtypen {suffix or '(ingen ändelse)'} stöds inte. Stödda typer: {supported}.",
        )
    return name


@router.get(
    "/documents",
    response_model=list[DocumentInfo],
    responses=ERROR_RESPONSES,
    summary="Inlästa dokument och indikatorpaket",
)
def list_documents(index: Annotated[Index, Depends(get_index)]) -> list[DocumentInfo]:
    return [DocumentInfo.model_validate(d) for d in index.catalog.documents()]


@router.post(
    "/documents",
    response_model=IngestReport,
    status_code=201,
    responses={
        **ERROR_RESPONSES,
        415: {"model": ErrorBody, "description": "Filtypen stöds inte"},
    },
    dependencies=[Depends(require_admin)],
    summary="Ladda upp ett dokument; det läses in direkt och ersätter en fil med samma namn",
)
def upload_document(
    file: Annotated[UploadFile, File(description="PDF, DOCX, HTML, Markdown, TXT, CSV eller XLSX")],
    index: Annotated[Index, Depends(get_index)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> IngestReport:
    name = safe_file_name(file.filename)
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise ApiError(
            413,
            "payload_too_large",
            f"Filen är för stor (högst {settings.max_upload_bytes // (1024 * 1024)} MB).",
        )
    folder = settings.index_dir / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    # Read it from a private temporary copy first: a file that cannot be read is refused
    # before it replaces anything.
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        candidate = Path(scratch) / name
        candidate.write_bytes(data)
        try:
            parsed = parse_file(candidate, hashlib.sha256(data).hexdigest(), settings)
        except UnreadableFileError as exc:
            raise ApiError(422, "unreadable_file", str(exc)) from exc
        target = folder / name
        os.replace(candidate, target)
    return ingest_parsed(index, dataclasses.replace(parsed, path=target))


@router.delete(
    "/documents/{name}",
    status_code=204,
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require_admin)],
    summary="Ta bort ett dokument ur indexet",
)
def delete_document(
    name: str,
    index: Annotated[Index, Depends(get_index)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Response:
    if name not in index.catalog.sources():
        raise ApiError(404, "unknown_document", f"Dokumentet '{name}' finns inte i indexet.")
    remove_source(index, name)
    uploaded = settings.index_dir / UPLOAD_DIR / safe_file_name(name)
    uploaded.unlink(missing_ok=True)
    return Response(status_code=204)
