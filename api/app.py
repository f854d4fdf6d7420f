"""The FastAPI application: opens the index once, fills an empty one with the demo corpus."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import structlog
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse

from api.errors import ErrorBody, install_error_handlers
from api.limits import DeclaredSizeLimit, RateLimiter
from api.routes import brief, chat, conversations, documents, health, huvudman, sources
from assistant.answer.generator import load_generator
from assistant.conversation.store import ConversationStore
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import Settings

log = structlog.get_logger(__name__)
STATIC = Path(__file__).parent / "static"
WIDGET = Path(__file__).parent / "widget" / "widget.js"
CONVERSATIONS_FILE = "conversations.sqlite"
UPLOAD_MARGIN = 64 * 1024  # multipart framing around an uploaded file


def open_index(settings: Settings) -> Index:
    """The index, with the bundled corpus ingested first if the index is empty."""
    index = Index(settings)
    if index.is_empty():
        log.info("index.empty", corpus=str(settings.corpus_dir))
        report = ingest(index, [settings.corpus_dir])
        log.info("index.filled", files=report.files_ingested, skipped=len(report.skipped))
    index.embedder  # load the model before the first question, not during it  # noqa: B018
    return index


def conversation_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(settings.index_dir / CONVERSATIONS_FILE).resolve()}"


async def log_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """One structured log line per request, with a request id that other log lines share."""
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    structlog.contextvars.bind_contextvars(request_id=request_id)
    started = time.perf_counter()
    try:
        response = await call_next(request)
    finally:
        structlog.contextvars.unbind_contextvars("request_id")
    response.headers["X-Request-ID"] = request_id
    log.info(
        "http.request",
        request_id=request_id,
        method=request.method,
        path=request.url.path,
        status=response.status_code,
        latency_ms=round(1000 * (time.perf_counter() - started), 1),
    )
    return response


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    index = open_index(settings)
    store = ConversationStore(conversation_url(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()
        index.close()

    app = FastAPI(
        title="Dialogstöd",
        description=(
            "Frågor och svar med källhänvisningar inför kvalitetsdialoger med skolhuvudmän. "
            'Alla fel har formen {"error": {"code": …, "message": …}} med ett svenskt '
            "meddelande som säger vad man ska göra."
        ),
        version="0.1.0",
        lifespan=lifespan,
        responses={500: {"model": ErrorBody}},
    )
    app.state.settings = settings
    app.state.index = index
    app.state.conversations = store
    app.state.generator = load_generator(settings)
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    install_error_handlers(app)
    app.middleware("http")(log_requests)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key"],
            expose_headers=["Retry-After", "X-Request-ID"],
        )
    # The widget script and the scope list (about 3 MB for 2,800 huvudmän) shrink several times;
    # Starlette leaves event streams alone, so the chat stream is not held back.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    upload_limit = settings.max_upload_bytes + UPLOAD_MARGIN
    app.add_middleware(
        DeclaredSizeLimit,
        default=settings.max_body_bytes,
        limits={"/api/documents": upload_limit},
    )
    # FastAPI counts body bytes as they stream in, with or without Content-Length.
    for module in (chat, conversations, sources, huvudman, health):
        app.include_router(module.router, max_body_size=settings.max_body_bytes)
    app.include_router(documents.router, max_body_size=upload_limit)
    app.include_router(brief.router)

    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(WIDGET, media_type="text/javascript; charset=utf-8")

    return app
