"""Two years of one city: sample 000 (天津市 2025) and the same document re-issued for 2026, linked project by project.

The 2026 issue is generated from the text export (synthetic.reissue_for_next_year): every year printed with 年 moves
on by one (titles, names, deadlines), two budgets and two targets change, one project is dropped and a new one added.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import build_warehouse, sample_path
from synthetic import ADDED, DROPPED, reissue_for_next_year


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("two_years")
    documents = folder / "documents"
    documents.mkdir()
    original = sample_path("000")
    (documents / original.name).write_bytes(original.read_bytes())
    (documents / "000_reissued_2026.txt").write_text(
        reissue_for_next_year(original.read_text(encoding="utf-8")), encoding="utf-8"
    )
    return build_warehouse(documents, folder)


@pytest.fixture()
def years(two_years):
    con = duckdb.connect(str(two_years), read_only=True)
    yield con
    con.close()


def test_the_reissue_is_read_as_2026(years):
    rows = years.execute(
        "select budget_year, count(*) from marts.projects where region_code = '120000' group by 1 order by 1"
    ).fetchall()
    assert rows == [(2025, 55), (2026, 55)]


def test_projects_are_linked_project_by_project(years):
    changes = dict(years.execute("select change, count(*) from marts.project_changes group by 1").fetchall())
    assert changes == {"continued": 54, "new": 1, "dropped": 1}
    rules = dict(
        years.execute(
            "select link_rule, count(*) from marts.project_changes where change = 'continued' group by 1"
        ).fetchall()
    )
    assert rules == {"normalised name": 54}
    # Every continued project is the same table of the same unit, a year later.
    mismatched = years.execute(
        """
        select count(*) from marts.project_changes as changes
        inner join marts.projects as previous_year on changes.previous_project_id = previous_year.project_id
        inner join marts.projects as current_year on changes.project_id = current_year.project_id
        where changes.change = 'continued'
            and (previous_year.unit_name <> current_year.unit_name
                 or previous_year.project_name_normalised <> current_year.project_name_normalised
                 or previous_year.project_key <> current_year.project_key)
        """
    ).fetchone()
    assert mismatched == (0,)
    assert years.execute(
        "select count(distinct project_key), count(*) from marts.projects where region_code = '120000'"
    ).fetchone() == (56, 110)
    ends = years.execute(
        "select change, coalesce(project_name, previous_project_name) from marts.project_changes "
        "where change <> 'continued' order by change"
    ).fetchall()
    assert ends == [("dropped", DROPPED), ("new", ADDED)]


def test_a_name_carrying_its_year_keeps_its_key(years):
    rows = years.execute(
        """
        select previous_project_name, project_name, link_rule from marts.project_changes
        where unit_name = '天津市医疗保障局' and project_name_normalised = '医保基金监管能力提升'
        """
    ).fetchall()
    assert rows == [
        (
            "医保基金监管能力提升-01 中央直达资金-2024 年医疗服务与保障能力提升补助资金",
            "医保基金监管能力提升-01 中央直达资金-2025 年医疗服务与保障能力提升补助资金",
            "normalised name",
        )
    ]


def test_budget_changes(years):
    rows = years.execute(
        """
        select project_name_normalised, previous_budget_yuan, budget_yuan, budget_change_yuan, budget_change_share
        from marts.project_changes where budget_change_yuan <> 0 order by budget_change_yuan
        """
    ).fetchall()
    assert rows == [
        ("城乡居民基本医疗保险财政补助", Decimal("470000000.00"), Decimal("465000000.00"), Decimal("-5000000.00"),
         -0.0106),
        ("医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目", Decimal("1871000.00"), Decimal("2000000.00"),
         Decimal("129000.00"), 0.0689),
    ]  # fmt: skip


def test_target_changes(years):
    counts = dict(years.execute("select target_change, count(*) from marts.indicator_changes group by 1").fetchall())
    raised = years.execute(
        """
        select level3, previous_target_raw, target_raw, target_value_change from marts.indicator_changes
        where target_change = 'raised' order by level3
        """
    ).fetchall()
    assert raised == [
        ("参保群众满意度", "≥85 百分比", "≥90 百分比", Decimal("5")),
        ("机房正常运转率", "≥95%", "≥98%", Decimal("3")),
    ]
    # Deadlines moved on with the year and texts that differ only by their years are the same target.
    assert counts == {"same": counts["same"], "raised": 2}
    n_indicators = years.execute(
        "select count(*) from marts.indicators inner join marts.projects using (project_id) "
        f"where projects.budget_year = 2025 and projects.project_name <> '{DROPPED}'"
    ).fetchone()[0]
    assert counts["same"] == n_indicators - 2


def test_two_years_have_no_findings(years):
    assert years.execute("select count(*) from marts.data_quality").fetchone() == (0,)
