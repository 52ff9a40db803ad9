"""Web-page text exports: pipe tables without the outer pipes, one cell per line ending in ` |`."""

from __future__ import annotations

import pytest
from test_readers_pdf_docx import budget, filled, projects

from conftest import SAMPLE_PREFIXES
from ingest.document import Paragraph, Table
from ingest.layouts import parse_document
from ingest.readers.text import detect_style, read_text
from render_samples import render_web_text

COUNTS = {"000": (55, 372, 0), "001": (54, 326, 0), "002": (3, 19, 0), "003": (7, 67, 157), "004": (6, 92, 0)}


@pytest.mark.parametrize("prefix", SAMPLE_PREFIXES)
@pytest.mark.parametrize(
    ("style", "fmt"), [("pipes", "text/pipes"), ("cell_bars", "text/cell_bars"), ("cell_bars_bar", "text/cell_bars")]
)
def test_web_text_export_parses_like_the_original(parsed, prefix, style, fmt):
    document = read_text(render_web_text(parsed[prefix], style).encode("utf-8"), f"{prefix}.txt")
    assert document.format == fmt
    again = parse_document(document)
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == COUNTS[prefix]
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert budget(again) == budget(parsed[prefix])


def test_pipe_table_without_outer_pipes():
    text = (
        "1.测试项目绩效目标表\n"
        "单位：万元\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "---|---|---|---\n"
        "产出指标 | 数量指标 | 检查次数 | ≥5 次\n"
        " | 质量指标 | 覆盖率 | 100%\n"
        " |  | 合格率 | \n"
        "注：无\n"
    )
    document = read_text(text.encode(), "web.txt")
    assert document.format == "text/pipes"
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    table = document.blocks[2]
    assert [row.texts for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "检查次数", "≥5 次"],
        ["", "质量指标", "覆盖率", "100%"],  # a leading bar is an empty first cell, not an outer pipe
        ["", "", "合格率", ""],
    ]
    assert [row.line for row in table.rows] == [3, 5, 6, 7]


# A row ends at a blank line (an empty cell is a bare `|`), or at a bare `|` (an empty cell is an indented ` |`).
CELL_BARS_BLANK = "单位：万元\n项目名称 |\n测试项目 |\n\n预算数 |\n187.10 |\n|\n\n说明文字\n"
CELL_BARS_BAR = "单位：万元\n项目名称 |\n测试项目 |\n|\n预算数 |\n187.10 |\n |\n|\n\n说明文字\n"


@pytest.mark.parametrize("text", [CELL_BARS_BLANK, CELL_BARS_BAR], ids=["blank_line_rows", "bar_line_rows"])
def test_one_cell_per_line_ending_in_a_bar(text):
    assert detect_style(text) == "cell_bars"
    document = read_text(text.encode(), "web.txt")
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert [row.texts for row in table.rows] == [["项目名称", "测试项目"], ["预算数", "187.10", ""]]
    assert [cell.line for cell in table.rows[1].cells] == [5, 6, 7]
    assert isinstance(document.blocks[2], Paragraph) and document.blocks[2].text == "说明文字"


def test_markdown_sample_stays_markdown(parsed):
    from conftest import sample_path

    assert detect_style(sample_path("003").read_text(encoding="utf-8")) == "markdown"


def test_bars_inside_tab_separated_cells_leave_it_tab_separated():
    text = "科目\t说明\n2080501\t离退休|行政 |\n2080502\t事业|单位 |\n2080503\t机关|服务 |\n2080504\t其他|\n"
    assert detect_style(text) == "tsv"
    assert read_text(text.encode(), "t.txt").tables()[0].rows[1].texts == ["2080501", "离退休|行政 |"]
