"""HTML pages (and HTML saved as .xls): tables with rowspan/colspan, the text around them."""

from __future__ import annotations

import pytest
from test_readers_pdf_docx import budget, filled, projects

from conftest import SAMPLE_PREFIXES
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.readers.html import read_html
from render_samples import render_html

COUNTS = {"000": (55, 372, 0), "001": (54, 326, 0), "002": (3, 19, 0), "003": (7, 67, 157), "004": (6, 92, 0)}


@pytest.mark.parametrize("prefix", SAMPLE_PREFIXES)
def test_rendered_html_parses_like_its_text_export(parsed, prefix):
    document = read_html(render_html(parsed[prefix]).encode("utf-8"), f"{prefix}.html")
    again = parse_document(document)
    assert (len(again.projects), len(again.indicators), len(again.budget_lines)) == COUNTS[prefix]
    assert projects(again) == projects(parsed[prefix])
    assert filled(again) == filled(parsed[prefix])
    assert budget(again) == budget(parsed[prefix])


PAGE = """<html><head><meta charset="gbk"><style>td {color: red}</style></head><body>
<h2>2024年部门预算</h2><p>单位：万元</p>
<table>
<tr><th rowspan="2">科目</th><th colspan="2">本年预算</th></tr>
<tr><th>合计</th><th>基本支出</th></tr>
<tr><td>工资<br>福利</td><td>1,234.00</td><td>20.00</td></tr>
<tr><td>合计</td><td></td><td></td></tr>
</table>
<div>注：本表无数据。<script>var x = 1;</script></div>
</body></html>"""


def test_html_tables_spans_and_text(tmp_path):
    path = tmp_path / "export.xls"  # what some systems save as an Excel file
    path.write_bytes(PAGE.encode("gbk"))
    document = read_document(path)
    assert document.format == "html"
    heading, unit, table, note = document.blocks
    assert (heading.text, heading.heading_level, unit.text, note.text) == (
        "2024年部门预算",
        2,
        "单位：万元",
        "注：本表无数据。",
    )
    assert [row.texts for row in table.rows] == [
        ["科目", "本年预算", ""],
        ["", "合计", "基本支出"],
        ["工资\n福利", "1,234.00", "20.00"],
        ["合计", "", ""],
    ]
    assert [row.line for row in table.rows] == [4, 5, 6, 7]
