"""End to end into a temporary DuckDB: replace-not-duplicate, failures recorded, the batch goes on."""

from __future__ import annotations

import hashlib
import shutil

import duckdb
import pytest

from conftest import SAMPLES, sample_path
from ingest.cli import main


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.execute(f"select count(*) from raw.{table}").fetchone()[0]
            for table in ("documents", "project_tables", "indicator_rows", "spending_plans", "parse_issues")
        }
    finally:
        con.close()


def test_loading_twice_changes_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(SAMPLES)]) == 0
    first = counts(db)
    assert first["documents"] == 5
    assert first["project_tables"] == 55 + 54 + 3 + 7 + 6
    assert first["indicator_rows"] == 372 + 326 + 19 + 67 + 92
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(SAMPLES)]) == 0
    assert counts(db) == first


def test_document_id_is_the_sha256_of_the_bytes(tmp_path):
    db = tmp_path / "w.duckdb"
    path = sample_path("002")
    main(["--db", str(db), "--quiet", str(path)])
    con = duckdb.connect(str(db), read_only=True)
    assert (
        con.execute("select document_id from raw.documents").fetchone()[0]
        == hashlib.sha256(path.read_bytes()).hexdigest()
    )


def test_a_changed_file_replaces_its_rows(tmp_path):
    db = tmp_path / "w.duckdb"
    path = tmp_path / "binhai.txt"
    shutil.copy(sample_path("002"), path)
    main(["--db", str(db), "--quiet", str(path)])
    text = path.read_text(encoding="utf-8")
    # Drop the third project (from its title to the end).
    path.write_text(text[: text.index("[bookmark: _Toc_4_4_0000000006]")], encoding="utf-8")
    main(["--db", str(db), "--quiet", str(path)])
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), max(n_projects) from raw.documents").fetchone() == (1, 2)
    assert con.execute("select count(*) from raw.project_tables").fetchone()[0] == 2
    assert con.execute("select count(distinct document_id) from raw.indicator_rows").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("garbage.txt", b"\x00\xff\x10" * 100, "garbage.txt: binary content"),
        ("notes.txt", "会议纪要\n\n今天讨论了预算。\n".encode(), "notes.txt: no known layout found"),
        ("broken.pdf", b"%PDF-1.4 not really", "broken.pdf: corrupt PDF"),
        ("budget.xls", b"x", "budget.xls: not an Excel .xls workbook"),
        ("slides.pptx", b"x", "slides.pptx: no reader for '.pptx'"),
    ],
)
def test_a_bad_file_is_recorded_and_the_batch_goes_on(tmp_path, capsys, name, data, reason):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / name).write_bytes(data)
    shutil.copy(sample_path("002"), folder / "binhai.txt")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(folder)]) == 0
    assert main(["--db", str(db), "--quiet", "--strict", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "documents: 2 (1 parsed, 1 failed)" in out
    assert reason in out
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select file_name, status, error from raw.documents order by file_name").fetchall()
    assert rows[0][:2] == ("binhai.txt", "parsed")
    assert rows[1][0] == name and rows[1][1] == "failed" and rows[1][2].startswith(reason)
    assert con.execute("select count(*) from raw.project_tables").fetchone()[0] == 3


def test_gbk_encoded_sample_loads_like_utf8(tmp_path):
    path = tmp_path / "binhai_gbk.txt"
    path.write_bytes(sample_path("002").read_text(encoding="utf-8").encode("gbk"))
    db = tmp_path / "w.duckdb"
    main(["--db", str(db), "--quiet", str(path)])
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select status, n_projects, n_indicators from raw.documents").fetchone() == ("parsed", 3, 19)


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "w.duckdb"), str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_scan_with_nothing_legible_is_recorded_as_failed(tmp_path, capsys):
    from reportlab.pdfgen import canvas

    folder = tmp_path / "docs"
    folder.mkdir()
    page = canvas.Canvas(str(folder / "scan.pdf"))
    page.rect(100, 100, 300, 400, fill=1)
    page.showPage()
    page.save()
    shutil.copy(sample_path("004"), folder / "tianchang.txt")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(folder)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select status, error from raw.documents where file_name = 'scan.pdf'").fetchone() == (
        "failed",
        "scan.pdf: no text layer on any of its 1 pages, and no text recognised in them (a blank or unreadable scan?)",
    )
    assert con.execute("select n_projects from raw.documents where file_name = 'tianchang.txt'").fetchone() == (6,)


def test_pdf_and_docx_load_end_to_end(tmp_path, parsed):
    from render_samples import render_docx, render_pdf

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "binhai.pdf").write_bytes(render_pdf(parsed["002"]))
    (folder / "binhai.docx").write_bytes(render_docx(parsed["002"]))
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--strict", str(folder)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select format, page_count, status, n_projects, n_indicators from raw.documents order by format"
    ).fetchall()
    assert rows == [("docx", None, "parsed", 3, 19), ("pdf", 2, "parsed", 3, 19)]
    pages = con.execute(
        "select min(page), max(page) from raw.indicator_rows inner join raw.documents using (document_id) "
        "where format = 'pdf'"
    ).fetchone()
    assert pages == (1, 2)


def test_an_older_warehouse_gains_new_columns(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    con.execute("create table raw.budget_tables (document_id varchar, budget_table_seq integer)")
    con.close()
    assert main(["--db", str(db), "--quiet", str(sample_path("003"))]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*), count(column_headers) from raw.budget_tables").fetchone() == (10, 10)
