"""Bygger corpus/statistik/: påhittade exportfiler i samma form som Skolverkets statistiksök.

Kör från repots rot:

    .venv/bin/python corpus/_build/build_statistik.py

Filerna skrivs av samma generator som mätningarna använder (`evals.synth_exports`), med ett fast
frö, fyra påhittade kommuner och ett urval tabeller och läsår. Utdata är deterministiska: en ny
körning ger byte för byte samma filer. Mappens gamla CSV- och XLSX-filer tas bort först, så att
bara de genererade filerna finns kvar.
"""

from __future__ import annotations

from pathlib import Path

from evals.synth_exports import (
    DEMO_LASAR,
    DEMO_SEED,
    DEMO_TABLES,
    DEMO_XLSX,
    TABLES_BY_KEY,
    count_values,
    demo_kommuner,
    write_export_set,
)

CORPUS_DIR = Path(__file__).resolve().parent.parent
OUT = CORPUS_DIR / "statistik"
README = "_LASMIG.md"


def readme(files: list[Path]) -> str:
    kommuner = demo_kommuner()
    lines = [
        "# Påhittad statistik i Skolverkets exportformat",
        "",
        "Filen läses inte in (namnet börjar med `_`). Filerna i mappen är byggda av",
        "`corpus/_build/build_statistik.py` med generatorn i `evals/synth_exports.py`.",
        "",
        "**Alla kommuner och alla värden är påhittade.** Kommunerna finns inte på riktigt och",
        "deras kommunkoder är inte koder för någon riktig kommun. Inga siffror kommer från",
        "Skolverket; bara filernas form gör det: så ser filerna ut när man laddar ner en tabell",
        "från Skolverkets statistiksök (UTF-8 med BOM, semikolon, inledande rader med tabellens",
        "namn och `Valt läsår`/`Valt år`, en rad per kommun och typ av huvudman, decimalkomma,",
        "prickar `..`/`.` och `~100`, och definitioner efter tabellen). Året i filnamnet stämmer",
        "inte alltid med `Valt läsår` i filen, precis som i riktiga nedladdningar.",
        "",
        "| kommun | kommunkod | län |",
        "|---|---|---|",
        *(f"| {k.namn} | `{k.kod}` | {k.lan} |" for k in kommuner),
        "",
        f"Tabeller ({len(DEMO_TABLES)}), läsår {' och '.join(DEMO_LASAR)}, en fil per tabell och",
        "läsår på nivån *Kommun* (alla fyra kommunerna) och en på nivån *Riket*:",
        "",
        *(f"- {TABLES_BY_KEY[key].title}" for key in DEMO_TABLES),
        "",
        f"Filer ({len(files)}, {count_values(files)} värden och prickar):",
        "",
        *(f"- `{path.name}`" for path in files),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        if old.suffix.lower() in (".csv", ".xlsx") or old.name == README:
            old.unlink()
    files = write_export_set(
        OUT,
        demo_kommuner(),
        DEMO_LASAR,
        DEMO_SEED,
        riket=True,
        xlsx_tables=DEMO_XLSX,
        tables=DEMO_TABLES,
    )
    (OUT / README).write_text(readme(files), encoding="utf-8")
    size = sum(path.stat().st_size for path in OUT.iterdir())
    print(f"{len(files)} filer och {README} i {OUT} ({size} byte)")


if __name__ == "__main__":
    main()
