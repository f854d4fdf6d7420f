"""One error shape for every 4xx/5xx: {"error": {"code": ..., "message": <Swedish, what to do>}}."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import DialogstodError, UnknownHuvudmanError


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_response(status: int, code: str, message: str) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(status_code=status, content=body.model_dump())


HTTP_MESSAGES = {
    404: ("not_found", "Adressen finns inte. Se /docs för API:ts adresser."),
    405: ("method_not_allowed", "Metoden stöds inte för den här adressen. Se /docs."),
}


def _describe_validation(exc: RequestValidationError) -> str:
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


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _describe_validation(exc))

    @app.exception_handler(UnknownHuvudmanError)
    async def unknown_huvudman(_: Request, exc: UnknownHuvudmanError) -> JSONResponse:
        return error_response(404, "unknown_huvudman", str(exc))

    @app.exception_handler(DialogstodError)
    async def domain_error(_: Request, exc: DialogstodError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = HTTP_MESSAGES.get(exc.status_code, ("http_error", str(exc.detail)))
        return error_response(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def server_error(_: Request, exc: Exception) -> JSONResponse:
        return error_response(
            500, "server_error", "Ett oväntat fel uppstod på servern. Försök igen om en stund."
        )
