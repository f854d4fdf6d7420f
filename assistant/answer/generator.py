"""Generated answers from a language model, behind one small protocol and a registry.

`openai` speaks to any OpenAI-compatible endpoint (vLLM, llama.cpp server, Ollama's /v1, Azure)
through LangChain's chat model; another provider is one more registered class. Whatever the
model writes is validated, and anything that fails gives the extractive answer instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import structlog

from assistant.answer.citations import MARKER, CitationBook
from assistant.answer.prompts import NO_SUPPORT_TOKEN, SYSTEM_PROMPT, user_prompt
from assistant.answer.validate import validate_generated
from assistant.errors import DialogstodError
from assistant.settings import Settings
from assistant.types import Answer, Chunk

log = structlog.get_logger(__name__)

TokenSink = Callable[[str], None]


class Generator(Protocol):
    name: str

    def generate(self, system: str, user: str, on_token: TokenSink | None = None) -> str: ...


class LangChainChatGenerator:
    """Any LangChain chat model; tokens are passed on as they arrive."""

    def __init__(self, name: str, model: object) -> None:
        self.name = name
        self.model = model

    def generate(self, system: str, user: str, on_token: TokenSink | None = None) -> str:
        parts: list[str] = []
        for chunk in self.model.stream([("system", system), ("human", user)]):  # type: ignore[attr-defined]
            text = chunk.content if isinstance(chunk.content, str) else ""
            if text:
                parts.append(text)
                if on_token:
                    on_token(text)
        return "".join(parts)


def _openai(settings: Settings) -> Generator:
    from langchain_openai import ChatOpenAI

    if not settings.llm_base_url or not settings.llm_model:
        raise DialogstodError(
            "DIALOGSTOD_GENERATOR=openai kräver DIALOGSTOD_LLM_BASE_URL och DIALOGSTOD_LLM_MODEL "
            "(t.ex. http://127.0.0.1:11434/v1 och modellens namn)."
        )
    model = ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,  # type: ignore[arg-type]
        timeout=settings.llm_timeout_seconds,
        max_retries=0,  # a failure falls back to the extractive answer at once
        temperature=0,
    )
    return LangChainChatGenerator(f"openai:{settings.llm_model}", model)


GENERATORS: dict[str, Callable[[Settings], Generator | None]] = {
    "extractive": lambda _: None,
    "openai": _openai,
}


def load_generator(settings: Settings) -> Generator | None:
    factory = GENERATORS.get(settings.generator)
    if factory is None:
        known = ", ".join(sorted(GENERATORS))
        raise DialogstodError(
            f"Okänd generator '{settings.generator}' (DIALOGSTOD_GENERATOR); välj en av {known}."
        )
    return factory(settings)


def within_budget(passages: Sequence[Chunk], budget_tokens: int) -> list[Chunk]:
    """The best passages that fit the token budget (about 1.3 tokens per Swedish word)."""
    kept: list[Chunk] = []
    used = 0
    for passage in passages:
        cost = int(len(passage.text.split()) * 1.3) + 20
        if kept and used + cost > budget_tokens:
            break
        kept.append(passage)
        used += cost
    return kept


def renumber(answer: str, passages: Sequence[Chunk]) -> Answer:
    """Citations numbered in order of first use, covering only the passages the answer cites."""
    book = CitationBook()

    def replace(match: re.Match[str]) -> str:
        return book.cite(passages[int(match.group(1)) - 1])

    text = MARKER.sub(replace, answer.strip())
    return Answer(answer=text, supported=True, citations=book.citations(), mode="generated")


def generate_answer(
    generator: Generator,
    question: str,
    passages: Sequence[Chunk],
    fallback: Answer,
    settings: Settings,
    on_token: TokenSink | None = None,
) -> Answer:
    """The model's answer if it passes validation, else `fallback` marked as a fallback."""
    given = within_budget(passages, settings.llm_context_tokens)
    fallen_back = fallback.model_copy(update={"mode": "extractive_fallback"})
    try:
        text = generator.generate(SYSTEM_PROMPT, user_prompt(question, given), on_token)
    except Exception as exc:  # timeouts, HTTP errors, a client that left: all fall back
        log.warning("generate.failed", generator=generator.name, error=type(exc).__name__)
        return fallen_back
    if text.strip().startswith(NO_SUPPORT_TOKEN):
        log.info("generate.no_support", generator=generator.name)
        return fallen_back
    problems = validate_generated(text, given, min_grounding=settings.llm_min_grounding)
    if problems:
        log.info("generate.rejected", generator=generator.name, problems=problems)
        return fallen_back
    return renumber(text, given)
