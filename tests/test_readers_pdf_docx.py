"""PDF (pdfplumber) and DOCX (python-docx) readers: a sample rendered to either parses like its text export."""

from __future__ import annotations

import io
import re

import pytest

from conftest import SAMPLE_PREFIXES
from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers.docx import read_docx
from ingest.readers.pdf import _align, _join_wrapped, _Piece, _restore_punctuation, read_pdf
from render_samples import render_docx, render_pdf


def squash(text: str | None) -> str | None:
    return re.sub(r"\s+", "", text) if text else None


def filled(parsed) -> list[tuple]:
    """Indicator rows with merged 一级/二级 cells filled (what staging does), text compared without spaces."""
    out, last = [], {}
    for row in parsed.indicators:
        key = (row.table_seq, row.horizon)
        level1 = squash(row.level1) or last.get((key, 1))
        level2 = squash(row.level2) or last.get((key, 2))
        last[(key, 1)], last[(key, 2)] = level1, level2
        out.append((row.table_seq, row.horizon, row.row_number, level1, level2, squash(row.level3),
                    squash(row.description), squash(row.target), squash(row.basis)))  # fmt: skip
    return out


def projects(parsed) -> list[tuple]:
    return [
        (p.table_seq, squash(p.project_name), p.project_code, p.unit_code, squash(p.unit_name), p.amount_unit,
         p.budget, p.fiscal, p.other, p.midterm_budget, squash(p.goal), p.layout)
        for p in parsed.projects
    ]  # fmt: skip


@pytest.fixture(scope="module")
def rendered(parsed):
    """Each sample's performance tables as PDF and DOCX, parsed back."""
    out = {}
    for prefix in SAMPLE_PREFIXES:
        pdf = render_pdf(parsed[prefix])
        docx = render_docx(parsed[prefix])
        document = read_pdf(pdf, f"{prefix}.pdf")
        out[prefix] = {
            "pdf_document": document,
            "pdf": parse_document(document),
            "docx": parse_document(read_docx(docx, f"{prefix}.docx")),
        }
    return out


@pytest.mark.parametrize("prefix", SAMPLE_PREFIXES)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendered_sample_parses_like_its_text_export(parsed, rendered, prefix, fmt):
    again = rendered[prefix][fmt]
    assert len(again.projects) == len(parsed[prefix].projects)
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert [(p.table_seq, p.period, p.share) for p in again.spending_plans] == [
        (p.table_seq, p.period, p.share) for p in parsed[prefix].spending_plans
    ]
    assert (again.meta.issuer, again.meta.budget_year) == (parsed[prefix].meta.issuer, parsed[prefix].meta.budget_year)


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_unit_line_printed_on_the_amount_unit_line(parsed, prefix):
    # The originals print `619001唐山市医疗保障局本级        单位：万元` as one line above each table.
    again = parse_document(read_pdf(render_pdf(parsed[prefix], glued_unit_line=True), f"{prefix}.pdf"))
    assert projects(again) == projects(parsed[prefix])
    assert (again.meta.issuer, again.meta.budget_year) == (parsed[prefix].meta.issuer, parsed[prefix].meta.budget_year)


def budget(parsed) -> tuple[list, list, list]:
    return (
        [(t.table_number, t.title, t.classification, t.is_empty, t.note, squash(t.column_headers))
         for t in parsed.budget_tables],
        [(line.budget_table_seq, line.line_seq, line.side, line.code, squash(line.name), squash(line.unit_name))
         for line in parsed.budget_lines],
        [(a.budget_table_seq, a.line_seq, squash(a.column_header), a.value) for a in parsed.budget_amounts],
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendered_budget_tables_parse_like_the_markdown(parsed, rendered, fmt):
    # 003's 预算公开表: two-sided, stacked headers, 18 columns, empty tables with their note, split by page breaks.
    again = rendered["003"][fmt]
    assert len(again.budget_tables) == 10
    assert budget(again) == budget(parsed["003"])


def test_pdf_budget_table_split_by_a_page_break_is_one_table(rendered):
    tables = {t.table_number: t for t in rendered["003"]["pdf"].budget_tables}
    pages = {
        line.page for line in rendered["003"]["pdf"].budget_lines if line.budget_table_seq == tables[1].budget_table_seq
    }
    assert len(pages) == 2 and tables[1].line_count == 38  # 12 income and 26 expenditure lines


def test_pdf_records_keep_their_pages(rendered):
    tianjin = rendered["000"]["pdf"]
    assert rendered["000"]["pdf_document"].page_count == 25
    assert all(row.page is not None for row in tianjin.indicators)
    assert tianjin.projects[0].first_page == 1
    assert tianjin.projects[-1].last_page == 25


def test_pdf_tables_split_across_pages_are_one_table(rendered):
    split = [p for p in rendered["000"]["pdf"].projects if p.first_page != p.last_page]
    assert len(split) >= 5
    # Even-numbered indicator tables repeat their header row on the new page; it is not an indicator.
    assert any(p.header_repeats == 1 for p in split)
    assert any(p.header_repeats == 0 for p in split)


def test_docx_vertical_merges_read_as_blank(rendered):
    first = [r for r in rendered["000"]["docx"].indicators if r.table_seq == 1]
    assert [r.level1 for r in first[:3]] == ["产出指标", None, None]


def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_encrypted_pdf_is_a_clear_error():
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", canPrint=0))
    page.drawString(100, 700, "budget")
    page.showPage()
    page.save()
    with pytest.raises(DocumentError, match=r"locked\.pdf: encrypted PDF"):
        read_pdf(buffer.getvalue(), "locked.pdf")


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"%PDF-1.4\n%garbage that is not a pdf body", "corrupt PDF"), (b"hello", "not a PDF"), (b"", "empty")],
)
def test_corrupt_pdf_is_a_clear_error(data, reason):
    with pytest.raises(DocumentError, match=rf"broken\.pdf: .*{reason}"):
        read_pdf(data, "broken.pdf")


def test_corrupt_docx_is_a_clear_error():
    with pytest.raises(DocumentError, match=r"broken\.docx: not a readable DOCX file"):
        read_docx(b"PK\x03\x04 not a zip", "broken.docx")


def test_wrapped_cell_text_is_joined_without_inventing_characters():
    assert _join_wrapped("医保法律顾\n问费用") == "医保法律顾问费用"
    assert _join_wrapped("≤158.2\n万元") == "≤158.2万元"
    assert _join_wrapped("Hello\nworld") == "Hello world"
    assert _join_wrapped("15833.9\n2") == "15833.92"
    assert _join_wrapped("保障基金安全\n）") == "保障基金安全）"


def test_overflowing_closing_punctuation_goes_back_to_its_cell():
    assert _restore_punctuation(["医疗保障（含生育保险", "）。", "≥90"]) == ["医疗保障（含生育保险）。", "", "≥90"]
    assert _restore_punctuation(["定点医药机构覆盖率", "%以上"]) == ["定点医药机构覆盖率", "%以上"]


def test_continuation_piece_with_a_column_fewer_is_laid_on_the_columns_above():
    previous = _Piece([["一级", "二级", "三级", "值"]], [(0, 50), (50, 100), (100, 200), (200, 250)], [], 0)
    # On the next page the merged 一级 column has no ruling line: three cells, the first spanning 0-100.
    piece = _Piece([["数量指标", "检查次数", "≥5 次"]], [(0, 100), (100, 200), (200, 250)],
                   [[(55, 100), (100, 200), (200, 250)]], 40)  # fmt: skip
    assert _align(piece, previous) == [["", "数量指标", "检查次数", "≥5 次"]]


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_figures_set_a_few_points_below_their_line_are_read_in_it(backend):
    from pdf_fixtures import drawn_fixtures

    document = read_pdf(drawn_fixtures()["drawn_digits_on_another_baseline"](), "x.pdf", backend=backend)
    assert [p.text for p in document.paragraphs()] == [
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元。",
        "下一行的文字",
    ]


def test_lines_overlapping_by_less_than_half_or_over_each_other_stay_apart():
    from ingest.readers.pdf import _baseline_merged

    def line(text, x0, top, height=10.0):
        chars = [{"text": t, "x0": x0 + 10 * i, "x1": x0 + 10 * i + 10, "top": top, "bottom": top + height}
                 for i, t in enumerate(text)]  # fmt: skip
        return {"text": text, "x0": x0, "x1": x0 + 10 * len(text), "top": top, "bottom": top + height, "chars": chars}

    beside = [line("合计", 0, 100), line("12", 25, 104), line("万元", 50, 100)]
    assert [m["text"] for m in _baseline_merged(beside)] == ["合计 12 万元"]  # 4 pt down: one line, read left to right
    assert [m["text"] for m in _baseline_merged([line("合计", 0, 100), line("12", 25, 106)])] == ["合计", "12"]
    assert [m["text"] for m in _baseline_merged([line("合计", 0, 100), line("第二行", 10, 104)])] == ["合计", "第二行"]
