"""部门决算 tables (公开01/05/06/07表) rendered to PDF, DOCX, XLSX and text: the same records from each."""

from __future__ import annotations

import pytest

from ingest.layouts import parse_document
from ingest.readers import read_document
from render_documents import FINAL_ACCOUNTS, SPLIT_CODES
from render_templates import RENDERERS

FORMATS = ("pdf", "docx", "txt", "xlsx")


@pytest.fixture(scope="module")
def final_accounts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("final_accounts")
    parsed = {}
    for fmt in FORMATS:
        path = folder / f"东丽区2026年度部门决算.{fmt}"
        path.write_bytes(RENDERERS[fmt](FINAL_ACCOUNTS))
        parsed[fmt] = parse_document(read_document(path))
    return parsed


def amounts(parsed, seq: int, line_seq: int) -> dict[str, str]:
    return {
        a.column_header: a.value for a in parsed.budget_amounts if a.budget_table_seq == seq and a.line_seq == line_seq
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_titles_numbers_department_and_unit_from_the_title_line(final_accounts, fmt):
    tables = final_accounts[fmt].budget_tables
    assert [(t.table_label, t.table_number, t.is_number_inferred, t.title, t.kind, t.classification, t.statement)
            for t in tables] == [
        ("公开01表", 1, False, "收入支出决算总表", "two_sided", "income_expenditure", "final_accounts"),
        ("公开05表", 5, False, "一般公共预算财政拨款支出决算表", "coded", "functional", "final_accounts"),
        ("公开06表", 6, False, "一般公共预算财政拨款基本支出决算表", "coded", "economic", "final_accounts"),
        ("公开07表", 7, False, "一般公共预算财政拨款“三公”经费支出决算表", "matrix", "other", "final_accounts"),
    ]  # fmt: skip
    assert {(t.department, t.amount_unit, t.is_empty) for t in tables} == {("天津市东丽区医疗保障局", "元", False)}
    assert [t.line_count for t in tables] == [15, 19, 14, 1]  # no 栏次 line among them
    assert not [issue for issue in final_accounts[fmt].issues if issue.severity == "warning"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_sided_summary_keeps_row_numbers_out_of_the_amounts(final_accounts, fmt):
    parsed = final_accounts[fmt]
    lines = [line for line in parsed.budget_lines if line.budget_table_seq == 1]
    health = next(line for line in lines if line.name == "三、卫生健康支出")
    assert (health.side, health.row_number_printed) == ("expenditure", "33")
    assert amounts(parsed, 1, health.line_seq) == {"支出/金额": "155,012,798.40"}
    blank = next(line for line in lines if line.name == "二、政府性基金预算财政拨款收入")
    assert (blank.row_number_printed, amounts(parsed, 1, blank.line_seq)) == ("2", {})  # blank, not zero
    assert [(line.side, line.name, line.row_number_printed) for line in lines[-2:]] == [
        ("income", "总计", "8"),
        ("expenditure", "总计", "37"),
    ]
    assert not any("行次" in a.column_header for a in parsed.budget_amounts)


@pytest.mark.parametrize("fmt", FORMATS)
def test_functional_and_economic_lines(final_accounts, fmt):
    parsed = final_accounts[fmt]
    functional = [line for line in parsed.budget_lines if line.budget_table_seq == 2]
    assert (functional[0].code, functional[0].name) == (None, "合计")
    assert amounts(parsed, 2, functional[0].line_seq) == {
        "本年支出/合计": "156,402,318.40", "本年支出/基本支出": "4,010,218.40", "本年支出/项目支出": "152,392,100.00"
    }  # fmt: skip
    running = next(line for line in functional if line.code == "2101550")
    assert amounts(parsed, 2, running.line_seq) == {"本年支出/合计": "473,478.00", "本年支出/基本支出": "473,578.00"}
    assert [line.code for line in functional if line.code and len(line.code) == 3] == ["208", "210", "221"]
    assert len(parsed.budget_lines) == 49 and len(parsed.budget_amounts) == 71


@pytest.mark.parametrize("fmt", FORMATS)
def test_economic_table_in_column_groups_gives_a_line_per_group(final_accounts, fmt):
    # The MoF 基本支出决算表: 人员经费 | 公用经费 side by side, each with its own 科目编码, 科目名称, 决算数.
    parsed = final_accounts[fmt]
    economic = [line for line in parsed.budget_lines if line.budget_table_seq == 3]
    assert [(line.side, line.code, line.name) for line in economic[:4]] == [
        ("人员经费", "301", "工资福利支出"),
        ("公用经费", "302", "商品和服务支出"),
        ("人员经费", "30101", "基本工资"),
        ("公用经费", "30201", "办公费"),
    ]
    assert amounts(parsed, 3, economic[3].line_seq) == {"公用经费/决算数": "120,000.00"}
    assert [(line.side, line.name, amounts(parsed, 3, line.line_seq)) for line in economic[-2:]] == [
        ("人员经费", "人员经费合计", {"人员经费/决算数": "3,521,940.40"}),
        ("公用经费", "公用经费合计", {"公用经费/决算数": "488,278.00"}),
    ]
    assert sum(1 for line in economic if line.side == "人员经费") == 9


@pytest.mark.parametrize("fmt", FORMATS)
def test_three_public_expenses_matrix_without_its_column_numbers(final_accounts, fmt):
    parsed = final_accounts[fmt]
    assert amounts(parsed, 4, 1) == {
        "预算数/合计": "60,000.00", "预算数/公务用车购置及运行维护费": "45,000.00", "预算数/公务接待费": "15,000.00",
        "决算数/合计": "52,300.00", "决算数/公务用车购置及运行维护费": "41,800.00", "决算数/公务接待费": "10,500.00",
    }  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_codes_printed_in_class_item_and_subitem_columns(tmp_path, fmt):
    path = tmp_path / f"支出决算表.{fmt}"
    path.write_bytes(RENDERERS[fmt](SPLIT_CODES))
    parsed = parse_document(read_document(path))
    (table,) = parsed.budget_tables
    assert (table.table_label, table.kind, table.classification, table.statement, table.header_rows) == (
        "公开03表", "coded", "functional", "final_accounts", 3
    )  # fmt: skip
    assert [(line.code, line.name) for line in parsed.budget_lines] == [
        (None, "合计"),
        ("210", "卫生健康支出"),
        ("21011", "行政事业单位医疗"),
        ("2101101", "行政单位医疗"),
        ("21013", "医疗救助"),
        ("2101301", "城乡医疗救助"),
    ]
    assert amounts(parsed, 1, 6) == {"本年支出/合计": "5,600,000.00", "本年支出/项目支出": "5,600,000.00"}
    assert not any("科目编码" in a.column_header for a in parsed.budget_amounts)


def test_every_format_gives_the_same_records(final_accounts):
    def records(parsed):
        return (
            [(t.table_number, t.title, t.column_headers) for t in parsed.budget_tables],
            [
                (b.budget_table_seq, b.line_seq, b.side, b.code, b.name, b.row_number_printed)
                for b in parsed.budget_lines
            ],
            [(a.budget_table_seq, a.line_seq, a.column_header, a.value) for a in parsed.budget_amounts],
        )

    assert records(final_accounts["pdf"]) == records(final_accounts["docx"]) == records(final_accounts["txt"])
    assert records(final_accounts["xlsx"]) == records(final_accounts["txt"])


def test_budget_tables_are_statement_budget(parsed):
    assert {t.statement for t in parsed["003"].budget_tables} == {"budget"}
    assert all(line.row_number_printed is None for line in parsed["003"].budget_lines)
