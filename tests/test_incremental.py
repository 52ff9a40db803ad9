"""Incremental ingest: a re-run skips what the warehouse holds (often without reading it), parses what changed,
replaces a changed file's rows, and parses everything again when the parser changed or when asked."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import time

import duckdb
import pytest

from conftest import SAMPLES, sample_path
from ingest import cli, files, load, pipeline
from ingest.cli import main
from ingest.result import DocumentResult

HOUR_AGO = time.time() - 3600


def raw_rows(db) -> dict[str, list]:
    """Every raw table's rows, sorted, without the columns a run may change (timing, file time)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        ]
        return {
            table: con.execute(
                f"select * exclude (parse_seconds, file_modified_ns) from raw.{table} order by all"
                if table == "documents"
                else f"select * from raw.{table} order by all"
            ).fetchall()
            for table in sorted(tables)
        }
    finally:
        con.close()


@pytest.fixture()
def docs(tmp_path):
    """The five samples in a folder, their files an hour old (so their times are trusted)."""
    folder = tmp_path / "docs"
    shutil.copytree(SAMPLES, folder)
    for path in folder.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return folder


@pytest.fixture()
def parses(monkeypatch):
    """The files parsed (in this process: the tests run with --workers 1)."""
    parsed = []
    real = pipeline.parse_file

    def counting(path):
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(pipeline, "parse_file", counting)
    return parsed


@pytest.fixture()
def hashes(monkeypatch):
    """The files read to hash them."""
    read = []
    real = hashlib.file_digest

    def counting(handle, digest):
        read.append(os.path.basename(handle.name))
        return real(handle, digest)

    monkeypatch.setattr(hashlib, "file_digest", counting)
    return read


def ingest(db, *paths, options=()) -> int:
    return main(["--db", str(db), "--quiet", "--workers", "1", *options, *map(str, paths)])


def test_a_rerun_skips_unchanged_files_without_reading_them(tmp_path, docs, parses, hashes, capsys):
    db = tmp_path / "w.duckdb"
    assert ingest(db, docs) == 0
    first = raw_rows(db)
    assert len(parses) == 5 and len(hashes) == 5
    parses.clear(), hashes.clear(), capsys.readouterr()
    written = db.stat().st_mtime_ns
    assert ingest(db, docs) == 0
    assert parses == [] and hashes == []
    out = capsys.readouterr().out
    assert "documents: 5 (0 parsed, 0 failed, 5 unchanged, skipped)" in out
    assert "skipped: 5 already loaded with the same bytes and parser (5 known by path, size and time" in out
    assert raw_rows(db) == first
    assert db.stat().st_mtime_ns == written  # nothing to write: the warehouse was not copied and swapped


def test_a_touched_file_is_hashed_not_parsed(tmp_path, docs, parses, hashes, capsys):
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    touched = sample_path("002").name
    os.utime(docs / touched, (HOUR_AGO + 60, HOUR_AGO + 60))
    parses.clear(), hashes.clear()
    assert ingest(db, docs) == 0
    assert parses == [] and hashes == [touched]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select file_modified_ns from raw.documents where file_name = ?", [touched]).fetchone() == (
        (docs / touched).stat().st_mtime_ns,
    )


def test_a_changed_file_is_parsed_and_replaces_its_rows(tmp_path, docs, parses, capsys):
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    path = docs / sample_path("002").name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[bookmark: _Toc_4_4_0000000006]")], encoding="utf-8")  # its third project gone
    parses.clear(), capsys.readouterr()
    assert ingest(db, docs) == 0
    assert parses == [path.name]
    assert "documents: 5 (1 parsed, 0 failed, 4 unchanged, skipped)" in capsys.readouterr().out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (5, 124)
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (124,)
    assert con.execute("select document_id from raw.documents where file_name = ?", [path.name]).fetchone() == (
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def test_a_file_changed_within_its_clock_tick_is_still_seen(tmp_path, parses):
    """A file written just before a run gets no trusted time: written again with the same size and time, the next
    run reads it, sees other bytes and parses it."""
    path = tmp_path / "a.txt"
    shutil.copy(sample_path("002"), path)
    db = tmp_path / "w.duckdb"
    ingest(db, path)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select file_modified_ns from raw.documents").fetchone() == (None,)
    con.close()
    stamp = path.stat().st_mtime_ns
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("预算数", "预算額", 1), encoding="utf-8")  # same size in UTF-8
    os.utime(path, ns=(stamp, stamp))
    parses.clear()
    ingest(db, path)
    assert parses == ["a.txt"]


def test_a_new_parser_parses_again_and_reparse_forces_it(tmp_path, docs, parses, monkeypatch):
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    first = raw_rows(db)
    parses.clear()
    ingest(db, docs, options=["--reparse"])
    assert len(parses) == 5
    monkeypatch.setattr(cli, "parser_version", lambda: "another parser")
    parses.clear()
    ingest(db, docs)
    assert len(parses) == 5
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select distinct parser_version from raw.documents").fetchall() == [("another parser",)]
    con.close()
    monkeypatch.undo()
    ingest(db, docs)
    assert raw_rows(db) == first


def test_a_changed_vocabulary_changes_the_parser_version(tmp_path, monkeypatch):
    from ingest.layouts.labels import VOCABULARY_ENV

    before = files.parser_version()
    extra = tmp_path / "extra.csv"
    extra.write_text("scope,role,label\nheader_block,budget,本年预算数\n", encoding="utf-8")
    monkeypatch.setenv(VOCABULARY_ENV, str(extra))
    assert files.parser_version() != before


def test_what_the_user_states_is_updated_without_parsing(tmp_path, docs, parses):
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    parses.clear()
    ingest(db, docs, options=["--year", "2031"])
    assert parses == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select distinct stated_year, stated_basis from raw.documents").fetchall() == [
        (2031, "ingest options")
    ]


def test_removed_and_moved_files_with_prune(tmp_path, docs, parses, capsys):
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    (docs / sample_path("000").name).unlink()
    moved = docs / "moved.txt"
    (docs / sample_path("001").name).rename(moved)
    parses.clear(), capsys.readouterr()
    assert ingest(db, docs, options=["--prune"]) == 0
    assert parses == ["moved.txt"]  # a file at a new path is parsed (its rows name the path)
    assert "pruned 1 document(s)" in capsys.readouterr().out  # 000; 001's rows were replaced by moved.txt's
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), sum(n_projects) from raw.documents").fetchone() == (4, 54 + 3 + 7 + 6)
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (54 + 3 + 7 + 6,)


def test_copies_and_failures_are_skipped_when_unchanged(tmp_path, docs, parses, capsys):
    shutil.copy(docs / sample_path("002").name, docs / "zz_copy.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "notes.txt").write_text("会议纪要\n\n今天讨论了预算。\n", encoding="utf-8")
    for path in docs.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    db = tmp_path / "w.duckdb"
    ingest(db, docs)
    first = raw_rows(db)
    parses.clear(), capsys.readouterr()
    assert ingest(db, docs, options=["--strict"]) == 1  # the warehouse still holds two failed documents
    assert parses == []
    out = capsys.readouterr().out
    assert "documents: 8 (0 parsed, 0 failed, 8 unchanged, skipped)" in out
    assert "; 2 of them failed before" in out
    assert raw_rows(db) == first


def test_a_batch_with_a_document_that_cannot_be_stored_loads_the_others(tmp_path):
    """Two documents in one batch, one whose records break a key: the batch is loaded again one by one."""
    from ingest.layouts import parse_document
    from ingest.readers import read_document

    con = load.connect(tmp_path / "w.duckdb")

    def result(prefix: str, name: str) -> DocumentResult:
        parsed = parse_document(read_document(sample_path(prefix)))
        return DocumentResult(
            document_id=name, file_name=name, source_path=name, size_bytes=1, format="txt", status="parsed",
            parsed=parsed,
        )  # fmt: skip

    good = result("002", "good")
    broken = result("004", "broken")
    twice = broken.parsed.projects + broken.parsed.projects[:1]
    broken = dataclasses.replace(broken, parsed=dataclasses.replace(broken.parsed, projects=twice))
    loader = load.Loader(con)
    assert loader.add(good) == [] and loader.add(broken) == []
    stored = {result.file_name: result for result in loader.flush()}
    assert stored["good"].status == "parsed"
    assert stored["broken"].status == "failed"
    assert stored["broken"].error.startswith("broken: its records cannot be stored (ConstraintException")
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (3,)
    assert con.execute("select document_id, status from raw.documents order by 1").fetchall() == [
        ("broken", "failed"),
        ("good", "parsed"),
    ]
