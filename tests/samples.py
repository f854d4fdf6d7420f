"""Where the tests find the invented Skolverket exports of `../shared/samples/skolverket/`."""

from __future__ import annotations

from assistant.settings import PROJECT_ROOT

SHARED_SAMPLES = PROJECT_ROOT.parent / "shared" / "samples" / "skolverket"
# The shared samples when they sit beside the repository (CI, a developer's checkout); the
# copy in tests/data/ for a clone elsewhere.
SKOLVERKET_SAMPLES = (
    SHARED_SAMPLES if SHARED_SAMPLES.is_dir() else PROJECT_ROOT / "tests" / "data" / "skolverket"
)
