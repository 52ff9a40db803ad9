"""One pass cuts a document into regions; each table region is claimed by one layout, and its kind is that name."""

from __future__ import annotations

from ingest.document import Cell, Document, Paragraph, Row, Table
from ingest.layouts import REGISTRY, parse_document
from ingest.layouts.registry import claim
from ingest.layouts.segment import TableRegion, TextRegion, segment


def table(*rows: list[str], line: int = 0) -> Table:
    return Table(tuple(Row(tuple(Cell(text) for text in row), line=line + n) for n, row in enumerate(rows)), line=line)


def test_the_registry_order():
    assert [layout.name for layout in (make() for make in REGISTRY)] == [
        "indicator_export",
        "project_performance",
        "project_monitoring",
        "budget_disclosure",
        "table_of_contents",
        "narrative",
        "announced_tables",
        "department_goals",
        "document_facts",
    ]


def test_tables_with_only_page_numbers_between_are_one_region_and_text_is_cut_at_section_headings():
    document = Document(
        "x.txt",
        "text",
        (
            Paragraph("一、部门职责"),
            Paragraph("负责医疗保障工作。"),
            Paragraph("二、机构设置"),
            Paragraph("单位：万元"),
            table(["科目编码", "科目名称", "合计"], ["210", "卫生健康支出", "10.00"]),
            Paragraph("- 2 -"),
            table(["21013", "医疗救助", "10.00"]),
            Paragraph("注：本表无其他数据。"),
            table(["项目名称", "某项目"]),
        ),
    )
    regions = segment(document)
    assert [type(region).__name__ for region in regions] == [
        "TextRegion",
        "TextRegion",
        "TableRegion",
        "TextRegion",
        "TableRegion",
    ]
    first, second = regions[0], regions[1]
    assert isinstance(first, TextRegion) and [p.text for p in first.paragraphs] == [
        "一、部门职责",
        "负责医疗保障工作。",
    ]
    assert isinstance(second, TextRegion) and [p.text for p in second.paragraphs] == ["二、机构设置", "单位：万元"]
    budget = regions[2]
    assert isinstance(budget, TableRegion)
    assert [piece.index for piece in budget.pieces] == [4, 6]  # the page number between them is not text
    assert [p.text for p in budget.above] == ["一、部门职责", "负责医疗保障工作。", "二、机构设置", "单位：万元"]
    assert budget.below is not None and budget.below.text == "注：本表无其他数据。"
    assert [p.text for p in regions[4].above] == ["注：本表无其他数据。"]


def test_a_table_going_on_over_a_page_break_is_one_budget_table_and_a_block_it_cannot_read_is_reported():
    document = Document(
        "budget.txt",
        "text",
        (
            Paragraph("预算公开表3"),
            Paragraph("一般公共预算支出情况表"),
            table(["科目编码", "科目名称", "合计"], ["210", "卫生健康支出", "10.00"], line=3),
            Paragraph("- 2 -"),
            table(["科目编码", "科目名称", "合计"], ["21013", "医疗救助", "10.00"], line=6),
            table(["说明", "本表金额单位为万元，数据截至年底，以上为全部内容"], line=8),
        ),
    )
    (region,) = [region for region in segment(document) if isinstance(region, TableRegion)]
    layouts = [make() for make in REGISTRY]
    assert claim(layouts, region).name == "budget_disclosure"
    parsed = parse_document(document)
    ((number, title, lines),) = [(t.table_number, t.title, t.line_count) for t in parsed.budget_tables]
    assert (number, title, lines) == (3, "一般公共预算支出情况表", 2)  # the repeated header row is not a line
    assert [line.code for line in parsed.budget_lines] == ["210", "21013"]
    assert [(t.kind, t.title) for t in parsed.tables] == [
        ("budget_disclosure", "预算公开表3 一般公共预算支出情况表"),
        ("budget_disclosure", "预算公开表3 一般公共预算支出情况表"),
        ("budget_disclosure", None),
    ]
    (unread,) = [issue for issue in parsed.issues if issue.code == "unrecognised_table"]
    assert (unread.severity, unread.line) == ("warning", 8)
    assert "right after a budget table but not its continuation" in unread.message


def test_a_region_no_layout_claims_is_unrecognised_block_by_block():
    document = Document("x.txt", "text", (Paragraph("附表"), table(["甲", "乙"], ["1", "2"]), table(["丙"], ["3"])))
    parsed = parse_document(document)
    assert [t.kind for t in parsed.tables] == ["unrecognised", "unrecognised"]
    assert [(i.code, i.subject, i.block_seq) for i in parsed.issues] == [
        ("unrecognised_table", "甲 | 乙", 1),
        ("unrecognised_table", "丙", 2),
    ]
    assert parsed.layouts == ()
