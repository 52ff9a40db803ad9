"""Readers never block a rebuild and a rebuild never breaks readers; one writer at a time; a killed run is harmless."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from conftest import ROOT, SAMPLES, sample_path
from ingest import publish
from ingest.cli import main

# A notebook: opens the warehouse read-only, reads, waits, reads again on the same connection, then reconnects.
READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
count = "select count(*) from raw.documents"
print("before", con.execute(count).fetchone()[0], flush=True)
sys.stdin.readline()
print("same connection", con.execute(count).fetchone()[0], flush=True)
con.close()
print("reconnected", duckdb.connect(sys.argv[1], read_only=True).execute(count).fetchone()[0], flush=True)
"""


def _reader(db: Path) -> subprocess.Popen:
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout.readline().split() == ["before", "5"]
    return reader


def _finish(reader: subprocess.Popen) -> list[str]:
    out, _ = reader.communicate("go\n", timeout=120)
    assert reader.returncode == 0
    return out.splitlines()


def test_a_reader_open_during_make_warehouse_keeps_working(tmp_path):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(SAMPLES)]) == 0
    docs = tmp_path / "docs"
    docs.mkdir()
    for prefix in ("002", "004"):
        shutil.copy(sample_path(prefix), docs)
    reader = _reader(db)
    make = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "warehouse", f"DB={db}", f"DOCS={docs}"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert make.returncode == 0, make.stderr[-2000:]
    # The folder now holds two documents: the three others were pruned, and the summary said so.
    assert "pruned 3 document(s) no longer in the given folders" in make.stdout
    assert _finish(reader) == ["same connection 5", "reconnected 2"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from marts.projects").fetchone() == (3 + 6,)
    # This warehouse's dbt target folder is its own.
    (site,) = [line.split(": ", 1)[1] for line in make.stdout.splitlines() if line.startswith("docs site: ")]
    assert Path(site).is_file() and Path(site).parent.name.startswith("w-")
    assert Path(site).parent.parent == ROOT / "target"


def test_a_reader_open_during_ingest_keeps_working(tmp_path):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(SAMPLES)]) == 0
    reader = _reader(db)
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    assert _finish(reader) == ["same connection 5", "reconnected 1"]


def test_a_second_writer_is_told_who_holds_the_lock(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    with publish.rebuilding(db, "ingest data/samples"):
        assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 4
    err = capsys.readouterr().err
    assert err.startswith(f"ingest: w.duckdb is being rebuilt by pid {os.getpid()} (ingest data/samples, since ")
    assert err.endswith("); try again when it has finished\n") and err.count("\n") == 1
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 0  # the lock is released


def test_a_foreign_read_write_connection_is_named(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; con = duckdb.connect(sys.argv[1]); print('open', flush=True); sys.stdin.readline()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "open\n"
    try:
        capsys.readouterr()
        assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 4
    finally:
        holder.communicate("done\n", timeout=60)
    err = capsys.readouterr().err
    assert err.startswith("ingest: w.duckdb is open for writing (") and f"(PID {holder.pid})" in err
    assert err.endswith("close that connection, or open it with read_only=True\n") and err.count("\n") == 1


# An ingest killed with SIGKILL while it loads its third document.
KILLED = """
import os, signal, sys
from ingest import cli, load
real = load.Loader.add
loaded = []
def load_then_die(loader, document):
    if len(loaded) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    loaded.append(document.row.file_name)
    return real(loader, document)
load.Loader.add = load_then_die
cli.main(["--db", sys.argv[1], "--quiet", "--workers", "1", sys.argv[2]])
"""


def test_kill_9_mid_batch_leaves_the_warehouse_whole_and_a_rerun_completes(tmp_path):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 0
    killed = subprocess.run([sys.executable, "-c", KILLED, str(db), str(SAMPLES)], capture_output=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL
    assert (tmp_path / ".w.duckdb.building" / "w.duckdb").exists()  # the half-built copy, never swapped in
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (1, 3)
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (3,)
    con.close()
    assert main(["--db", str(db), "--quiet", str(SAMPLES)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (5, 125)
    assert con.execute("select count(*) from raw.indicator_rows").fetchone() == (372 + 326 + 19 + 67 + 92,)
    assert not (tmp_path / ".w.duckdb.building").exists()


def test_a_warehouse_in_a_missing_folder_is_one_line(tmp_path, capsys):
    db = tmp_path / "no_such_folder" / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"ingest: warehouse error, run stopped: cannot open {db}: folder {db.parent} does not exist",
        "ingest: nothing of this run was published; w.duckdb is as it was",
    ]
