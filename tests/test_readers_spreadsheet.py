"""Spreadsheet readers: a sample rendered to XLSX parses like its text export; formats, merges, sheets, errors."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import duckdb
import pytest
from test_readers_pdf_docx import budget, filled, projects

from conftest import SAMPLE_PREFIXES
from ingest.cli import main
from ingest.document import Paragraph, Table
from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.readers.spreadsheet import display
from ingest.readers.xlsx import read_xlsx
from render_samples import render_xlsx


@pytest.fixture(scope="module")
def xlsx_rendered(parsed):
    """Each sample's performance tables (and 003's budget tables) as XLSX, read back."""
    return {prefix: read_xlsx(render_xlsx(parsed[prefix]), f"{prefix}.xlsx") for prefix in SAMPLE_PREFIXES}


@pytest.mark.parametrize(
    ("prefix", "n_projects", "n_indicators"),
    [("000", 55, 372), ("001", 54, 326), ("002", 3, 19), ("003", 7, 67), ("004", 6, 92)],
)
def test_rendered_xlsx_parses_like_its_text_export(parsed, xlsx_rendered, prefix, n_projects, n_indicators):
    again = parse_document(xlsx_rendered[prefix])
    assert (len(again.projects), len(again.indicators)) == (n_projects, n_indicators)
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert [(p.table_seq, p.period, p.share) for p in again.spending_plans] == [
        (p.table_seq, p.period, p.share) for p in parsed[prefix].spending_plans
    ]
    assert (again.meta.issuer, again.meta.budget_year) == (parsed[prefix].meta.issuer, parsed[prefix].meta.budget_year)


def test_rendered_xlsx_budget_tables_parse_like_the_markdown(parsed, xlsx_rendered):
    again = parse_document(xlsx_rendered["003"])
    assert len(again.budget_tables) == 10 and len(again.budget_lines) == 157
    assert budget(again) == budget(parsed["003"])


def test_xlsx_sheets_are_pages_and_rows_are_lines(xlsx_rendered):
    document = xlsx_rendered["000"]
    assert document.page_count == 55  # a sheet per project
    assert [(type(b).__name__, b.sheet, b.page, b.line) for b in document.blocks[:7]] == [
        ("Paragraph", "项目1", 1, 1),  # 天津市医疗保障局
        ("Paragraph", "项目1", 1, 2),  # 2025年项目支出绩效目标表
        ("Paragraph", "项目1", 1, 3),  # 1.医保待遇调整…绩效目标表
        ("Paragraph", "项目1", 1, 4),  # 382101 天津市医疗保障局
        ("Paragraph", "项目1", 1, 5),  # 单位：万元
        ("Table", "项目1", 1, 6),  # the header block
        ("Table", "项目1", 1, 11),  # the indicator table, after a blank row
    ]
    header = document.blocks[5]
    assert header.rows[1].texts == ["预算规模及资金用途", "预算数", "187.10", "其中：财政资金", "187.10", "其他资金"]
    assert [row.line for row in header.rows] == [6, 7, 8, 9]  # row 10 is blank
    parsed = parse_document(document)
    assert (parsed.projects[-1].first_page, parsed.indicators[-1].page) == (55, 55)


def budget_workbook() -> bytes:
    """A budget sheet as bureaus publish them, a second table below it, an unruled sheet, a hidden sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    sheet = book.active
    sheet.title = "收支总表"
    sheet["A1"] = "2024年部门收支总表"
    sheet.merge_cells("A1:D1")
    sheet["D2"] = "单位：万元"
    grid = [
        ["项目", "预算数", "执行率", "截止日期"],
        ["一般公共预算拨款", (1234, "#,##0.00"), (0.95, "0%"), (dt.datetime(2025, 12, 31), 'yyyy"年"m"月"d"日"')],
        ["其中：基本支出", (20, "0.00"), (12.0, "General"), (dt.datetime(2025, 3, 5), "yyyy-mm-dd")],
        ["说明：以下为项目支出"],  # one filled cell, inside the table: still a row
        ["合计", (-1234.5, "#,##0.00;-#,##0.00"), (7, "General"), None],
    ]
    for r, cells in enumerate(grid, start=3):
        for c in range(1, 5):
            cell = sheet.cell(r, c)
            cell.border = ruled
            value = cells[c - 1] if c <= len(cells) else None
            if isinstance(value, tuple):
                cell.value, cell.number_format = value
            elif value is not None:
                cell.value = value
    sheet.merge_cells("B6:D6")
    sheet["B6"].value = None
    sheet["A8"] = "注：本表金额保留两位小数。"
    sheet["A10"] = "第二张表"
    for r, cells in enumerate([["编码", "名称"], ["2080501", "行政单位离退休"]], start=11):
        for c, value in enumerate(cells, start=1):
            sheet.cell(r, c, value).border = ruled
    plain = book.create_sheet("无框线")
    plain["B2"] = "单位：元"
    for r, cells in enumerate([["科目", "金额"], ["工资福利支出", 100], ["备注"], ["商品和服务支出", 50]], start=3):
        for c, value in enumerate(cells, start=2):
            plain.cell(r, c, value)
    plain["B7"] = "注：无"
    hidden = book.create_sheet("底稿")
    hidden["A1"] = "草稿"
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_read_as_the_sheet_shows_them():
    check_budget_workbook(read_xlsx(budget_workbook(), "budget.xlsx"))


def check_budget_workbook(document) -> None:
    """What the XLSX and XLS readers must both make of `budget_workbook()`."""
    assert document.page_count == 3
    first = [block for block in document.blocks if block.sheet == "收支总表"]
    assert [(type(b).__name__, b.line) for b in first] == [
        ("Paragraph", 1),
        ("Paragraph", 2),
        ("Table", 3),
        ("Paragraph", 8),
        ("Paragraph", 10),
        ("Table", 11),
    ]
    assert [first[0].text, first[1].text, first[3].text] == [
        "2024年部门收支总表",
        "单位：万元",
        "注：本表金额保留两位小数。",
    ]
    table = first[2]
    assert [row.texts for row in table.rows] == [
        ["项目", "预算数", "执行率", "截止日期"],
        ["一般公共预算拨款", "1,234.00", "95%", "2025年12月31日"],
        ["其中：基本支出", "20.00", "12", "2025-03-05"],
        ["说明：以下为项目支出", "", "", ""],  # B6:D6 merged and blank; the row stays in the table
        ["合计", "-1,234.50", "7", ""],
    ]
    assert [(row.page, row.line) for row in table.rows] == [(1, 3), (1, 4), (1, 5), (1, 6), (1, 7)]
    assert table.rows[1].cells[1].line == 4
    assert [row.texts for row in first[5].rows] == [["编码", "名称"], ["2080501", "行政单位离退休"]]
    assert document.warnings == ("sheet 3 '底稿' is hidden in the workbook; read like the others",)


def test_xlsx_without_borders_takes_single_cell_edge_rows_as_text():
    document = read_xlsx(budget_workbook(), "budget.xlsx")
    plain = [block for block in document.blocks if block.sheet == "无框线"]
    assert [type(block).__name__ for block in plain] == ["Paragraph", "Table", "Paragraph"]
    assert [row.texts for row in plain[1].rows] == [
        ["科目", "金额"],
        ["工资福利支出", "100"],
        ["备注", ""],
        ["商品和服务支出", "50"],
    ]
    assert (plain[1].page, plain[1].line, plain[2].text) == (2, 3, "注：无")


def test_xlsx_merged_range_text_is_in_its_top_left_cell_only():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for r, cells in enumerate([["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "≥5 次"],
                               [None, "质量指标", "100%"], [None, "时效指标", "12月底前"]], start=1):  # fmt: skip
        for c, value in enumerate(cells, start=1):
            sheet.cell(r, c, value)
    sheet.merge_cells("A2:A4")
    buffer = io.BytesIO()
    book.save(buffer)
    (table,) = read_xlsx(buffer.getvalue(), "merged.xlsx").tables()
    assert [row.texts[0] for row in table.rows] == ["一级指标", "产出指标", "", ""]


def test_hidden_sheet_and_sheet_names_reach_raw_tables(tmp_path, parsed):
    document = read_xlsx(budget_workbook(), "budget.xlsx")
    assert document.warnings == ("sheet 3 '底稿' is hidden in the workbook; read like the others",)
    assert any(isinstance(b, Paragraph) and b.text == "草稿" and b.page == 3 for b in document.blocks)
    # Through the CLI: a workbook with a hidden sheet of notes next to 002's tables.
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(parsed["002"])))
    notes = book.create_sheet("备注")
    notes["A1"] = "内部备注"
    notes.sheet_state = "hidden"
    path = tmp_path / "binhai.xlsx"
    book.save(path)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(path)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select format, status, n_projects, page_count from raw.documents").fetchall() == [
            ("xlsx", "parsed", 3, 4)
        ]
        assert con.execute(
            "select severity, message from raw.parse_issues where message like '%hidden%'"
        ).fetchall() == [("info", "sheet 4 '备注' is hidden in the workbook; read like the others")]
        # Each table block keeps the sheet it is on.
        tables = "select sheet, page, first_line, kind from raw.document_tables order by block_seq limit 3"
        assert con.execute(tables).fetchall() == [
            ("项目1", 1, 6, "project_performance"),
            ("项目1", 1, 11, "project_performance"),
            ("项目2", 2, 4, "project_performance"),
        ]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1234, "#,##0.00", "1,234.00"),
        (20, "0.00", "20.00"),
        (0.95, "0%", "95%"),
        (0.125, "0.0%", "12.5%"),
        (12.0, "General", "12"),
        (0.1 + 0.2, "General", "0.3"),
        (2.675, "0.00", "2.68"),  # Excel rounds half away from zero
        (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"),
        (0, '#,##0;-#,##0;"-"', "-"),
        (12, "[$¥-804]#,##0.00", "¥12.00"),
        (12, '0"元"', "12元"),
        (1234567, "#,##0,", "1,235"),
        (dt.datetime(2025, 12, 31), 'yyyy"年"m"月"d"日"', "2025年12月31日"),
        (dt.datetime(2025, 3, 5, 14, 7), "yyyy/m/d h:mm", "2025/3/5 14:07"),
        (45657, "yyyy-mm-dd", "2024-12-31"),  # a date serial, as old .xls files hold dates
        ("≥90%", "@", "≥90%"),
        (True, "General", "TRUE"),
    ],
)
def test_number_formats_display_as_excel_shows_them(value, number_format, shown):
    assert display(value, number_format) == shown


def test_corrupt_xlsx_is_a_clear_error(tmp_path):
    with pytest.raises(DocumentError, match=r"broken\.xlsx: not a readable XLSX file"):
        read_xlsx(b"PK\x03\x04 not a zip", "broken.xlsx")
    with pytest.raises(DocumentError, match=r"empty\.xlsx: the file is empty"):
        read_xlsx(b"", "empty.xlsx")
    path = tmp_path / "budget.xlsx"
    path.write_bytes(budget_workbook())
    assert isinstance(read_document(path).blocks[2], Table)


def test_a_styled_cell_far_away_reads_no_empty_grid():
    # Formatting whole columns leaves cells at XFD1048576; only the cells the file holds are read.
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A3"], sheet["B3"], sheet["A4"], sheet["B4"] = "标题", "项目", "预算数", "工资", 1
    sheet["XFD1048576"].border = Border(left=Side(style="thin"))
    buffer = io.BytesIO()
    book.save(buffer)
    title, table = read_xlsx(buffer.getvalue(), "wide.xlsx").blocks
    assert (title.text, [row.texts for row in table.rows]) == ("标题", [["项目", "预算数"], ["工资", "1"]])


def test_a_sheet_ruling_only_its_header_keeps_its_data_rows():
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    book = Workbook()
    sheet = book.active
    rows = [["部门预算表"], ["科目", "名称", "合计", "基本支出"], ["2080501", "行政单位离退休", 12.5, 12.5],
            ["2101101", "行政单位医疗", 3, None], ["注：单位万元"]]  # fmt: skip
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            sheet.cell(r, c, value)
    for c in range(1, 5):
        sheet.cell(2, c).border = Border(bottom=Side(style="medium"))
    buffer = io.BytesIO()
    book.save(buffer)
    title, table, note = read_xlsx(buffer.getvalue(), "header_ruled.xlsx").blocks
    assert (title.text, note.text) == ("部门预算表", "注：单位万元")
    assert [row.texts for row in table.rows] == [
        ["科目", "名称", "合计", "基本支出"],
        ["2080501", "行政单位离退休", "12.5", "12.5"],
        ["2101101", "行政单位医疗", "3", ""],
    ]


def test_formulas_saved_without_values_show_their_formula_and_are_noted():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for r, (name, amount) in enumerate([("项目", "预算数"), ("工资", 12), ("公用", 3)], start=1):
        sheet.cell(r, 1, name), sheet.cell(r, 2, amount)
    sheet["A4"], sheet["B4"], sheet["C4"] = "合计", "=SUM(B2:B3)", "万元"  # openpyxl saves no value for B4
    buffer = io.BytesIO()
    book.save(buffer)
    document = read_xlsx(buffer.getvalue(), "generated.xlsx")
    assert document.tables()[0].rows[-1].texts == ["合计", "=SUM(B2:B3)", "万元"]  # as printed, not computed
    assert document.warnings == ()
    assert [(n.code, n.page, n.line, n.subject) for n in document.notes] == [
        ("formula_without_value", 1, 4, "=SUM(B2:B3)")
    ]


# A target table typed in a spreadsheet by a program that does not calculate: `=100%` is a formula with no value.
FORMULA_TABLE = [
    ["项目名称", "医保基金监管专项", "", ""],
    ["预算数", "30.00", "其中：财政资金", "30.00"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "质量指标", "违规问题整改率", "=100%"],
    ["", "数量指标", "检查覆盖率", "=100%"],
    ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
]


def _formula_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    sheet.cell(1, 1, "2025年项目支出绩效目标表")
    sheet.cell(2, 1, "单位：万元")
    for r, row in enumerate(FORMULA_TABLE, start=3):
        for c, text in enumerate(row, start=1):
            if text:
                sheet.cell(r, c, text)  # openpyxl stores "=100%" as a formula and saves no value for it
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formula_ods() -> bytes:
    """The same sheet as an .ods whose formula cells carry no value and no text (as generators write them)."""
    import zipfile
    from xml.sax.saxutils import quoteattr

    def cell(text: str) -> str:
        if text.startswith("="):
            return f"<table:table-cell table:formula={quoteattr('of:' + text)}/>"
        return (
            f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
            if text
            else ("<table:table-cell/>")
        )

    rows = [["2025年项目支出绩效目标表"], ["单位：万元"], *FORMULA_TABLE]
    body = "".join(f"<table:table-row>{''.join(cell(text) for text in row)}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="绩效目标">{body}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make"), [("targets.xlsx", _formula_xlsx), ("targets.ods", _formula_ods)])
def test_a_target_typed_as_a_formula_stays_a_target(name, make):
    parsed = parse_document(read_document(Path(name), make()))
    assert [(p.project_name, p.budget, p.fiscal) for p in parsed.projects] == [("医保基金监管专项", "30.00", "30.00")]
    assert [(r.level1, r.level2, r.level3, r.target) for r in parsed.indicators] == [
        ("产出指标", "质量指标", "违规问题整改率", "=100%"),
        (None, "数量指标", "检查覆盖率", "=100%"),
        ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
    ]
    flagged = [
        (i.severity, i.code, i.page, i.line, i.subject) for i in parsed.issues if i.code == "formula_without_value"
    ]
    assert flagged == [
        ("info", "formula_without_value", 1, 6, "=100%"),
        ("info", "formula_without_value", 1, 7, "=100%"),
    ]


def test_a_zip_bomb_workbook_fails_before_it_is_inflated():
    import zipfile

    from ingest.limits import LimitExceeded

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    with pytest.raises(LimitExceeded, match=r"bomb\.xlsx: xl/worksheets/sheet1\.xml decompresses to 200 MB"):
        read_xlsx(buffer.getvalue(), "bomb.xlsx")
