"""`make soak`: mixed chat, streaming and ingest traffic against a real server on 127.0.0.1 for a
bounded time; prints the error count and the server's memory growth.

Each client loops over one kind of work until the time is up:
- chat: a dev-set question in its huvudman's scope, then a follow-up in the same conversation;
- stream: the same over SSE, read to the end; a stream without `done`, or with `error`, fails;
- ingest: upload a small invented document, ask about it (its sentence must come back cited),
  delete it; the server's document list must be as before.

Every unexpected status, transport error or broken stream counts as an error; the first few are
printed. Memory is the server process's resident set (Linux `/proc`), sampled every few seconds;
growth is measured from the end of the first fifth of the run (after warm-up) to the end, and over
the last two fifths alone (still growing there suggests a leak rather than warm caches).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from assistant.settings import PROJECT_ROOT
from evals.bench import percentile
from evals.serving import server_process

DEV_SET = PROJECT_ROOT / "evals" / "datasets" / "dev.jsonl"
ADMIN_TOKEN = "soak-admin-token"
FOLLOW_UPS = ("Och året innan?", "Hur är det jämfört med riket?", "Vad betyder det?")
SAMPLE_SECONDS = 2.0


@dataclass
class Tally:
    """What one kind of work did; shared by that kind's clients under `lock`."""

    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, problem: str | None) -> None:
        with self.lock:
            self.requests += 1
            self.latencies.append(time.perf_counter() - started)
            if problem:
                self.errors += 1
                if len(self.examples) < 5:
                    self.examples.append(problem[:300])


def questions() -> list[dict[str, str | None]]:
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    return [{"message": i["question"], "huvudman_id": i["huvudman_id"]} for i in items]


def chat(client: httpx.Client, body: dict[str, str | None], tally: Tally) -> None:
    started = time.perf_counter()
    response = client.post("/api/chat", json=body)
    if response.status_code != 200:
        tally.record(started, f"chat {response.status_code}: {response.text}")
        return
    tally.record(started, None)
    follow_up = {
        "message": random.choice(FOLLOW_UPS),
        "huvudman_id": body["huvudman_id"],
        "conversation_id": response.json()["conversation_id"],
    }
    started = time.perf_counter()
    response = client.post("/api/chat", json=follow_up)
    tally.record(started, None if response.status_code == 200 else f"follow-up {response.text}")


def stream(client: httpx.Client, body: dict[str, str | None], tally: Tally) -> None:
    started = time.perf_counter()
    events: list[str] = []
    with client.stream("POST", "/api/chat/stream", json=body) as response:
        if response.status_code != 200:
            response.read()
            tally.record(started, f"stream {response.status_code}: {response.text}")
            return
        events = [line[7:] for line in response.iter_lines() if line.startswith("event: ")]
    broken = "error" in events or not events or events[-1] != "done"
    tally.record(started, f"stream events {events}" if broken else None)


def ingest_round(client: httpx.Client, token: str, round_no: int, tally: Tally) -> None:
    """Upload, ask, delete: the answer must cite the new document, and the list end as it began."""
    admin = {"Authorization": f"Bearer {token}"}
    name = f"soak-{round_no}.md"
    place = f"Soakby{round_no}"
    text = (
        f"# Skolskjuts i {place}\n\nI {place} kör skolbussen varje vardag klockan sju, och "
        f"turerna till {place} planeras av kommunens skjutsgrupp en gång per termin.\n"
    )
    before = {d["name"] for d in client.get("/api/documents").json()}
    started = time.perf_counter()
    response = client.post("/api/documents", files={"file": (name, text.encode())}, headers=admin)
    tally.record(started, None if response.status_code == 201 else f"upload {response.text}")
    if response.status_code != 201:
        return
    started = time.perf_counter()
    answer = client.post("/api/chat", json={"message": f"När kör skolbussen i {place}?"})
    cited = answer.status_code == 200 and any(
        c["source"] == name for c in answer.json()["citations"]
    )
    tally.record(started, None if cited else f"uploaded document not cited: {answer.text}")
    started = time.perf_counter()
    removed = client.delete(f"/api/documents/{name}", headers=admin)
    after = {d["name"] for d in client.get("/api/documents").json()}
    problem = None if removed.status_code == 204 and after == before else "delete left a change"
    tally.record(started, problem)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def soak(
    base: str,
    seconds: float,
    clients: int,
    token: str = ADMIN_TOKEN,
    memory: Callable[[], float] | None = None,
) -> dict[str, object]:
    """Run the mixed traffic against `base` (admin `token`) for `seconds`; the figures."""
    deadline = time.monotonic() + seconds
    bodies = questions()
    tallies = {kind: Tally() for kind in ("chat", "stream", "ingest")}
    samples: list[tuple[float, float]] = []
    begun = time.monotonic()

    def work(kind: str, worker: int) -> None:
        rng = random.Random(worker)
        with httpx.Client(base_url=base, timeout=120) as client:
            round_no = 0
            while time.monotonic() < deadline:
                tally = tallies[kind]
                try:
                    if kind == "ingest":
                        ingest_round(client, token, worker * 100_000 + round_no, tally)
                    elif kind == "chat":
                        chat(client, rng.choice(bodies), tally)
                    else:
                        stream(client, rng.choice(bodies), tally)
                except httpx.HTTPError as exc:
                    tally.record(time.perf_counter(), f"{kind}: {type(exc).__name__}: {exc}")
                round_no += 1

    def sample() -> None:
        while time.monotonic() < deadline and memory is not None:
            samples.append((time.monotonic() - begun, memory()))
            time.sleep(SAMPLE_SECONDS)

    # One ingest client is enough: uploads serialise on the ingest lock anyway.
    kinds = ["ingest"] + [("chat", "stream")[n % 2] for n in range(max(1, clients - 1))]
    threads = [threading.Thread(target=work, args=(k, n)) for n, k in enumerate(kinds)]
    threads.append(threading.Thread(target=sample))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures: dict[str, object] = {
        "seconds": round(time.monotonic() - begun, 1),
        "clients": {k: kinds.count(k) for k in tallies},
        "errors": sum(t.errors for t in tallies.values()),
        "kinds": {
            kind: {
                "requests": t.requests,
                "errors": t.errors,
                "p50_ms": round(1000 * percentile(t.latencies or [0.0], 0.5), 1),
                "p95_ms": round(1000 * percentile(t.latencies or [0.0], 0.95), 1),
                "examples": t.examples,
            }
            for kind, t in tallies.items()
        },
    }
    if memory is not None:
        samples.append((time.monotonic() - begun, memory()))
        warm = next(mb for at, mb in samples if at >= 0.2 * seconds)
        # Growth that keeps on in the second half points to a leak; a plateau does not.
        middle = next(mb for at, mb in samples if at >= 0.6 * seconds)
        figures["memory_mb"] = {
            "start": round(samples[0][1], 1),
            "after_warm_up": round(warm, 1),
            "end": round(samples[-1][1], 1),
            "peak": round(max(mb for _, mb in samples), 1),
            "growth_after_warm_up": round(samples[-1][1] - warm, 1),
            "growth_last_two_fifths": round(samples[-1][1] - middle, 1),
        }
    return figures


def report(figures: dict[str, object]) -> None:
    kinds = figures["kinds"]
    assert isinstance(kinds, dict)
    print(f"Soak on 127.0.0.1: {figures['seconds']} s, clients {figures['clients']}")
    for kind, part in kinds.items():
        print(
            f"  {kind:7s} {part['requests']:5d} requests, {part['errors']} errors, "
            f"p50 {part['p50_ms']:7.1f} ms, p95 {part['p95_ms']:7.1f} ms"
        )
        for example in part["examples"]:
            print(f"    e.g. {example}")
    print(f"  errors in all: {figures['errors']} (target 0)")
    memory = figures.get("memory_mb")
    if isinstance(memory, dict):
        print(
            f"  server RSS: start {memory['start']} MB, after warm-up {memory['after_warm_up']} "
            f"MB, end {memory['end']} MB, peak {memory['peak']} MB; growth after warm-up "
            f"{memory['growth_after_warm_up']} MB, of which {memory['growth_last_two_fifths']} MB "
            "in the last two fifths of the run"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0, help="How long the traffic runs.")
    parser.add_argument("--clients", type=int, default=5, help="Concurrent clients in all.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    env = {"DIALOGSTOD_ADMIN_TOKEN": ADMIN_TOKEN, "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0"}
    with (
        tempfile.TemporaryDirectory() as tmp,
        server_process(Path(tmp), env, "soak") as (base, process),
    ):
        figures = soak(base, 60 * args.minutes, args.clients, memory=lambda: rss_mb(process.pid))
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        report(figures)


if __name__ == "__main__":
    main()
