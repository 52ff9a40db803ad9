"""Documents the samples do not hold, written out as blocks and rendered to PDF, DOCX and a tab-separated text.

`FINAL_ACCOUNTS` is a 部门决算 of 天津市东丽区医疗保障局 for 2026 (the year sample 003 budgets) in the shape bureaus
publish it: each table under its title and a title line `部门：...    公开05表    金额单位：元`, a 栏次 row under
the headers, 行次 columns in the two-sided 收入支出决算总表, amounts in 元 with thousands separators, blank cells where
nothing was spent. One figure is wrong on purpose: 21015 医疗保障管理事务 prints 2,676,298.40 元 while its three 项
add up to 2,676,198.40 (2101550 事业运行's 合计 is 100 元 short of its own 基本支出).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from render_samples import FONT, _docx_table, _escape


@dataclass(frozen=True)
class Grid:
    """A ruled table: rows of cell texts and merged ranges ((first column, first row), (last column, last row))."""

    rows: list[list[str]]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


Block = str | Grid
TITLE_GAP = "    "  # bureaus space the parts of a title line apart; the reader sees whitespace


def _title_line(number: str) -> str:
    return TITLE_GAP.join(["部门：天津市东丽区医疗保障局", f"公开{number}表", "金额单位：元"])


SUMMARY = Grid(
    rows=[
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一、一般公共预算财政拨款收入", "1", "156,402,318.40", "一、一般公共服务支出", "31", ""],
        ["二、政府性基金预算财政拨款收入", "2", "", "二、社会保障和就业支出", "32", "468,120.00"],
        ["三、国有资本经营预算财政拨款收入", "3", "", "三、卫生健康支出", "33", "155,012,798.40"],
        ["四、上级补助收入", "4", "", "四、住房保障支出", "34", "921,400.00"],
        ["五、其他收入", "5", "200.00", "", "", ""],
        ["本年收入合计", "6", "156,402,518.40", "本年支出合计", "35", "156,402,318.40"],
        ["年初结转和结余", "7", "", "年末结转和结余", "36", "200.00"],
        ["总计", "8", "156,402,518.40", "总计", "37", "156,402,518.40"],
    ],
    spans=[((0, 0), (2, 0)), ((3, 0), (5, 0))],
)

FUNCTIONAL = Grid(
    rows=[
        ["项目", "", "本年支出", "", ""],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["", "合计", "156,402,318.40", "4,010,218.40", "152,392,100.00"],
        ["208", "社会保障和就业支出", "468,120.00", "468,120.00", ""],
        ["20805", "行政事业单位养老支出", "468,120.00", "468,120.00", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "312,080.00", "312,080.00", ""],
        ["2080506", "机关事业单位职业年金缴费支出", "156,040.00", "156,040.00", ""],
        ["210", "卫生健康支出", "155,012,798.40", "2,620,698.40", "152,392,100.00"],
        ["21011", "行政事业单位医疗", "236,500.00", "236,500.00", ""],
        ["2101101", "行政单位医疗", "236,500.00", "236,500.00", ""],
        ["21012", "财政对基本医疗保险基金的补助", "146,500,000.00", "", "146,500,000.00"],
        ["2101202", "财政对城乡居民基本医疗保险基金的补助", "146,500,000.00", "", "146,500,000.00"],
        ["21013", "医疗救助", "5,600,000.00", "", "5,600,000.00"],
        ["2101301", "城乡医疗救助", "5,600,000.00", "", "5,600,000.00"],
        ["21015", "医疗保障管理事务", "2,676,298.40", "2,384,198.40", "292,100.00"],
        ["2101501", "行政运行", "1,910,620.40", "1,910,620.40", ""],
        ["2101502", "一般行政管理事务", "292,100.00", "", "292,100.00"],
        ["2101550", "事业运行", "473,478.00", "473,578.00", ""],  # the deliberate error: 合计 100 元 short
        ["221", "住房保障支出", "921,400.00", "921,400.00", ""],
        ["22102", "住房改革支出", "921,400.00", "921,400.00", ""],
        ["2210201", "住房公积金", "921,400.00", "921,400.00", ""],
    ],
    spans=[((0, 0), (1, 0)), ((2, 0), (4, 0))],
)

ECONOMIC = Grid(
    rows=[
        ["项目", "", "本年支出", "", ""],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["栏次", "", "1", "2", "3"],
        ["", "合计", "4,010,218.40", "3,521,940.40", "488,278.00"],
        ["301", "工资福利支出", "3,305,640.40", "3,305,640.40", ""],
        ["30101", "基本工资", "1,020,360.00", "1,020,360.00", ""],
        ["30102", "津贴补贴", "1,280,400.40", "1,280,400.40", ""],
        ["30108", "机关事业单位基本养老保险缴费", "312,080.00", "312,080.00", ""],
        ["30109", "职业年金缴费", "156,040.00", "156,040.00", ""],
        ["30113", "住房公积金", "536,760.00", "536,760.00", ""],
        ["302", "商品和服务支出", "488,278.00", "", "488,278.00"],
        ["30201", "办公费", "120,000.00", "", "120,000.00"],
        ["30211", "差旅费", "68,278.00", "", "68,278.00"],
        ["30299", "其他商品和服务支出", "300,000.00", "", "300,000.00"],
        ["303", "对个人和家庭的补助", "216,300.00", "216,300.00", ""],
        ["30302", "退休费", "216,300.00", "216,300.00", ""],
    ],
    spans=[((0, 0), (1, 0)), ((2, 0), (4, 0))],
)

THREE_PUBLIC = Grid(
    rows=[
        ["预算数", "", "", "", "决算数", "", "", ""],
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"] * 2,
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        ["60,000.00", "", "45,000.00", "15,000.00", "52,300.00", "", "41,800.00", "10,500.00"],
    ],
    spans=[((0, 0), (3, 0)), ((4, 0), (7, 0))],
)

FINAL_ACCOUNTS: list[Block] = [
    "天津市东丽区医疗保障局2026年度部门决算",
    "（2026年度）",
    "一、部门决算说明",
    "本部门2026年度一般公共预算财政拨款支出决算见下列各表。",
    "收入支出决算总表",
    _title_line("01"),
    SUMMARY,
    "一般公共预算财政拨款支出决算表",
    _title_line("05"),
    FUNCTIONAL,
    "一般公共预算财政拨款基本支出决算表",
    _title_line("06"),
    ECONOMIC,
    "一般公共预算财政拨款“三公”经费支出决算表",
    _title_line("07"),
    THREE_PUBLIC,
]


def render_blocks_pdf(blocks: list[Block]) -> bytes:
    """A landscape PDF: each string a line of text, each Grid a ruled table with its merges."""
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
    page_size = landscape(A4)
    width = page_size[0] - 30 * mm
    story = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(_escape(block).replace(TITLE_GAP, "&nbsp;" * 8), heading))
            continue
        columns = len(block.rows[0])
        table = PdfTable(
            [[Paragraph(_escape(value), text) if value else "" for value in row] for row in block.rows],
            colWidths=[width / columns] * columns,
        )
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   *[("SPAN", a, b) for a, b in block.spans]]))  # fmt: skip
        story.extend([table, Spacer(1, 6)])
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm)  # fmt: skip
    doc.build(story)
    return buffer.getvalue()


def render_blocks_docx(blocks: list[Block]) -> bytes:
    """A DOCX: each string a paragraph, each Grid a Word table with real merges."""
    import docx

    word = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
        else:
            _docx_table(word, block.rows, block.spans)
            word.add_paragraph("")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_blocks_text(blocks: list[Block]) -> bytes:
    """A tab-separated text export (as PDF-to-text tools write it): a table row per line, cells between tabs."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.extend([block, ""])
        else:
            lines.extend(["\t".join(row) for row in block.rows])
            lines.append("")
    return "\n".join(lines).encode("utf-8")
