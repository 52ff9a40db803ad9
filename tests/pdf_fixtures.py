"""Every PDF the tests render, by name: what the PDF backends' parity tests read with both backends.

The samples (whole, with the unit line glued to the amount unit, and the few-table subsets the scan tests start
from), 003's budget tables one at a time, every field-guide template, the 部门决算 and its split-code table, the
self-evaluation, the adversarial corpus's PDFs (tests/adversarial.py), and a PDF whose second page is a scan
beside a page with a text layer (scans themselves are read by OCR, whichever backend reads the text layer).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

from ingest.records import ParsedDocument

SCAN_SUBSETS = {"000": (1, 2, 3), "001": (1, 2), "004": (1,)}  # the tables tests/test_readers_scan.py scans


def budget_table_pdf(parsed: ParsedDocument, seq: int) -> bytes:
    """A PDF of one of the document's 部门预算公开 tables, no performance tables."""
    from render_samples import render_pdf

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


def mixed_pdf(text_pdf: bytes) -> bytes:
    """The PDF with its second page replaced by a scan of it (page 1 keeps its text layer)."""
    import pypdfium2 as pdfium

    from render_samples import scanned_pdf

    scan = pdfium.PdfDocument(scanned_pdf(text_pdf, 200, 0.5))
    mixed = pdfium.PdfDocument(text_pdf)
    mixed.del_page(1)
    mixed.import_pages(scan, [1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    return buffer.getvalue()


def pdf_fixtures(parsed: dict[str, ParsedDocument]) -> dict[str, Callable[[], bytes]]:
    """Each rendered PDF fixture by name, as a function that renders it (rendering takes a while)."""
    import adversarial

    from render_documents import FINAL_ACCOUNTS, SPLIT_CODES
    from render_samples import render_pdf, subset
    from render_templates import RENDERERS
    from self_evaluation import self_evaluation_blocks
    from templates import TEMPLATES

    fixtures: dict[str, Callable[[], bytes]] = {}
    for prefix, document in sorted(parsed.items()):
        fixtures[f"sample_{prefix}"] = lambda document=document: render_pdf(document)
        fixtures[f"sample_{prefix}_glued_unit_line"] = lambda document=document: render_pdf(
            document, glued_unit_line=True
        )
    for prefix, seqs in SCAN_SUBSETS.items():
        fixtures[f"sample_{prefix}_tables_{'_'.join(map(str, seqs))}"] = lambda prefix=prefix, seqs=seqs: render_pdf(
            subset(parsed[prefix], seqs)
        )
    for table in parsed["003"].budget_tables:
        seq = table.budget_table_seq
        fixtures[f"sample_003_budget_table_{seq}"] = lambda seq=seq: budget_table_pdf(parsed["003"], seq)
    for name, blocks in sorted(TEMPLATES.items()):
        fixtures[f"template_{name}"] = lambda blocks=blocks: RENDERERS["pdf"](blocks())
    fixtures["final_accounts"] = lambda: RENDERERS["pdf"](FINAL_ACCOUNTS)
    fixtures["final_accounts_split_codes"] = lambda: RENDERERS["pdf"](SPLIT_CODES)
    fixtures["self_evaluation"] = lambda: RENDERERS["pdf"](self_evaluation_blocks())
    fixtures["mixed_text_and_scan"] = lambda: mixed_pdf(render_pdf(subset(parsed["000"], SCAN_SUBSETS["000"])))
    for name, (_, formats) in sorted(adversarial.CORPUS.items()):
        if "pdf" in formats:
            fixtures[f"adversarial_{name}"] = lambda name=name: adversarial.render(name, "pdf")
    return fixtures


def _canvas_pdf(draw, pages: int = 1) -> bytes:
    """A PDF drawn on a reportlab canvas with the CID font the renderers use (draw(canvas, page_number))."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from render_samples import FONT

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        page.setFont(FONT, 10)
        draw(page, number)
        page.showPage()
    page.save()
    return buffer.getvalue()


def _grid(canvas, rows: list[list[str]], left: float = 60, top: float = 700, width: float = 90, height: float = 20):
    """A ruled table: the rows' texts in cells of a grid drawn with lines."""
    xs = [left + width * column for column in range(len(rows[0]) + 1)]
    ys = [top - height * row for row in range(len(rows) + 1)]
    canvas.grid(xs, ys)
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            canvas.drawString(xs[column] + 3, ys[row] - 14, text)


GRID = [["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "≥ 95 %"], ["效益指标", "社会效益", "有效提升"]]
# (text, how far below the line it is drawn, in points)
DIGITS_ON_ANOTHER_BASELINE = [
    ("本年收入合计", 0), ("2946.25", 4), ("万元，其中：财政拨款收入", 0), ("2940.05", 4), ("万元。", 0),
]  # fmt: skip


def drawn_fixtures() -> dict[str, Callable[[], bytes]]:
    """PDFs drawn to exercise what the PDFium backend reads differently from pdfminer, or leaves to it."""

    def in_form(canvas, _):
        canvas.beginForm("table")
        canvas.setFont("STSong-Light", 10)
        _grid(canvas, GRID)
        canvas.endForm()
        canvas.drawString(60, 760, "表单对象里的表格")
        canvas.saveState()
        canvas.translate(20, -40)
        canvas.scale(0.9, 0.8)  # the form drawn smaller, and squeezed: its glyphs' boxes too
        canvas.doForm("table")
        canvas.restoreState()

    def spaced(canvas, _):
        _grid(canvas, GRID)
        text = canvas.beginText(60, 760)
        text.setFont("STSong-Light", 10)
        text.setCharSpace(1.5)
        text.setWordSpace(4)
        text.textLine("Budget  of  the  year   2025")
        text.setHorizScale(80)
        text.setRise(2)
        text.textLine("预算 单位 万元")
        canvas.drawText(text)

    def bold_by_repeating(canvas, _):
        _grid(canvas, GRID)
        for dx in (0, 0.3):
            canvas.drawString(60 + dx, 760, "项目支出绩效目标表")

    def rotated_text(canvas, _):
        _grid(canvas, GRID)
        canvas.saveState()
        canvas.translate(40, 600)
        canvas.rotate(90)
        canvas.drawString(0, 0, "竖排的说明文字")
        canvas.restoreState()

    def invisible_text(canvas, _):
        # A scanner's searchable PDF: the text layer drawn invisibly (render mode 3) over the page image.
        _grid(canvas, GRID)
        text = canvas.beginText(60, 760)
        text.setFont("STSong-Light", 10)
        text.setTextRenderMode(3)
        text.textLine("看不见的文字层")
        canvas.drawText(text)

    def grid_page_without_text(canvas, number):
        # An empty table drawn with ruling lines only, after a page with text: nothing for OCR to read on it.
        _grid(canvas, GRID if number == 1 else [["", "", ""]] * 3)

    def curves_without_text(canvas, _):
        # Text drawn as outlines (curves) and no text layer: a page for OCR.
        path = canvas.beginPath()
        path.moveTo(100, 700)
        path.curveTo(120, 740, 160, 740, 180, 700)
        canvas.drawPath(path)

    def rotated_page(canvas, _):
        canvas.setPageRotation(90)
        _grid(canvas, GRID)

    def continued(canvas, number):
        # A table continued over three pages, a page number under each piece.
        _grid(canvas, [[f"第{number}页", "数量指标", "≥ 95 %"]] * 3, top=780 if number > 1 else 700)
        canvas.drawString(290, 40, f"- {number} -")

    def digits_on_another_baseline(canvas, _):
        # A 决算's 情况说明 as word processors print it: the figures 4 pt below the Chinese around them (another
        # font), farther than the 3 pt that make one line; the next line 14 pt down.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        x = 60.0
        for text, drop in DIGITS_ON_ANOTHER_BASELINE:
            canvas.drawString(x, 760 - drop, text)
            x += stringWidth(text, "STSong-Light", 10) + 1
        canvas.drawString(60, 746, "下一行的文字")

    return {
        "drawn_digits_on_another_baseline": lambda: _canvas_pdf(digits_on_another_baseline),
        "drawn_table_in_a_form_xobject": lambda: _canvas_pdf(in_form),
        "drawn_char_and_word_spacing": lambda: _canvas_pdf(spaced),
        "drawn_bold_by_repeating": lambda: _canvas_pdf(bold_by_repeating),
        "drawn_rotated_text": lambda: _canvas_pdf(rotated_text),
        "drawn_invisible_text": lambda: _canvas_pdf(invisible_text),
        "drawn_grid_page_without_text": lambda: _canvas_pdf(grid_page_without_text, pages=2),
        "drawn_curves_without_text": lambda: _canvas_pdf(curves_without_text),
        "drawn_rotated_page": lambda: _canvas_pdf(rotated_page),
        "drawn_table_over_three_pages": lambda: _canvas_pdf(continued, pages=3),
    }
