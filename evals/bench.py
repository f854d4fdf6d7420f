"""`make bench`: latency and throughput of the real pipeline on the demo corpus, printed as figures.

Targets (issue 3): retrieval p95 ≤ 50 ms, answer p95 ≤ 150 ms, whole query path ≤ 1.5× the bare
query embedding, ingest ≥ 0.8× the raw encode throughput of the same model.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.ask import compose, retrieve
from assistant.index.embeddings import load_embedder
from assistant.index.store import Index
from assistant.ingest.chunking import embedding_text
from assistant.ingest.pipeline import ingest
from assistant.logging import configure_logging
from assistant.settings import PROJECT_ROOT, Settings

DEV_SET = PROJECT_ROOT / "evals" / "datasets" / "dev.jsonl"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def milliseconds(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(1000 * percentile(values, 0.5), 2),
        "p95_ms": round(1000 * percentile(values, 0.95), 2),
        "mean_ms": round(1000 * statistics.fmean(values), 2),
    }


def bench_ingest(settings: Settings, index: Index) -> dict[str, float]:
    started = time.perf_counter()
    report = ingest(index, [settings.corpus_dir])
    seconds = time.perf_counter() - started
    texts = [embedding_text(c) for c in index.catalog.all_chunks()]
    started = time.perf_counter()
    index.embedder.embed_documents(texts)
    encode_seconds = time.perf_counter() - started
    ingest_rate = report.vectors_embedded / seconds
    encode_rate = len(texts) / encode_seconds
    return {
        "files": report.files_ingested,
        "vectors": report.vectors_embedded,
        "ingest_seconds": round(seconds, 2),
        "ingest_passages_per_s": round(ingest_rate, 2),
        "raw_encode_passages_per_s": round(encode_rate, 2),
        "ingest_to_encode_ratio": round(ingest_rate / encode_rate, 3),
    }


def bench_queries(index: Index, rounds: int) -> dict[str, object]:
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    compose(index, retrieve(index, items[0]["question"], items[0]["huvudman_id"]))  # warm up
    embed, retrieval, answer, total = [], [], [], []
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter()
            index.embedder.embed_query(item["question"])
            t1 = time.perf_counter()
            evidence = retrieve(index, item["question"], item["huvudman_id"])
            t2 = time.perf_counter()
            compose(index, evidence)
            t3 = time.perf_counter()
            embed.append(t1 - t0)
            retrieval.append(t2 - t1)
            answer.append(t3 - t2)
            total.append(t3 - t1)
    return {
        "questions": len(embed),
        "bare_query_embedding": milliseconds(embed),
        "retrieval": milliseconds(retrieval),
        "answer": milliseconds(answer),
        "whole_query": milliseconds(total),
        "whole_to_embedding_ratio_p50": round(percentile(total, 0.5) / percentile(embed, 0.5), 3),
        "whole_to_embedding_ratio_p95": round(percentile(total, 0.95) / percentile(embed, 0.95), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="Passes over the dev questions.")
    parser.add_argument("--model", default="e5-small", help="Embedding model to measure.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp), embedding_model=args.model)
        index = Index(settings, embedder=load_embedder(args.model))
        figures = {"model": args.model, "ingest": bench_ingest(settings, index)}
        figures["query"] = bench_queries(index, args.rounds)
        index.close()
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    ingest_figures = figures["ingest"]
    query = figures["query"]
    assert isinstance(query, dict)
    print(f"Model: {args.model}")
    print(
        f"Ingest: {ingest_figures['vectors']} vectors in {ingest_figures['ingest_seconds']} s = "
        f"{ingest_figures['ingest_passages_per_s']} passages/s; raw encode "
        f"{ingest_figures['raw_encode_passages_per_s']} passages/s; ratio "
        f"{ingest_figures['ingest_to_encode_ratio']} (target ≥ 0.8)"
    )
    print(f"Queries: {query['questions']} ({args.rounds} passes over the dev set)")
    for part in ("bare_query_embedding", "retrieval", "answer", "whole_query"):
        values = query[part]
        print(f"  {part:22s} p50 {values['p50_ms']:7.2f} ms   p95 {values['p95_ms']:7.2f} ms")
    print(
        f"  whole query / bare embedding: p50 {query['whole_to_embedding_ratio_p50']}×, "
        f"p95 {query['whole_to_embedding_ratio_p95']}× (target ≤ 1.5×)"
    )
    print("  targets: retrieval p95 ≤ 50 ms, answer p95 ≤ 150 ms")


if __name__ == "__main__":
    main()
