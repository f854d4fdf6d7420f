"""The committed api/widget/widget.js is exactly what api/widget/src/ builds to."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

WIDGET = PROJECT_ROOT / "api" / "widget"
FIX = "run `make widget` (it installs esbuild with npm ci and rebuilds api/widget/widget.js)"


def test_committed_bundle_matches_the_sources(tmp_path: Path) -> None:
    # A failure, not a skip: a skipped check would let a hand-edited or stale bundle through.
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed, so the widget bundle cannot be checked; {FIX}")
    if not (WIDGET / "node_modules" / "esbuild" / "package.json").is_file():
        pytest.fail(f"api/widget/node_modules has no esbuild; {FIX}")
    built = tmp_path / "widget.js"
    run = subprocess.run(
        [node, "build.mjs", f"--outfile={built}"],
        cwd=WIDGET,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, f"the widget build failed; {FIX}\n{run.stdout}{run.stderr}"
    committed = (WIDGET / "widget.js").read_bytes()
    assert built.read_bytes() == committed, (
        f"api/widget/widget.js is not what api/widget/src/ builds to; {FIX} and commit the result"
    )
