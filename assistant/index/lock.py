"""One ingest at a time per index, across processes: an exclusive lock file beside the index."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)


@contextmanager
def ingest_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's ingest lock; waits (and says so) while another ingest holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(index_dir / "ingest.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning(
                "ingest.waiting",
                message="En annan inläsning pågår i samma index; den här väntar tills den är klar.",
            )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock, also if the process dies
