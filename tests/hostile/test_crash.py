"""Kill -9 a real ingest at several points; the index keeps each file whole, old or new.

The ingests are real `dialogstod ingest` processes with the real model, Chroma and SQLite, forked
from a driver that has the product imported already (tests/hostile/faults.py), so a run costs
seconds, not the ten it takes to import torch; the last run is a plain
`python -m dialogstod.cli ingest` subprocess. Some kills come from outside (SIGKILL right after a
log line, or after a delay); others are SIGKILLs the process sends itself at exact points where a
timed kill would rarely land: inside a file's SQLite transaction, between its commit and the
deletion of its old vectors.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.ingest.pipeline import file_sha256, find_files, parse_file
from assistant.settings import PROJECT_ROOT, Settings
from evals.synth_packets import write_packets

TIMEOUT = 240


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGSTOD_")}
    env["DIALOGSTOD_LOG_LEVEL"] = "INFO"
    return env


class Driver:
    """Talks to `python -m tests.hostile.faults driver` (one per module)."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.runs = 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.faults", "driver"],
            cwd=PROJECT_ROOT,
            env=_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("@@"):
                reply: dict[str, Any] = json.loads(line[2:])
                return reply
        raise AssertionError(f"the driver exited ({self.process.wait()})")

    def call(self, **request: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self._read()

    def start(self, index: Path, paths: list[Path], kill_at: str | None = None) -> Run:
        self.runs += 1
        log = self.scratch / f"run-{self.runs}.log"
        args = [*map(str, paths), "--index", str(index)]
        pid = self.call(op="ingest", args=args, kill_at=kill_at, log=str(log))["pid"]
        return Run(self, pid, log)

    def run(self, index: Path, paths: list[Path], kill_at: str | None = None) -> int:
        return self.start(index, paths, kill_at).wait()

    def snapshot(self, index: Path) -> dict[str, Any]:
        out = self.scratch / "snapshot.json"
        assert self.call(op="snapshot", index=str(index), out=str(out))["code"] == 0
        state: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return state

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


@dataclass
class Run:
    driver: Driver
    pid: int
    log: Path

    def wait(self) -> int:
        code: int = self.driver.call(op="wait", pid=self.pid)["code"]
        return code

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def wait_for_log(self, event: str, count: int = 1) -> bool:
        """Poll the child's log until `count` lines of `event`; False if it ended first."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.log_text().count(f'"event": "{event}"') >= count:
                return True
            if _finished(self.pid):
                return self.log_text().count(f'"event": "{event}"') >= count
            time.sleep(0.01)
        raise AssertionError(f"no {event} within {TIMEOUT} s")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)


def _finished(pid: int) -> bool:
    """True once the process is gone or a zombie (its parent, the driver, reaps it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    forks = Driver(tmp_path_factory.mktemp("driver"))
    yield forks
    forks.close()


# --- the two versions of a folder ---------------------------------------------------------------

DOCUMENT = """# {title}

## Bakgrund

{town} arbetar med {topic} i alla skolor. Rektorerna samlas varje månad för att följa upp
arbetet och dela erfarenheter mellan skolorna.{mark}

## Nästa steg

Under nästa läsår prövas nya arbetssätt för {topic} i tre skolor innan de sprids.{mark}
"""
TOPICS = ("elevhälsa", "studiero", "läsförståelse", "närvaro", "kompetensutveckling")


def write_version(folder: Path, version: int) -> None:
    """Five documents and eight packet files; version 2 changes every one of them."""
    docs = folder / "dokument"
    docs.mkdir(parents=True, exist_ok=True)
    mark = "" if version == 1 else " Texten reviderades i version två."
    for n, topic in enumerate(TOPICS):
        text = DOCUMENT.format(title=f"Plan för {topic}", town="Ekbacka", topic=topic, mark=mark)
        suffix = ".md" if n % 2 == 0 else ".txt"
        (docs / f"plan-{n}{suffix}").write_text(text, encoding="utf-8")
    write_packets(folder / "indikatorer", 80, seed=version, per_file=10)


@dataclass(frozen=True)
class Expected:
    """What each version of each file must look like in the catalogue."""

    sha: dict[str, int]  # sha256 → version
    chunks: dict[tuple[str, int], set[str]]
    rows: dict[tuple[str, int], set[str]]
    sources: set[str]


def expected_for(versions: dict[int, Path]) -> Expected:
    sha: dict[str, int] = {}
    chunks: dict[tuple[str, int], set[str]] = {}
    rows: dict[tuple[str, int], set[str]] = {}
    sources: set[str] = set()
    settings = Settings()
    for version, root in versions.items():
        for path in find_files([root]):
            digest = file_sha256(path)
            parsed = parse_file(path, digest, settings)
            sha[digest] = version
            sources.add(path.name)
            chunks[path.name, version] = {c.chunk_id for c in parsed.chunks}
            rows[path.name, version] = {r.model_dump_json() for r in parsed.rows}
    return Expected(sha, chunks, rows, sources)


def check_whole_files(state: dict[str, Any], expected: Expected) -> dict[str, int]:
    """Every file is there, entirely in one version; every catalogued chunk has its vector.
    Returns source → version."""
    files: dict[str, str] = state["files"]
    assert set(files) == expected.sources, "a file was lost or half-added"
    versions = {}
    for source, digest in files.items():
        version = expected.sha[digest]
        versions[source] = version
        assert set(state["chunks"].get(source, [])) == expected.chunks[source, version], source
        assert set(state["rows"].get(source, [])) == expected.rows[source, version], source
    stray = set(state["chunks"]) - set(files) - {"indikatorer"}
    assert not stray, f"chunks without a file: {stray}"
    assert not set(state["rows"]) - set(files), "packet rows without a file"
    catalogued = {c for ids in state["chunks"].values() for c in ids}
    missing = catalogued - set(state["vectors"])
    assert not missing, f"catalogued chunks without vectors: {sorted(missing)[:5]}"
    return versions


def check_complete(state: dict[str, Any], expected: Expected, version: int) -> None:
    versions = check_whole_files(state, expected)
    assert set(versions.values()) == {version}, versions
    catalogued = {c for ids in state["chunks"].values() for c in ids}
    assert set(state["vectors"]) == catalogued, "orphan vectors after a completed ingest"
    assert len(state["chunks"]["indikatorer"]) == 6


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("crash-sources")
    for version in (1, 2):
        write_version(root / f"v{version}", version)
    return {1: root / "v1", 2: root / "v2"}


def install(live: Path, source: Path) -> None:
    """Put one version's files in the live folder (same names, new content)."""
    for path in find_files([source]):
        target = live / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())


def test_killed_ingests_leave_each_file_whole(
    tmp_path: Path, versions: dict[int, Path], driver: Driver
) -> None:
    live, index = tmp_path / "live", tmp_path / "index"
    expected = expected_for(versions)
    install(live, versions[1])
    assert driver.run(index, [live]) == 0
    check_complete(driver.snapshot(index), expected, 1)

    install(live, versions[2])
    history: list[tuple[str, int, dict[str, int]]] = []

    def check(point: str, code: int, *, may_finish: bool = False) -> dict[str, int]:
        allowed = (-signal.SIGKILL, 0) if may_finish else (-signal.SIGKILL,)
        assert code in allowed, f"{point}: exit code {code}"
        state = check_whole_files(driver.snapshot(index), expected)
        history.append((point, code, state))
        return state

    # 1. Inside the first embedding batch: nothing written yet, everything still old.
    state = check("embed", driver.run(index, [live], "embed"))
    assert set(state.values()) == {1}
    # 2. Inside the 2nd file's transaction, its new vectors already upserted: one file is new.
    state = check("transaction:2", driver.run(index, [live], "transaction:2"))
    assert sum(v == 2 for v in state.values()) == 1
    # 3. From outside, as soon as the run logged its first file as written.
    run = driver.start(index, [live])
    assert run.wait_for_log("ingest.file")
    run.kill()
    check("after ingest.file", run.wait())
    # 4. After a file's commit, before its old vectors are deleted (they become orphans).
    check("delete:1", driver.run(index, [live], "delete:1"))
    # 5. From outside after a fixed delay: model loading, parsing, embedding or writing.
    run = driver.start(index, [live])
    time.sleep(1.0)
    run.kill()
    check("1 s after start", run.wait(), may_finish=True)

    new_files = [sum(v == 2 for v in state.values()) for _, _, state in history]
    assert new_files == sorted(new_files), f"a killed run undid finished work: {history}"

    # The plain command finishes the work and removes the orphans the kills left.
    done = subprocess.run(
        [sys.executable, "-m", "dialogstod.cli", "ingest", str(live), "--index", str(index)],
        cwd=PROJECT_ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    check_complete(driver.snapshot(index), expected, 2)


def test_two_ingests_at_once_are_serialised(
    tmp_path: Path, versions: dict[int, Path], driver: Driver
) -> None:
    """The second ingest waits for the first (and says so); both finish; nothing interleaves."""
    index, go = tmp_path / "index", tmp_path / "go"
    first = driver.start(index, [versions[1] / "dokument"], f"hold:{go}")
    wait_until_locked(index / "ingest.lock")
    second = driver.start(index, [versions[1] / "indikatorer"])
    try:
        assert second.wait_for_log("ingest.waiting"), second.log_text()
    finally:
        go.touch()
    assert first.wait() == 0, first.log_text()
    assert second.wait() == 0, second.log_text()
    assert "En annan inläsning pågår" in second.log_text()
    # The first finished before the second wrote anything.
    first_done = _log_times(first.log_text(), "ingest.done")[0]
    second_writes = _log_times(second.log_text(), "ingest.file")
    assert second_writes and min(second_writes) > first_done
    check_complete(driver.snapshot(index), expected_for({1: versions[1]}), 1)


def wait_until_locked(lock: Path) -> None:
    """Return once another process holds the index's ingest lock."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if lock.exists():
            descriptor = os.open(lock, os.O_RDWR)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            finally:
                os.close(descriptor)  # also releases it if we got it
        time.sleep(0.05)
    raise AssertionError("the first ingest never took the lock")


def _log_times(log: str, event: str) -> list[str]:
    """ISO timestamps of one event in a process's JSON log lines."""
    times = []
    for line in log.splitlines():
        if line.startswith("{") and f'"event": "{event}"' in line:
            times.append(json.loads(line)["timestamp"])
    return times
