"""A long PDF is read in page ranges by several worker processes, assembled, and parsed as one document.

The PDF reader's page-range API (pdf_page_count, read_pdf_pages, assemble_pdf) is stood in for here by one that
reads a text export, so what is tested is the scheduling: every page read once, in ranges spread over processes,
the parts assembled and parsed once, and a range that cannot be read sending the file to be parsed whole.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import sample_path
from ingest import pipeline
from ingest.readers import read_document

PAGES = 45


def stand_in(fail_on: int | None = None):
    def read_pdf_pages(data, file_name, pages):
        if fail_on in pages:
            raise ValueError("this range cannot be read")
        return (os.getpid(), tuple(pages), data)

    def assemble_pdf(parts):
        pages = sorted(page for _, numbers, _ in parts for page in numbers)
        assert pages == list(range(1, PAGES + 1))
        os.write(report, f"{len({pid for pid, _, _ in parts})} {len(parts)}\n".encode())
        return read_document(Path("assembled.txt"), parts[0][2])

    report = os.open(os.environ["RANGES_REPORT"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    return SimpleNamespace(
        pdf_page_count=lambda data, file_name: PAGES, read_pdf_pages=read_pdf_pages, assemble_pdf=assemble_pdf
    )


@pytest.fixture()
def long_pdf(tmp_path, monkeypatch):
    path = tmp_path / "long.pdf"
    path.write_bytes(sample_path("002").read_bytes())  # the stand-in reads it as text
    report = tmp_path / "report"
    monkeypatch.setenv("RANGES_REPORT", str(report))
    return path, report


def test_a_long_pdf_is_read_in_ranges_and_parsed_once(long_pdf, monkeypatch):
    path, report = long_pdf
    reader = stand_in()
    monkeypatch.setattr(pipeline, "page_reader", lambda: reader)
    # two ranges per worker, contiguous, every page once
    assert pipeline.page_ranges(path, 2) == [tuple(range(1, 12)), tuple(range(12, 23)), tuple(range(23, 35)),
                                             tuple(range(35, 46))]  # fmt: skip
    (document,) = list(pipeline.parse_all([path], workers=2))
    assert (document.row.status, document.row.n_projects, document.row.n_indicators) == ("parsed", 3, 19)
    assert document.row.file_name == "long.pdf"
    assert document.tables["indicator_rows"].num_rows == 19
    assert report.read_text().split()[1] == "4"  # assembled once, from the four ranges


def test_a_range_that_cannot_be_read_sends_the_file_to_be_parsed_whole(long_pdf, monkeypatch):
    path, report = long_pdf
    reader = stand_in(fail_on=30)
    monkeypatch.setattr(pipeline, "page_reader", lambda: reader)
    (document,) = list(pipeline.parse_all([path], workers=2))
    # Parsed whole by the real reader: the text is no PDF, and the failure says so as for any file.
    assert document.row.status == "failed" and document.row.error.startswith("long.pdf: ")
    assert not report.exists() or report.read_text() == ""


def test_a_short_pdf_or_one_worker_reads_it_whole(long_pdf, monkeypatch):
    path, _ = long_pdf
    reader = stand_in()
    monkeypatch.setattr(pipeline, "page_reader", lambda: reader)
    assert pipeline.page_ranges(path, 1) == []
    monkeypatch.setattr(pipeline, "LONG_PDF_PAGES", PAGES + 1)
    assert pipeline.page_ranges(path, 2) == []
