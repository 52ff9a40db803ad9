"""Cross-city comparison marts: budgets, indicator mix, target levels and target quality."""

from __future__ import annotations

from decimal import Decimal


def test_budgets_by_region(marts):
    rows = marts.execute(
        """
        select region_code, budget_year, n_projects, total_budget_yuan, median_budget_yuan, fiscal_share
        from marts.budget_summary where grain = 'region' order by region_code
        """
    ).fetchall()
    assert rows == [
        ("120000", 2025, 55, Decimal("737479300.00"), Decimal("361400.00"), 1.0),
        ("120110", 2026, 7, Decimal("154216150.00"), Decimal("6070000.00"), 1.0),
        ("120116", 2026, 3, Decimal("50210000.00"), Decimal("200000.00"), 1.0),
        ("130200", 2025, 54, Decimal("279588100.00"), Decimal("41900.00"), 1.0),
        ("341181", 2023, 6, Decimal("30208000.00"), Decimal("2450000.00"), 1.0),
    ]


def test_unit_rows_add_up_to_the_region(marts):
    rows = marts.execute(
        """
        select region_code, sum(total_budget_yuan) filter (where grain = 'unit'),
               sum(total_budget_yuan) filter (where grain = 'region')
        from marts.budget_summary group by 1
        """
    ).fetchall()
    assert all(unit == region for _, unit, region in rows)


def test_indicator_summary(marts):
    rows = marts.execute(
        """
        select region_code, n_indicators, indicators_per_project, share_quantitative, share_vague
        from marts.indicator_summary where grain = 'region' order by region_code
        """
    ).fetchall()
    assert rows == [
        ("120000", 372, 6.76, 0.7876, 0.1129),
        ("120110", 67, 9.57, 0.7164, 0.194),
        ("120116", 19, 6.33, 0.8421, 0.1579),
        ("130200", 326, 6.04, 0.865, 0.0092),
        ("341181", 46, 7.67, 0.2174, 0.7174),
    ]


def test_indicator_mix_shares(marts):
    rows = marts.execute(
        """
        select category, n_indicators, share from marts.indicator_mix
        where grain = 'region' and region_code = '130200' and dimension = 'level2' order by category
        """
    ).fetchall()
    assert ("质量指标", 54, 0.1656) in rows and ("成本指标", 53, 0.1626) in rows
    assert sum(row[1] for row in rows) == 326


def test_satisfaction_target_levels(marts):
    rows = marts.execute(
        """
        select region_code, n_comparable, min_target, median_target, max_target, targets_seen
        from marts.target_levels where concept = 'satisfaction' order by region_code
        """
    ).fetchall()
    assert rows[0] == ("120000", 52, Decimal("80"), Decimal("90"), Decimal("98"),
                       ">= 80.0, >= 85.0, >= 90.0, >= 95.0, >= 97.0, >= 98.0")  # fmt: skip
    assert rows[3][5] == "> 90.0, >= 85.0, >= 90.0"
    assert rows[4] == ("341181", 0, None, None, None, None)  # 天长 sets 提升, not a number


def test_unmapped_concepts_stay_visible(marts):
    top = marts.execute(
        "select level3_name, n_indicators from marts.indicator_concepts_unmapped order by n_indicators desc limit 2"
    ).fetchall()
    assert top == [("完成时限", 47), ("保障工作正常开展", 34)]


def test_project_target_quality(marts):
    missing = dict(
        marts.execute("select missing_categories, count(*) from marts.project_target_quality group by 1").fetchall()
    )
    assert missing == {None: 118, "satisfaction": 4, "cost": 1, "timeliness": 1, "cost, timeliness, satisfaction": 1}
    cost = dict(
        marts.execute("select cost_target_vs_budget, count(*) from marts.project_target_quality group by 1").fetchall()
    )
    assert cost == {"equals budget": 73, "within budget": 12, "no total-cost target": 40}
    copied = marts.execute("select count(*) from marts.project_target_quality where is_indicator_set_copied").fetchone()
    assert copied == (7,)


def test_rates_deadlines_and_words_are_never_costs(marts):
    """The eight sample rows the cost concept caught wrongly (issue 12), and the total hidden behind 事业单位."""
    rows = marts.execute(
        """
        select level3, target_raw, concept from marts.indicators
        where horizon = 'annual' and level3 in (
            '医疗费用及时结算率', '减轻滨海新区事业单位人员的医疗费用负担', '降低患者医药产品支出费用',
            '降低医药产品费用', '信息系统医保费用结算笔数', '能力提升工作经费到位时间',
            '门诊慢特病认定复查及医疗费用审核',
            '2024-2026年滨海新区事业单位人员补充医疗保险保费总成本')
        order by level3, target_raw
        """
    ).fetchall()
    assert rows == [
        ("2024-2026年滨海新区事业单位人员补充医疗保险保费总成本", "5000万元", "total_cost"),
        ("信息系统医保费用结算笔数", "≥20000 万人次", None),
        ("减轻滨海新区事业单位人员的医疗费用负担", "有效减轻", None),
        ("医疗费用及时结算率", "≥95%", "timeliness_rate"),
        ("能力提升工作经费到位时间", "2026年", None),
        ("门诊慢特病认定复查及医疗费用审核", "2025年12月前", None),
        ("降低医药产品费用", "显著降低", None),
        ("降低患者医药产品支出费用", "显著降低", None),
        ("降低患者医药产品支出费用", "显著降低", None),
    ]


def test_costs_are_numbers_in_yuan(marts):
    rows = dict(
        marts.execute(
            """
            select concept, count(*) from marts.indicators
            where horizon = 'annual' and concept in ('total_cost', 'unit_cost') group by 1
            """
        ).fetchall()
    )
    assert rows == {"total_cost": 55, "unit_cost": 46}
    strays = marts.execute(
        """
        select count(*) from marts.indicators
        where concept in ('total_cost', 'unit_cost') and (target_kind <> 'numeric' or not starts_with(base_unit, '元'))
        """
    ).fetchone()
    assert strays == (0,)
    # The opposite cases stay costs: a plain total, a unit cost, a monthly cost in 元/月.
    kept = marts.execute(
        """
        select level3, target_raw, concept from marts.indicators
        where horizon = 'annual' and (level3, target_raw) in (
            ('内部审计费用', '≤10 万元'), ('单位成本', '<403000元'), ('月均印刷费用', '≤0.1万元/月'))
        order by level3
        """
    ).fetchall()
    assert kept == [("内部审计费用", "≤10 万元", "total_cost"), ("单位成本", "<403000元", "unit_cost"),
                    ("月均印刷费用", "≤0.1万元/月", "unit_cost")]  # fmt: skip


def test_a_minimum_subsidy_standard_may_be_a_lower_bound(marts):
    rows = marts.execute(
        """
        select level3, target_raw, direction_problem from marts.indicators
        where horizon = 'annual' and (level3 like '各级财政人均补助标准%' or level3 = '月均网络租赁成本')
        order by level3, target_raw
        """
    ).fetchall()
    assert rows == [
        ("各级财政人均补助标准(元)", "≥700 元", None),
        ("各级财政人均补助标准(元)", "≥700 元", None),
        ("月均网络租赁成本", "≤0.15万元/月", None),
        ("月均网络租赁成本", "≥500元/月", "cost target with a lower bound"),  # a rent has no floor
    ]


def test_region_rows_name_no_unit(marts):
    rows = marts.execute(
        "select grain, count(*), count(unit_name), count(unit_id) from marts.budget_summary group by 1 order by 1"
    ).fetchall()
    assert rows == [("region", 5, 0, 0), ("unit", 15, 15, 15)]


def test_comparison_marts_say_their_horizon(marts):
    for mart in (
        "indicator_mix",
        "indicator_summary",
        "target_levels",
        "indicator_concepts_unmapped",
        "project_target_quality",
    ):
        assert marts.execute(f"select distinct horizon from marts.{mart}").fetchall() == [("annual",)], mart


def test_units_never_sum_across_years(marts):
    columns = {row[0] for row in marts.execute("describe marts.units").fetchall()}
    assert "total_budget_yuan" not in columns
    row = marts.execute(
        "select n_budget_years, last_budget_year, last_year_n_projects, last_year_budget_yuan from marts.units "
        "where unit_id = '120116:天津市滨海新区医疗保障局'"
    ).fetchone()
    assert row == (1, 2026, 3, Decimal("50210000.00"))


def test_multi_year_totals_are_annualised_in_the_summary(marts):
    row = marts.execute(
        "select total_budget_yuan, total_annual_budget_yuan, n_multi_year_projects from marts.budget_summary "
        "where grain = 'region' and region_code = '120116'"
    ).fetchone()
    assert row == (Decimal("50210000.00"), Decimal("16876666.67"), 1)
