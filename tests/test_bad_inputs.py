"""Bad and unusual inputs, generated here: each one's outcome (status, message, rows kept) asserted.

A document's failure stays with that document; only the warehouse's own errors stop a run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import sample_path
from ingest import load, pipeline
from ingest.cli import main


def _documents(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select file_name, status, error, n_projects from raw.documents order by file_name"
        ).fetchall()
    finally:
        con.close()


def _count(db, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    finally:
        con.close()


def _budget_sample_with_table_label(label: str) -> bytes:
    text = sample_path("003").read_text(encoding="utf-8")
    assert "\n预算公开表2\n" in text
    return text.replace("\n预算公开表2\n", f"\n{label}\n").encode()


def test_a_table_number_beyond_32_bits_is_stored(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "big.txt").write_bytes(_budget_sample_with_table_label("预算公开表99999999999"))
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--strict", str(folder)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select max(table_number) from raw.budget_tables").fetchone() == (99999999999,)


def test_a_number_beyond_64_bits_fails_its_document_only(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "huge.txt").write_bytes(_budget_sample_with_table_label("预算公开表99999999999999999999999"))
    shutil.copy(sample_path("002"), folder / "binhai.txt")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(folder)]) == 0
    assert "documents: 2 (1 parsed, 1 failed)" in capsys.readouterr().out
    assert _documents(db) == [
        ("binhai.txt", "parsed", None, 3),
        (
            "huge.txt",
            "failed",
            "huge.txt: its records cannot be stored (OverflowError: Python int too large to convert to C long)",
            0,
        ),
    ]
    assert _count(db, "budget_tables") == 0
    assert _count(db, "project_tables") == 3


def test_a_full_disk_stops_the_run_with_its_cause_and_keeps_what_was_committed(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(sample_path("002"), folder / "a.txt")
    shutil.copy(sample_path("004"), folder / "b.txt")
    db = tmp_path / "w.duckdb"
    real_insert = load._insert
    inserts = []

    def insert_until_full(con, name, table):
        inserts.append(name)
        if inserts.count("indicator_rows") == 2:
            raise duckdb.IOException('Could not write file "w.duckdb": No space left on device')
        real_insert(con, name, table)

    monkeypatch.setattr(load, "_insert", insert_until_full)
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(folder)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err == [
        'ingest: warehouse error, run stopped: Could not write file "w.duckdb": No space left on device',
        "ingest: 1 document(s) were committed before the error",
    ]
    monkeypatch.undo()
    # The first document is complete, the second left no row at all.
    assert _documents(db) == [("a.txt", "parsed", None, 3)]
    assert (_count(db, "project_tables"), _count(db, "indicator_rows")) == (3, 19)


def test_an_unwritable_warehouse_path_is_one_line(tmp_path, capsys):
    (tmp_path / "a_folder.duckdb").mkdir()
    assert main(["--db", str(tmp_path / "a_folder.duckdb"), "--quiet", str(sample_path("002"))]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith(f"ingest: warehouse error, run stopped: cannot open {tmp_path}")


def _dies_on_poison(path):
    """Stand-in for a worker the system kills (out of memory) while it parses one document."""
    if "poison" in path.name:
        os._exit(137)
    return _real_parse_file(path)


_real_parse_file = pipeline.parse_file


def test_a_worker_that_dies_fails_its_document_only(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for prefix in ("000", "002", "004"):
        shutil.copy(sample_path(prefix), folder / f"{prefix}.txt")
    (folder / "poison.txt").write_text("毒", encoding="utf-8")
    monkeypatch.setattr(pipeline, "parse_file", _dies_on_poison)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "2", str(folder)]) == 0
    assert _documents(db) == [
        ("000.txt", "parsed", None, 55),
        ("002.txt", "parsed", None, 3),
        ("004.txt", "parsed_with_warnings", None, 6),
        ("poison.txt", "failed", "poison.txt: the process parsing it died (killed, or out of memory)", 0),
    ]


def test_a_newline_in_a_file_name_cannot_forge_a_console_line(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "x\nfailed: all.txt").write_bytes(b"")
    shutil.copy(sample_path("002"), folder / "binhai.txt")
    assert main(["--db", str(tmp_path / "w.duckdb"), "--quiet", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.strip() for line in out if "failed:" in line] == ["failed: x\\nfailed: all.txt: the file is empty"] * 2


_HANGING_BATCH = """
import sys, time
from pathlib import Path
from ingest import pipeline

def hang(path):
    print("worker", __import__("os").getpid(), flush=True)
    time.sleep(600)

pipeline.parse_file = hang
for _ in pipeline.parse_all([Path("a.txt"), Path("b.txt")], workers=2):
    pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers follow their parent through prctl (Linux)")
def test_workers_die_with_a_killed_ingest(tmp_path):
    batch = subprocess.Popen([sys.executable, "-c", _HANGING_BATCH], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    workers = [int(batch.stdout.readline().split()[1]) for _ in range(2)]
    assert all(Path(f"/proc/{pid}").exists() for pid in workers)
    batch.kill()
    batch.wait()
    for pid in workers:
        for _ in range(200):  # the kernel delivers the parent-death signal at once; reaping may take a moment
            if not _alive(pid):
                break
            time.sleep(0.05)
        assert not _alive(pid), f"worker {pid} outlived its killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
