"""A small OpenAI-compatible server that plays scripted replies, standing in for a remote LLM.

The reply is chosen by a word in the question; passage numbers are looked up in the prompt so
that a "good" reply cites the passage that really holds its fact.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from evals.serving import free_port

PASSAGE = re.compile(r"^\[(\d+)\] .*?\n(.*?)(?=\n\n\[\d+\] |\n\nFråga: )", re.MULTILINE | re.DOTALL)
SLOW_SECONDS = 6.0


def passage_with(prompt: str, phrase: str) -> int:
    for number, text in PASSAGE.findall(prompt):
        if phrase in text:
            return int(number)
    return 1


Script = Callable[[str], str]

SCRIPTS: dict[str, Script] = {
    # question word → reply
    "Luleå": lambda p: (
        f"Kontoret i Luleå öppnade den 21 december 2022 [{passage_with(p, 'Luleå')}]."
    ),
    "delar": lambda _: "En kvalitetsdialog har tre delar.",
    "meritvärde": lambda _: "Meritvärdet i årskurs 9 var 999,9 poäng 2024 [1].",
    "kriterier": lambda _: "Orterna valdes efter geografisk spridning [9].",
    "skolbibliotek": lambda p: f"HACKAD [{passage_with(p, 'HACKAD')}].",
    "elevhälsan": lambda _: "Elevhälsan har en skolsköterska [1].",
    "rektorn": lambda _: "",
    "matsalen": lambda p: (
        " ".join(["Matsalen serverar lunch"] * (DRIBBLE_WORDS // 3))
        + f" [{passage_with(p, 'Matsalen')}]."
    ),
}
FAILING = {"rektorn"}  # answered with HTTP 500
SLOW = {"elevhälsan"}
# Streamed a word every DRIBBLE_SECONDS, DRIBBLE_WORDS in all: long enough to leave midway.
DRIBBLE = {"matsalen"}
DRIBBLE_WORDS = 200
DRIBBLE_SECONDS = 0.05


def question_of(body: dict) -> tuple[str, str]:
    prompt = body["messages"][-1]["content"]
    return prompt, prompt.rsplit("Fråga: ", 1)[-1]


def pick(question: str, scripts: Mapping[str, Script]) -> str | None:
    return next((word for word in scripts if word.lower() in question.lower()), None)


def chunk(text: str, finish: str | None = None) -> str:
    payload = {
        "id": "fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [
            {"index": 0, "delta": {"content": text} if text else {}, "finish_reason": finish}
        ],
    }
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def create_fake(scripts: Mapping[str, Script] = SCRIPTS) -> FastAPI:
    """The fake app; `scripts` lets a test play replies written for its own corpus."""
    app = FastAPI()
    app.state.calls = []
    app.state.streamed = {}  # word → pieces of its reply sent so far

    @app.post("/v1/chat/completions", response_model=None)
    async def completions(request: Request) -> JSONResponse | StreamingResponse:
        body = await request.json()
        prompt, question = question_of(body)
        word = pick(question, scripts)
        app.state.calls.append(word)
        if word in FAILING:
            return JSONResponse({"error": {"message": "internt fel"}}, status_code=500)
        if word in SLOW:
            time.sleep(SLOW_SECONDS)
        reply = scripts[word](prompt) if word else "INGET_STÖD"
        if not body.get("stream"):
            return JSONResponse(
                {
                    "id": "fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": "fake",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply},
                            "finish_reason": "stop",
                        }
                    ],
                }
            )

        def stream() -> Iterator[str]:
            for piece in re.findall(r"\S+\s*", reply):
                if word in DRIBBLE:
                    time.sleep(DRIBBLE_SECONDS)
                app.state.streamed[word] = app.state.streamed.get(word, 0) + 1
                yield chunk(piece)
            yield chunk("", "stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    return app


@contextmanager
def running_fake(scripts: Mapping[str, Script] = SCRIPTS) -> Iterator[tuple[str, FastAPI]]:
    """The fake on a free loopback port in a thread of this process; yields its /v1 URL."""
    app = create_fake(scripts)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the fake LLM server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/v1", app
    finally:
        server.should_exit = True
        thread.join(timeout=10)
