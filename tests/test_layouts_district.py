"""The national 部门预算 / 部门决算 templates and the 财政项目支出绩效目标填报表 as a Shanghai district's departments
publish them (tests/district_documents.py), each in at least two formats: the same records from each."""

from __future__ import annotations

import pytest
from district_documents import (
    DEPARTMENT,
    DISTRICT_BUDGET,
    DISTRICT_FINAL_ACCOUNTS,
    EMPTY_BUDGET_TABLE,
    FINAL_ISSUER,
    target_forms,
)

from ingest.layouts import parse_document
from ingest.readers import read_document
from render_templates import RENDERERS

BUDGET_FORMATS = ("pdf", "docx", "xlsx")  # a spreadsheet export prints titles inside its grids
FORMATS = ("pdf", "docx")


def _parse(folder, name, blocks, fmt):
    path = folder / f"{name}.{fmt}"
    path.write_bytes(RENDERERS[fmt](blocks))
    return parse_document(read_document(path))


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    parsed = {}
    for fmt in BUDGET_FORMATS:
        parsed["budget", fmt] = _parse(folder, "budget", DISTRICT_BUDGET, fmt)
    for fmt in FORMATS:
        parsed["final", fmt] = _parse(folder, "final", DISTRICT_FINAL_ACCOUNTS, fmt)
        for style in ("template", "variant"):
            parsed[style, fmt] = _parse(folder, f"forms_{style}", target_forms(style), fmt)
    return parsed


def lines_with_amounts(parsed, seq: int) -> list[tuple]:
    def amounts(line):
        return {a.column_header: a.value for a in parsed.budget_amounts
                if (a.budget_table_seq, a.line_seq) == (seq, line.line_seq)}  # fmt: skip

    return [
        (line.side, line.code, line.name, amounts(line)) for line in parsed.budget_lines if line.budget_table_seq == seq
    ]


@pytest.mark.parametrize("fmt", BUDGET_FORMATS)
def test_unnumbered_budget_tables_are_numbered_in_print_order(district, fmt):
    parsed = district["budget", fmt]
    assert [(t.table_number, t.table_label, t.is_number_inferred, t.title, t.kind, t.statement, t.amount_unit)
            for t in parsed.budget_tables] == [
        (1, None, True, "2025年部门财务收支预算总表", "two_sided", "budget", "元"),
        (2, None, True, "2025年部门收入预算总表", "coded", "budget", "元"),
        (3, None, True, "2025年部门财政拨款收支预算总表", "two_sided", "budget", "元"),
        (6, "表6", False, "一般公共预算支出功能分类预算表", "coded", "budget", "元"),
        (7, None, True, "2025年部门“三公”经费和机关运行经费预算表", "matrix", "budget", "万元"),
    ]  # fmt: skip
    assert {t.department for t in parsed.budget_tables} == {DEPARTMENT}  # 编制部门：… 单位：元
    # the contents list is a table of its own (a spreadsheet's one-column grid reads as lines)
    assert [t.kind for t in parsed.tables if t.kind != "table_of_contents"] == ["budget_disclosure"] * 5
    assert parsed.tables[0].kind == ("budget_disclosure" if fmt == "xlsx" else "table_of_contents")
    assert [issue.message for issue in parsed.issues if issue.severity != "info"] == []


@pytest.mark.parametrize("fmt", BUDGET_FORMATS)
def test_two_sided_tables_split_where_the_expenditure_side_starts(district, fmt):
    parsed = district["budget", fmt]
    summary = lines_with_amounts(parsed, 1)
    assert summary[:2] == [
        ("income", None, "一、财政拨款收入", {"本年收入/预算数": "31,214,205.80"}),
        ("expenditure", None, "一、一般公共服务支出", {"本年支出/预算数": "22,186,440.80"}),
    ]
    assert summary[-1] == ("expenditure", None, "支出总计", {"本年支出/预算数": "31,214,205.80"})
    fiscal = lines_with_amounts(parsed, 3)  # 2 income columns, 5 expenditure columns
    assert fiscal[:2] == [
        ("income", None, "一、一般公共预算资金", {"财政拨款收入/预算数": "31,214,205.80"}),
        ("expenditure", None, "一、一般公共服务支出",
         {"财政拨款支出/合计": "22,186,440.80", "财政拨款支出/一般公共预算": "22,186,440.80"}),
    ]  # fmt: skip
    assert len(fiscal) == 6


@pytest.mark.parametrize("fmt", BUDGET_FORMATS)
def test_codes_printed_in_class_columns_and_a_title_printed_inside_the_grid(district, fmt):
    parsed = district["budget", fmt]
    income = lines_with_amounts(parsed, 2)
    assert [(code, name) for _, code, name, _ in income] == [
        ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"),
        ("2010350", "事业运行"), (None, "合计"),
    ]  # fmt: skip
    assert income[2][3] == {"收入预算/合计": "16,231,840.80", "收入预算/财政拨款收入": "16,231,840.80"}
    # The spreadsheet's table starts a table of its own though printed right under the one before, same width.
    three_public = {
        "“三公”经费预算数/合计": "0.95",
        "“三公”经费预算数/公务接待费": "0.95",
        "机关运行经费预算数": "229.43",
    }
    assert lines_with_amounts(parsed, 5) == [(None, None, None, three_public)]
    assert parsed.budget_tables[4].column_headers.split(" | ")[3:6] == [
        "“三公”经费预算数/公务用车购置及运行费/小计",
        "“三公”经费预算数/公务用车购置及运行费/购置费",
        "“三公”经费预算数/公务用车购置及运行费/运行费",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_final_accounts_exported_with_values_on_their_own_lines(district, fmt):
    parsed = district["final", fmt]
    meta = parsed.meta
    assert (meta.issuer, meta.budget_year, meta.doc_kind) == (FINAL_ISSUER, 2024, "final_accounts")
    assert meta.issuer_basis.startswith("cover: 上海市普陀区规划和自然资源局年度部门决算")
    assert meta.budget_year_basis == "title: 年度部门决算 / 2024"
    assert [(t.table_number, t.title, t.kind, t.classification, t.line_count, t.is_empty)
            for t in parsed.budget_tables] == [
        (1, "收入支出决算总表", "two_sided", "income_expenditure", 6, False),
        (2, "支出决算表", "coded", "functional", 6, False),
        (3, "财政拨款收入支出决算总表", "two_sided", "income_expenditure", 5, False),
        (4, "一般公共预算财政拨款支出决算表", "coded", "functional", 4, False),
        (5, "一般公共预算财政拨款基本支出决算表", "coded", "economic", 9, False),
        (6, "财政拨款 三公 经费支出决算表", "matrix", "other", 1, False),  # the quote marks were on a line of their own
        (7, "政府性基金预算财政拨款收入支出决算表", "coded", "functional", 0, True),
    ]  # fmt: skip
    assert [issue.message for issue in parsed.issues if issue.severity != "info"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_final_accounts_headers_and_lines(district, fmt):
    parsed = district["final", fmt]
    expenditure = lines_with_amounts(parsed, 2)  # 类 | 款 | 项 printed on the 合计 line
    assert expenditure[0] == (
        None,
        None,
        "合计",
        {"本年支出合计": "2,433.37", "基本支出": "1,830.23", "项目支出": "603.14"},
    )
    assert [code for _, code, _, _ in expenditure[1:]] == ["201", "20106", "2010601", "208", "2080501"]
    general = parsed.budget_tables[3]
    assert (
        general.column_headers
        == "项目/功能分类科目编码 | 项目/科目名称 | 本年支出/小计 | 本年支出/基本支出 | 本年支出/项目支出"
    )
    economic = lines_with_amounts(parsed, 5)  # two groups without a header: named by their totals
    assert [(side, code, name) for side, code, name, _ in economic] == [
        ("人员经费", "301", "工资福利支出"), ("公用经费", "302", "商品和服务支出"),
        ("人员经费", "30101", "基本工资"), ("公用经费", "30201", "办公费"),
        ("人员经费", "30102", "津贴补贴"), ("公用经费", "30299", "其他商品和服务支出"),
        ("公用经费", "310", "资本性支出"), ("人员经费", None, "人员经费合计"), ("公用经费", None, "公用经费合计"),
    ]  # fmt: skip
    fund = parsed.budget_tables[6]  # empty; its 合计 shares the row with 合计 | 基本支出 | 项目支出
    assert fund.column_headers.split(" | ")[2:] == [
        "年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"
    ]  # fmt: skip
    assert fund.note == "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"


@pytest.mark.parametrize("style", ["template", "variant"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_target_forms_with_their_budgets_and_goals(district, fmt, style):
    parsed = district[style, fmt]
    assert [(p.title, p.period_label, p.project_name, p.project_attribute, p.amount_unit, p.budget, p.fiscal,
             p.carryover, p.other, p.midterm_budget, p.midterm_fiscal, p.midterm_other, p.unit_name,
             p.supervising_department, p.layout, p.table_kind) for p in parsed.projects] == [
        ("财政项目支出绩效目标填报表", "（2023年度）", "新建社区公共服务中心", "阶段性项目；特定目标类", "元",
         "4,100,000.00", "4,100,000.00", "0.00", "0.00", "4,100,000.00", "4,100,000.00", "0.00", DEPARTMENT,
         DEPARTMENT, "five_column", "project_target"),
        ("财政项目支出绩效目标填报表", "（2023年度）", "就业援助基地补贴", "经常性项目；特定目标类", "元",
         "6,351,000.00", "6,151,000.00", "200,000.00", "0.00", "6,351,000.00", "6,351,000.00", "0.00", DEPARTMENT,
         DEPARTMENT, "five_column", "project_target"),
    ]  # fmt: skip
    first = parsed.projects[0]
    assert first.goal == first.midterm_goal == "建成后作为社区事务受理、社区管理、社区文化艺术活动场所。"
    assert parsed.projects[1].goal == "管理各类下拨费用，实报实销"
    assert [(issue.severity, issue.subject) for issue in parsed.issues] == [("info", "计划开始日期")] * 2


@pytest.mark.parametrize("style", ["template", "variant"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_target_form_indicators_with_their_levels(district, fmt, style):
    parsed = district[style, fmt]
    bare = style == "variant"  # levels printed without 指标 stay as printed (dbt maps them)

    def level(text):
        return text.removesuffix("指标") if bare and text else text

    rows = [(i.table_seq, i.row_number, i.level1, i.level2, i.level3, i.target, i.is_realigned)
            for i in parsed.indicators]  # fmt: skip
    assert rows == [
        (1, 1, level("产出指标"), level("数量指标"), "规划建筑面积", "≥13459.00(平方米)", False),
        (1, 2, None, level("质量指标"), "完工及时率", "及时率", False),
        (1, 3, level("效益指标"), level("社会效益指标"), "完善社区基础设施建设", "完善率", False),
        (1, 4, level("满意度指标"), level("服务对象满意度指标"), "居民满意度", "满意度", False),
        (2, 1, level("产出指标"), level("数量指标"), "补贴对象申请审核完成率", "=100.00(%)", False),
        (2, 2, None, None, "开展特殊对象心理健康教育", ">6.00(次)", False),
        (2, 3, None, level("质量指标"), "补贴对象审核达标率", "=100.00(%)", False),
        (2, 4, level("效益指标"), level("社会效益指标"), "补贴对象生活改善度", "合规", False),
        (2, 5, level("满意度指标"), level("服务对象满意度指标"), "补贴对象满意度", "≥80.00(%)", False),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_table_printing_none_under_its_headers(tmp_path, fmt):
    # 无 under 类 | 款 | 项 is the empty table's data row, not a header: 类 stays a code column, no amount is read.
    parsed = _parse(tmp_path, "empty", EMPTY_BUDGET_TABLE, fmt)
    (table,) = parsed.budget_tables
    assert (table.title, table.is_empty, table.column_headers) == (
        "2026年预算单位政府性基金预算支出功能分类预算表",
        True,
        "项目/功能分类科目编码/类 | 项目/功能分类科目编码/款 | 项目/功能分类科目编码/项 | 项目/功能分类科目名称 | "
        "政府性基金预算支出/合计 | 政府性基金预算支出/基本支出 | 政府性基金预算支出/项目支出",
    )
    assert [(line.code, line.name) for line in parsed.budget_lines] == [(None, "无"), (None, "合计")]
    assert list(parsed.budget_amounts) == []
