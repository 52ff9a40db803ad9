"""Budget disclosure tables (预算公开表1-10) and the narrative's amounts, from sample 003."""

from __future__ import annotations


def lines_of(parsed, number):
    table = next(t for t in parsed["003"].budget_tables if t.table_number == number)
    return table, [line for line in parsed["003"].budget_lines if line.budget_table_seq == table.budget_table_seq]


def amounts_of(parsed, table, line):
    return {
        a.column_header: a.value
        for a in parsed["003"].budget_amounts
        if a.budget_table_seq == table.budget_table_seq and a.line_seq == line.line_seq
    }


def test_ten_tables_with_titles_and_shapes(parsed):
    tables = parsed["003"].budget_tables
    assert [(t.table_number, t.classification, t.is_empty) for t in tables] == [
        (1, "income_expenditure", False), (2, "unit", False), (3, "functional", False),
        (4, "income_expenditure", False), (5, "functional", False), (6, "economic", False),
        (7, "other", True), (8, "functional", True), (9, "functional", True), (10, "project", False),
    ]  # fmt: skip
    assert all(t.amount_unit == "万元" and t.department == "天津市东丽区医疗保障局" for t in tables)


def test_unnumbered_table_is_numbered_from_its_neighbour(parsed):
    fifth = next(t for t in parsed["003"].budget_tables if t.title == "一般公共预算支出情况表")
    assert (fifth.table_label, fifth.table_number, fifth.is_number_inferred) == (None, 5, True)


def test_empty_tables_keep_their_note(parsed):
    empty = [t for t in parsed["003"].budget_tables if t.is_empty]
    assert [(t.table_number, t.note) for t in empty] == [
        (7, "注：本表无数据。"),
        (8, "注：本表无数据。"),
        (9, "注：本表无数据。"),
    ]


def test_functional_lines_with_stacked_headers(parsed):
    table, lines = lines_of(parsed, 5)
    assert len(lines) == 21
    relief = next(line for line in lines if line.code == "2101301")
    assert relief.name == "城乡医疗救助"
    assert amounts_of(parsed, table, relief) == {"合计": "607.00", "项目支出": "607.00"}
    admin = next(line for line in lines if line.code == "2101501")
    assert amounts_of(parsed, table, admin) == {
        "合计": "192.41", "基本支出/合计": "192.41", "基本支出/人员经费": "164.64", "基本支出/公用经费": "27.77"
    }  # fmt: skip


def test_two_sided_table_gives_income_and_expenditure_lines(parsed):
    table, lines = lines_of(parsed, 1)
    health = next(line for line in lines if line.name == "七、卫生健康支出")
    assert health.side == "expenditure"
    assert amounts_of(parsed, table, health) == {"支出/预算数": "15691.75"}
    assert sum(1 for line in lines if line.side == "income") == 12  # 一..九, 本年收入合计, 上年结转结余, 收入总计


def test_project_list(parsed):
    table, lines = lines_of(parsed, 10)
    assert [(line.project_type, line.name, line.unit_name) for line in lines][-1] == (
        "特定目标类", "(自有资金)银行利息", "天津市东丽区医疗保障服务中心"
    )  # fmt: skip
    assert len(lines) == 8


def test_narrative_amounts(parsed):
    claims = {(c.subject, c.amount) for c in parsed["003"].narrative_amounts}
    assert ("卫生健康支出（类）", "15,691.73") in claims
    assert ("卫生健康支出", "15,691.75") in claims  # 表1's figure, stated in 一、关于收支总体情况表的说明
    assert len(parsed["003"].narrative_amounts) == 102
    # Subjects whole: no list word (包括办公费), no year (2026年收支总预算), no counted prefix (0家…的).
    assert {
        ("办公费", "2.50"),
        ("收支总预算", "15,833.92"),
        ("机关运行经费预算", "27.77"),
        ("公务用车运行费", "0"),
    } <= claims
    assert not {subject for subject, _ in claims if subject.startswith(("包括", "其中", "年", "家"))}
    chapters = {(c.subject, c.section, c.chapter) for c in parsed["003"].narrative_amounts}
    assert ("行政运行（项）", "具体情况", "关于一般公共预算支出情况表的说明") in chapters
    assert ("工会经费", "机关运行经费", "其他重要事项的情况说明") in chapters
    assert parsed["000"].narrative_amounts == ()  # no budget tables, no narrative read
