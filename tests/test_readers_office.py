"""Old binary formats: .xls (xlrd), .doc and .wps (LibreOffice to DOCX); the fixtures are made with LibreOffice."""

from __future__ import annotations

import pytest
from test_readers_pdf_docx import budget, filled, projects
from test_readers_spreadsheet import budget_workbook, check_budget_workbook

from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers import office, read_document
from ingest.readers.doc import read_doc, read_wps
from ingest.readers.xls import read_xls
from render_samples import render_docx, render_xlsx

COUNTS = {"000": (55, 372, 0), "002": (3, 19, 0), "003": (7, 67, 157)}


@pytest.fixture(scope="module")
def soffice():
    assert office.soffice(), "LibreOffice is not installed: run scripts/install_system_deps.sh"


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_xls_saved_by_libreoffice_parses_like_the_text_export(soffice, parsed, prefix):
    xls = office.convert(render_xlsx(parsed[prefix]), f"{prefix}.xlsx", ".xlsx", "xls")
    document = read_xls(xls, f"{prefix}.xls")
    assert document.format == "xls"
    again = parse_document(document)
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == COUNTS[prefix]
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert budget(again) == budget(parsed[prefix])


def test_xls_cells_read_as_the_sheet_shows_them(soffice):
    # The XLSX fixture saved as .xls by LibreOffice: formats, merges, borders and the hidden sheet survive.
    check_budget_workbook(read_xls(office.convert(budget_workbook(), "budget.xlsx", ".xlsx", "xls"), "budget.xls"))


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_doc_converted_through_libreoffice_parses_like_the_text_export(soffice, parsed, prefix, tmp_path):
    doc = office.convert(render_docx(parsed[prefix]), f"{prefix}.docx", ".docx", "doc")
    assert doc.startswith(b"\xd0\xcf\x11\xe0")  # a real Word 97-2003 binary file
    path = tmp_path / f"{prefix}.doc"
    path.write_bytes(doc)
    document = read_document(path)
    assert document.format == "doc"
    again = parse_document(document)
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == COUNTS[prefix]
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert budget(again) == budget(parsed[prefix])
    # Kingsoft WPS Writer files are Word binaries under a .wps name.
    wps = parse_document(read_wps(doc, f"{prefix}.wps"))
    assert projects(wps) == projects(parsed[prefix]) and filled(wps) == filled(parsed[prefix])


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
    with pytest.raises(DocumentError, match=r"page\.xls: a web page \(HTML\) saved under an \.xls name"):
        read_xls("<html><body><table><tr><td>预算数</td></tr></table></body></html>".encode(), "page.xls")
    with pytest.raises(DocumentError, match=r"junk\.xls: not an Excel \.xls workbook"):
        read_xls(b"junk", "junk.xls")
    with pytest.raises(DocumentError, match=r"cut\.xls: not a readable \.xls workbook"):
        read_xls(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "cut.xls")
    # An XLSX under an .xls name is read as what it is.
    path = tmp_path / "renamed.xls"
    path.write_bytes(budget_workbook())
    assert read_document(path).format == "xlsx"
