"""Invented packets (`dialogstod synth-packets`) and the catalogue's huvudman names at scale."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from assistant.index.catalog import Catalog, delete_file, write_file
from assistant.ingest.packets import read_packet
from assistant.settings import PROJECT_ROOT
from assistant.types import PacketRow
from dialogstod.cli import app
from evals.synth_packets import INDICATORS, RESERVED_IDS, YEARS, invent_huvudmen, synth_packets


def _says_invented(name: str, data: bytes) -> bool:
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/"))
    return b"hittade" in data  # "påhittade" in UTF-8, cp1252 or the sheet XML


def test_same_seed_same_bytes_other_seed_other_values() -> None:
    first = synth_packets(250, seed=3, per_file=100)
    assert first == synth_packets(250, seed=3, per_file=100)
    assert [name for name, _ in first] == [
        "syntetiska-001-bom.csv",
        "syntetiska-002-cp1252.csv",
        "syntetiska-003-komma.csv",
    ]
    assert first != synth_packets(250, seed=4, per_file=100)


def test_every_form_reads_back_as_invented_rows(tmp_path: Path) -> None:
    huvudmen = invent_huvudmen(700, seed=1)
    files = synth_packets(700, seed=1, fmt="mixed", per_file=100)
    assert [n.rsplit(".", 1)[1] for n, _ in files].count("xlsx") == 1  # the 7th file
    rows: list[PacketRow] = []
    for name, data in files:
        path = tmp_path / name
        path.write_bytes(data)
        assert _says_invented(name, data), name
        rows += read_packet(path)
    assert len(rows) == 700 * len(INDICATORS) * len(YEARS)
    names = {h.id: h.namn for h in huvudmen}
    assert {r.huvudman_id: r.huvudman_namn for r in rows} == names
    assert any(h.startswith("0") for h in names) and not RESERVED_IDS & set(names)
    assert len(set(names.values())) == len(names)
    riket = {(r.indikator_id, r.ar): r.riket for r in rows}
    assert len(riket) == len(INDICATORS) * len(YEARS)  # one national value per indicator/year
    markers = {r.varde for r in rows if r.varde_num is None}
    assert markers == {"..", "."}
    assert {(r.indikator_id, r.indikator_namn, r.enhet, r.definition) for r in rows} == {
        (i.id, i.namn, i.enhet, i.definition) for i in INDICATORS
    }


def test_indicators_and_national_values_are_those_of_the_bundled_demo_packets() -> None:
    """Invented rows share the demo packets' indicator passages only if both say the same."""
    demo = read_packet(PROJECT_ROOT / "corpus" / "indikatorer" / "norrforsen-2022-2024.csv")
    assert {(r.indikator_id, r.indikator_namn, r.enhet, r.definition) for r in demo} == {
        (i.id, i.namn, i.enhet, i.definition) for i in INDICATORS
    }
    national = {(r.indikator_id, r.ar): r.riket for r in demo}
    for indicator in INDICATORS:
        assert indicator.riket == tuple(national[indicator.id, year] for year in YEARS)


def test_the_command_writes_the_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["synth-packets", "--huvudman", "150", "--out", str(tmp_path / "ut"), "--seed", "2"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        "syntetiska-001-bom.csv",
        "syntetiska-002-cp1252.csv",
    ]
    bad = CliRunner().invoke(
        app, ["synth-packets", "--out", str(tmp_path / "x"), "--format", "pdf"]
    )
    assert bad.exit_code == 1 and not (tmp_path / "x").exists()


def _store(catalog: Catalog, source: str, rows: list[PacketRow]) -> None:
    with catalog.transaction() as db:
        write_file(
            db,
            source=source,
            path=source,
            sha256="x",
            kind="packet",
            title=source,
            doc_type="indikatorpaket",
            chunks=[],
            rows=rows,
        )


def test_huvudman_names_come_from_a_small_table_kept_with_the_rows(tmp_path: Path) -> None:
    rows = [
        PacketRow.model_validate(
            {
                "huvudman_id": h.id,
                "huvudman_namn": h.namn,
                "indikator_id": "meritvarde_ak9",
                "indikator_namn": "Meritvärde",
                "ar": "2024",
                "varde": "200,1",
                "line": n + 2,
            }
        )
        for n, h in enumerate(invent_huvudmen(40, seed=5))
    ]
    catalog = Catalog(tmp_path / "catalog.sqlite")
    _store(catalog, "a.csv", rows[:30])
    _store(catalog, "b.csv", rows[20:])
    expected = {r.huvudman_id: r.huvudman_namn for r in rows}
    assert catalog.huvudman_names() == dict(sorted(expected.items()))
    _store(catalog, "b.csv", rows[35:])  # replacing a file replaces its names
    assert set(catalog.huvudman_names()) == {r.huvudman_id for r in rows[:30] + rows[35:]}
    catalog.close()

    # An index made before the table existed gets it, filled from its packet rows, on opening.
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    db.execute("DROP TABLE huvudmen")
    db.commit()
    db.close()
    reopened = Catalog(tmp_path / "catalog.sqlite")
    assert set(reopened.huvudman_names()) == {r.huvudman_id for r in rows[:30] + rows[35:]}

    # The names are cached, but a change through another connection (process) is seen at once.
    other = Catalog(tmp_path / "catalog.sqlite")
    _store(other, "c.csv", rows[30:35])
    assert set(reopened.huvudman_names()) == {r.huvudman_id for r in rows}
    with other.transaction() as db:
        delete_file(db, "a.csv")
    assert set(reopened.huvudman_names()) == {r.huvudman_id for r in rows[30:]}
    overview = reopened.packet_overview()
    assert {(h, i, n, y) for h, i, n, _, y in overview} == {
        (r.huvudman_id, r.indikator_id, r.indikator_namn, r.ar) for r in rows[30:]
    }
    other.close()
    reopened.close()
