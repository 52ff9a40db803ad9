"""Old binary formats and ODS: .xls (xlrd), .ods (its XML), .doc and .wps (LibreOffice to DOCX).

The fixtures are the rendered XLSX and DOCX files saved in those formats by LibreOffice inside the tests.
"""

from __future__ import annotations

import duckdb
import pytest
from test_readers_pdf_docx import budget, filled, projects
from test_readers_spreadsheet import budget_workbook, check_budget_workbook

from ingest.cli import main
from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers import office, read_document
from ingest.readers.doc import read_doc, read_wps
from ingest.readers.ods import read_ods
from ingest.readers.xls import read_xls
from render_samples import render_csv, render_docx, render_xlsx

COUNTS = {"000": (55, 372, 0), "002": (3, 19, 0), "003": (7, 67, 157)}
WORKBOOK_READERS = {"xls": read_xls, "ods": read_ods}


@pytest.fixture(scope="module")
def soffice():
    assert office.soffice(), "LibreOffice is not installed: run scripts/install_system_deps.sh"


def assert_same_records(again, original, counts: tuple[int, int, int]) -> None:
    """The counts expected, and the projects, indicator rows and budget tables of the text export."""
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == counts
    assert projects(again) == projects(original)
    assert filled(again) == filled(original)
    assert budget(again) == budget(original)


@pytest.mark.parametrize(("fmt", "prefix"), [("xls", "000"), ("xls", "002"), ("xls", "003"), ("ods", "002"),
                                             ("ods", "003")])  # fmt: skip
def test_workbook_saved_by_libreoffice_parses_like_the_text_export(soffice, parsed, fmt, prefix):
    data = office.convert(render_xlsx(parsed[prefix]), f"{prefix}.xlsx", ".xlsx", fmt)
    document = WORKBOOK_READERS[fmt](data, f"{prefix}.{fmt}")
    assert document.format == fmt
    assert_same_records(parse_document(document), parsed[prefix], COUNTS[prefix])


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_saved_workbook_cells_read_as_the_sheet_shows_them(soffice, fmt):
    # The XLSX fixture saved by LibreOffice: formats, merges, borders and the hidden sheet survive.
    data = office.convert(budget_workbook(), "budget.xlsx", ".xlsx", fmt)
    check_budget_workbook(WORKBOOK_READERS[fmt](data, f"budget.{fmt}"))


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_doc_converted_through_libreoffice_parses_like_the_text_export(soffice, parsed, prefix, tmp_path):
    doc = office.convert(render_docx(parsed[prefix]), f"{prefix}.docx", ".docx", "doc")
    assert doc.startswith(b"\xd0\xcf\x11\xe0")  # a real Word 97-2003 binary file
    path = tmp_path / f"{prefix}.doc"
    path.write_bytes(doc)
    document = read_document(path)
    assert document.format == "doc"
    assert_same_records(parse_document(document), parsed[prefix], COUNTS[prefix])
    # Kingsoft WPS Writer files are Word binaries under a .wps name.
    assert_same_records(parse_document(read_wps(doc, f"{prefix}.wps")), parsed[prefix], COUNTS[prefix])


def test_without_libreoffice_a_doc_fails_saying_what_to_install(monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(
        DocumentError,
        match=r"^old\.doc: reading \.doc files needs LibreOffice, which is not installed; "
        r"install it with: apt-get install libreoffice-writer-nogui$",
    ):
        read_doc(data, "old.doc")


def test_unreadable_old_files_name_the_file(soffice, tmp_path):
    with pytest.raises(DocumentError, match=r"old\.doc: not a Word \.doc file"):
        read_doc(b"just text", "old.doc")
    with pytest.raises(DocumentError, match=r"broken\.doc: LibreOffice could not convert it to docx"):
        read_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "broken.doc")
    with pytest.raises(DocumentError, match=r"junk\.ods: not a readable ODS file"):
        read_ods(b"PK\x03\x04 not a zip", "junk.ods")
    with pytest.raises(DocumentError, match=r"junk\.xls: not an Excel \.xls workbook"):
        read_xls(b"junk", "junk.xls")
    with pytest.raises(DocumentError, match=r"cut\.xls: not a readable \.xls workbook"):
        read_xls(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "cut.xls")
    # An XLSX under an .xls name is read as what it is.
    path = tmp_path / "renamed.xls"
    path.write_bytes(budget_workbook())
    assert read_document(path).format == "xlsx"


def test_every_new_format_through_the_cli_in_parallel(soffice, parsed, tmp_path):
    # Two workers convert .doc and .wps files at once, each with its own LibreOffice profile.
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = office.convert(render_docx(parsed["002"]), "002.docx", ".docx", "doc")
    (folder / "binhai.doc").write_bytes(doc)
    (folder / "dongli.wps").write_bytes(office.convert(render_docx(parsed["003"]), "003.docx", ".docx", "doc"))
    (folder / "dongli.xls").write_bytes(office.convert(render_xlsx(parsed["003"]), "003.xlsx", ".xlsx", "xls"))
    (folder / "tianjin.xlsx").write_bytes(render_xlsx(parsed["000"]))
    (folder / "binhai.ods").write_bytes(office.convert(render_xlsx(parsed["002"]), "002.xlsx", ".xlsx", "ods"))
    (folder / "tangshan.csv").write_bytes(render_csv(parsed["001"]).encode("gbk"))
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "2", "--strict", str(folder)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select file_name, format, status, n_projects, n_indicators from raw.documents order by file_name"
        ).fetchall()
        lines = con.execute("select count(*) from raw.budget_lines").fetchone()[0]
    finally:
        con.close()
    assert rows == [
        ("binhai.doc", "doc", "parsed", 3, 19),
        ("binhai.ods", "ods", "parsed", 3, 19),
        ("dongli.wps", "wps", "parsed", 7, 67),
        ("dongli.xls", "xls", "parsed", 7, 67),
        ("tangshan.csv", "csv", "parsed", 54, 326),
        ("tianjin.xlsx", "xlsx", "parsed", 55, 372),
    ]
    assert lines == 2 * 157
