"""The one way Dialogstöd opens a database: a SQLAlchemy engine, with SQLite tuned for sharing.

The catalogue and the conversations both open theirs here, so a SQLite file behaves the same
whichever of them wrote it: WAL (readers never block the writer) and a busy timeout (a second
API worker or a CLI ingest waits for the write lock instead of failing).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_engine(url: str, *, one_connection: bool = False) -> Engine:
    """An engine for `url`. `one_connection`: every caller shares one SQLite connection in
    autocommit mode and opens its own transactions (`BEGIN IMMEDIATE`), for a store that
    guards that connection with its own lock and asks SQLite what changed since (`data_version`
    is counted per connection)."""
    options: dict[str, Any] = {}
    if one_connection:
        options = {
            "poolclass": StaticPool,
            "isolation_level": "AUTOCOMMIT",
            # A SQLAlchemy-side rollback must never end a transaction the store opened itself.
            "skip_autocommit_rollback": True,
            "connect_args": {"check_same_thread": False},
        }
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
