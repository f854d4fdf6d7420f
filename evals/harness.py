"""Running a dataset through a backend (in-process, over HTTP, or the LangChain baseline).

A backend turns one dataset item into a `Run`: the exchanges (question, answer, latency) and,
when it can tell, the ranked sources retrieval produced. `score_item` then checks the last answer
with `evals.devset.check_answer` and computes the item's metrics.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx

from assistant.answer.generator import Generator
from assistant.ask import answer_from, ask, retrieve
from assistant.errors import DialogstodError
from assistant.index.store import Index
from assistant.settings import PROJECT_ROOT
from assistant.types import Answer, Citation
from evals.devset import check_answer, item_turns, schema_problems
from evals.metrics import (
    ERROR,
    FAIL,
    PASS,
    SKIPPED,
    CitationCounts,
    ItemScore,
    citation_counts,
    fact_recall,
    leaks,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)

GOLD_SET = PROJECT_ROOT / "evals" / "datasets" / "sv-gold.jsonl"
# Press releases and saved web pages with their clutter, and two question sets over them: `dev`
# tunes the rules, `heldout` is only ever scored (`dialogstod eval --prosa`).
PROSE_DIR = PROJECT_ROOT / "evals" / "prosa"
PROSE_TEXTS = PROSE_DIR / "texter"
PROSE_DEV = PROSE_DIR / "dev.jsonl"
PROSE_HELD_OUT = PROSE_DIR / "heldout.jsonl"
PACKET_SUFFIXES = (".csv", ".xlsx")
DEFAULT_K = 4
FollowUpResolver = Callable[[str, str | None], str]


@dataclass
class Exchange:
    question: str
    answer: Answer
    latency_ms: float
    conversation_id: str | None = None


@dataclass
class Run:
    """What a backend produced for one item."""

    exchanges: list[Exchange] = field(default_factory=list)
    retrieved: list[str] | None = None  # ranked sources; None when the backend cannot tell
    error: str | None = None
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)  # problems of the run itself

    @property
    def answer(self) -> Answer | None:
        return self.exchanges[-1].answer if self.exchanges else None


class Backend(Protocol):
    name: str
    description: str

    def run(self, item: dict[str, Any]) -> Run: ...

    def packet_owners(self) -> dict[str, set[str]]: ...


# --- the dataset -------------------------------------------------------------------------------


def validate(items: Sequence[dict[str, Any]]) -> None:
    """Raise `ValueError` naming every malformed item or repeated id."""
    problems = [f"{item.get('id', '?')}: {p}" for item in items for p in schema_problems(item)]
    seen: set[str] = set()
    for item in items:
        if item.get("id") in seen:
            problems.append(f"{item['id']}: the id is used twice")
        seen.add(item.get("id", ""))
    if problems:
        raise ValueError("the dataset is malformed:\n" + "\n".join(problems))


def select(
    items: Sequence[dict[str, Any]], *, subset: int | None = None, tags: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Items having any of `tags`, then `subset` of them spread evenly over the file."""
    chosen = [i for i in items if not tags or set(tags) & set(i["tags"])]
    if subset is not None and 0 < subset < len(chosen):
        step = len(chosen) / subset
        chosen = [chosen[int(i * step)] for i in range(subset)]
    return chosen


# --- scoring -----------------------------------------------------------------------------------


def ranking_from(answer: Answer | None, prose_sources: Sequence[str]) -> list[str]:
    """Retrieval as ranked sources: packet files the answer cites, then the prose hits."""
    cited = [c.source for c in answer.citations] if answer else []
    return [s for s in cited if s.endswith(PACKET_SUFFIXES)] + list(prose_sources)


@dataclass
class ItemResult:
    item: dict[str, Any]
    run: Run
    status: str
    problems: list[str]
    score: ItemScore
    leaks: list[str]

    def to_json(self) -> dict[str, Any]:
        answer = self.run.answer
        return {
            "id": self.item["id"],
            "tags": self.item["tags"],
            "huvudman_id": self.item["huvudman_id"],
            "turns": item_turns(self.item),
            "answerable": self.item["answerable"],
            "status": self.status,
            "problems": self.problems,
            "skip_reason": self.run.skipped,
            "error": self.run.error,
            "answer": answer.answer if answer else None,
            "supported": answer.supported if answer else None,
            "mode": answer.mode if answer else None,
            "citations": [c.model_dump() for c in answer.citations] if answer else [],
            "exchanges": [
                {
                    "question": e.question,
                    "answer": e.answer.answer,
                    "supported": e.answer.supported,
                    "mode": e.answer.mode,
                    "latency_ms": round(e.latency_ms, 2),
                    "conversation_id": e.conversation_id,
                }
                for e in self.run.exchanges
            ],
            "retrieved": self.run.retrieved,
            "leaks": self.leaks,
            "fact_recall": self.score.fact_recall,
            "citation_counts": vars(self.score.citations),
            "recall_at_k": self.score.recall_at_k,
            "mrr": self.score.mrr,
            "ndcg_at_k": self.score.ndcg_at_k,
            "latencies_ms": [round(ms, 2) for ms in self.score.latencies_ms],
        }


def score_item(
    item: dict[str, Any], run: Run, packet_owners: Mapping[str, set[str]], k: int = DEFAULT_K
) -> ItemResult:
    tags = tuple(item["tags"])
    if run.skipped is not None:
        return ItemResult(item, run, SKIPPED, [], ItemScore(tags, item["answerable"], SKIPPED), [])
    latencies = [e.latency_ms for e in run.exchanges]
    answer = run.answer
    if run.error is not None or answer is None:
        problems = [run.error or "no answer"]
        score = ItemScore(tags, item["answerable"], ERROR, latencies_ms=latencies)
        return ItemResult(item, run, ERROR, problems, score, [])
    cited = [c.model_dump() for c in answer.citations]
    found_leaks = leaks(
        item["huvudman_id"],
        [e.answer.answer for e in run.exchanges],
        [c.model_dump() for e in run.exchanges for c in e.answer.citations],
        item["forbidden"],
        packet_owners,
    )
    # check_answer looks for forbidden text in the answer; `leaks` also reads the snippets.
    problems = [p for p in check_answer(item, answer) if not p.startswith("forbidden text")]
    problems += [f"leak: {p}" for p in found_leaks]
    problems += run.notes
    expected = item["expected_sources"]
    retrieval: dict[str, float | None] = {"recall": None, "mrr": None, "ndcg": None}
    if item["answerable"] and expected and run.retrieved is not None:
        retrieval = {
            "recall": recall_at_k(run.retrieved, expected, k),
            "mrr": reciprocal_rank(run.retrieved, expected),
            "ndcg": ndcg_at_k(run.retrieved, expected, k),
        }
    counts = (
        citation_counts(answer.answer, cited, expected, item["expected_facts"])
        if answer.supported
        else CitationCounts()
    )
    status = FAIL if problems else PASS
    score = ItemScore(
        tags=tags,
        answerable=item["answerable"],
        status=status,
        supported=answer.supported,
        fact_recall=fact_recall(answer.answer, item["expected_facts"]),
        citations=counts,
        leaks=len(found_leaks),
        recall_at_k=retrieval["recall"],
        mrr=retrieval["mrr"],
        ndcg_at_k=retrieval["ndcg"],
        latencies_ms=latencies,
    )
    return ItemResult(item, run, status, problems, score, found_leaks)


def evaluate(
    backend: Backend,
    items: Sequence[dict[str, Any]],
    *,
    k: int = DEFAULT_K,
    advance: Callable[[], None] | None = None,
) -> list[ItemResult]:
    owners = backend.packet_owners()
    results = []
    for item in items:
        try:
            run = backend.run(item)
        except (DialogstodError, httpx.HTTPError, OSError, ValueError) as exc:
            run = Run(error=f"{type(exc).__name__}: {exc}")
        results.append(score_item(item, run, owners, k))
        if advance:
            advance()
    return results


# --- backends ----------------------------------------------------------------------------------


def conversation_resolver() -> FollowUpResolver | None:
    """The backend's follow-up resolution, when this version of Dialogstöd has one."""
    try:
        from assistant.conversation.followup import resolve_follow_up
    except ImportError:
        return None
    return resolve_follow_up  # type: ignore[no-any-return]


def catalog_owners(index: Index) -> dict[str, set[str]]:
    """Packet file → the huvudmän whose rows it holds, from the index's catalogue."""
    owners: dict[str, set[str]] = {}
    for huvudman_id in index.catalog.huvudman_names():
        for source, _, _ in index.catalog.packet_rows(huvudman_id):
            owners.setdefault(source, set()).add(huvudman_id)
    return owners


def corpus_owners(corpus_dir: Path) -> dict[str, set[str]]:
    """Packet file → huvudmän, read from the packet files of a corpus directory."""
    from assistant.ingest.pipeline import find_files, parse_file
    from assistant.settings import Settings

    owners: dict[str, set[str]] = {}
    for path in find_files([corpus_dir]):
        if path.suffix.lower() in PACKET_SUFFIXES:
            parsed = parse_file(path, "", Settings())
            owners[path.name] = {row.huvudman_id for row in parsed.rows}
    return owners


class InProcessBackend:
    """Dialogstöd called as a library: `retrieve`, then `answer_from` as `ask` (which the CLI and
    the API call) does, timed together.

    With a `generator` the answers are written by the language model, validated and replaced by
    the extractive answer when they fail, exactly as users get them; without one they are
    extractive.
    """

    name = "dialogstod"

    def __init__(
        self, index: Index, *, follow_ups: bool = True, generator: Generator | None = None
    ) -> None:
        self.index = index
        self.generator = generator
        self.resolver = conversation_resolver() if follow_ups else None
        self.description = f"Dialogstöd i processen ({index.settings.embedding_model})"
        if generator is not None:
            self.name = "dialogstod-generated"
            self.description += f", svaren skrivna av {generator.name}"
        # Load the models and build the BM25 index now, so the first question is timed fairly.
        ask(index, "Vad är ett analysunderlag?", None, generator)

    def packet_owners(self) -> dict[str, set[str]]:
        return catalog_owners(self.index)

    def run(self, item: dict[str, Any]) -> Run:
        turns = item_turns(item)
        if len(turns) > 1 and self.resolver is None:
            return Run(
                skipped="samtal med flera frågor körs bara med --api: den här versionen av "
                "Dialogstöd saknar uppföljningsfrågor i processen"
            )
        run = Run()
        previous: str | None = None
        prose: list[str] = []
        for turn in turns:
            question = self.resolver(turn, previous) if self.resolver and previous else turn
            started = time.perf_counter()
            evidence = retrieve(self.index, question, item["huvudman_id"])
            answer = answer_from(self.index, question, evidence, self.generator)
            elapsed = 1000 * (time.perf_counter() - started)
            run.exchanges.append(Exchange(turn, answer, elapsed))
            prose = [hit.chunk.source for hit in evidence.prose]
            previous = question
        run.retrieved = ranking_from(run.answer, prose)
        return run


class ApiBackend:
    """A running Dialogstöd over HTTP: `POST {url}/api/chat`, one conversation per item."""

    name = "dialogstod"

    def __init__(
        self, base_url: str, client: httpx.Client | None = None, corpus_dir: Path | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = client or httpx.Client(timeout=120)
        self.corpus_dir = corpus_dir or PROJECT_ROOT / "corpus"
        self.description = f"Dialogstöd över HTTP ({self.base_url})"

    def packet_owners(self) -> dict[str, set[str]]:
        return corpus_owners(self.corpus_dir)

    def run(self, item: dict[str, Any]) -> Run:
        run = Run()
        conversation_id: str | None = None
        for turn in item_turns(item):
            body = {
                "message": turn,
                "huvudman_id": item["huvudman_id"],
                "conversation_id": conversation_id,
            }
            started = time.perf_counter()
            response = self.client.post(f"{self.base_url}/api/chat", json=body)
            elapsed = 1000 * (time.perf_counter() - started)
            if response.status_code != 200:
                run.error = f"HTTP {response.status_code}: {response.text[:300]}"
                return run
            data = response.json()
            answer = Answer(
                answer=data["answer"],
                supported=data["supported"],
                citations=[Citation.model_validate(c) for c in data.get("citations", [])],
                # The server decides whether a model wrote the answer; older servers do not say.
                mode=data.get("mode", "extractive"),
            )
            conversation_id = data.get("conversation_id")
            run.exchanges.append(Exchange(turn, answer, elapsed, conversation_id))
        if len(run.exchanges) > 1 and run.exchanges[0].conversation_id is None:
            run.notes.append("the API returned no conversation_id: follow-ups were sent alone")
        # Over HTTP only the citations show what was retrieved.
        run.retrieved = [c.source for c in run.answer.citations] if run.answer else []
        return run


# --- grounding of the dataset ------------------------------------------------------------------


def source_texts(corpus_dir: Path) -> dict[str, str]:
    """Every corpus file's text by file name: documents as read (title, headings and text),
    packets with their values."""
    from assistant.answer.packet_answer import describe_row
    from assistant.ingest.pipeline import doc_type_for, find_files, parse_file
    from assistant.ingest.readers import read_document
    from assistant.settings import Settings

    texts = {}
    for path in find_files([corpus_dir]):
        if path.suffix.lower() in PACKET_SUFFIXES:
            # Read as ingest reads it: a long-format packet or a Skolverket export.
            parsed = parse_file(path, "", Settings())
            rows = [*parsed.rows, *parsed.national]
            lines = [describe_row(r) for r in rows]
            lines += [" ".join([r.definition, *r.extra.values()]) for r in rows]
            lines += [chunk.text for chunk in parsed.chunks]
            texts[path.name] = "\n".join(lines)
        else:
            document = read_document(path, doc_type_for(path))
            headings = dict.fromkeys(h for s in document.sections for h in s.heading_path)
            lines = [document.title, *headings, *(s.text for s in document.sections)]
            texts[path.name] = "\n".join(lines)
    return texts


def grounding_problems(
    item: dict[str, Any], texts: Mapping[str, str], owners: Mapping[str, set[str]]
) -> list[str]:
    """What makes an item unfair: an expected fact that is not literally in its expected sources,
    an unknown source, or a `forbidden` value that is not another huvudman's own (one that a
    right answer could show, such as riket's value or the huvudman's own)."""
    from evals.devset import normalise

    problems = [f"unknown source {s!r}" for s in item["expected_sources"] if s not in texts]
    expected = normalise("\n".join(texts.get(s, "") for s in item["expected_sources"]))
    for group in item["expected_facts"]:
        for fact in group:
            if normalise(fact) not in expected:
                problems.append(f"fact {fact!r} is not in {item['expected_sources']}")
    packets = {s: normalise(texts[s]) for s in owners if s in texts}
    for value in item["forbidden"]:
        holders = {s for s, text in packets.items() if normalise(value) in text}
        own = {s for s in holders if item["huvudman_id"] in owners[s]}
        if not holders or own or len(holders) == len(packets):
            problems.append(f"forbidden {value!r} is not another huvudman's own value")
    return problems
