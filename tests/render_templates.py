"""Render a document given as paragraphs and ruled grids into PDF, DOCX, XLSX, CSV and a tab-separated text export.

A grid is its rows of cell texts plus merged ranges ((first column, first row), (last column, last row)), the
convention reportlab uses; a merged range's text sits in its first cell and the cells it covers are blank. The
template fixtures (tests/templates.py) are written once this way and rendered into every format the tests read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from render_samples import FONT, _docx_table, _escape, xlsx_value

Span = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class Grid:
    rows: list[list[str]]
    spans: list[Span] = field(default_factory=list)
    landscape: bool = False

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)

    def padded(self) -> list[list[str]]:
        return [row + [""] * (self.width - len(row)) for row in self.rows]


Block = str | Grid


def render_pdf(blocks: list[Block], landscape: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turn
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    text = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=11, leading=14, wordWrap="CJK")
    page_size = turn(A4) if landscape or any(isinstance(b, Grid) and b.landscape for b in blocks) else A4
    width = page_size[0] - 30 * mm
    story = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(_escape(block), heading))
            continue
        columns = block.width
        table = PdfTable(
            [[Paragraph(_escape(v), text) if v else "" for v in row] for row in block.padded()],
            colWidths=[width / columns] * columns,
        )
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   *[("SPAN", a, b) for a, b in block.spans]]))  # fmt: skip
        story.extend([table, Spacer(1, 8)])
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm)  # fmt: skip
    doc.build(story)
    return buffer.getvalue()


def render_docx(blocks: list[Block]) -> bytes:
    import docx

    word = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
        else:
            _docx_table(word, block.padded(), block.spans)
            word.add_paragraph("")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_text(blocks: list[Block]) -> bytes:
    """A tab-separated export (as PDF-to-text tools write): one line per row, merged cells blank."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.extend(["", block, ""])
        else:
            lines.extend("\t".join(row) for row in block.padded())
    return "\n".join(lines).encode("utf-8")


def render_xlsx(blocks: list[Block]) -> bytes:
    """One sheet: paragraphs as rows merged across the grid's width, grids with their merges, amounts as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    width = max((block.width for block in blocks if isinstance(block, Grid)), default=1)
    row_number = 1
    for block in blocks:
        if isinstance(block, str):
            sheet.cell(row=row_number, column=1, value=block)
            if width > 1:
                sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            row_number += 1
            continue
        for r, row in enumerate(block.padded()):
            for c, value in enumerate(row):
                if value:
                    cell = sheet.cell(row=row_number + r, column=c + 1)
                    cell.value, cell.number_format = xlsx_value(value)  # amounts as numbers, codes as text
        for (c0, r0), (c1, r1) in block.spans:
            sheet.merge_cells(start_row=row_number + r0, start_column=c0 + 1, end_row=row_number + r1,
                              end_column=c1 + 1)  # fmt: skip
        row_number += len(block.rows) + 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_csv(blocks: list[Block]) -> bytes:
    """A system export: paragraphs as one-field records, grids row by row, a blank record after each; UTF-8 BOM."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for block in blocks:
        if isinstance(block, str):
            writer.writerow([block])
        else:
            writer.writerows(block.padded())
            writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "txt": render_text, "xlsx": render_xlsx, "csv": render_csv}
