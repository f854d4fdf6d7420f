"""`make bench`: latency and throughput of the real pipeline on the demo corpus, printed as figures.

Targets: retrieval p95 ≤ 50 ms, answer p95 ≤ 150 ms, whole query path ≤ 1.5× the bare query
embedding, ingest ≥ 0.8× the raw encode throughput of the same model; over HTTP, 16 clients with
0 errors and at least 1.5× the single-client throughput. Scale (`--scale N`, invented packets for
N huvudmän plus the demo corpus): full ingest < 5 min, its peak RSS < 2 GB, vectors ≈ corpus
chunks + indicator passages, and query p95 with N huvudmän ≤ 2× the p95 with the demo's 3.
Exports (`--exports-only`, invented Skolverket statistics exports for 290 kommuner × 10 tables ×
3 läsår, over 100,000 values, on top of the demo corpus): ingest < 60 s with vectors ≪ rows, and
question p95 ≤ 1.5× the p95 on the demo corpus alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from api.routes.huvudman import list_huvudman
from assistant.ask import answer_from_evidence, retrieve
from assistant.errors import UnknownHuvudmanError
from assistant.index.catalog import national_rows as NATIONAL_ROWS
from assistant.index.embeddings import load_embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.logs import configure_logging
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text.passages import embedding_text
from assistant.text.sentences import split_sentences
from evals.serving import running_server
from evals.synth_exports import (
    LASAR,
    NATIONAL_KOMMUNER,
    TABLES,
    count_values,
    demo_kommuner,
    national_kommuner,
    write_national_set,
)
from evals.synth_packets import write_packets

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
    chunks = index.catalog.all_chunks()
    texts = [embedding_text(c) for c in chunks]
    # Ingest also embeds each distinct sentence once; the raw encode does the same work.
    sentences = list(dict.fromkeys(s for c in chunks for s in split_sentences(c.text)))
    started = time.perf_counter()
    index.embedder.embed_documents(texts)
    passage_seconds = time.perf_counter() - started
    index.embedder.embed_documents(sentences[: report.sentences_embedded])
    encode_seconds = time.perf_counter() - started
    return {
        "files": report.files_ingested,
        "vectors": report.vectors_embedded,
        "sentences": report.sentences_embedded,
        "ingest_seconds": round(seconds, 2),
        "ingest_passages_per_s": round(report.vectors_embedded / seconds, 2),
        "raw_encode_passages_per_s": round(len(texts) / passage_seconds, 2),
        "ingest_to_encode_ratio": round(encode_seconds / seconds, 3),
    }


def bench_queries(index: Index, rounds: int) -> dict[str, object]:
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    first = items[0]
    answer_from_evidence(index, retrieve(index, first["question"], first["huvudman_id"]))  # warm
    embed, retrieval, answer, total = [], [], [], []
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter()
            index.embedder.embed_query(item["question"])
            t1 = time.perf_counter()
            evidence = retrieve(index, item["question"], item["huvudman_id"])
            t2 = time.perf_counter()
            answer_from_evidence(index, evidence)
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


def timed_requests(base: str, bodies: list[dict[str, object]]) -> tuple[list[float], int]:
    """Latencies of the requests sent one after another, and how many failed."""
    latencies, errors = [], 0
    with httpx.Client(base_url=base, timeout=60) as client:
        for body in bodies:
            started = time.perf_counter()
            try:
                ok = client.post("/api/chat", json=body).status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok
    return latencies, errors


def bench_load(clients: int, per_client: int) -> dict[str, object]:
    """Chat over HTTP on loopback: one client, then `clients` at once; bounded in count."""
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    bodies = [{"message": i["question"], "huvudman_id": i["huvudman_id"]} for i in items]
    env = {"DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0"}
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp), env) as base:
        timed_requests(base, bodies[:5])  # warm up
        started = time.perf_counter()
        single, single_errors = timed_requests(base, bodies)
        single_seconds = time.perf_counter() - started
        batches = [
            [bodies[(c * per_client + n) % len(bodies)] for n in range(per_client)]
            for c in range(clients)
        ]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = list(pool.map(lambda batch: timed_requests(base, batch), batches))
        load_seconds = time.perf_counter() - started
    loaded = [latency for latencies, _ in results for latency in latencies]
    single_rate = len(single) / single_seconds
    load_rate = len(loaded) / load_seconds
    return {
        "single_client": {
            "requests": len(single),
            "errors": single_errors,
            "per_s": round(single_rate, 2),
            **milliseconds(single),
        },
        "concurrent": {
            "clients": clients,
            "requests": len(loaded),
            "errors": sum(errors for _, errors in results),
            "per_s": round(load_rate, 2),
            **milliseconds(loaded),
        },
        "throughput_ratio": round(load_rate / single_rate, 3),
        "p95_ratio": round(percentile(loaded, 0.95) / percentile(single, 0.95), 3),
    }


def ingest_in_subprocess(index_dir: Path, paths: list[Path], model: str) -> dict[str, float]:
    """`dialogstod ingest` in its own process: wall time and that process's peak RSS."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGSTOD_")}
    env.update({"DIALOGSTOD_LOG_LEVEL": "WARNING", "DIALOGSTOD_EMBEDDING_MODEL": model})
    command = [sys.executable, "-m", "dialogstod.cli", "ingest", *map(str, paths)]
    log = index_dir.parent / f"{index_dir.name}-ingest.log"
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--index", str(index_dir)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"ingest failed ({process.returncode}):\n{log.read_text()[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024}  # ru_maxrss is in KiB


def timed_answers(index: Index, items: list[dict[str, object]]) -> list[float]:
    """Seconds per question for the whole path (scope, search, answer), one after another."""
    latencies = []
    for item in items:
        question, huvudman_id = str(item["question"]), item["huvudman_id"]
        started = time.perf_counter()
        scope = None if huvudman_id is None else str(huvudman_id)
        answer_from_evidence(index, retrieve(index, question, scope))
        latencies.append(time.perf_counter() - started)
    return latencies


def bench_scale(model: str, huvudman: int, rounds: int) -> dict[str, object]:
    """Invented packets for `huvudman` huvudmän plus the demo corpus in a fresh index: the ingest
    (time, rows/s, vectors, peak RSS) and query latency beside an index of the demo's 3."""
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    kinds = {
        "packet": [i for i in items if "paket" in i["tags"]],
        "general": [i for i in items if "paket" not in i["tags"]],
    }
    corpus = Settings().corpus_dir
    embedder = load_embedder(model)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        files = write_packets(root / "packets", huvudman)
        synth_seconds = time.perf_counter() - started
        run = ingest_in_subprocess(root / "big", [corpus, root / "packets"], model)
        small = Index(Settings(index_dir=root / "small", embedding_model=model), embedder=embedder)
        ingest(small, [corpus])
        big = Index(Settings(index_dir=root / "big", embedding_model=model), embedder=embedder)
        rows = sum(document["packet_rows"] for document in big.catalog.documents())
        corpus_chunks = len(small.catalog.chunk_ids()) - len(small.catalog.chunk_ids("indikatorer"))
        indicator_passages = len(big.catalog.chunk_ids("indikatorer"))
        vectors = len(big.vectors.ids())
        counts = {
            "small": len(small.catalog.huvudman_names()),
            "big": len(big.catalog.huvudman_names()),
        }
        for index in (small, big):  # warm up: model, BM25, indicator vectors
            timed_answers(index, items[:3])
        latencies: dict[str, dict[str, list[float]]] = {
            size: {kind: [] for kind in kinds} for size in ("small", "big")
        }
        # Interleaved, so a busy moment on the machine weighs on both sizes alike.
        for _ in range(rounds):
            for kind, questions in kinds.items():
                for item in questions:
                    for size, index in (("small", small), ("big", big)):
                        latencies[size][kind] += timed_answers(index, [item])
        # The scope list (`GET /api/huvudman`): first call reads the catalogue, later ones hit
        # its cache until the catalogue changes.
        listing = []
        for _ in range(2):
            started = time.perf_counter()
            body = bytes(list_huvudman(big).body)
            listing.append(round(1000 * (time.perf_counter() - started), 1))
        listed = json.loads(body)["total"]
        compressed = len(gzip.compress(body))
        small.close()
        big.close()
    p95 = {
        size: {k: percentile(v, 0.95) for k, v in parts.items()}
        for size, parts in latencies.items()
    }
    return {
        "huvudman": huvudman,
        "files": len(files),
        "synth_seconds": round(synth_seconds, 2),
        "ingest_seconds": round(run["seconds"], 2),
        "packet_rows": rows,
        "rows_per_s": round(rows / run["seconds"], 1),
        "vectors": vectors,
        "corpus_chunks": corpus_chunks,
        "indicator_passages": indicator_passages,
        "peak_rss_mb": round(run["peak_rss_mb"], 1),
        "huvudman_indexed": counts,
        "huvudman_list_ms": {"first": listing[0], "cached": listing[1], "entries": listed},
        "huvudman_list_bytes": {"json": len(body), "gzip": compressed},
        "latency": {
            size: {kind: milliseconds(values) for kind, values in parts.items()}
            for size, parts in latencies.items()
        },
        "p95_ratio": {kind: round(p95["big"][kind] / p95["small"][kind], 3) for kind in kinds},
        "p50_ratio": {
            kind: round(
                percentile(latencies["big"][kind], 0.5) / percentile(latencies["small"][kind], 0.5),
                3,
            )
            for kind in kinds
        },
        "ingest_to_target": round(run["seconds"] / 300, 3),
        "rss_to_target": round(run["peak_rss_mb"] / 2048, 3),
    }


def print_scale(scale: dict[str, object]) -> None:
    latency = scale["latency"]
    ratio, median_ratio = scale["p95_ratio"], scale["p50_ratio"]
    counts = scale["huvudman_indexed"]
    assert isinstance(latency, dict) and isinstance(counts, dict)
    assert isinstance(ratio, dict) and isinstance(median_ratio, dict)
    print(
        f"Scale: {scale['huvudman']} invented huvudmän in {scale['files']} packet files "
        f"(written in {scale['synth_seconds']} s) + the demo corpus, fresh index"
    )
    print(
        f"  ingest {scale['ingest_seconds']} s for {scale['packet_rows']} packet rows = "
        f"{scale['rows_per_s']} rows/s; {scale['ingest_to_target']}× the 5 min target"
    )
    print(
        f"  vectors written {scale['vectors']} = corpus chunks {scale['corpus_chunks']} + "
        f"indicator passages {scale['indicator_passages']} (not one per row)"
    )
    print(
        f"  peak RSS of the ingest process {scale['peak_rss_mb']} MB; "
        f"{scale['rss_to_target']}× the 2 GB target"
    )
    for kind in ("packet", "general"):
        small, big = latency["small"][kind], latency["big"][kind]
        print(
            f"  {kind:7s} questions: {counts['small']} huvudmän p50 {small['p50_ms']:7.2f} ms "
            f"p95 {small['p95_ms']:7.2f} ms | {counts['big']} huvudmän p50 {big['p50_ms']:7.2f} "
            f"ms p95 {big['p95_ms']:7.2f} ms | p95 ratio {ratio[kind]}× (target ≤ 2×), "
            f"p50 ratio {median_ratio[kind]}×"
        )
    listing, size = scale["huvudman_list_ms"], scale["huvudman_list_bytes"]
    assert isinstance(listing, dict) and isinstance(size, dict)
    print(
        f"  GET /api/huvudman ({listing['entries']} entries): first {listing['first']} ms, "
        f"cached {listing['cached']} ms; {size['json']} bytes, {size['gzip']} gzipped"
    )


# --- Skolverket's statistics exports at national size ---------------------------------------------

# Packet questions as a dialogue lead asks them, scoped to one kommun; all five tables are in both
# the demo corpus (corpus/statistik) and the national set.
EXPORT_QUESTIONS = (
    "Hur stor andel av lärarna var behöriga läsåret 2024/25?",
    "Hur har andelen elever behöriga till yrkesprogram utvecklats?",
    "Hur stor andel av eleverna i årskurs 6 fick lägst betyget E i matematik läsåret 2024/25?",
    "Vad kostade grundskolan per elev 2024?",
    "Hur har andelen elever med godkänt betyg i svenska i årskurs 9 utvecklats över tid?",
)
EXPORT_P95_TARGET = 1.5
EXPORT_INGEST_TARGET_S = 60.0


def ingest_child() -> None:
    """Run in a child process by `ingest_steps`: ingest groups of paths one after another into
    one index and write what the pipeline reported for each, with its time and the RSS so far."""
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    configure_logging("WARNING")
    index = Index(Settings(index_dir=Path(job["index"]), embedding_model=job["model"]))
    steps = []
    for paths in job["steps"]:
        started = time.perf_counter()
        report = ingest(index, [Path(p) for p in paths])
        seconds = time.perf_counter() - started
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        steps.append({"seconds": seconds, "rss_mb": rss_mb, "report": report.model_dump()})
    index.close()
    Path(job["out"]).write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")


def ingest_steps(
    index_dir: Path, steps: list[list[Path]], model: str
) -> tuple[list[dict[str, Any]], float]:
    """`ingest_child` in its own process: each step's report and seconds, and the peak RSS (MB)
    of the whole process (model, index and every step)."""
    job_file = index_dir.parent / f"{index_dir.name}-job.json"
    out_file = index_dir.parent / f"{index_dir.name}-steps.json"
    job = {
        "index": str(index_dir),
        "model": model,
        "steps": [[str(p) for p in paths] for paths in steps],
        "out": str(out_file),
    }
    job_file.write_text(json.dumps(job), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGSTOD_")}
    env.update({"DIALOGSTOD_LOG_LEVEL": "WARNING", "DIALOGSTOD_EMBEDDING_MODEL": model})
    command = [sys.executable, "-c", "from evals.bench import ingest_child; ingest_child()"]
    log = index_dir.parent / f"{index_dir.name}-ingest.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, str(job_file)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"ingest failed:\n{log.read_text(errors='replace')[-3000:]}")
    return json.loads(out_file.read_text(encoding="utf-8")), usage.ru_maxrss / 1024


def _scoped_latencies(
    index: Index, questions: list[tuple[str, str | None]]
) -> tuple[list[float], list[str]]:
    """Seconds per question; questions whose huvudman the index does not know are left out and
    their huvudman returned, so the figures say what could not be asked."""
    latencies, unknown = [], []
    for question, huvudman_id in questions:
        try:
            latencies += timed_answers(index, [{"question": question, "huvudman_id": huvudman_id}])
        except UnknownHuvudmanError:
            unknown.append(str(huvudman_id))
    return latencies, unknown


def _skipped_by_reason(skipped: list[dict[str, str]]) -> list[dict[str, object]]:
    """Skipped files grouped by their reason with the file's own name taken out."""
    groups: dict[str, list[str]] = {}
    for item in skipped:
        name = Path(item["path"]).name
        reason = item["reason"].removeprefix(f"{name}: ")
        groups.setdefault(reason, []).append(name)
    return [
        {"reason": reason, "files": len(names), "example": names[0]}
        for reason, names in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ]


def bench_exports(model: str, rounds: int) -> dict[str, object]:
    """The national set of invented exports (`evals.synth_exports`) on top of the demo corpus in
    a fresh index, ingested by the normal pipeline in its own process (the set's ingest time,
    rows, vectors, peak RSS and what was skipped), and question latency beside an index of the
    demo corpus alone (with its four kommuner's exports in corpus/statistik)."""
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    general = [(str(i["question"]), i["huvudman_id"]) for i in items if "paket" not in i["tags"]]
    demo = [k.kod for k in demo_kommuner()]
    national = national_kommuner()
    picked = [national[n].kod for n in range(0, len(national), len(national) // 4)][:4]
    asked = {
        "small": {
            "packet": [(q, demo[n % len(demo)]) for n, q in enumerate(EXPORT_QUESTIONS)],
            "general": general,
        },
        "big": {
            "packet": [(q, picked[n % len(picked)]) for n, q in enumerate(EXPORT_QUESTIONS)],
            "general": general,
        },
    }
    corpus = Settings().corpus_dir
    # The big index has the demo corpus without its own exports: those have the same file names
    # (sources are named by file) and tables as the national set, for four other kommuner.
    documents = [
        p
        for p in sorted(corpus.iterdir())
        if not p.name.startswith(("_", ".")) and p.name != "statistik"
    ]
    embedder = load_embedder(model)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        files = write_national_set(root / "exports")
        synth_seconds = time.perf_counter() - started
        values = count_values(files)
        steps, peak_rss = ingest_steps(root / "big", [documents, [root / "exports"]], model)
        corpus_step, export_step = steps
        report = export_step["report"]
        assert isinstance(report, dict)
        small = Index(Settings(index_dir=root / "small", embedding_model=model), embedder=embedder)
        ingest(small, [corpus])
        big = Index(Settings(index_dir=root / "big", embedding_model=model), embedder=embedder)
        names = big.catalog.huvudman_names()
        codes = {k.kod for k in national}
        with big.catalog.connection() as db:  # level-Riket values, kept apart
            national_rows = db.execute(select(func.count()).select_from(NATIONAL_ROWS)).scalar()
        vectors = len(big.vectors.ids())
        for index in (small, big):  # warm up: model, BM25, indicator vectors
            timed_answers(index, items[:3])
        latencies: dict[str, dict[str, list[float]]] = {
            size: {kind: [] for kind in asked[size]} for size in asked
        }
        unknown: dict[str, set[str]] = {size: set() for size in asked}
        for _ in range(rounds):  # interleaved, as in the scale run
            for kind in ("packet", "general"):
                for n in range(len(asked["small"][kind])):
                    for size, index in (("small", small), ("big", big)):
                        took, missing = _scoped_latencies(index, [asked[size][kind][n]])
                        latencies[size][kind] += took
                        unknown[size].update(missing)
        small.close()
        big.close()
    latency = {
        size: {kind: milliseconds(v) if v else None for kind, v in parts.items()}
        for size, parts in latencies.items()
    }
    ratio = {
        kind: round(percentile(big_v, 0.95) / percentile(small_v, 0.95), 3)
        if (big_v := latencies["big"][kind]) and (small_v := latencies["small"][kind])
        else None
        for kind in ("packet", "general")
    }
    rows = int(report["packet_rows_written"])
    return {
        "kommuner": NATIONAL_KOMMUNER,
        "tables": len(TABLES),
        "lasar": list(LASAR),
        "files": len(files),
        "values": values,
        "synth_seconds": round(synth_seconds, 2),
        "files_seen": report["files_seen"],
        "files_ingested": report["files_ingested"],
        "skipped": _skipped_by_reason(list(report["skipped"])),
        "corpus_skipped": _skipped_by_reason(list(corpus_step["report"]["skipped"])),
        "ingest_seconds": round(float(export_step["seconds"]), 2),
        "corpus_ingest_seconds": round(float(corpus_step["seconds"]), 2),
        "packet_rows": rows,
        "national_rows": national_rows,
        "huvudman": {"from_set": len(codes & set(names)), "in_set": len(codes), "all": len(names)},
        "vectors_embedded": report["vectors_embedded"],
        "vectors_in_index": vectors,
        "peak_rss_mb": round(peak_rss, 1),
        "rss_after_corpus_mb": round(float(corpus_step["rss_mb"]), 1),
        "latency": latency,
        "p95_ratio": ratio,
        "unknown_huvudman": {size: sorted(ids) for size, ids in unknown.items()},
        "scoped_to": {"small": demo, "big": picked},
        "ingest_to_target": round(float(export_step["seconds"]) / EXPORT_INGEST_TARGET_S, 3),
    }


def print_exports(figures: dict[str, object]) -> None:
    huvudman, latency, ratio = figures["huvudman"], figures["latency"], figures["p95_ratio"]
    unknown, scoped = figures["unknown_huvudman"], figures["scoped_to"]
    skipped, corpus_skipped, lasar = figures["skipped"], figures["corpus_skipped"], figures["lasar"]
    assert isinstance(lasar, list) and isinstance(corpus_skipped, list)
    assert isinstance(huvudman, dict) and isinstance(latency, dict) and isinstance(ratio, dict)
    assert isinstance(unknown, dict) and isinstance(scoped, dict) and isinstance(skipped, list)
    rows, vectors = figures["packet_rows"], figures["vectors_embedded"]
    assert isinstance(rows, int) and isinstance(vectors, int)
    print(
        f"Exports: {figures['kommuner']} invented kommuner × {figures['tables']} tables × "
        f"{len(lasar)} läsår (+ Riket) = {figures['files']} files, "
        f"{figures['values']} values and markers (written in {figures['synth_seconds']} s), "
        "on top of the demo corpus, fresh index"
    )
    print(
        f"  ingest of the set {figures['ingest_seconds']} s (target < "
        f"{EXPORT_INGEST_TARGET_S:.0f} s, {figures['ingest_to_target']}×); the demo corpus "
        f"(less corpus/statistik) before it, with the model load, "
        f"{figures['corpus_ingest_seconds']} s"
    )
    print(
        f"  files: {figures['files_ingested']} ingested of {figures['files_seen']} seen, "
        f"{sum(int(s['files']) for s in skipped)} skipped"
    )
    for group in skipped:
        print(f"    skipped {group['files']} × (e.g. {group['example']}): {group['reason']}")
    for group in corpus_skipped:
        print(
            f"    demo corpus: skipped {group['files']} × (e.g. {group['example']}): "
            f"{group['reason']}"
        )
    per_row = f"{rows / vectors:.0f} rows per vector" if vectors else "no vectors"
    riket = f" + Riket rows {figures['national_rows']}"
    print(
        f"  packet rows {rows}{riket} (values in the files {figures['values']}); huvudmän from "
        f"the set {huvudman['from_set']} of {huvudman['in_set']} ({huvudman['all']} in the index)"
    )
    print(
        f"  vectors embedded for the set {vectors} ({per_row}; target ≪ rows), "
        f"{figures['vectors_in_index']} in the index"
    )
    print(
        f"  peak RSS of the ingest process {figures['peak_rss_mb']} MB "
        f"({figures['rss_after_corpus_mb']} MB after the demo corpus)"
    )
    for kind in ("packet", "general"):
        small, big = latency["small"][kind], latency["big"][kind]
        if small is None or big is None:
            missing = ", ".join(sorted({*unknown["small"], *unknown["big"]})) or "-"
            print(f"  {kind:7s} questions: not asked; huvudman not in the index: {missing}")
            continue
        print(
            f"  {kind:7s} questions: demo corpus p50 {small['p50_ms']:7.2f} ms p95 "
            f"{small['p95_ms']:7.2f} ms | + national set p50 {big['p50_ms']:7.2f} ms p95 "
            f"{big['p95_ms']:7.2f} ms | p95 ratio {ratio[kind]}× (target ≤ {EXPORT_P95_TARGET}×)"
        )
    print(
        f"  packet questions scoped to {', '.join(scoped['small'])} (demo) and "
        f"{', '.join(scoped['big'])} (national set)"
    )
    for size in ("small", "big"):
        if unknown[size]:
            print(f"  not in the {size} index (questions left out): {', '.join(unknown[size])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="Passes over the dev questions.")
    parser.add_argument("--model", default="e5-small", help="Embedding model to measure.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent HTTP clients.")
    parser.add_argument("--per-client", type=int, default=12, help="Requests per client.")
    parser.add_argument(
        "--scale", type=int, default=2800, help="Invented huvudmän for the scale run (0: skip)."
    )
    parser.add_argument(
        "--scale-only", action="store_true", help="Run only the scale run (needs --scale > 0)."
    )
    parser.add_argument(
        "--exports",
        action="store_true",
        help="Also run the exports run (290 kommuner × 10 tables × 3 läsår of Skolverket exports).",
    )
    parser.add_argument("--exports-only", action="store_true", help="Run only the exports run.")
    args = parser.parse_args()
    configure_logging("WARNING")
    if args.exports_only:
        exports_only = bench_exports(args.model, args.rounds)
        if args.json:
            print(json.dumps(exports_only, indent=2, ensure_ascii=False))
        else:
            print_exports(exports_only)
        return
    if args.scale_only:
        scale_only = bench_scale(args.model, args.scale, args.rounds)
        if args.json:
            print(json.dumps(scale_only, indent=2, ensure_ascii=False))
        else:
            print_scale(scale_only)
        return
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp), embedding_model=args.model)
        index = Index(settings, embedder=load_embedder(args.model))
        figures = {"model": args.model, "ingest": bench_ingest(settings, index)}
        figures["query"] = bench_queries(index, args.rounds)
        index.close()
    figures["load"] = bench_load(args.clients, args.per_client)
    if args.scale > 0:
        figures["scale"] = bench_scale(args.model, args.scale, args.rounds)
    if args.exports:
        figures["exports"] = bench_exports(args.model, args.rounds)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    ingest_figures = figures["ingest"]
    query = figures["query"]
    assert isinstance(query, dict)
    print(f"Model: {args.model}")
    print(
        f"Ingest: {ingest_figures['vectors']} vectors (and {ingest_figures['sentences']} sentence "
        f"vectors) in {ingest_figures['ingest_seconds']} s = "
        f"{ingest_figures['ingest_passages_per_s']} passages/s; raw encode "
        f"{ingest_figures['raw_encode_passages_per_s']} passages/s; raw encode of the same "
        f"passages and sentences / ingest time {ingest_figures['ingest_to_encode_ratio']} "
        "(target ≥ 0.8)"
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
    load = figures["load"]
    assert isinstance(load, dict)
    one, many = load["single_client"], load["concurrent"]
    print(f"HTTP load on 127.0.0.1 ({many['clients']} clients × {args.per_client} requests):")
    for label, part in (("1 client", one), (f"{many['clients']} clients", many)):
        print(
            f"  {label:11s} {part['requests']:4d} requests, {part['errors']} errors, "
            f"{part['per_s']:6.2f}/s, p50 {part['p50_ms']:7.2f} ms, p95 {part['p95_ms']:7.2f} ms"
        )
    print(
        f"  throughput ratio {load['throughput_ratio']}× (target ≥ 1.5×), "
        f"p95 under load / single p95 {load['p95_ratio']}×; target 0 errors"
    )
    scale = figures.get("scale")
    if isinstance(scale, dict):
        print_scale(scale)
    exports = figures.get("exports")
    if isinstance(exports, dict):
        print_exports(exports)


if __name__ == "__main__":
    main()
