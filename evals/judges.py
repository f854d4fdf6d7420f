"""Optional LLM-judge metrics (ragas, deepeval): used only when a judge endpoint is configured.

Nothing in the default run needs a judge, and neither library is a dependency. Set
`DIALOGSTOD_EVAL_JUDGE_URL` (an OpenAI-compatible endpoint), optionally
`DIALOGSTOD_EVAL_JUDGE_MODEL` and `DIALOGSTOD_EVAL_JUDGE_KEY`, and install `ragas` or `deepeval`
yourself; `dialogstod eval` then lists the adapters it found in the report. The adapters are
stubs: they define the interface (question, answer, cited passages → named scores in 0..1) for a
judge to be wired in.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class JudgeConfig:
    url: str
    model: str
    api_key: str | None


class JudgeAdapter(Protocol):
    name: str

    def score(self, question: str, answer: str, contexts: Sequence[str]) -> Mapping[str, float]:
        """Scores in 0..1 by metric name, e.g. {"faithfulness": 0.9}."""
        ...


def judge_config(env: Mapping[str, str] | None = None) -> JudgeConfig | None:
    env = os.environ if env is None else env
    url = env.get("DIALOGSTOD_EVAL_JUDGE_URL", "").strip()
    if not url:
        return None
    return JudgeConfig(
        url=url,
        model=env.get("DIALOGSTOD_EVAL_JUDGE_MODEL", "").strip() or "default",
        api_key=env.get("DIALOGSTOD_EVAL_JUDGE_KEY") or None,
    )


class _StubAdapter:
    name = "stub"
    metrics: tuple[str, ...] = ()

    def __init__(self, config: JudgeConfig) -> None:
        self.config = config

    def score(self, question: str, answer: str, contexts: Sequence[str]) -> Mapping[str, float]:
        raise NotImplementedError(
            f"the {self.name} adapter is a stub: wire {', '.join(self.metrics)} to "
            f"{self.config.url} in evals/judges.py"
        )


class RagasAdapter(_StubAdapter):
    name = "ragas"
    metrics = ("faithfulness", "answer_relevancy")


class DeepEvalAdapter(_StubAdapter):
    name = "deepeval"
    metrics = ("FaithfulnessMetric", "AnswerRelevancyMetric")


ADAPTERS: dict[str, tuple[str, type[_StubAdapter]]] = {
    "ragas": ("ragas", RagasAdapter),
    "deepeval": ("deepeval", DeepEvalAdapter),
}


def available_judges(env: Mapping[str, str] | None = None) -> list[JudgeAdapter]:
    """Adapters whose library is installed, when a judge endpoint is configured; else none."""
    config = judge_config(env)
    if config is None:
        return []
    return [
        adapter(config)
        for module, adapter in ADAPTERS.values()
        if importlib.util.find_spec(module) is not None
    ]
