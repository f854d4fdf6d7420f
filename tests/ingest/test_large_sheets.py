"""A large export is read without holding all its values at once (issue 15, item 9).

A sheet of 200,000 lines x 3 measures is 600,000 values; as `PacketRow` objects that is over a
gigabyte. The export keeps its table lines, builds the values line by line when they are read,
and the catalogue writes them in batches while they are being built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

from assistant.index.catalog import WRITE_BATCH, Catalog, write_file
from assistant.ingest.pipeline import parse_file
from assistant.settings import Settings
from assistant.types import DOC_PACKET, PacketRow

LINES = 3000
MEASURES = 2


def _export(path: Path, lines: int) -> Path:
    table = [
        "\ufeffStatistik från Skolverket, https://www.skolverket.se",
        "",
        "Grundskola - Elever per lärare",
        "Valt läsår: 2024/25",
        "",
        "Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;Antal elever;Elever per lärare;",
    ]
    types = ("Samtliga", "Kommunal", "Enskild")
    for n in range(lines):
        code = f"{1000 + n // len(types):04d}"
        table.append(f"Ort{code};{code};Testlän;10;{types[n % 3]};{100 + n};{n % 20},5;")
    path.write_text("\n".join(table) + "\n\n", encoding="utf-8")
    return path


def _live_packet_rows() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is PacketRow)


def test_a_parsed_export_holds_its_lines_not_its_values(tmp_path: Path) -> None:
    before = _live_packet_rows()
    parsed = parse_file(_export(tmp_path / "elever.csv", LINES), "", Settings())

    assert _live_packet_rows() - before < MEASURES * 10, "the values were built when read"
    assert len(parsed.rows) == LINES * MEASURES
    values = list(parsed.rows)
    assert len(values) == LINES * MEASURES
    assert values == list(parsed.rows), "reading the values twice gives the same values"
    assert {r.indikator_namn for r in values} == {
        "Elever per lärare: antal elever",
        "Elever per lärare: elever per lärare",
    }
    assert values[1].varde == "0,5" and values[1].huvudman_id == "1000"


def stored_rows(catalog: Catalog) -> int:
    with catalog.connection() as db:
        return int(db.exec_driver_sql("SELECT COUNT(*) FROM packet_rows").scalar_one())


def test_the_catalogue_writes_values_while_they_are_being_made(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    stored_while_making: list[int] = []

    def rows() -> Iterator[PacketRow]:
        for n in range(2 * WRITE_BATCH + 1):
            if n == WRITE_BATCH + 1:
                stored_while_making.append(stored_rows(catalog))
            yield PacketRow(
                huvudman_id=f"{n % 7:04d}",
                huvudman_namn=f"Ort {n % 7}",
                indikator_id=f"i{n}",
                indikator_namn="Mått",
                ar="2024",
                varde=str(n),
                line=n + 1,
            )

    with catalog.transaction() as db:
        write_file(
            db,
            source="stor.csv",
            path=str(tmp_path / "stor.csv"),
            sha256="x",
            kind="packet",
            title="Stor",
            doc_type=DOC_PACKET,
            chunks=[],
            rows=rows(),
        )

    assert stored_while_making == [WRITE_BATCH], "the first batch was not written before the rest"
    assert stored_rows(catalog) == 2 * WRITE_BATCH + 1
    assert catalog.huvudman_names() == {f"{n:04d}": f"Ort {n}" for n in range(7)}
    catalog.close()
