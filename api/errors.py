"""One error shape for every 4xx/5xx: {"error": {"code": ..., "message": <Swedish, what to do>}}.

Routes raise typed exceptions; this module alone maps them to status codes.
"""

from __future__ import annotations

from collections.abc import Mapping

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    DialogstodError,
    ScopeConflictError,
    UnknownConversationError,
    UnknownHuvudmanError,
    UnreadableFileError,
)

log = structlog.get_logger(__name__)


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """An error of the HTTP edge itself (limits, keys, sizes), with its status and code."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})


# Most specific first: the first class an error is an instance of decides.
DOMAIN_ERRORS: list[tuple[type[DialogstodError], int, str]] = [
    (UnknownHuvudmanError, 404, "unknown_huvudman"),
    (UnknownConversationError, 404, "unknown_conversation"),
    (ScopeConflictError, 409, "scope_conflict"),
    (UnreadableFileError, 422, "unreadable_file"),
    (DialogstodError, 400, "bad_request"),
]

# The framework's own HTTP errors, by status → (status we answer, code, Swedish message).
HTTP_MESSAGES = {
    # FastAPI answers 400 only for a body it cannot decode (JSON that is not UTF-8, broken
    # multipart); to the client that is an invalid request like any other malformed JSON.
    400: (
        422,
        "invalid_request",
        "Begäran kunde inte läsas: kroppen är inte JSON i UTF-8 eller inte giltig "
        "multipart-data. Kontrollera Content-Type och teckenkodningen och skicka igen.",
    ),
    404: (404, "not_found", "Adressen finns inte. Se /docs för API:ts adresser."),
    405: (405, "method_not_allowed", "Metoden stöds inte för den här adressen. Se /docs."),
    413: (
        413,
        "payload_too_large",
        "Begäran är för stor. Korta frågan (högst 64 kB per begäran) eller ladda upp en mindre "
        "fil (högst DIALOGSTOD_MAX_UPLOAD_BYTES).",
    ),
}

_ERROR_DESCRIPTIONS = {
    401: "API-nyckel saknas eller är fel",
    403: "Funktionen är avstängd eller token fel",
    404: "Okänd huvudman, samtal eller källa",
    409: "Samtalet gäller en annan huvudman",
    413: "Begäran eller filen är för stor",
    422: "Ogiltig begäran",
    429: "För många förfrågningar; se Retry-After",
}
# Shown in the OpenAPI schema for every route that can fail this way.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in _ERROR_DESCRIPTIONS.items()
}
# The same for a route whose own media type is not JSON (the event stream): FastAPI would list
# a `model` under that media type, but the errors are JSON. The ErrorBody schema is in the
# components because the JSON routes use it.
STREAM_ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    for status, description in _ERROR_DESCRIPTIONS.items()
}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(status_code=status, content=body.model_dump(), headers=dict(headers or {}))


def describe_validation(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        kind = error.get("type", "")
        if kind == "json_invalid":
            return 'Begäran är inte giltig JSON. Skicka ett JSON-objekt, t.ex. {"message": "…"}.'
        if kind == "missing":
            problems.append(f"fältet '{where}' saknas")
        elif kind == "string_too_long":
            limit = error.get("ctx", {}).get("max_length")
            problems.append(f"'{where}' är för lång (högst {limit} tecken)")
        elif kind in ("string_too_short", "value_error") and where == "message":
            problems.append("frågan är tom")
        else:
            problems.append(f"'{where or 'body'}' har fel värde eller typ")
    return "Ogiltig begäran: " + "; ".join(problems) + ". Rätta begäran och försök igen."


def domain_status(exc: DialogstodError) -> tuple[int, str]:
    return next((status, code) for kind, status, code in DOMAIN_ERRORS if isinstance(exc, kind))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", describe_validation(exc))

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(DialogstodError)
    async def domain_error(_: Request, exc: DialogstodError) -> JSONResponse:
        status, code = domain_status(exc)
        return error_response(status, code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        status, code, message = HTTP_MESSAGES.get(
            exc.status_code, (exc.status_code, "http_error", str(exc.detail))
        )
        return error_response(status, code, message)

    @app.exception_handler(Exception)
    async def server_error(_: Request, exc: Exception) -> JSONResponse:
        log.exception("server_error", error=str(exc))
        return error_response(
            500, "server_error", "Ett oväntat fel uppstod på servern. Försök igen om en stund."
        )
