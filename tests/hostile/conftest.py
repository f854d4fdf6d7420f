"""A real server over a copy of the session's demo-corpus index, shared by the hostile tests.

Copying the already built index saves embedding the corpus again for every server.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant.index.store import Index
from assistant.settings import PROJECT_ROOT
from evals.serving import running_server

ADMIN_TOKEN = "hostile-admin-token"
VALUES_TABLE = PROJECT_ROOT / "corpus" / "indikatorer" / "_VARDEN.md"


def copy_index(index: Index, target: Path) -> Path:
    """A copy of a finished index's directory (no writes are in flight in the source)."""
    shutil.copytree(index.settings.index_dir, target)
    return target


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, corpus_index: Index) -> Iterator[str]:
    """The demo corpus served over HTTP, document upload enabled, no rate limit."""
    root = tmp_path_factory.mktemp("hostile-server")
    copy_index(corpus_index, root / "index")
    env = {"DIALOGSTOD_ADMIN_TOKEN": ADMIN_TOKEN, "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0"}
    with running_server(root, env) as base:
        yield base


@pytest.fixture(scope="session")
def http(hostile_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hostile_server, timeout=120) as client:
        yield client


@dataclass(frozen=True)
class DemoHuvudman:
    id: str
    name: str
    file: str
    values: frozenset[str]  # every value of this huvudman in _VARDEN.md, as written


def demo_huvudmen() -> dict[str, DemoHuvudman]:
    """The three demo huvudmän and their values, read from corpus/indikatorer/_VARDEN.md."""
    text = VALUES_TABLE.read_text(encoding="utf-8")
    people = re.findall(r"^\| `(\d+)` \| ([^|]+?) \| `([^`]+)` \|$", text, re.MULTILINE)
    header = next(line for line in text.splitlines() if line.startswith("| indikator_id | enhet"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    values: dict[str, set[str]] = {h: set() for h, _, _ in people}
    for line in text.splitlines():
        if not re.match(r"^\| `\w+` \| \w+ \| \d{4} \|", line):
            continue
        cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
        for column, cell in zip(columns, cells, strict=True):
            match = re.search(r"\((\d+)\)$", column)
            if match:
                values[match.group(1)].add(cell)
    return {
        h: DemoHuvudman(h, name.strip(), file, frozenset(values[h])) for h, name, file in people
    }


def riket_values() -> frozenset[str]:
    text = VALUES_TABLE.read_text(encoding="utf-8")
    return frozenset(
        line.strip("|").split("|")[3].strip()
        for line in text.splitlines()
        if re.match(r"^\| `\w+` \| \w+ \| \d{4} \|", line)
    )
