"""The FastAPI application: opens the index once, fills an empty one with the demo corpus."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import structlog
from fastapi import FastAPI
from fastapi.responses import FileResponse

from api.errors import ErrorBody, install_error_handlers
from api.routes import chat, health, huvudman
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import Settings

log = structlog.get_logger(__name__)
STATIC = Path(__file__).parent / "static"
WIDGET = Path(__file__).parent / "widget" / "widget.js"


def open_index(settings: Settings) -> Index:
    """The index, with the bundled corpus ingested first if the index is empty."""
    index = Index(settings)
    if index.is_empty():
        log.info("index.empty", corpus=str(settings.corpus_dir))
        report = ingest(index, [settings.corpus_dir])
        log.info("index.filled", files=report.files_ingested, skipped=len(report.skipped))
    index.embedder  # load the model before the first question, not during it  # noqa: B018
    return index


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    index = open_index(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        index.close()

    app = FastAPI(
        title="Dialogstöd",
        description=(
            "Frågor och svar med källhänvisningar inför kvalitetsdialoger med skolhuvudmän. "
            'Alla fel har formen {"error": {"code": …, "message": …}}.'
        ),
        version="0.1.0",
        lifespan=lifespan,
        responses={500: {"model": ErrorBody}},
    )
    app.state.index = index
    install_error_handlers(app)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(huvudman.router)

    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(WIDGET, media_type="text/javascript; charset=utf-8")

    return app
