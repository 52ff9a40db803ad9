"""Render parsed performance tables into PDF (reportlab, CID font STSong-Light), DOCX (python-docx) and XLSX.

The layouts bureaus use: a ruled header block (项目名称, 预算数, 资金用途, 资金支出计划, 绩效目标) and a ruled
indicator table whose 一级/二级 cells are merged vertically wherever the source left them blank. Tables run on
across page breaks; every other indicator table repeats its header row on the new page. Used by the tests
(a PDF and a DOCX of a sample must parse like its text export) and by the benchmark.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from ingest.records import IndicatorRow, ParsedDocument, ProjectTable

FONT = "STSong-Light"
WIDE = 7  # header-block grid: a label column and six value columns


def _columns(project: ProjectTable) -> list[str]:
    if project.layout == "dual_horizon":
        return ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    if project.layout == "with_basis":
        return ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    return ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]


def _indicator_rows(project: ProjectTable, rows: list[IndicatorRow]) -> list[list[str]]:
    """Cells as printed; blank 一级/二级 cells are where the merged cell continues."""
    if project.layout == "dual_horizon":
        annual = {r.row_number: r for r in rows if r.horizon == "annual"}
        out = []
        for mid in (r for r in rows if r.horizon == "midterm"):
            ann = annual.get(mid.row_number)
            out.append(
                [
                    mid.level1 or "",
                    mid.level2 or "",
                    mid.level3 or "",
                    mid.target or "",
                    (ann.level2 if ann else "") or "",
                    (ann.level3 if ann else "") or "",
                    (ann.target if ann else "") or "",
                ]
            )
        return out
    out = []
    for r in rows:
        cells = [r.level1 or "", r.level2 or "", r.level3 or "", r.description or "", r.target or ""]
        if project.layout == "with_basis":
            cells.append(r.basis or "")
        out.append(cells)
    return out


def _header_block(project: ProjectTable, plan: list[tuple[str, str | None]]) -> tuple[list[list[str]], list]:
    """Rows of the header block and their spans as ((col, row), (col, row)) pairs."""
    rows: list[list[str]] = []
    spans: list = []

    def add(cells: list[str], row_spans: Iterable[tuple[int, int]] = ()) -> None:
        index = len(rows)
        rows.append(cells + [""] * (WIDE - len(cells)))
        spans.extend(((start, index), (end, index)) for start, end in row_spans)

    if project.project_code:
        add(["项目编码", project.project_code, "", "项目名称", project.project_name or ""], [(1, 2), (4, 6)])
    else:
        add(["项目名称", project.project_name or ""], [(1, 6)])
    if project.layout == "dual_horizon":
        add(["实施单位", project.unit_name or ""], [(1, 6)])
        add(["项目属性", project.project_attribute or ""], [(1, 6)])
        first = len(rows)
        add(
            [
                "项目资金 (万元)",
                "中期资金总额:",
                project.midterm_budget or "",
                "",
                "年度资金总额:",
                project.budget or "",
            ]
        )
        add(["", "其中:财政拨款", project.midterm_fiscal or "", "", "其中:财政拨款", project.fiscal or ""])
        add(["", "其他资金", project.midterm_other or "", "", "其他资金", project.other or ""])
        spans.append(((0, first), (0, first + 2)))
        add(["总体目标", "中期目标(20××年—20××+n年)", "", "", "年度目标"], [(1, 3), (4, 6)])
        add(["", project.midterm_goal or "", "", "", project.goal or ""], [(1, 3), (4, 6)])
        return rows, spans
    first = len(rows)
    add(["预算规模及资金用途", "预算数", project.budget or "", "其中：财政资金", project.fiscal or "", "其他资金",
         project.other or ""])  # fmt: skip
    if project.purpose:
        add(["", project.purpose], [(1, 6)])
        spans.append(((0, first), (0, first + 1)))
    if plan:
        start = len(rows)
        add(["资金支出计划（%）", *[period for period, _ in plan]])
        add(["", *[share or "" for _, share in plan]])
        spans.append(((0, start), (0, start + 1)))
    if project.goal:
        add(["绩效目标", project.goal], [(1, 6)])
    return rows, spans


def _vertical_spans(rows: list[list[str]], offset: int) -> list:
    """Merge each blank 一级/二级 cell into the cell above it."""
    spans = []
    for column in (0, 1):
        start = None
        for index, row in enumerate(rows):
            if row[column]:
                if start is not None and index - 1 > start:
                    spans.append(((column, start + offset), (column, index - 1 + offset)))
                start = index
        if start is not None and len(rows) - 1 > start:
            spans.append(((column, start + offset), (column, len(rows) - 1 + offset)))
    return spans


def _budget_tables(parsed: ParsedDocument):
    """Each budget table: the lines above it, its header rows and spans, its body rows, the note under it."""
    for table in parsed.budget_tables:
        paths = table.column_headers.split(" | ")
        width = len(paths)
        upper = [path.split("/")[0] for path in paths]
        lower = [path.split("/")[1] if "/" in path else "" for path in paths]
        header = [
            [upper[c] if (c == 0 or upper[c] != upper[c - 1] or not lower[c]) else "" for c in range(width)],
            lower,
        ]
        spans = [((c, 0), (c, 1)) for c in range(width) if not lower[c]]
        start = 0
        for c in range(1, width + 1):
            if c == width or upper[c] != upper[start] or not lower[c] or not lower[start]:
                if c - 1 > start and lower[start]:
                    spans.append(((start, 0), (c - 1, 0)))
                start = c
        lines = [line for line in parsed.budget_lines if line.budget_table_seq == table.budget_table_seq]
        amounts = {
            (a.line_seq, a.column_number): a.value
            for a in parsed.budget_amounts
            if a.budget_table_seq == table.budget_table_seq
        }
        body: list[list[str]] = []
        by_source: dict[int | None, list[str]] = {}
        for line in lines:
            row = by_source.setdefault(line.line, [""] * width) if table.kind == "two_sided" else [""] * width
            if table.kind == "two_sided":
                offset = 0 if line.side == "income" else width // 2
                row[offset] = line.name or ""
                for column in range(offset + 1, offset + width // 2):
                    row[column] = amounts.get((line.line_seq, column + 1), "")
                if not any(existing is row for existing in body):
                    body.append(row)
                continue
            for column, path in enumerate(paths):
                leaf = path.split("/")[-1]
                if "编码" in leaf:
                    row[column] = line.code or ""
                elif "名称" in leaf:
                    row[column] = line.name or ""
                elif "项目单位" in leaf:
                    row[column] = line.unit_name or ""
                elif "项目类型" in leaf:
                    row[column] = line.project_type or ""
                else:
                    row[column] = amounts.get((line.line_seq, column + 1), "")
            body.append(row)
        above = [text for text in (table.table_label, table.title) if text]
        above += [f"部门名称：{table.department}", f"单位：{table.amount_unit}"]
        yield above, header, spans, body, table.note


def _projects(parsed: ParsedDocument):
    for project in parsed.projects:
        rows = [r for r in parsed.indicators if r.table_seq == project.table_seq]
        plan = [(p.period, p.share) for p in parsed.spending_plans if p.table_seq == project.table_seq]
        yield project, rows, plan


def _heading(parsed: ParsedDocument) -> list[str]:
    year = parsed.meta.budget_year
    return [f"{parsed.meta.issuer or ''}", f"{year}年项目支出绩效目标表" if year else "项目支出绩效目标表"]


def _title_lines(project: ProjectTable, glued: bool = False) -> list[str]:
    """Title, unit line and amount unit; glued prints them as the 唐山 and 滨海 originals do: one line, code on name."""
    lines = [f"{project.title_number or project.table_seq}.{project.title or project.project_name}"]
    amount = f"单位：{project.amount_unit}" if project.amount_unit and project.layout != "dual_horizon" else None
    if glued and project.unit_code:
        return [*lines, f"{project.unit_code}{project.unit_name}        {amount or ''}".rstrip()]
    if project.unit_code:
        lines.append(f"{project.unit_code} {project.unit_name}")
    if amount:
        lines.append(amount)
    return lines


def render_pdf(parsed: ParsedDocument, copies: int = 1, glued_unit_line: bool = False) -> bytes:
    """A PDF of the document's performance tables: ruled, merged cells, tables split by page breaks."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
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
    page_size = landscape(A4) if parsed.budget_tables else A4  # wide budget tables need the width
    width = page_size[0] - 30 * mm

    def cell(value: str):
        return Paragraph(_escape(value), text) if value else ""

    def footer(canvas, doc) -> None:
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(page_size[0] / 2, 8 * mm, f"- {doc.page} -")

    story = []
    for _ in range(copies):
        story.extend(Paragraph(_escape(line), heading) for line in _heading(parsed))
        for above, header, spans, body, note in _budget_tables(parsed):
            story.extend(Paragraph(_escape(line), heading) for line in above)
            columns = len(header[0])
            budget = PdfTable(
                [[cell(v) for v in row] for row in [*header, *body]], colWidths=[width / columns] * columns
            )
            budget.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                        *[("SPAN", a, b) for a, b in spans]]))  # fmt: skip
            story.extend([budget, Spacer(1, 6)])
            if note:
                story.append(Paragraph(_escape(note), heading))
        for project, rows, plan in _projects(parsed):
            story.extend(Paragraph(_escape(line), heading) for line in _title_lines(project, glued_unit_line))
            block, spans = _header_block(project, plan)
            table = PdfTable([[cell(v) for v in row] for row in block], colWidths=[width / WIDE] * WIDE)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       *[("SPAN", a, b) for a, b in spans]]))  # fmt: skip
            story.extend([table, Spacer(1, 4)])
            header = _columns(project)
            body = _indicator_rows(project, rows)
            grid = [header, *body]
            columns = len(header)
            indicators = PdfTable(
                [[cell(v) for v in row] for row in grid],
                colWidths=[width / columns] * columns,
                repeatRows=1 if project.table_seq % 2 == 0 else 0,
            )
            indicators.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                            *[("SPAN", a, b) for a, b in _vertical_spans(body, 1)]]))  # fmt: skip
            story.extend([indicators, Spacer(1, 12)])
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm)  # fmt: skip
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_docx(parsed: ParsedDocument) -> bytes:
    """A DOCX of the document's performance tables: Word tables with vertical and horizontal merges."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    for line in _heading(parsed):
        word.add_paragraph(line)
    for above, header, spans, body, note in _budget_tables(parsed):
        for line in above:
            word.add_paragraph(line)
        _docx_table(word, [*header, *body], spans)
        if note:
            word.add_paragraph(note)
        else:
            word.add_paragraph("")
    for project, rows, plan in _projects(parsed):
        for line in _title_lines(project):
            word.add_paragraph(line)
        block, spans = _header_block(project, plan)
        _docx_table(word, block, spans)
        word.add_paragraph("")
        header = _columns(project)
        body = _indicator_rows(project, rows)
        table = _docx_table(word, [header, *body], _vertical_spans(body, 1))
        if project.table_seq % 2 == 0:
            properties = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
        word.add_paragraph("")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(word, rows: list[list[str]], spans: list):
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for (c0, r0), (c1, r1) in spans:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    return table


def _sheets(parsed: ParsedDocument):
    """A sheet per budget table and per project: (name, items), an item a text line, a ruled table or a gap."""
    heading = _heading(parsed)
    for number, (above, header, spans, body, note) in enumerate(_budget_tables(parsed), start=1):
        items = [("line", line, len(header[0])) for line in [*heading, *above]]
        items.append(("table", [*header, *body], spans))
        if note:
            items.append(("line", note, 1))
        heading = []
        yield f"表{number}", items
    for project, rows, plan in _projects(parsed):
        items = [("line", line, 1) for line in [*heading, *_title_lines(project)]]
        heading = []
        items.append(("table", *_header_block(project, plan)))
        items.append(("gap",))
        body = _indicator_rows(project, rows)
        items.append(("table", [_columns(project), *body], _vertical_spans(body, 1)))
        yield f"项目{project.table_seq}", items


def render_xlsx(parsed: ParsedDocument) -> bytes:
    """An XLSX of the document: a sheet per budget table and per project, titles as rows above bordered tables.

    Amounts are numeric cells with the number format that displays them as the text shows them (187.10 is the
    number 187.1 under `0.00`, 25% is 0.25 under `0%`); merged cells are merged ranges; budget titles are merged
    across the table's width.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, items in _sheets(parsed):
        sheet = _XlsxSheet(workbook, name)
        for kind, *args in items:
            if kind == "line":
                sheet.line(*args)
            elif kind == "table":
                sheet.table(*args)
            else:
                sheet.row += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_csv(parsed: ParsedDocument, delimiter: str = ",") -> str:
    """The document as one CSV, as a system export writes it: lines as one-cell rows, a blank row between tables.

    Merged cells are blank but for their first cell, as in the text exports.
    """
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for _name, items in _sheets(parsed):
        for kind, *args in items:
            if kind == "line":
                writer.writerow([args[0]])
            elif kind == "table":
                writer.writerows(args[0])
                writer.writerow([])
    return buffer.getvalue()


class _XlsxSheet:
    """Writes lines and ruled tables down one worksheet."""

    def __init__(self, workbook, title: str) -> None:
        self.sheet = workbook.create_sheet(title)
        self.row = 1

    def line(self, text: str, width: int = 1) -> None:
        self.sheet.cell(self.row, 1, text)
        if width > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=width)
        self.row += 1

    def table(self, rows: list[list[str]], spans: list) -> None:
        from openpyxl.styles import Border, Side

        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                cell = self.sheet.cell(self.row + r, 1 + c)
                cell.border = border
                if text:
                    cell.value, cell.number_format = xlsx_value(text)
        for (c0, r0), (c1, r1) in spans:
            self.sheet.merge_cells(
                start_row=self.row + r0, start_column=1 + c0, end_row=self.row + r1, end_column=1 + c1
            )
        self.row += len(rows)


def xlsx_value(text: str) -> tuple[object, str]:
    """A cell's printed text as the value and number format a spreadsheet would hold it as."""
    if re.fullmatch(r"-?(0|[1-9]\d*)\.\d+", text):
        return float(text), "0." + "0" * len(text.partition(".")[2])
    if re.fullmatch(r"-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?", text):
        decimals = text.partition(".")[2]
        return float(text.replace(",", "")), "#,##0" + ("." + "0" * len(decimals) if decimals else "")
    if re.fullmatch(r"(0|[1-9]\d*)%", text):
        return int(text[:-1]) / 100, "0%"
    if re.fullmatch(r"-?(0|[1-9]\d{0,8})", text):
        return int(text), "General"
    return text, "General"


def render_web_text(parsed: ParsedDocument, style: str) -> str:
    """The document as a web mirror prints it: `pipes` (pipe tables without the outer pipes) or one cell per line
    ending in ` |`, rows separated by a blank line (`cell_bars`) or by a line of only `|` (`cell_bars_bar`)."""
    out: list[str] = []
    for _name, items in _sheets(parsed):
        for kind, *args in items:
            if kind == "line":
                out.append(args[0])
            elif kind == "table" and style == "pipes":
                out.extend(" | ".join(row) for row in args[0])
                out.append("")
            elif kind == "table":
                bar = style == "cell_bars_bar"
                for row in args[0]:
                    out.extend(f"{cell} |" if cell else (" |" if bar else "|") for cell in row)
                    out.append("|" if bar else "")
                if bar:
                    out.append("")
    return "\n".join(out) + "\n"


def render_html(parsed: ParsedDocument) -> str:
    """The document as a web page: lines as <p>, tables with rowspan/colspan where cells are merged."""
    out = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>预算公开</title></head><body>']
    for _name, items in _sheets(parsed):
        for kind, *args in items:
            if kind == "line":
                out.append(f"<p>{_escape(args[0])}</p>")
            elif kind == "table":
                rows, spans = args
                starts = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for (c0, r0), (c1, r1) in spans}
                covered = {(r, c) for (c0, r0), (c1, r1) in spans for r in range(r0, r1 + 1)
                           for c in range(c0, c1 + 1)} - set(starts)  # fmt: skip
                out.append('<table border="1">')
                for r, row in enumerate(rows):
                    cells = []
                    for c, text in enumerate(row):
                        if (r, c) in covered:
                            continue
                        rowspan, colspan = starts.get((r, c), (1, 1))
                        spans_attr = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                            f' colspan="{colspan}"' if colspan > 1 else ""
                        )
                        cells.append(f"<td{spans_attr}>{_escape(text)}</td>")
                    out.append(f"<tr>{''.join(cells)}</tr>")
                out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def subset(parsed: ParsedDocument, table_seqs: Iterable[int]) -> ParsedDocument:
    """The document with only the given performance tables (for short fixtures), budget tables left out."""
    import dataclasses

    keep = set(table_seqs)
    return dataclasses.replace(
        parsed,
        projects=tuple(p for p in parsed.projects if p.table_seq in keep),
        indicators=tuple(r for r in parsed.indicators if r.table_seq in keep),
        spending_plans=tuple(p for p in parsed.spending_plans if p.table_seq in keep),
        budget_tables=(),
    )


def page_images(pdf: bytes, dpi: int, angle: float = 0.0, quality: int = 75, pages: Iterable[int] | None = None):
    """Each page as a scanner would give it: grey, at `dpi`, turned by `angle` degrees, JPEG-compressed."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    wanted = set(pages) if pages is not None else None
    images = []
    for index in range(len(document)):
        if wanted is not None and index + 1 not in wanted:
            continue
        page = document[index]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    document.close()
    return images


def image_pdf(images, dpi: int) -> bytes:
    """An image-only PDF (no text layer) of the given page images, as a scanner writes one."""
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def scanned_pdf(pdf: bytes, dpi: int, angle: float = 0.0, quality: int = 75) -> bytes:
    """A rendered PDF printed and scanned: every page an image only."""
    return image_pdf(page_images(pdf, dpi, angle, quality), dpi)
