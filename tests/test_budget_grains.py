"""One city's money at every grain (tests/budget_grains.py, 遂宁市 2024-2025): every total checked by hand.

The warehouse (conftest.grains_warehouse) holds the documents in one set of formats; the last test renders them in
another and finds every figure again. Amounts are printed in 万元 and read in yuan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest
from budget_grains import FORMATS, write_documents

from conftest import build_warehouse

yuan = Decimal

# By hand, 2025 (万元 as printed): the project tables 120.00 + 200.00 + 30.00 = 350.00; 120.00 and 200.00 of them are
# 年度主要任务 of the department table, whose 金额合计 is 120.00 + 200.00 + 3,066.62 = 3,386.62; the transfer passes
# 1,229.60 on to the counties; the self-evaluation's 全年预算数 is 125.00. Adding every row of marts.projects for 2025
# would give 350.00 + 3,386.62 + 1,229.60 + 125.00 = 5,091.22 万元, counting 320.00 twice and mixing four kinds.
PROJECT_BUDGET_2025 = yuan("1200000.00") + yuan("2000000.00") + yuan("300000.00")
INSIDE_DEPARTMENT_2025 = yuan("1200000.00") + yuan("2000000.00")
DEPARTMENT_TOTAL_2025 = yuan("1200000.00") + yuan("2000000.00") + yuan("30666200.00")
TRANSFER_2025 = yuan("10000000.00") + yuan("2296000.00")  # 中央补助 1,000.00 + 地方资金 229.60 万元

TOTALS_QUERY = """
    select grain, budget_year, unit_name, amount_grain, n_projects, total_budget_yuan, median_budget_yuan,
        n_projects_inside_department, inside_department_budget_yuan, n_department_tables, department_total_yuan,
        n_transfer_tables, transfer_allocation_yuan
    from marts.budget_summary order by budget_year, grain, unit_name
"""


def test_every_table_says_what_its_amount_is(grains):
    rows = grains.execute(
        """
        select budget_year, amount_grain, project_name, budget_yuan, is_inside_department, project_kind
        from marts.projects order by budget_year, amount_grain, project_name
        """
    ).fetchall()
    assert rows == [
        (2024, "evaluated_project", "医保基金监管", yuan("1120000.00"), False, "fund_supervision"),
        (2024, "project_budget", "医保基金监管", yuan("1100000.00"), False, "fund_supervision"),
        (2025, "department_total", "2025年部门整体支出绩效目标表", yuan("33866200.00"), False, None),
        (2025, "evaluated_project", "医保基金监管", yuan("1250000.00"), False, "fund_supervision"),
        (2025, "project_budget", "医保信息化运维", yuan("2000000.00"), True, "it_systems"),
        (2025, "project_budget", "医保基金监管", yuan("1200000.00"), True, "fund_supervision"),
        (2025, "project_budget", "城乡居民医保参保扩面工作经费", yuan("300000.00"), False, "enrolment"),
        (2025, "transfer_allocation", "医疗服务与保障能力提升补助资金", yuan("12296000.00"), False,
         "capacity_building"),
    ]  # fmt: skip
    naive = grains.execute("select sum(budget_yuan) from marts.projects where budget_year = 2025").fetchone()[0]
    assert naive == yuan("50912200.00")  # what summing every row would say: 5,091.22 万元


def test_projects_inside_the_department_table_are_its_tasks(grains):
    rows = grains.execute(
        """
        select tasks.task_name, tasks.amount_yuan, tasks.is_total, projects.project_name,
            projects.inside_department_table_id = tasks.project_id
        from marts.department_tasks as tasks
        left join marts.projects on projects.inside_department_task_id = tasks.department_task_id
        order by tasks.task_seq
        """
    ).fetchall()
    assert rows == [
        ("医保基金监管", yuan("1200000.00"), False, "医保基金监管", True),
        ("医保信息化运维", yuan("2000000.00"), False, "医保信息化运维", True),
        ("机关运行保障", yuan("30666200.00"), False, None, None),  # no project table: basic spending
        ("金额合计", DEPARTMENT_TOTAL_2025, True, None, None),
    ]


def test_budget_summary_sums_one_grain_and_never_twice(grains):
    rows = grains.execute(TOTALS_QUERY).fetchall()
    assert rows == [
        ("region", 2024, None, "project_budget", 1, yuan("1100000.00"), yuan("1100000.00"), 0, None, 0, None, 0, None),
        ("unit", 2024, "遂宁市医疗保障局", "project_budget", 1, yuan("1100000.00"), yuan("1100000.00"), 0, None, 0,
         None, 0, None),
        ("region", 2025, None, "project_budget", 3, PROJECT_BUDGET_2025, yuan("1200000.00"), 2, INSIDE_DEPARTMENT_2025,
         1, DEPARTMENT_TOTAL_2025, 1, TRANSFER_2025),
        ("unit", 2025, "遂宁市医疗保障局", "project_budget", 3, PROJECT_BUDGET_2025, yuan("1200000.00"), 2,
         INSIDE_DEPARTMENT_2025, 1, DEPARTMENT_TOTAL_2025, 0, None),
        ("unit", 2025, "遂宁市各县（市、区）医疗保障局", "project_budget", 0, None, None, 0, None, 0, None, 1,
         TRANSFER_2025),  # the counties' allocation: not a project of the city
    ]  # fmt: skip
    assert (PROJECT_BUDGET_2025, DEPARTMENT_TOTAL_2025, TRANSFER_2025) == (3_500_000, 33_866_200, 12_296_000)
    # Indicators are compared on the same grain: 3 project tables, their 13 annual indicators.
    assert grains.execute(
        "select n_projects, n_indicators, amount_grain from marts.indicator_summary "
        "where grain = 'region' and budget_year = 2025"
    ).fetchone() == (3, 13, "project_budget")


def test_indicator_comparisons_say_their_grain_and_count_project_tables_only(grains):
    """2025's 13 annual indicators are the three project tables'; every table of the year would give 27 (the
    department table's 4, the transfer's 3 and the self-evaluation's 7 besides)."""
    mix = grains.execute(
        """
        select budget_year, amount_grain, category, n_indicators from marts.indicator_mix
        where grain = 'region' and dimension = 'level1' order by all
        """
    ).fetchall()
    assert mix == [
        (2024, "project_budget", "产出指标", 5),
        (2024, "project_budget", "效益指标", 1),
        (2024, "project_budget", "满意度指标", 1),
        (2025, "project_budget", "产出指标", 8),
        (2025, "project_budget", "效益指标", 2),
        (2025, "project_budget", "满意度指标", 3),
    ]
    every_table = grains.execute(
        "select count(*) from marts.indicators inner join marts.projects using (project_id) "
        "where projects.budget_year = 2025 and indicators.horizon = 'annual'"
    ).fetchone()
    assert every_table == (27,)
    levels = grains.execute(
        """
        select concept, budget_year, amount_grain, n_targets, n_projects, targets_seen from marts.target_levels
        where concept = 'satisfaction' order by budget_year
        """
    ).fetchall()
    assert levels == [
        ("satisfaction", 2024, "project_budget", 1, 1, ">= 85.0"),
        ("satisfaction", 2025, "project_budget", 3, 3, ">= 90.0"),  # not the department's, transfer's, evaluation's
    ]


def test_units_count_their_projects_at_one_grain(grains):
    """marts.units: a unit's projects and last-year budget are its project tables' own budgets; the department total
    and the transfer beside them. Every table of the unit would give 5 tables and 38,616,200.00 in 2025."""
    rows = grains.execute(
        """
        select unit_name, first_budget_year, last_budget_year, n_tables, n_projects, last_year_n_projects,
            last_year_budget_yuan, last_year_department_total_yuan, last_year_transfer_allocation_yuan
        from marts.units order by unit_id
        """
    ).fetchall()
    assert rows == [
        ("遂宁市医疗保障局", 2024, 2025, 7, 4, 3, PROJECT_BUDGET_2025, DEPARTMENT_TOTAL_2025, None),
        ("遂宁市各县（市、区）医疗保障局", 2025, 2025, 1, 0, 0, None, None, TRANSFER_2025),  # the 资金使用单位
    ]  # fmt: skip


def test_results_against_the_target_evaluated_and_the_target_published(grains):
    rows = grains.execute(
        """
        select level3, target_raw, actual_raw, result, gap, days_late, published_target_raw, target_change,
            published_result, published_gap, published_days_late
        from marts.indicator_results where budget_year = 2025 order by row_number
        """
    ).fetchall()
    assert rows == [
        ("检查定点医药机构数量", "≥300家", "320家", "met", 20.0, None, "≥300家", "same", "met", 20.0, None),
        ("违规问题整改率", "≥98%", "97%", "missed", -1.0, None, "≥95%", "tightened", "met", 2.0, None),
        ("检查完成时间", "2025年12月底前", "2025年12月20日", "met", None, -11, "2025年11月底前", "loosened", "missed",
         None, 20),
        ("检查经费", "≤25万元", "24万元", "met", 10000.0, None, "≤20万元", "loosened", "missed", -40000.0, None),
        ("宣传覆盖率", "≥80%", "85%", "met", 5.0, None, None, None, None, None, None),  # added at evaluation
        ("欺诈骗保行为", "有效遏制", "有效遏制", "unknown", None, None, "有效遏制", "same", "unknown", None, None),
        ("参保群众满意度", "≥90%", "≥90%", "met", 0.0, None, "≥90%", "same", "met", 0.0, None),
    ]  # fmt: skip
    # share_met both ways: 5 met of 6 judged as evaluated; 3 of 5 as published (宣传覆盖率 was never published).
    assert grains.execute(
        """
        select n_met, n_missed, n_unknown, share_met, n_met_published, n_missed_published, n_unknown_published,
            share_met_published, n_targets_changed, n_targets_tightened, n_targets_loosened
        from marts.project_results where budget_year = 2025
        """
    ).fetchone() == (5, 1, 1, yuan("0.8333"), 3, 2, 1, yuan("0.6000"), 3, 1, 2)
    assert grains.execute(
        """
        select n_target_indicators, n_evaluated_indicators, n_indicators_matched, n_targets_changed,
            n_targets_tightened, n_targets_loosened, n_targets_reworded, n_targets_incomparable, n_indicators_added,
            n_indicators_dropped, changed_targets
        from marts.results_vs_targets where budget_year = 2025
        """
    ).fetchone() == (
        7, 7, 6, 3, 1, 2, 0, 0, 1, 1,
        "违规问题整改率: ≥95% -> ≥98% (tightened); 检查完成时间: 2025年11月底前 -> 2025年12月底前 (loosened); "
        "检查经费: ≤20万元 -> ≤25万元 (loosened)",
    )  # fmt: skip


def test_execution_says_its_base(grains):
    rows = grains.execute(
        """
        select budget_year, initial_budget_yuan, budget_yuan, executed_yuan, execution_rate_base,
            execution_rate_percent, initial_execution_rate_percent
        from marts.project_results order by budget_year
        """
    ).fetchall()
    assert rows == [
        (2024, yuan("1100000.00"), yuan("1120000.00"), yuan("1008000.00"), "adjusted_budget", yuan("90.0000"),
         yuan("91.6364")),  # 100.80 / 112.00 and 100.80 / 110.00
        (2025, yuan("1200000.00"), yuan("1250000.00"), yuan("1187500.00"), "adjusted_budget", yuan("95.0000"),
         yuan("98.9583")),  # 118.75 / 125.00 and 118.75 / 120.00
    ]  # fmt: skip
    spending = grains.execute(
        """
        select code, final_accounts_initial_budget_yuan, adjusted_budget_yuan, final_accounts_yuan, execution_base,
            execution_ratio, initial_execution_ratio
        from marts.functional_spending order by code
        """
    ).fetchall()
    # The 决算 prints 调整预算数: spent 98 % of the adjusted budget, 101.76 % of the budget as passed.
    assert spending == [
        ("210", yuan("33866200.00"), yuan("35166200.00"), yuan("34462876.00"), "adjusted_budget", yuan("0.9800"),
         yuan("1.0176")),
        ("21015", yuan("33866200.00"), yuan("35166200.00"), yuan("34462876.00"), "adjusted_budget", yuan("0.9800"),
         yuan("1.0176")),
        ("2101501", yuan("30666200.00"), yuan("31466200.00"), yuan("31120000.00"), "adjusted_budget", yuan("0.9890"),
         yuan("1.0148")),
        ("2101550", yuan("3200000.00"), yuan("3700000.00"), yuan("3342876.00"), "adjusted_budget", yuan("0.9035"),
         yuan("1.0446")),
    ]  # fmt: skip


def test_a_projects_results_across_years_and_by_kind(grains):
    keys = grains.execute(
        "select count(distinct project_key) from marts.projects where project_name = '医保基金监管'"
    ).fetchone()
    assert keys == (1,)  # both years' target tables and both self-evaluations
    rows = grains.execute(
        """
        select budget_year, project_kind, share_met, share_met_published
        from marts.project_results
        where project_key = (select project_key from marts.projects where project_name = '医保基金监管' limit 1)
        order by budget_year
        """
    ).fetchall()
    assert rows == [
        (2024, "fund_supervision", yuan("0.6667"), yuan("0.6667")),
        (2025, "fund_supervision", yuan("0.8333"), yuan("0.6000")),
    ]
    by_kind = grains.execute(
        """
        select project_kind, count(*) filter (where result = 'met'), count(*) filter (where result = 'missed'),
            count(*) filter (where published_result = 'met'), count(*) filter (where published_result = 'missed')
        from marts.indicator_results group by 1
        """
    ).fetchall()
    assert by_kind == [("fund_supervision", 7, 2, 5, 3)]


def test_targets_change_by_direction_year_on_year(grains):
    rows = grains.execute(
        """
        select coalesce(level3, previous_level3), indicator_change, target_change, previous_target_raw, target_raw,
            target_value_change
        from marts.indicator_changes order by 1
        """
    ).fetchall()
    assert rows == [
        ("专项检查次数", "new", None, None, "≥4次", None),
        ("参保群众满意度", "matched", "tightened", "≥85%", "≥90%", yuan("5.0000")),
        ("检查完成时间", "matched", "loosened", "2024年10月底前", "2025年11月底前", None),  # a month later
        ("检查定点医药机构数量", "matched", "tightened", "≥280家", "≥300家", yuan("20.0000")),
        ("检查经费", "matched", "loosened", "≤18万元", "≤20万元", yuan("20000.0000")),  # a ceiling raised
        ("欺诈骗保行为", "matched", "same", "有效遏制", "有效遏制", None),
        ("违规问题整改率", "matched", "same", "≥95%", "≥95%", None),
        ("飞行检查次数", "dropped", None, "≥2次", None, None),
    ]
    assert grains.execute("select change, count(*) from marts.project_changes group by 1 order by 1").fetchall() == [
        ("continued", 1),
        ("new", 2),
    ]


def test_the_audit_tells_a_copied_figure_from_a_repeated_phrase(grains):
    rows = grains.execute(
        "select finding, severity, subject, detail from marts.self_evaluation_audit order by finding, subject"
    ).fetchall()
    assert rows == [
        ("actual copied from the target", "warning", "参保群众满意度", "target and actual both ≥90%"),
        ("qualitative target repeated as the actual", "info", "欺诈骗保行为", "target and actual both 有效遏制"),
        ("target loosened before evaluation", "warning", "检查完成时间",
         "published 2025年11月底前, evaluated 2025年12月底前, actual 2025年12月20日: "
         "met as evaluated, missed as published"),
        ("target loosened before evaluation", "warning", "检查经费",
         "published ≤20万元, evaluated ≤25万元, actual 24万元: met as evaluated, missed as published"),
    ]  # fmt: skip
    done = grains.execute("select actual_date from marts.indicators where actual_raw = '2025年12月20日'").fetchone()
    assert done == (date(2025, 12, 20),)


@pytest.fixture(scope="module")
def other_formats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grains_other_formats")
    write_documents(folder / "documents", FORMATS[1])
    db = build_warehouse(folder / "documents", folder)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_the_same_totals_from_other_formats(grains, other_formats):
    assert FORMATS[0]["targets_2025"] != FORMATS[1]["targets_2025"]
    for query in (
        TOTALS_QUERY,
        "select amount_grain, project_name, budget_yuan, is_inside_department from marts.projects order by all",
        "select budget_year, share_met, share_met_published, n_targets_changed, execution_rate_percent "
        "from marts.project_results order by all",
        "select level3, result, published_result, target_change from marts.indicator_results order by all",
        "select coalesce(level3, previous_level3), target_change from marts.indicator_changes order by all",
        "select code, execution_base, execution_ratio from marts.functional_spending order by all",
    ):
        assert other_formats.execute(query).fetchall() == grains.execute(query).fetchall(), query
