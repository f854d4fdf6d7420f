"""Real processes on loopback for tests and benchmarks: `dialogstod serve` and `chroma run`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from assistant.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# A server fills an empty index with the demo corpus before it answers; on a loaded 2-core
# machine that has taken over two minutes.
STARTUP_SECONDS = 300
# The flags keep Chromium from reaching for the network at start, and --no-sandbox lets it run
# as root (as CI does).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Chromium at `DIALOGSTOD_CHROMIUM_PATH` (Debian's; `make browser` installs it)."""
    path = Settings().chromium_path
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `make browser`, or set DIALOGSTOD_CHROMIUM_PATH"
        )
    return playwright.chromium.launch(executable_path=str(path), headless=True, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ask a process to end, and kill it if it has not within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_server(
    root: Path, env: Mapping[str, str] | None = None, name: str = "server"
) -> Iterator[str]:
    """`dialogstod serve` on a free port with its index under `root`; yields the base URL.

    An empty index is filled with the bundled corpus at start. `env` adds DIALOGSTOD_ settings;
    those of the calling environment are dropped so a developer's shell cannot change a test.
    """
    with server_process(root, env, name) as (base, _):
        yield base


@contextmanager
def server_process(
    root: Path, env: Mapping[str, str] | None = None, name: str = "server"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`running_server`, also yielding the process (to watch its memory, for instance)."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGSTOD_")}
    clean.update({"DIALOGSTOD_LOG_LEVEL": "WARNING", **(env or {})})
    log_path = root / f"{name}.log"
    command = [sys.executable, "-m", "dialogstod.cli", "serve", "--index", str(root / "index")]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=clean,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the server exited ({process.returncode}):\n{log_path.read_text()}"
                )
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"no answer on {base}/api/health:\n{log_path.read_text()[-3000:]}"
                )
            time.sleep(0.5)
        yield base, process
    finally:
        stop(process)


@contextmanager
def running_chroma(data: Path) -> Iterator[str]:
    """A real `chroma run` server on a free loopback port; yields its URL."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    command = [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chroma run did not answer its heartbeat within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        stop(process)
