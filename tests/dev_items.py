"""Dev-set items as pytest parameters, with the known misses marked as strict xfails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest


def item_params(items: Sequence[dict[str, Any]], known_failures: Mapping[str, str]) -> list[Any]:
    """One parameter per item, named by its id; a known miss must fail (strict), so a fix has
    to remove its entry."""
    return [
        pytest.param(
            item,
            id=item["id"],
            marks=[pytest.mark.xfail(strict=True, reason=known_failures[item["id"]])]
            if item["id"] in known_failures
            else [],
        )
        for item in items
    ]
