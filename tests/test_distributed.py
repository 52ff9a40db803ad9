"""The parse stage on Ray (a local Ray instance: no cluster, nothing downloaded) writes the raw layer as a Parquet
set per document and gives the warehouse exactly the raw rows the local processes give."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from conftest import SAMPLES, sample_path
from ingest import pipeline
from ingest.cli import main

HOUR_AGO = 1_700_000_000


def raw_rows(db) -> dict[str, list]:
    """Every raw table's rows, sorted; parse_seconds (a timing) left out."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        query = "select table_name from information_schema.tables where table_schema = 'raw' order by 1"
        rows = {}
        for (table,) in con.execute(query).fetchall():
            columns = "* exclude (parse_seconds)" if table == "documents" else "*"
            rows[table] = con.execute(f"select {columns} from raw.{table} order by all").fetchall()
        return rows
    finally:
        con.close()


@pytest.fixture(scope="module")
def local_ray():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def docs(tmp_path_factory, parsed):
    """The samples, the PDF and DOCX of sample 002, a copy, an empty file and one with no known layout."""
    from render_samples import render_docx, render_pdf

    folder = tmp_path_factory.mktemp("ray") / "docs"
    shutil.copytree(SAMPLES, folder)
    (folder / "binhai.pdf").write_bytes(render_pdf(parsed["002"]))
    (folder / "binhai.docx").write_bytes(render_docx(parsed["002"]))
    shutil.copy(sample_path("004"), folder / "tianchang_copy.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.txt").write_text("会议纪要\n\n今天讨论了预算。\n", encoding="utf-8")
    for path in folder.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return folder


def test_ray_gives_the_raw_rows_of_the_local_path(tmp_path, docs, local_ray, monkeypatch):
    local, on_ray, from_parquet = tmp_path / "local.duckdb", tmp_path / "ray.duckdb", tmp_path / "parquet.duckdb"
    raw_dir = tmp_path / "raw"
    assert main(["--db", str(local), "--quiet", "--workers", "2", str(docs)]) == 0
    assert main(["--db", str(on_ray), "--quiet", "--engine", "ray", "--raw-dir", str(raw_dir), str(docs)]) == 0
    expected = raw_rows(local)
    assert len(expected["documents"]) == 10 and len(expected["indicator_rows"]) == 372 + 326 + 19 * 3 + 67 + 92
    assert raw_rows(on_ray) == expected

    # One Parquet set per document, documents.parquet in each; sets read by DuckDB give the same documents rows.
    con = duckdb.connect(str(on_ray), read_only=True)
    ids = {row[0] for row in con.execute("select document_id from raw.documents").fetchall()}
    con.close()
    assert {folder.name for folder in raw_dir.iterdir()} == ids
    from_files = duckdb.sql(
        f"select * exclude (parse_seconds) from read_parquet('{raw_dir}/*/documents.parquet') order by all"
    ).fetchall()
    assert from_files == expected["documents"]
    indicators = duckdb.sql(f"select count(*) from read_parquet('{raw_dir}/*/indicator_rows.parquet')").fetchall()[0]
    assert indicators == (len(expected["indicator_rows"]),)

    # Another warehouse loads the sets without parsing anything.
    parsed = []
    monkeypatch.setattr(pipeline, "parse_file", lambda path: parsed.append(path) or None)
    assert main(["--db", str(from_parquet), "--quiet", "--workers", "1", "--raw-dir", str(raw_dir), str(docs)]) == 0
    assert parsed == []
    assert raw_rows(from_parquet) == expected


def test_a_changed_document_replaces_its_parquet_set(tmp_path, docs, local_ray):
    folder = tmp_path / "docs"
    shutil.copytree(docs, folder)
    db, raw_dir = tmp_path / "w.duckdb", tmp_path / "raw"
    args = ["--db", str(db), "--quiet", "--engine", "ray", "--raw-dir", str(raw_dir), str(folder)]
    assert main(args) == 0
    before = {path.name for path in raw_dir.iterdir()}
    path = folder / sample_path("002").name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[bookmark: _Toc_4_4_0000000006]")], encoding="utf-8")
    assert main(args) == 0
    after = {path.name for path in raw_dir.iterdir()}
    con = duckdb.connect(str(db), read_only=True)
    new_id = con.execute("select document_id from raw.documents where file_name = ?", [path.name]).fetchone()[0]
    assert con.execute("select n_projects from raw.documents where document_id = ?", [new_id]).fetchone() == (2,)
    assert after - before == {new_id} and len(before - after) == 1  # the old set is gone, the new one is there
