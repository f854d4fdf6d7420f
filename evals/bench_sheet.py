"""Memory and time of ingesting one large Skolverket-shaped XLSX sheet.

    python -m evals.bench_sheet --rows 200000

Writes an invented export (every value made up) of `--rows` lines x 3 measures, ingests it with
`dialogstod ingest` into a fresh index in a child process, and prints the child's wall time and
peak resident memory beside the same for a one-line sheet, so the sheet's own cost shows.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

MEASURES = ("Andel med A-E", "Genomsnittlig betygspoäng", "Antal elever")
TYPES = ("Samtliga", "Kommunal", "Enskild", "Statlig")


def write_sheet(path: Path, rows: int) -> None:
    """An export at level Kommun: 400 lines per invented kommun, one subject per four lines."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Blad1")
    for line in (
        ["Statistik från Skolverket, https://www.skolverket.se"],
        [],
        ["Grundskola - Betyg årskurs 6 (påhittade värden)"],
        ["Valt läsår: 2024/25"],
        [],
        ["Kommun", "Kommun-kod", "Län", "Läns-kod", "Typ av huvudman", "Ämne", *MEASURES],
    ):
        sheet.append(line)
    for n in range(rows):
        code = f"{1000 + n // 400:04d}"
        subject = f"Ämne {(n // 4) % 100}"
        values = [50 + (n % 50) / 10, 10 + (n % 70) / 10, 100 + n % 900]
        sheet.append([f"Ort{code}", code, "Testlän", "10", TYPES[n % 4], subject, *values])
    sheet.append([])
    sheet.append(["Rapportbeskrivning"])
    sheet.append(["Andel med A-E: andelen elever med minst betyget E (påhittad text)."])
    workbook.save(path)


def ingest_in_child(folder: Path, index_dir: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `dialogstod ingest folder` in a fresh process."""
    env = {**os.environ, "DIALOGSTOD_INDEX_DIR": str(index_dir)}
    command = [sys.executable, "-m", "dialogstod.cli", "ingest", str(folder)]
    started = time.perf_counter()
    # One child per run: RUSAGE_CHILDREN's peak is then that child's, as long as this run's
    # child uses more than the earlier ones (the baseline runs first for that reason).
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        sys.exit(f"dialogstod ingest failed ({done.returncode}):\n{done.stderr.decode()}")
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="Table lines in the sheet.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        figures = {}
        for label, rows in (("one line", 1), (f"{args.rows} lines", args.rows)):
            folder = root / label.replace(" ", "-")
            folder.mkdir()
            started = time.perf_counter()
            write_sheet(folder / "betyg.xlsx", rows)
            written = time.perf_counter() - started
            seconds, peak = ingest_in_child(folder, root / f"index-{rows}")
            figures[label] = (seconds, peak)
            size = (folder / "betyg.xlsx").stat().st_size / 1e6
            print(
                f"{label:>14}: {rows * len(MEASURES)} values, {size:.1f} MB file "
                f"(written in {written:.1f} s); ingest {seconds:.1f} s, peak RSS {peak:.0f} MB"
            )
        (_, base), (_, big) = figures.values()
        print(f"the sheet's own memory: {big - base:.0f} MB above a one-line sheet")


if __name__ == "__main__":
    main()
