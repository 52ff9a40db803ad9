"""CSV reader: system exports in UTF-8 (BOM or not) or GBK, comma or tab, parse like the text export."""

from __future__ import annotations

import pytest
from test_readers_pdf_docx import budget, filled, projects

from ingest.document import Paragraph, Table
from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers.delimited import read_csv, sniff_delimiter
from render_samples import render_csv


@pytest.mark.parametrize(
    ("prefix", "encoding", "delimiter", "n_projects", "n_indicators", "n_budget_lines"),
    [
        ("000", "utf-8-sig", ",", 55, 372, 0),
        ("001", "gb18030", "\t", 54, 326, 0),
        ("002", "gbk", ",", 3, 19, 0),
        ("003", "utf-8", ",", 7, 67, 157),
        ("004", "utf-8-sig", "\t", 6, 92, 0),
    ],
)
def test_rendered_csv_parses_like_its_text_export(
    parsed, prefix, encoding, delimiter, n_projects, n_indicators, n_budget_lines
):
    document = read_csv(render_csv(parsed[prefix], delimiter).encode(encoding), f"{prefix}.csv")
    assert document.format == "csv"
    again = parse_document(document)
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == (
        n_projects,
        n_indicators,
        n_budget_lines,
    )
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert budget(again) == budget(parsed[prefix])
    assert (again.meta.issuer, again.meta.budget_year) == (parsed[prefix].meta.issuer, parsed[prefix].meta.budget_year)


EXPORT = (
    "2024年部门预算支出表\r\n"
    "单位：万元\r\n"
    "科目编码,科目名称,合计,基本支出\r\n"
    '2080501,行政单位离退休,"1,234.00",20.00\r\n'
    '2101101,"行政单位医疗, 含公务员",,5.50\r\n'
    "合计,,,\r\n"
    "注：本表无数据。\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_cells_lines_and_text_around_the_table(encoding):
    document = read_csv(EXPORT.encode(encoding), "export.csv")
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    title, unit, table, note = document.blocks
    assert (title.text, title.line, unit.text, note.text, note.line) == (
        "2024年部门预算支出表",
        1,
        "单位：万元",
        "注：本表无数据。",
        7,
    )
    assert isinstance(table, Table) and table.line == 3 and table.page is None
    assert [row.texts for row in table.rows] == [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["2080501", "行政单位离退休", "1,234.00", "20.00"],
        ["2101101", "行政单位医疗, 含公务员", "", "5.50"],
        ["合计", "", "", ""],  # a one-cell row at the table's end that the export wrote with all its fields
    ]
    assert [row.line for row in table.rows] == [3, 4, 5, 6]


def test_tab_separated_and_excel_padded_csv():
    # Excel pads every record to the sheet's width: then a single filled first or last row is a text line.
    padded = "单位：元\t\t\n项目\t预算数\t备注\n工资福利支出\t100\t\n说明\t\t\n商品和服务支出\t50\t\n注：无\t\t\n"
    document = read_csv(padded.encode("utf-8"), "padded.csv")
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert [row.texts for row in document.blocks[1].rows] == [
        ["项目", "预算数", "备注"],
        ["工资福利支出", "100", ""],
        ["说明", "", ""],  # inside the table: still a row
        ["商品和服务支出", "50", ""],
    ]
    assert isinstance(document.blocks[2], Paragraph) and document.blocks[2].line == 6


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a,b,c\n1,2,3\n", ","), ("a\tb\tc\n1\t2\t3\n", "\t"), ('名称,金额\n"工资,福利","1,234.00"\n', ",")],
)
def test_delimiter_is_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_excel_separator_hint_line_names_the_delimiter():
    document = read_csv("sep=;\r\n科目;金额\r\n工资,福利;1,5\r\n".encode("utf-8-sig"), "hint.csv")
    (table,) = document.blocks
    assert [row.texts for row in table.rows] == [["科目", "金额"], ["工资,福利", "1,5"]]
    assert table.line == 2


def test_unreadable_csv_names_the_file():
    with pytest.raises(DocumentError, match=r"bad\.csv: .*binary"):
        read_csv(b"\x00\x01PK" * 20, "bad.csv")
    with pytest.raises(DocumentError, match=r"empty\.csv: the file is empty"):
        read_csv(b"", "empty.csv")
