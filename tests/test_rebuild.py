"""Readers never block a rebuild and a rebuild never breaks readers; one writer at a time; a killed run is harmless."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

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


@pytest.fixture(autouse=True)
def _in_place(monkeypatch):
    """The fixtures' warehouses are small, below the size a publish copies under: these tests bring the standby up to
    date in place (all publishes of a large warehouse), unless they set the threshold themselves."""
    monkeypatch.setenv(publish.COPY_BELOW_ENV, "0")


def _reader(db: Path, documents: int = 5) -> subprocess.Popen:
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout.readline().split() == ["before", str(documents)]
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
    standby = tmp_path / ".w.duckdb.buffers" / "1" / "w.duckdb"  # the half-built standby, never swapped in
    assert standby.exists() and not standby.samefile(db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (1, 3)
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (3,)
    con.close()
    assert main(["--db", str(db), "--quiet", str(SAMPLES)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (5, 125)
    assert con.execute("select count(*) from raw.indicator_rows").fetchone() == (372 + 326 + 19 + 67 + 92,)
    assert db.samefile(standby) and not (tmp_path / "w.duckdb.wal").exists()


def test_a_warehouse_in_a_missing_folder_is_one_line(tmp_path, capsys):
    db = tmp_path / "no_such_folder" / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"ingest: warehouse error, run stopped: cannot open {db}: folder {db.parent} does not exist",
        "ingest: nothing of this run was published; w.duckdb is as it was",
    ]


def _buffer(db: Path, index: int) -> Path:
    return db.parent / f".{db.name}.buffers" / str(index) / db.name


def _is_published(db: Path, index: int) -> bool:
    """The warehouse is a regular file, the same file as the buffer, checkpointed (no WAL beside either)."""
    buffer = _buffer(db, index)
    return (
        db.is_file()
        and not db.is_symlink()
        and db.samefile(buffer)
        and db.stat().st_nlink == 2
        and not Path(f"{db}.wal").exists()
        and not Path(f"{buffer}.wal").exists()
    )


def test_rebuilds_write_the_standby_in_place_and_copy_only_when_a_reader_holds_it(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0  # built in buffer 0
    assert _is_published(db, 0)
    assert main(["--db", str(db), "--quiet", "--prune", str(SAMPLES)]) == 0  # the first standby: a copy of buffer 0
    assert _is_published(db, 1)
    assert capsys.readouterr().err == ""
    reader = _reader(db)  # holds buffer 1
    written = _buffer(db, 0).stat().st_ino
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    # Buffer 0 was brought up to date in place (the same file, no copy, nothing said) and published.
    assert _is_published(db, 0) and db.stat().st_ino == written
    assert capsys.readouterr().err == ""
    held = _buffer(db, 1).stat().st_ino
    docs = tmp_path / "docs"
    _copy_samples(docs, "002", "004")
    assert main(["--db", str(db), "--quiet", "--prune", str(docs)]) == 0
    # Buffer 1 is the reader's file: the rebuild wrote a fresh copy instead, and said so.
    err = capsys.readouterr().err
    assert err.startswith("publish: its standby buffer is held by ")
    assert f" (PID {reader.pid}), a reader of an earlier build; copying w.duckdb (" in err
    assert err.endswith(" MB) into a fresh standby instead\n") and err.count("\n") == 1
    assert _is_published(db, 1) and db.stat().st_ino != held
    assert _finish(reader) == ["same connection 5", "reconnected 2"]
    fresh = tmp_path / "fresh.duckdb"
    assert main(["--db", str(fresh), "--quiet", str(docs)]) == 0
    assert _differences(db, fresh, "raw") == {}
    assert main(["--db", str(db), "--quiet", "--prune", str(docs)]) == 0  # nothing to do: nothing published
    assert _is_published(db, 1) and capsys.readouterr().err == ""


def test_a_command_inside_a_publish_writes_each_standby_by_the_same_path(tmp_path):
    """dbt parses the whole project again when its profile's path changes: the buffers alternate, the path does not."""
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0  # built in buffer 0
    said = tmp_path / "paths.txt"
    command = [sys.executable, "-c", f"import os; open({str(said)!r}, 'a').write(os.environ['WAREHOUSE_DB'] + '\\n')"]
    for published in (1, 0, 1):
        assert publish.run(db, command) == 0
        assert _is_published(db, published)
    link = tmp_path / ".w.duckdb.buffers" / "standby"
    assert said.read_text().splitlines() == [str(link / "w.duckdb")] * 3
    assert os.readlink(link) == "1" and not list(link.parent.glob(".standby*"))
    assert main(["--db", str(db), "--quiet", "--prune", str(SAMPLES)]) == 0  # ingest writes it by that path too
    assert _is_published(db, 0)
    assert os.readlink(link) == "0"


def test_a_read_only_command_keeps_its_own_dbt_parse_and_puts_the_builds_back(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    target = tmp_path / "target"
    target.mkdir()
    monkeypatch.setenv("DBT_TARGET_PATH", str(target))
    parse, found = target / "partial_parse.msgpack", tmp_path / "found.txt"
    parse.write_text("build's")
    # A stand-in for dbt docs generate: notes the parse it found and writes its own, as dbt does.
    script = "import os, pathlib, sys; p, f = map(pathlib.Path, sys.argv[1:]); "
    script += "f.open('a').write(f'{p.exists() and p.read_text()}\\n'); "
    script += "p.write_text(os.environ['WAREHOUSE_ACCESS_MODE'])"
    for _ in range(2):
        assert publish.run(db, [sys.executable, "-c", script, str(parse), str(found)], read_only=True) == 0
        assert parse.read_text() == "build's"  # the build's parse is back
    assert found.read_text().splitlines() == ["False", "read_only"]  # the second run found its own
    assert sorted(path.name for path in target.iterdir()) == [
        "partial_parse.msgpack",
        "partial_parse.read_only.msgpack",
    ]


def test_a_warehouse_below_the_size_threshold_is_copied_and_above_it_written_in_place(tmp_path, monkeypatch, capsys):
    def threshold(megabytes_over_the_warehouse: float) -> None:
        megabytes = db.stat().st_size / 1e6 + megabytes_over_the_warehouse
        monkeypatch.setenv(publish.COPY_BELOW_ENV, str(megabytes))

    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0  # built in buffer 0
    assert main(["--db", str(db), "--quiet", "--prune", str(SAMPLES)]) == 0  # buffer 1: the first standby, a copy
    assert _is_published(db, 1) and publish.published_by_copy(db) is True
    reader = _reader(db)  # holds buffer 1
    threshold(-0.01)  # the warehouse is just above the threshold: buffer 0 is brought up to date in place
    written = _buffer(db, 0).stat().st_ino
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    assert _is_published(db, 0) and db.stat().st_ino == written and publish.published_by_copy(db) is False
    threshold(+0.01)  # just below: the standby (buffer 1, the reader's file) is a fresh copy, and nothing is said
    held = _buffer(db, 1).stat().st_ino
    docs = tmp_path / "docs"
    _copy_samples(docs, "002", "004")
    assert main(["--db", str(db), "--quiet", "--prune", str(docs)]) == 0
    assert _is_published(db, 1) and db.stat().st_ino != held and publish.published_by_copy(db) is True
    assert capsys.readouterr().err == ""
    assert _finish(reader) == ["same connection 5", "reconnected 2"]
    fresh = tmp_path / "fresh.duckdb"
    assert main(["--db", str(fresh), "--quiet", str(docs)]) == 0
    assert _differences(db, fresh, "raw") == {}
    # Unset, the threshold is the one the module and the README state.
    monkeypatch.delenv(publish.COPY_BELOW_ENV)
    assert publish.copy_below() == publish.COPY_BELOW_MB * 1_000_000
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"below {publish.COPY_BELOW_MB} MB (`{publish.COPY_BELOW_ENV}`" in readme


def test_a_warehouse_an_older_version_wrote_gets_its_buffers(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 0
    shutil.rmtree(tmp_path / ".w.duckdb.buffers")  # as an older version left it: one file, no buffers
    shutil.copyfile(db, tmp_path / "old.duckdb")
    os.replace(tmp_path / "old.duckdb", db)
    capsys.readouterr()
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("004"))]) == 0
    assert _is_published(db, 0) and capsys.readouterr().err == ""
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    assert _is_published(db, 1) and capsys.readouterr().err == ""
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select file_name from raw.documents").fetchall() == [(sample_path("002").name,)]


def test_a_warehouse_written_outside_a_publish_is_copied_into_the_standby(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("001"))]) == 0
    con = duckdb.connect(str(db))  # an analyst's read-write connection adds a table of their own
    con.execute("create table main.my_notes as select 1 as note")
    con.close()
    capsys.readouterr()
    assert main(["--db", str(db), "--quiet", "--prune", str(sample_path("002"))]) == 0
    err = capsys.readouterr().err
    assert err.startswith("publish: w.duckdb was written since it was published (not by ingest or make); copying ")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select note from main.my_notes").fetchall() == [(1,)]
    assert con.execute("select file_name from raw.documents").fetchall() == [(sample_path("002").name,)]


def _copy_samples(folder: Path, *prefixes: str) -> None:
    """Copies of samples, their file times an hour old (so that a run's documents rows record them)."""
    folder.mkdir(exist_ok=True)
    for prefix in prefixes:
        copy = Path(shutil.copy(sample_path(prefix), folder))
        os.utime(copy, (copy.stat().st_mtime - 3600,) * 2)


def _differences(db: Path, other: Path, *schemas: str) -> dict[str, tuple[int, int]]:
    """Relations of the schemas whose rows differ between two warehouses (parse_seconds aside, and document_revision,
    an md5 of the raw.documents row that holds it): rows only in the first, rows only in the second."""
    con = duckdb.connect()
    con.execute(f"attach '{db}' as a (read_only)")
    con.execute(f"attach '{other}' as b (read_only)")
    listed = ", ".join(f"'{schema}'" for schema in schemas)
    relations = {
        catalog: set(
            con.execute(
                f"select table_schema, table_name from information_schema.tables "
                f"where table_catalog = '{catalog}' and table_schema in ({listed})"
            ).fetchall()
        )
        for catalog in ("a", "b")
    }
    assert relations["a"] == relations["b"] and relations["a"]
    found = {}
    for schema, name in sorted(relations["a"]):
        columns = ", ".join(
            f'"{column}"'
            for (column,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'a' and table_schema = ? "
                "and table_name = ? and column_name not in ('parse_seconds', 'document_revision') "
                "order by ordinal_position",
                [schema, name],
            ).fetchall()
        )
        a, b = (f"select {columns} from {catalog}.{schema}.{name}" for catalog in ("a", "b"))
        only = tuple(
            con.execute(f"select count(*) from ({x} except all {y})").fetchone()[0] for x, y in ((a, b), (b, a))
        )
        if only != (0, 0):
            found[f"{schema}.{name}"] = only
    con.close()
    return found


# A dbt build killed (SIGKILL) after it rebuilt part of the models in the standby, before the swap.
KILLED_DBT = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from conftest import run_dbt
from ingest import publish
with publish.rebuilding(sys.argv[1], "dbt build") as standby:
    run_dbt(["run", "--select", "staging"], standby, Path(sys.argv[3]))
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_dbt_build_killed_midway_leaves_the_warehouse_and_publishes_equal_a_fresh_build(tmp_path):
    from conftest import run_dbt

    db, target = tmp_path / "w.duckdb", tmp_path / "target"

    def dbt_build(warehouse: Path) -> None:
        with publish.rebuilding(warehouse, "dbt build") as standby:
            run_dbt(["seed"], standby, target)
            run_dbt(["run"], standby, target)

    assert main(["--db", str(db), "--quiet", "--prune", str(SAMPLES)]) == 0
    dbt_build(db)
    docs = tmp_path / "docs"
    _copy_samples(docs, "001", "002", "004")
    assert main(["--db", str(db), "--quiet", "--prune", str(docs)]) == 0  # raw: 3 documents, marts: still 5
    published = db.stat()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_DBT, str(db), str(ROOT / "tests"), str(target)], capture_output=True, timeout=900
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert db.stat().st_ino == published.st_ino and db.stat().st_mtime_ns == published.st_mtime_ns
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(distinct document_id) from marts.projects").fetchone() == (5,)
    assert con.execute("select count(*) from raw.documents").fetchone() == (3,)
    con.close()
    dbt_build(db)  # the half-built standby is brought up to date and built again
    assert main(["--db", str(db), "--quiet", "--prune", str(docs)]) == 0  # nothing to do
    fresh = tmp_path / "fresh" / "w.duckdb"
    fresh.parent.mkdir()
    assert main(["--db", str(fresh), "--quiet", str(docs)]) == 0
    run_dbt(["seed"], fresh, tmp_path / "fresh_target")
    run_dbt(["run"], fresh, tmp_path / "fresh_target")
    assert _differences(db, fresh, "raw", "reference", "staging", "intermediate", "marts") == {}
    assert db.is_file() and db.stat().st_nlink == 2 and not Path(f"{db}.wal").exists()


def test_what_a_build_writes_beside_the_warehouse_is_ignored_by_git(tmp_path):
    """The buffers, lock and (in a build) publishing and spill files live beside the warehouse; in a clone of the
    project `git status` lists none of them after `make warehouse`."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copyfile(ROOT / ".gitignore", tmp_path / ".gitignore")
    db = tmp_path / "warehouse.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("002"))]) == 0
    (tmp_path / f".{db.name}.publishing").write_text("")  # what a killed publish leaves
    (tmp_path / f"{db.name}.tmp").mkdir()  # DuckDB's spill folder, left by a killed build
    (tmp_path / f"{db.name}.tmp" / "duckdb_temp_storage-0.tmp").write_text("")
    assert db.is_file() and (tmp_path / f".{db.name}.buffers" / "state.json").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True
    )
    assert status.stdout.splitlines() == ["?? .gitignore"]
