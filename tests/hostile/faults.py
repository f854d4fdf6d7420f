"""A process that runs real ingests for the crash tests and can make them die at exact points.

`python -m tests.hostile.faults driver` imports the product once (torch alone takes seconds) and
then forks one child process per request, read as JSON lines on stdin; replies are stdout lines
starting with `@@`. Every ingest child runs the real `dialogstod ingest` command (same code as
`python -m dialogstod.cli ingest`) in its own process, with its own SQLite and Chroma handles.

Requests:
- `{"op": "ingest", "args": [...], "kill_at": POINT or null, "log": PATH}` → `{"pid": N}`;
  the child's stderr (JSON log lines) goes to PATH;
- `{"op": "wait", "pid": N}` → `{"code": exit code, negative for a signal}`;
- `{"op": "snapshot", "index": DIR, "out": PATH}` → `{"code": 0}`; the index as JSON in PATH.

Kill points; the child sends itself SIGKILL, the same as `kill -9` from outside:
- `embed`: in the first embedding batch, before anything is written;
- `transaction:K`: inside the K-th file's SQLite transaction, after its rows were inserted and
  its new vectors upserted, before COMMIT;
- `delete:K`: at the K-th deletion of old vectors, after that file's transaction committed;
- `hold:PATH`: no kill; waits in the first embedding batch (holding the ingest lock) until PATH
  exists.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

CATALOG_FILE = "catalog.sqlite"  # assistant.index.store.CATALOG_FILE


def _die() -> None:
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _install(point: str) -> None:
    from assistant.index import embeddings, vectorstore
    from assistant.ingest import pipeline

    kind, _, arg = point.partition(":")
    if kind in ("embed", "hold"):
        original_embed = embeddings.SentenceTransformerEmbedder.embed_documents

        def embed(self: Any, texts: Any) -> Any:
            if kind == "embed":
                _die()
            deadline = time.monotonic() + 120
            while not Path(arg).exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            return original_embed(self, texts)

        embeddings.SentenceTransformerEmbedder.embed_documents = embed  # type: ignore[method-assign]
    elif kind == "transaction":
        original_write = pipeline.write_file
        writes = [0]

        def write_file(*args: Any, **kwargs: Any) -> None:
            original_write(*args, **kwargs)
            writes[0] += 1
            if writes[0] == int(arg):
                _die()

        pipeline.write_file = write_file  # type: ignore[assignment]
    elif kind == "delete":
        original_delete = vectorstore.ChromaStore.delete
        deletes = [0]

        def delete(self: Any, ids: Any) -> None:
            deletes[0] += 1
            if deletes[0] == int(arg):
                _die()
            original_delete(self, ids)

        vectorstore.ChromaStore.delete = delete  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown kill point {point}")


def snapshot(index_dir: Path) -> dict[str, Any]:
    """Files with their hashes, chunk ids and packet rows per source, and the vector ids."""
    from assistant.index.vectorstore import open_vector_store
    from assistant.settings import Settings

    db = sqlite3.connect(index_dir / CATALOG_FILE)
    files = dict(db.execute("SELECT source, sha256 FROM files"))
    chunks: dict[str, list[str]] = {}
    for chunk_id, source in db.execute("SELECT chunk_id, source FROM chunks"):
        chunks.setdefault(source, []).append(chunk_id)
    rows: dict[str, list[str]] = {}
    for source, row in db.execute("SELECT source, row FROM packet_rows"):
        rows.setdefault(source, []).append(row)
    db.close()
    vectors = open_vector_store(Settings(index_dir=index_dir)).ids()
    return {"files": files, "chunks": chunks, "rows": rows, "vectors": sorted(vectors)}


def _child(request: dict[str, Any]) -> int:
    """Runs in the forked child; returns its exit code."""
    if request["op"] == "snapshot":
        state = snapshot(Path(request["index"]))
        Path(request["out"]).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        return 0
    if request.get("kill_at"):
        _install(request["kill_at"])
    from dialogstod.cli import app

    try:
        app(["ingest", *request["args"]])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _fork(request: dict[str, Any]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        if request.get("log"):
            log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            os.dup2(log, 2)
        code = _child(request)
    except BaseException as exc:  # report, never return into the driver's loop
        print(f"child failed: {exc!r}", file=sys.stderr)
    finally:
        sys.stderr.flush()
        os._exit(code)


def driver() -> None:
    # Imported before any fork, so every child starts with them loaded; nothing is opened here.
    import chromadb  # noqa: F401
    import sentence_transformers  # noqa: F401

    import assistant.index.store
    import assistant.ingest.pipeline  # noqa: F401

    def reply(message: dict[str, Any]) -> None:
        sys.stdout.write("@@" + json.dumps(message) + "\n")
        sys.stdout.flush()

    reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "wait":
            _, status = os.waitpid(request["pid"], 0)
            reply({"code": os.waitstatus_to_exitcode(status)})
        elif request["op"] == "snapshot":
            _, status = os.waitpid(_fork(request), 0)
            reply({"code": os.waitstatus_to_exitcode(status)})
        else:
            reply({"pid": _fork(request)})


if __name__ == "__main__":
    if sys.argv[1:] == ["driver"]:
        driver()
    else:
        raise SystemExit(__doc__)
