"""Imports run one way (`[tool.importlinter]` in pyproject.toml): no stage reaches upward."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.settings import PROJECT_ROOT


def test_imports_run_one_way() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout
