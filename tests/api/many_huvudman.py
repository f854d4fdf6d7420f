"""A corpus of about 300 huvudmän for the scope list's tests: invented packets
(`evals.synth_packets`), the demo packets and a few hand-made huvudmän whose names test
searching with å, ä and ö.

No documents: a server over it starts in seconds, since the packets share the demo's six
indicators and only those six passages are embedded.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from assistant.settings import PROJECT_ROOT
from evals.synth_packets import INDICATORS, YEARS, invent_huvudmen, write_packets

SYNTH_COUNT = 296
SYNTH_SEED = 5
DEMO = {"0917": "Norrforsens kommun", "2795": "Sjöviks kommun", "9001": "Lärkträdets Skolor AB"}
# Invented, and outside the ids `evals.synth_packets` hands out (kommuner 0001–2599).
HANDMADE = {
    "2901": "Härnövikens kommun",  # the name starts with "härn"
    "2902": "Västra Härnö friskola AB",  # a later word starts with "härn"
    "2903": "Skolor i Bohärnäs AB",  # "härn" inside a word
    "2904": "Harnvikens skola AB",  # "harn" without the diaeresis
    "2905": "Åskogens kommun",
    "2906": "Älvbackens kommun",
}
HEADER = "huvudman_id huvudman_namn indikator_id indikator_namn enhet ar varde riket definition"
TOTAL = SYNTH_COUNT + len(DEMO) + len(HANDMADE)


def synth_names() -> dict[str, str]:
    return {h.id: h.namn for h in invent_huvudmen(SYNTH_COUNT, SYNTH_SEED)}


def all_names() -> dict[str, str]:
    return {**synth_names(), **DEMO, **HANDMADE}


def packet_csv(names: dict[str, str]) -> str:
    """A packet with the demo's merit indicator for three years, values invented."""
    merit = INDICATORS[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER.split())
    for n, (huvudman_id, name) in enumerate(names.items()):
        for year, riket in zip(YEARS, merit.riket, strict=True):
            value = f"{200 + n + int(year) % 10},5"
            row = [huvudman_id, name, merit.id, merit.namn, merit.enhet, year, value, riket]
            writer.writerow([*row, merit.definition])
    return out.getvalue()


def many_huvudman_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    write_packets(corpus / "syntetiska", SYNTH_COUNT, seed=SYNTH_SEED, fmt="csv")
    shutil.copytree(PROJECT_ROOT / "corpus" / "indikatorer", corpus / "indikatorer")
    (corpus / "handgjorda.csv").write_text(packet_csv(HANDMADE), encoding="utf-8")
    return corpus
