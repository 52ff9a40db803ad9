"""Scanned documents: sample tables rendered to PDF, "printed and scanned" (rasterised at 150 and 200 dpi, grey,
turned by under a degree, JPEG-compressed) into image-only PDFs and PNGs, read back like the text layer.

OCR takes seconds a page, so the fixtures are a few pages each: representative tables of three samples (000's
five-column tables, one split by a page break; 001's six-column tables with project code and spending plan;
004's mid-term and annual targets side by side).
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from decimal import Decimal
from unittest import mock

import duckdb
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from test_readers_pdf_docx import filled, projects

from ingest.errors import NeedsOCR
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.readers.image import read_image
from ingest.readers.ocr import _paired, _regions
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
            # The 200 dpi scans are read by a pool of two OCR processes (for 000's two pages), the others in this one.
            with mock.patch.dict(os.environ, {"INGEST_OCR_WORKERS": "2" if dpi == 200 else "1"}):
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


def damaged_page(pdf: bytes, faintness: float = 0.08, cut: bool = True, dpi: int = 200) -> Image.Image:
    """000's first table scanned, its 预算数 cell printed faint (0.08: almost white), its first target cut in half."""
    scale = dpi / 72
    image = np.array(page_images(pdf, dpi, 0.0, 90)[0]).astype(float)
    # Cell boxes in points, from the text layer (pdfplumber): 预算数 value, and the first row's 指标值.
    budget = (slice(round(136.5 * scale) + 4, round(154.5 * scale) - 4), slice(round(188.3 * scale) + 4,
              round(261.2 * scale) - 4))  # fmt: skip
    image[budget] = 255 - (255 - image[budget]) * faintness
    if cut:
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


def budget_table_pdf(parsed, seq: int) -> bytes:
    """A PDF of one of the document's 部门预算公开 tables, no performance tables."""
    return render_pdf(
        dataclasses.replace(
            parsed,
            projects=(),
            indicators=(),
            spending_plans=(),
            budget_tables=tuple(t for t in parsed.budget_tables if t.budget_table_seq == seq),
            budget_lines=tuple(line for line in parsed.budget_lines if line.budget_table_seq == seq),
            budget_amounts=tuple(a for a in parsed.budget_amounts if a.budget_table_seq == seq),
        )
    )


@pytest.fixture(scope="module")
def scan_warehouse(parsed, rendered, tmp_path_factory):
    """A warehouse of scanned PDFs (000's tables, 003's 表3 over two landscape pages, which also goes in with
    its text layer), a damaged and a faint PNG and a text export (004), built with dbt."""
    from conftest import run_dbt, sample_path
    from ingest.cli import main

    folder = tmp_path_factory.mktemp("scans")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "tianjin_scan.pdf").write_bytes(scanned_pdf(rendered["000"], 200, -0.8))
    one_table = render_pdf(subset(parsed["000"], (1,)))
    damaged_page(one_table).save(docs / "damaged.png", dpi=(200, 200))
    damaged_page(one_table, faintness=0.3, cut=False).save(docs / "faint.png", dpi=(200, 200))
    shutil.copy(sample_path("004"), docs / "tianchang.txt")
    table3 = budget_table_pdf(parsed["003"], 3)
    (docs / "dongli_table3.pdf").write_bytes(table3)
    (docs / "dongli_table3_scan.pdf").write_bytes(scanned_pdf(table3, 200, 0.5))
    db = folder / "warehouse.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    run_dbt(["build"], db, folder / "target")
    return db


@pytest.fixture()
def scan_marts(scan_warehouse):
    con = duckdb.connect(str(scan_warehouse), read_only=True)
    yield con
    con.close()


def test_records_from_scans_carry_source_and_lowest_confidence(scan_marts):
    projects = scan_marts.execute("""
        select documents.file_name, projects.table_seq, projects.source, projects.budget_yuan,
            projects.min_confidence >= 0.9 as is_trusted
        from marts.projects inner join marts.documents using (document_id)
        order by all
    """).fetchall()
    # faint.png reads the same table as tianjin_scan.pdf's first: counted once, from the confident reading.
    assert [row for row in projects if row[0] != "tianchang.txt"] == [
        ("damaged.png", 1, "ocr", None, False),
        ("tianjin_scan.pdf", 1, "ocr", Decimal("1871000.00"), True),
        ("tianjin_scan.pdf", 2, "ocr", Decimal("23800.00"), True),
        ("tianjin_scan.pdf", 3, "ocr", Decimal("203000.00"), True),
    ]
    assert {row[2] for row in projects if row[0] == "tianchang.txt"} == {"text"}
    indicators = scan_marts.execute("""
        select documents.file_name, indicators.source, count(*), count(indicators.min_confidence),
            min(indicators.min_confidence) >= 0.9
        from marts.indicators inner join marts.documents using (document_id)
        group by all order by all
    """).fetchall()
    assert indicators == [
        ("damaged.png", "ocr", 8, 8, False),
        ("tianchang.txt", "text", 92, 0, None),
        ("tianjin_scan.pdf", "ocr", 18, 18, True),
    ]
    # The damaged scan lost its 预算数: the same name with other figures, both counted and reported side by side.
    copies = scan_marts.execute(
        "select relation, file_name, table_name, is_counted, other_file_name from marts.duplicate_tables order by all"
    ).fetchall()
    name = "医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目"
    assert copies == [
        ("same name, different figures", "damaged.png", name, True, "tianjin_scan.pdf"),
        ("same table", "dongli_table3_scan.pdf", "部门支出总体情况表", False, "dongli_table3.pdf"),
        ("same table", "faint.png", name, False, "tianjin_scan.pdf"),
    ]
    findings = scan_marts.execute("select file_name, check_name, detail from marts.data_quality order by all")
    assert findings.fetchall() == [
        ("damaged.png", "near-duplicate table", f'project_table "{name}" (project_target) prints 预算数 (blank), 8 '
         "indicator rows here and 预算数 1871000.00 元, 8 indicator rows in tianjin_scan.pdf; both are counted"),
    ]  # fmt: skip


def test_unreadable_and_doubtful_scan_cells_are_in_parse_issues(scan_marts):
    issues = scan_marts.execute("""
        select severity, page, line, message from marts.parse_issues
        where file_name = 'damaged.png' and message like 'OCR:%'
        order by line, message
    """).fetchall()
    assert issues == [
        ("warning", 1, 7, "OCR: table block 1, row 2, column 3 holds marks but no text could be read from it "
         "(confidence 0.00); left blank: read it from the scan"),
        ("warning", 1, 11, "OCR: table block 2, row 2, column 5 holds marks but no text could be read from it "
         "(confidence 0.57); left blank: read it from the scan"),
    ]  # fmt: skip
    faint = scan_marts.execute("""
        select severity, page, line, message from marts.parse_issues
        where file_name = 'faint.png' and message like 'OCR:%'
    """).fetchall()
    assert faint == [
        ("warning", 1, 7, "OCR: table block 1, row 2, column 3 (预算数) read as '187.10' at confidence 0.71, below "
         "0.90: check it against the scan"),
    ]  # fmt: skip
    codes = scan_marts.execute("""
        select file_name, code, subject, block_seq from marts.parse_issues
        where code like 'ocr%' and file_name like '%.png' order by all
    """).fetchall()
    assert codes == [
        ("damaged.png", "ocr_unreadable", None, 1),
        ("damaged.png", "ocr_unreadable", None, 2),
        ("faint.png", "ocr_low_confidence", "187.10", 1),
    ]
    clean = scan_marts.execute("""
        select count(*) from marts.parse_issues where file_name = 'tianjin_scan.pdf' and severity = 'warning'
    """).fetchone()
    assert clean == (0,)


def test_brackets_close_in_the_width_they_opened_in():
    assert _paired("资金支出计划（%)") == "资金支出计划（%）"
    assert _paired("中期目标(20××年—20××+n年)") == "中期目标(20××年—20××+n年)"
    assert _paired("≥90%)") == "≥90%)"  # nothing opened: left as read


def test_merged_cells_are_found_where_a_ruling_line_is_missing():
    # A 3x3 grid, 10 px cells: the line between rows 1 and 2 is missing in column 1 (a vertical merge), the line
    # between columns 2 and 3 is missing in row 3 (a horizontal merge).
    horizontal = np.zeros((31, 31), np.uint8)
    vertical = np.zeros((31, 31), np.uint8)
    for y in (0, 10, 20, 30):
        horizontal[y, :] = 255
    horizontal[10, 0:10] = 0
    for x in (0, 10, 20, 30):
        vertical[:, x] = 255
    vertical[20:31, 20] = 0
    regions = _regions([0, 10, 20, 30], [0, 10, 20, 30], horizontal, vertical)
    assert [(r.row, r.column, r.rows, r.columns) for r in regions] == [
        (0, 0, 2, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 2),
    ]  # fmt: skip


def test_scanned_budget_table_reads_and_checks_like_its_text_layer(scan_marts):
    # 003's 表3 (functional codes 类/款/项, two pages): every amount exact, the same sums checked with the same result.
    def amounts(file_name: str) -> list[tuple]:
        return scan_marts.execute(
            """
            select lines.code, lines.name, amounts.column_number, amounts.amount_yuan
            from marts.budget_amounts as amounts
            inner join marts.budget_lines as lines using (budget_line_id)
            inner join marts.documents as documents on amounts.document_id = documents.document_id
            where documents.file_name = ? order by all
            """,
            [file_name],
        ).fetchall()

    def checks(file_name: str) -> list[tuple]:
        return scan_marts.execute(
            """
            select check_name, subject, measure, figure_a_yuan, figure_b_yuan, is_consistent
            from marts.budget_checks inner join marts.documents using (document_id)
            where documents.file_name = ? order by all
            """,
            [file_name],
        ).fetchall()

    # The scan says exactly what its text layer says, so it is recognised as the same disclosure and counted once.
    documents = scan_marts.execute(
        """
        select file_name, is_kept, duplicate_of_document_id is not null from marts.documents
        where file_name like 'dongli_table3%' order by 1
        """
    ).fetchall()
    assert documents == [("dongli_table3.pdf", True, False), ("dongli_table3_scan.pdf", False, True)]
    printed = """
        select lines.code, lines.name, amounts.column_number, amounts.value
        from raw.budget_amounts as amounts
        inner join raw.budget_lines as lines using (document_id, budget_table_seq, line_seq)
        inner join raw.documents as documents using (document_id)
        where documents.file_name = ? order by all
    """
    scanned = scan_marts.execute(printed, ["dongli_table3_scan.pdf"]).fetchall()
    assert len(scanned) == 47
    assert scanned == scan_marts.execute(printed, ["dongli_table3.pdf"]).fetchall()
    assert len(amounts("dongli_table3.pdf")) == 47
    found = checks("dongli_table3.pdf")
    assert found and all(is_consistent for *_, is_consistent in found)
    # One classification code was read below the threshold: reported for checking, as info (not an amount).
    doubts = scan_marts.execute("""
        select severity, code, subject from marts.parse_issues where file_name = 'dongli_table3_scan.pdf'
    """).fetchall()
    assert doubts == [("info", "ocr_low_confidence", "2101101")]
