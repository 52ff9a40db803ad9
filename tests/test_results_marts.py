"""Targets against results: a 部门决算 rendered to PDF and a self-evaluation loaded as records, next to sample 003.

The warehouse (conftest.results_warehouse) holds 东丽区 2026: the budget and target tables (sample 003), the final
accounts (tests/render_documents.py) and the self-evaluation (tests/self_evaluation.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def test_final_accounts_lines_are_marked_and_in_yuan(results):
    rows = results.execute(
        """
        select table_number, statement, count(*), sum(total_yuan)
        from marts.budget_lines inner join marts.documents using (document_id)
        where documents.file_name like '%决算%' group by all order by 1
        """
    ).fetchall()
    assert rows == [
        (1, "final_accounts", 15, Decimal("938414910.40")),  # both sides' lines, 本年/总计 included
        (5, "final_accounts", 19, Decimal("625609173.60")),
        (6, "final_accounts", 14, Decimal("12030655.20")),
        (7, "final_accounts", 1, Decimal("52300.00")),  # 三公: 决算数/合计; its 预算数/合计 is the initial budget
    ]
    relief = results.execute(
        "select total_yuan, basic_yuan, project_yuan, row_number_printed from marts.budget_lines "
        "where statement = 'final_accounts' and code = '2101301'"
    ).fetchone()
    assert relief == (Decimal("5600000.00"), None, Decimal("5600000.00"), None)  # blank 基本支出 is null
    health = results.execute(
        "select functional_code, total_yuan, row_number_printed from marts.budget_lines "
        "where statement = 'final_accounts' and name = '三、卫生健康支出'"
    ).fetchone()
    assert health == ("210", Decimal("155012798.40"), "33")
    assert results.execute("select statement, count(*) from marts.budget_tables group by 1 order by 1").fetchall() == [
        ("budget", 10),
        ("final_accounts", 4),
    ]


def test_budget_checks_report_the_planted_inconsistency(results):
    rows = results.execute(
        """
        select check_name, count(*), count(*) filter (where is_consistent)
        from marts.budget_checks inner join marts.documents using (document_id)
        where documents.file_name like '%决算%' group by 1 order by 1
        """
    ).fetchall()
    assert rows == [
        ("children sum to parent", 23, 22),
        ("same figure across tables", 3, 0),  # 公开01表 all funds, 公开05表 一般公共预算 alone: not comparable
        ("total equals sum of classes", 5, 5),  # 公开06表: 人员经费合计 and 公用经费合计, each against its own 类
    ]
    wrong = results.execute(
        """
        select subject, measure, figure_a_yuan, source_b, figure_b_yuan, difference_yuan, budget_checks.status
        from marts.budget_checks inner join marts.documents using (document_id)
        where documents.file_name like '%决算%' and not is_consistent
        """
    ).fetchall()
    assert wrong == [
        ("表5 21015 医疗保障管理事务", "total", Decimal("2676298.40"),
         "表5 一般公共预算财政拨款支出决算表: sum of 3 lower-level codes", Decimal("2676198.40"), Decimal("100.00"),
         "inconsistent"),
    ]  # fmt: skip


def test_functional_spending_budget_against_final_accounts(results):
    rows = results.execute(
        """
        select code, name, budget_yuan, final_accounts_yuan, difference_yuan, execution_base, execution_ratio
        from marts.functional_spending where region_code = '120110' and budget_year = 2026
            and code in ('210', '2101301', '2101102') order by code
        """
    ).fetchall()
    # This 决算 prints no 调整预算数: the ratio's base is the budget as passed (the 部门预算's 年初预算), and says so.
    assert rows == [
        ("210", "卫生健康支出", Decimal("156917300.00"), Decimal("155012798.40"), Decimal("-1904501.60"),
         "initial_budget", Decimal("0.9879")),
        ("2101102", "事业单位医疗", Decimal("45600.00"), None, None, "initial_budget", None),  # no line in the 决算
        ("2101301", "城乡医疗救助", Decimal("6070000.00"), Decimal("5600000.00"), Decimal("-470000.00"),
         "initial_budget", Decimal("0.9226")),
    ]  # fmt: skip
    assert results.execute(
        "select distinct budget_source, final_accounts_source from marts.functional_spending "
        "where final_accounts_source is not null"
    ).fetchall() == [("表5 一般公共预算支出情况表", "表5 一般公共预算财政拨款支出决算表")]
    assert results.execute("select count(*) from marts.functional_spending").fetchone() == (20,)


def test_indicators_carry_the_actual_read_like_the_target(results):
    rows = results.execute(
        """
        select indicators.row_number, indicators.target_raw, indicators.actual_raw, actual_kind, actual_value,
            actual_unit, actual_value_base, actual_date, weight, score
        from marts.indicators inner join marts.projects using (project_id)
        where projects.table_kind = 'project_self_evaluation' order by indicators.row_number
        """
    ).fetchall()
    assert [row[:4] for row in rows] == [
        (1, "≥140000 人", "162300 人", "numeric"),
        (2, "≥70%", "72%", "numeric"),
        (3, "≥98%", "97.2%", "numeric"),
        (4, "≥95%", "≥95%", "numeric"),
        (5, "≤607 万元", "598.3万元", "numeric"),
        (6, "稳步提高", "覆盖率达到98%", "qualitative"),
        (7, "明显提高", "明显提高", "qualitative"),
        (8, "≥90%", "88%", "numeric"),
        (9, "2026年12月底前", "2026年11月", "deadline"),
    ]
    assert rows[4][4:] == (Decimal("598.3000"), "万元", 5983000.0, None, Decimal("10.0000"), Decimal("10.0000"))
    assert rows[8][7] == date(2026, 11, 30)
    assert results.execute(
        "select count(*), count(actual_raw) from marts.indicators where table_kind = 'project_target'"
    ).fetchone() == (67, 0)


def test_indicator_results(results):
    rows = results.execute(
        """
        select row_number, result, unknown_reason, gap, days_late, has_full_marks, is_missed_without_reason,
            published_target_raw, is_target_changed, target_change, published_result, published_gap
        from marts.indicator_results where table_kind = 'project_self_evaluation' order by row_number
        """
    ).fetchall()
    # gap: positive is better than the target (≤607 万元 with 598.3 万元 spent is +87,000 元 under the ceiling)
    assert rows == [
        (1, "met", None, 22300.0, None, True, False, "≥150000 人", True, "loosened", "met", 12300.0),
        (2, "met", None, 2.0, None, True, False, "≥70%", False, "same", "met", 2.0),
        (3, "missed", None, -0.8, None, True, True, "≥95%", True, "tightened", "met", 2.2),  # met as published
        (4, "met", None, 0.0, None, True, False, "≥95%", False, "same", "met", 0.0),
        (5, "met", None, 87000.0, None, True, False, "≤6070000 元", True, "reworded", "met", 87000.0),
        (6, "unknown", "target is qualitative", None, None, True, False, "稳步提高", False, "same", "unknown", None),
        (7, "unknown", "target is qualitative", None, None, False, False, "明显提高", False, "same", "unknown", None),
        (8, "missed", None, -2.0, None, False, False, None, None, None, None, None),  # a reason is given; added
        (9, "met", None, None, -31, True, False, None, None, None, None, None),  # added at evaluation
    ]
    keyed = results.execute(
        """
        select distinct indicator_results.project_kind, indicator_results.project_key = projects.project_key
        from marts.indicator_results inner join marts.projects on projects.project_name = indicator_results.project_name
        where indicator_results.table_kind = 'project_self_evaluation' and projects.amount_grain = 'project_budget'
        """
    ).fetchall()
    assert keyed == [("medical_assistance", True)]  # keyed like the project it evaluates
    department = results.execute(
        "select level3, result, compared_as, gap from marts.indicator_results "
        "where table_kind = 'department_self_evaluation' order by row_number"
    ).fetchall()
    assert department == [("参保人数", "met", "base units", 6000.0),
                          ("参保群众满意度", "met", "actual read in the target's unit", 2.0)]  # fmt: skip


def test_projects_and_project_results(results):
    projects = results.execute(
        "select table_kind, budget_yuan, initial_budget_yuan, executed_yuan, total_score from marts.projects "
        "where table_kind like '%self_evaluation' order by table_seq"
    ).fetchall()
    assert projects == [
        ("project_self_evaluation", Decimal("6200000.00"), Decimal("6070000.00"), Decimal("5983000.00"),
         Decimal("99.6500")),
        ("department_self_evaluation", Decimal("158339200.00"), Decimal("158339200.00"), Decimal("156402300.00"),
         Decimal("100.0000")),
    ]  # fmt: skip
    rows = results.execute(
        """
        select project_name, execution_rate_percent, execution_rate_printed_percent, n_indicators, n_met, n_missed,
            n_unknown, share_met, indicator_score, execution_score, total_score, match_method
        from marts.project_results order by project_id
        """
    ).fetchall()
    assert rows == [
        ("2025年区级城乡居民医疗救助", Decimal("96.5000"), Decimal("96.5000"), 9, 5, 2, 2, Decimal("0.7143"),
         Decimal("89.0000"), Decimal("9.6500"), Decimal("99.6500"), "unit and name"),
        ("2026年度部门整体支出绩效自评表", Decimal("98.7767"), Decimal("98.7800"), 2, 2, 0, 0, Decimal("1.0000"),
         Decimal("90.0000"), Decimal("10.0000"), Decimal("100.0000"), None),
    ]  # fmt: skip
    # Both ways: against the published targets 97.2% meets ≥95% (3 of the 7 linked indicators were changed); the
    # rate's base is the adjusted budget (全年预算数 620.00), and 598.30 of the 年初预算数 607.00 is 98.5667 %.
    both_ways = results.execute(
        """
        select amount_grain, execution_rate_base, initial_execution_rate_percent, n_met_published, n_missed_published,
            n_unknown_published, share_met_published, n_targets_changed, n_targets_tightened, n_targets_loosened
        from marts.project_results order by project_id
        """
    ).fetchall()
    assert both_ways == [
        ("evaluated_project", "adjusted_budget", Decimal("98.5667"), 5, 0, 2, Decimal("1.0000"), 3, 1, 1),
        ("evaluated_department", "adjusted_budget", Decimal("98.7767"), None, None, None, None, None, None, None),
    ]


def test_results_linked_to_the_published_targets(results):
    rows = results.execute(
        """
        select project_name, match_method, n_candidates, target_budget_yuan, evaluated_budget_yuan,
            budget_change_yuan, n_target_indicators, n_evaluated_indicators, n_indicators_matched,
            n_targets_changed, n_targets_tightened, n_targets_loosened, n_targets_reworded, n_targets_incomparable,
            n_indicators_added, n_indicators_dropped, changed_targets, target_amount_grain, evaluated_amount_grain
        from marts.results_vs_targets order by project_id
        """
    ).fetchall()
    assert rows == [
        ("2025年区级城乡居民医疗救助", "unit and name", 1, Decimal("6070000.00"), Decimal("6200000.00"),
         Decimal("130000.00"), 7, 9, 7, 3, 1, 1, 1, 0, 2, 0,
         "医疗救助对象人次规模(人): ≥150000 人 -> ≥140000 人 (loosened); "
         "符合资助条件的农村低收入人口资助参保政策覆盖率(%): ≥95% -> ≥98% (tightened); "
         "医疗救助金额: ≤6070000 元 -> ≤607 万元 (reworded)", "project_budget", "evaluated_project"),
        ("2026年度部门整体支出绩效自评表", None, None, None, Decimal("158339200.00"), None, None, 2, None, None, None,
         None, None, None, None, None, None, None, "evaluated_department"),
    ]  # fmt: skip


def test_self_evaluation_audit_finds_what_was_planted(results):
    rows = results.execute(
        "select finding, subject, detail, figure_printed, figure_expected from marts.self_evaluation_audit "
        "order by finding, subject"
    ).fetchall()
    # A numeric target copied as the actual is a warning; a qualitative phrase repeated is its own finding (info).
    assert rows == [
        ("actual copied from the target", "医疗救助结算及时率", "target and actual both ≥95%", None, None),
        ("execution rate inconsistent with its amounts", "其中：当年财政拨款",
         "执行率 printed 98.50%, 全年执行数 598.30 / 全年预算数 620.00 = 96.50%", Decimal("98.5000"),
         Decimal("96.5000")),
        ("full marks on a missed target", "符合资助条件的农村低收入人口资助参保政策覆盖率(%)",
         "target ≥98%, actual 97.2%, score 10 of 10", Decimal("10.0000"), None),
        ("missed without a reason", "符合资助条件的农村低收入人口资助参保政策覆盖率(%)",
         "target ≥98%, actual 97.2%, 偏差原因 无", Decimal("-0.8000"), None),
        ("qualitative target repeated as the actual", "提高群众就医便捷度", "target and actual both 明显提高", None,
         None),
        ("score above its weight", "救助资金拨付时间", "score 12 of 10", Decimal("12.0000"), Decimal("10.0000")),
        ("target loosened before evaluation", "医疗救助对象人次规模(人)",
         "published ≥150000 人, evaluated ≥140000 人, actual 162300 人: met as evaluated, met as published", None,
         None),
        ("total score differs from the sum of scores", "2025年区级城乡居民医疗救助",
         "总分 99.65, indicator scores 89 + budget execution 9.65", Decimal("99.6500"), Decimal("98.6500")),
    ]  # fmt: skip
    severities = results.execute(
        "select severity, count(*) from marts.self_evaluation_audit group by 1 order by 1"
    ).fetchall()
    assert severities == [("info", 1), ("warning", 7)]


def test_the_fixtures_findings_are_exactly_these(results):
    """Nothing is found: every column of the 决算's tables has its measure, the 三公 table's 预算数 and 决算数 of each
    kind included (a 决算 table's column under 预算数 is the budget printed beside the spending)."""
    assert results.execute("select * from marts.data_quality").fetchall() == []
    three_public = results.execute(
        """
        select column_header, measure, amount_yuan
        from marts.budget_amounts inner join marts.budget_lines using (budget_line_id)
        where budget_lines.statement = 'final_accounts' and budget_lines.table_number = 7
        order by column_number
        """
    ).fetchall()
    assert three_public == [
        ("预算数/合计", "initial_budget", Decimal("60000.00")),
        ("预算数/公务用车购置及运行维护费", "official_vehicles_initial_budget", Decimal("45000.00")),
        ("预算数/公务接待费", "official_reception_initial_budget", Decimal("15000.00")),
        ("决算数/合计", "total", Decimal("52300.00")),
        ("决算数/公务用车购置及运行维护费", "official_vehicles", Decimal("41800.00")),
        ("决算数/公务接待费", "official_reception", Decimal("10500.00")),
    ]
