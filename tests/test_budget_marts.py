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


def test_differences_across_scopes_are_not_comparable(marts):
    """卫生健康支出 is 15,691.75 万元 in 表1/表3 (all funds) and 15,691.73 in 表4/表5 (fiscal): 其他收入 0.02 万元."""
    rows = marts.execute(
        """
        select source_a, line_a, scope_a, source_b, line_b, scope_b, difference_yuan, status
        from marts.budget_checks where check_name = 'same figure across tables' and subject = '210 卫生健康支出'
            and source_a like '表1 %' order by line_b
        """
    ).fetchall()
    assert rows == [
        ("表1 部门收支总体情况表: 七、卫生健康支出", 195, "all funds, department",
         "表3 部门支出总体情况表: 卫生健康支出", 246, "all funds, department", Decimal("0.00"), "consistent"),
        ("表1 部门收支总体情况表: 七、卫生健康支出", 195, "all funds, department",
         "表4 财政拨款收支总体情况表: (七) 卫生健康支出", 280, "fiscal appropriations, department", Decimal("200.00"),
         "not comparable"),
        ("表1 部门收支总体情况表: 七、卫生健康支出", 195, "all funds, department",
         "表5 一般公共预算支出情况表: 卫生健康支出", 313, "general public budget, department", Decimal("200.00"),
         "not comparable"),
    ]  # fmt: skip


def test_a_difference_below_the_printed_precision_is_rounding(marts):
    """The service centre's 银行利息: 0.01 万元 in the 项目支出表 is any amount from 50 to 149 元; its table says 50.00
    元, printed as 50: half a 万元 digit and half a 元 apart at most, 50.5 元)."""
    row = marts.execute(
        """
        select source_a, line_a, figure_a_yuan, source_b, line_b, figure_b_yuan, tolerance_yuan, status, is_consistent
        from marts.budget_checks where check_name = 'performance budget equals 项目支出表' and status <> 'consistent'
        """
    ).fetchone()
    assert row == ("表10 项目支出表: (自有资金)银行利息", 427, Decimal("100.00"),
                   "项目支出绩效目标表 7: (自有资金) 银行利息 (天津市东丽区医疗保障服务中心)", 585, Decimal("50.00"),
                   Decimal("50.5000"), "within rounding", True)  # fmt: skip


def test_sample_003_has_no_disagreement_left(marts):
    rows = marts.execute(
        "select check_name, status, count(*) from marts.budget_checks group by all order by all"
    ).fetchall()
    assert rows == [
        ("children sum to parent", "consistent", 55),
        ("narrative equals table", "consistent", 35),
        ("narrative equals table", "not comparable", 50),
        ("performance budget equals 项目支出表", "consistent", 6),
        ("performance budget equals 项目支出表", "within rounding", 1),
        ("same figure across tables", "consistent", 3),
        ("same figure across tables", "not comparable", 15),
        ("total equals sum of classes", "consistent", 11),
    ]
    # A verdict only where both sides cover the same funds and organisation.
    assert marts.execute(
        "select count(*) from marts.budget_checks where (status = 'not comparable') <> (scope_a <> scope_b)"
    ).fetchone() == (0,)


def test_narrative_checks_compare_like_with_like(marts):
    """The 机关运行经费 items cover the one administrative unit, 表6 the whole department: not comparable."""
    rows = marts.execute(
        """
        select subject, source_a, line_a, scope_a, figure_a_yuan, source_b, line_b, scope_b, figure_b_yuan, status
        from marts.budget_checks
        where check_name = 'narrative equals table' and subject in ('办公费', '工会经费', '其他商品和服务支出')
        order by line_b
        """
    ).fetchall()
    narrative = ("narrative: 其他重要事项的情况说明 / 机关运行经费", 149,
                 "general public budget (basic spending), administrative units")  # fmt: skip
    table6 = "general public budget (basic spending), department"
    assert rows == [
        ("办公费", *narrative, Decimal("25000.00"), "表6 一般公共预算基本支出情况表: 办公费", 354, table6,
         Decimal("44600.00"), "not comparable"),
        ("工会经费", *narrative, Decimal("38000.00"), "表6 一般公共预算基本支出情况表: 工会经费", 361, table6,
         Decimal("47500.00"), "not comparable"),
        ("其他商品和服务支出", *narrative, Decimal("63600.00"),
         "表6 一般公共预算基本支出情况表: 其他商品和服务支出", 363, table6, Decimal("87600.00"), "not comparable"),
    ]  # fmt: skip
    # Each claim is checked against the table its chapter describes, and agrees with it.
    own_table = marts.execute(
        """
        select status, count(*) from marts.budget_checks
        where check_name = 'narrative equals table' and scope_a = scope_b group by 1
        """
    ).fetchall()
    assert own_table == [("consistent", 35)]
    # The department's fiscal appropriations are all 一般公共预算 (表4's income total is its 一般公共预算拨款 line), so
    # what 关于财政拨款收支总体情况表的说明 says of a class is its 表5 figure too: three checks more, all consistent.
    fiscal_as_general = marts.execute(
        """
        select subject, source_b, status from marts.budget_checks
        where check_name = 'narrative equals table' and source_a = 'narrative: 关于财政拨款收支总体情况表的说明'
            and scope_a = scope_b and scope_b = 'general public budget, department'
        order by subject
        """
    ).fetchall()
    assert fiscal_as_general == [
        ("住房保障支出", "表5 一般公共预算支出情况表: 住房保障支出", "consistent"),
        ("卫生健康支出", "表5 一般公共预算支出情况表: 卫生健康支出", "consistent"),
        ("社会保障和就业支出", "表5 一般公共预算支出情况表: 社会保障和就业支出", "consistent"),
    ]


def test_every_check_names_its_region_and_issuer(marts):
    assert marts.execute(
        "select region_code, issuer, budget_year, count(*), count(line_a), count(line_b) from marts.budget_checks "
        "group by all"
    ).fetchall() == [("120110", "天津市东丽区医疗保障局", 2026, 176, 176, 176)]


def test_empty_tables_are_present(marts):
    assert marts.execute(
        "select table_number, title from marts.budget_tables where is_empty order by 1"
    ).fetchall() == [
        (7, "一般公共预算“三公”经费支出情况表"),
        (8, "政府性基金预算支出情况表"),
        (9, "国有资本经营预算支出情况表"),
    ]


def test_a_measure_without_a_column_is_counted_on_its_line(marts):
    """表10 项目支出表 prints, per project, the fiscal appropriations of the government funds and state capital and
    three carry-overs: measures budget_lines has no column for. Each line counts them; budget_amounts holds them."""
    assert marts.execute(
        "select table_number, count(*), sum(n_amounts_in_long_form_only) from marts.budget_lines "
        "where n_amounts_in_long_form_only > 0 group by 1"
    ).fetchall() == [(10, 7, 35)]
    assert marts.execute(
        """
        select measure, count(*) from marts.budget_amounts
        where budget_line_id in (select budget_line_id from marts.budget_lines where n_amounts_in_long_form_only > 0)
            and (measure like 'carryover_%' or measure in ('fiscal_government_fund', 'fiscal_state_capital'))
        group by 1 order by 1
        """
    ).fetchall() == [
        ("carryover_general_budget", 7),
        ("carryover_government_fund", 7),
        ("carryover_state_capital", 7),
        ("fiscal_government_fund", 7),
        ("fiscal_state_capital", 7),
    ]
