"""Scanned documents: sample tables rendered to PDF, "printed and scanned" (rasterised at 150 and 200 dpi, grey,
turned by under a degree, JPEG-compressed) into image-only PDFs and PNGs, read back like the text layer.

OCR takes seconds a page, so the fixtures are a few pages each: representative tables of three samples (000's
five-column tables, one split by a page break; 001's six-column tables with project code and spending plan;
004's mid-term and annual targets side by side).
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from test_readers_pdf_docx import filled, projects

from ingest.errors import NeedsOCR
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.readers.image import read_image
from ingest.readers.pdf import read_pdf
from render_samples import image_pdf, page_images, render_pdf, scanned_pdf, subset

CASES = {"000": (1, 2, 3), "001": (1, 2), "004": (1,)}
SCANS = {150: 0.6, 200: -0.8}  # dpi: degrees the page is turned on the scanner


@pytest.fixture(scope="module")
def rendered(parsed) -> dict[str, bytes]:
    return {prefix: render_pdf(subset(parsed[prefix], seqs)) for prefix, seqs in CASES.items()}


@pytest.fixture(scope="module")
def scans(rendered):
    """Per (sample, dpi): the text layer's parse, the scan's Document and its parse."""
    out = {}
    for prefix, pdf in rendered.items():
        text = parse_document(read_pdf(pdf, f"{prefix}.pdf"))
        for dpi, angle in SCANS.items():
            document = read_pdf(scanned_pdf(pdf, dpi, angle), f"{prefix}_scan_{dpi}.pdf")
            out[(prefix, dpi)] = (text, document, parse_document(document))
    return out


@pytest.mark.parametrize("prefix", sorted(CASES))
@pytest.mark.parametrize("dpi", sorted(SCANS))
def test_scanned_sample_parses_like_its_text_layer(scans, prefix, dpi):
    text, document, again = scans[(prefix, dpi)]
    assert document.format == "pdf+ocr"
    assert len(again.projects) == len(CASES[prefix])
    assert projects(again) == projects(text)
    assert filled(again) == filled(text)
    assert [(p.table_seq, p.period, p.share) for p in again.spending_plans] == [
        (p.table_seq, p.period, p.share) for p in text.spending_plans
    ]
    assert (again.meta.issuer, again.meta.budget_year) == (text.meta.issuer, text.meta.budget_year)


def test_scanned_budgets_and_targets_are_exact(scans):
    tianjin = scans[("000", 150)][2]
    assert [p.budget for p in tianjin.projects] == ["187.10", "2.38", "20.30"]
    assert [r.target for r in tianjin.indicators[:5]] == ["≥5次", "≥30次", "≥90百分比", "2025年12月前", "≤10万元"]
    tangshan = scans[("001", 200)][2]
    assert [(p.project_code, p.budget, p.fiscal) for p in tangshan.projects] == [
        ("13020025P00682510503U", "3.00", "3.00"),
        ("13020025P00T82D100042", "5.00", "5.00"),
    ]
    tianchang = scans[("004", 150)][2]
    assert (tianchang.projects[0].budget, tianchang.projects[0].midterm_budget) == ("240.00", "240.00")
    assert len([r for r in tianchang.indicators if r.horizon == "midterm"]) == 9


def test_scanned_cells_carry_confidence_and_numbered_lines(scans):
    _, document, again = scans[("000", 200)]
    tables = document.tables()
    texts = [cell for table in tables for row in table.rows for cell in row.cells if cell.text]
    assert texts and all(cell.confidence is not None and 0.8 <= cell.confidence <= 1 for cell in texts)
    lines = [row.line for table in tables for row in table.rows]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    # Records point at the lines their cells came from.
    cell_lines = {cell.line for cell in again.cells}
    assert all(row.line in cell_lines for row in again.indicators)
    assert {row.page for row in again.indicators} == {1, 2}


def test_text_layer_cells_have_no_confidence(scans):
    text, _, _ = scans[("000", 200)]
    assert text.cells and all(cell.confidence is None for cell in text.cells)


def test_mixed_pdf_reads_text_pages_and_scanned_pages(rendered, scans):
    # Page 1 keeps its text layer, page 2 is a scan; the table split across them is still one table.
    text = scans[("000", 200)][0]
    scan = pdfium.PdfDocument(scanned_pdf(rendered["000"], 200, 0.5))
    mixed = pdfium.PdfDocument(rendered["000"])
    mixed.del_page(1)
    mixed.import_pages(scan, [1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    document = read_pdf(buffer.getvalue(), "mixed.pdf")
    again = parse_document(document)
    assert document.format == "pdf+ocr"
    pages = {cell.page: cell.confidence is not None for cell in again.cells}
    assert pages == {1: False, 2: True}
    assert projects(again) == projects(text)
    assert filled(again) == filled(text)


def test_png_of_one_table_reads_like_its_text_layer(parsed, tmp_path):
    pdf = render_pdf(subset(parsed["000"], (1,)))
    text = parse_document(read_pdf(pdf, "one.pdf"))
    path = tmp_path / "table.png"
    page_images(pdf, 200, 0.4)[0].save(path, dpi=(200, 200))
    document = read_document(path)
    again = parse_document(document)
    assert document.format == "image+ocr"
    assert [p.budget for p in again.projects] == ["187.10"]
    assert projects(again) == projects(text)
    assert filled(again) == filled(text)


def damaged_page(pdf: bytes, dpi: int = 200) -> Image.Image:
    """000's first table scanned, its 预算数 cell printed almost white and its first target cut in half."""
    scale = dpi / 72
    image = np.array(page_images(pdf, dpi, 0.0, 90)[0]).astype(float)
    # Cell boxes in points, from the text layer (pdfplumber): 预算数 value, and the first row's 指标值.
    budget = (slice(round(136.5 * scale) + 4, round(154.5 * scale) - 4), slice(round(188.3 * scale) + 4,
              round(261.2 * scale) - 4))  # fmt: skip
    image[budget] = 255 - (255 - image[budget]) * 0.08
    image[round(227.7 * scale) : round(232.5 * scale), round(456 * scale) : round(480 * scale)] = 255
    return Image.fromarray(image.astype(np.uint8))


def test_faint_or_cut_cell_is_left_blank_with_low_confidence_not_invented(parsed):
    pdf = render_pdf(subset(parsed["000"], (1,)))
    buffer = io.BytesIO()
    damaged_page(pdf).save(buffer, "PNG", dpi=(200, 200))
    document = read_image(buffer.getvalue(), "damaged.png")
    header, indicators = document.tables()[:2]
    assert header.rows[1].cells[2].text == "" and header.rows[1].cells[2].confidence == 0.0
    assert indicators.rows[1].cells[4].text == "" and indicators.rows[1].cells[4].confidence < 0.8
    again = parse_document(document)
    assert again.projects[0].budget is None
    assert again.projects[0].fiscal == "187.10"
    assert again.indicators[0].target is None


def test_blank_scan_is_a_clear_error():
    blank = Image.new("L", (1240, 1754), 255)
    with pytest.raises(NeedsOCR, match=r"blank\.pdf: no text layer on any of its 1 pages, and no text recognised"):
        read_pdf(image_pdf([blank], 150), "blank.pdf")
