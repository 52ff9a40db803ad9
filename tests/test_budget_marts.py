"""The budget marts and the auditor's cross-checks on sample 003 (东丽区 2026)."""

from __future__ import annotations

from decimal import Decimal


def test_budget_lines_in_yuan(marts):
    row = marts.execute(
        """
        select code_level, seed_name, total_yuan, basic_yuan, personnel_yuan, public_yuan, project_yuan
        from marts.budget_lines where table_number = 5 and code = '2101501'
        """
    ).fetchone()
    assert row == ("项", "行政运行", Decimal("1924100.00"), Decimal("1924100.00"), Decimal("1646400.00"),
                   Decimal("277700.00"), None)  # fmt: skip


def test_every_code_is_in_the_classification_seeds(marts):
    assert marts.execute("select count(*) from marts.budget_lines where is_code_unknown").fetchone() == (0,)
    rows = marts.execute(
        "select table_number, count(*) from marts.budget_lines "
        "where classification in ('functional', 'economic') and code is not null group by 1 order by 1"
    ).fetchall()
    assert rows == [(3, 20), (5, 20), (6, 27)]


def test_project_expenditures_all_matched(marts):
    rows = marts.execute(
        "select project_name, match_method, total_yuan, performance_budget_yuan from marts.project_expenditures "
        "order by line"
    ).fetchall()
    assert len(rows) == 7
    assert all(row[1] is not None for row in rows)
    assert ("医疗服务与保障能力提升补助资金-中央资金-津财社指【2025】142号", "name prefix",
            Decimal("309000.00"), Decimal("309000.00")) in rows  # fmt: skip


def test_real_disagreements_are_reported(marts):
    rows = marts.execute(
        """
        select check_name, subject, source_a, figure_a_yuan, source_b, figure_b_yuan, difference_yuan
        from marts.budget_checks where not is_consistent and check_name <> 'narrative equals table'
        order by check_name, source_b
        """
    ).fetchall()
    assert rows == [
        ("performance budget equals 项目支出表", "(自有资金)银行利息 (天津市东丽区医疗保障服务中心)", "项目支出表",
         Decimal("100.00"), rows[0][4], Decimal("50.00"), Decimal("50.00")),
        ("same figure across tables", "210 卫生健康支出", "表1", Decimal("156917500.00"), "表4",
         Decimal("156917300.00"), Decimal("200.00")),
        ("same figure across tables", "210 卫生健康支出", "表1", Decimal("156917500.00"), "表5",
         Decimal("156917300.00"), Decimal("200.00")),
    ]  # fmt: skip


def test_consistent_checks_pass(marts):
    rows = marts.execute(
        "select check_name, count(*), count(*) filter (where is_consistent) from marts.budget_checks group by 1 "
        "order by 1"
    ).fetchall()
    assert rows == [
        ("children sum to parent", 55, 55),
        ("narrative equals table", 84, 72),
        ("performance budget equals 项目支出表", 7, 6),
        ("same figure across tables", 9, 7),
        ("total equals sum of classes", 11, 11),
    ]


def test_empty_tables_are_present(marts):
    assert marts.execute(
        "select table_number, title from marts.budget_tables where is_empty order by 1"
    ).fetchall() == [
        (7, "一般公共预算“三公”经费支出情况表"),
        (8, "政府性基金预算支出情况表"),
        (9, "国有资本经营预算支出情况表"),
    ]
