"""Text exports -> Document: the three export styles, markup, encodings and unreadable files."""

from __future__ import annotations

import pytest

from conftest import sample_path
from ingest.document import Paragraph, Table
from ingest.errors import DocumentError, UnsupportedFormat
from ingest.readers import read_document
from ingest.readers.text import clean_markup, read_text


@pytest.mark.parametrize(
    ("prefix", "style"),
    [
        ("000", "text/tsv"),
        ("001", "text/cell_lines"),
        ("002", "text/cell_lines"),
        ("003", "text/markdown"),
        ("004", "text/tsv"),
    ],
)
def test_export_style_is_recognised(prefix, style):
    assert read_document(sample_path(prefix)).format == style


def test_tsv_rows_keep_their_cells_and_lines():
    document = read_document(sample_path("000"))
    table = next(block for block in document.blocks if isinstance(block, Table))
    assert table.rows[0].line == 78
    assert table.rows[0].texts[:2] == ["项目名称", "医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目"]
    assert table.rows[1].texts == ["预算规模及资金用途", "预算数", "187.10", "其中：财政资金", "187.10", "其他资金"]


def test_cell_lines_one_cell_per_line():
    document = read_document(sample_path("001"))
    table = next(block for block in document.blocks if isinstance(block, Table))
    assert table.rows[0].texts == ["619001唐山市医疗保障局本级", "单位：万元"]
    assert table.rows[0].cells[1].line == 48
    assert [p.text for p in document.blocks if isinstance(p, Paragraph)][2] == "一、总体绩效目标"  # bookmark removed


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (r"$\geq 70\%$", "≥70%"),
        (r"$\leq 92767000$ 元", "≤92767000 元"),
        (r"动态类 $\geq 10$ 条", "动态类 ≥10 条"),
        ("<b>项目名称</b>", "项目名称"),
        ("**单位：元**", "单位：元"),
        (r"$\geqslant 5$", "≥5"),
    ],
)
def test_markdown_markup_is_removed(markup, text):
    assert clean_markup(markup) == text


def test_markdown_pipe_tables_are_read():
    data = "## 1.测试项目绩效目标表\n\n| 项目名称 | 测试 |\n|---|---|\n| 预算数 | $\\geq 5$ |\n".encode()
    document = read_text(data, "pipes.md")
    table = document.tables()[0]
    assert [row.texts for row in table.rows] == [["项目名称", "测试"], ["预算数", "≥5"]]
    assert document.paragraphs()[0].heading_level == 2


def test_gbk_text_is_decoded():
    text = sample_path("002").read_text(encoding="utf-8")
    assert read_text(text.encode("gbk"), "gbk.txt").blocks == read_text(text.encode("utf-8"), "utf8.txt").blocks


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00" * 10, "binary"),
        (bytes(range(128, 256)) * 20, "not text in UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5"),
    ],
)
def test_unreadable_text_names_the_file_and_reason(data, reason):
    with pytest.raises(DocumentError, match=rf"bad\.txt: .*{reason}"):
        read_text(data, "bad.txt")


def test_unknown_suffix_is_unsupported(tmp_path):
    path = tmp_path / "budget.pptx"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormat, match="budget.pptx: no reader for '.pptx'"):
        read_document(path)


@pytest.mark.parametrize(
    ("text", "marker"),
    [("- 3 -", True), ("3", True), ("第 3 页", True), ("第3页 共12页", True), ("第1页,共5页", True), ("3/12", True),
     ("产出指标", False), ("1. 医保中心运转项目", False), ("单位：万元", False)],
)  # fmt: skip
def test_one_page_number_rule_for_readers_and_layouts(text, marker):
    from ingest.document import is_page_marker

    assert is_page_marker(text) is marker
