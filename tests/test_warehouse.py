"""The samples through ingest and dbt build: what an analyst reads in the marts."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest


def test_schemas_are_named_exactly(marts):
    schemas = {row[0] for row in marts.execute("select schema_name from information_schema.schemata").fetchall()}
    assert {"raw", "staging", "marts", "reference"} <= schemas


def test_projects_per_document_and_region(marts):
    rows = marts.execute(
        """
        select documents.file_name, documents.region_code, documents.budget_year, count(projects.project_id)
        from marts.documents
        left join marts.projects using (document_id)
        group by all
        order by 1
        """
    ).fetchall()
    assert [row[1:] for row in rows] == [
        ("120000", 2025, 55),
        ("130200", 2025, 54),
        ("120116", 2026, 3),
        ("120110", 2026, 7),
        ("341181", 2023, 6),
    ]


@pytest.mark.parametrize(
    ("region", "seq", "budget", "fiscal", "other"),
    [
        ("120000", 1, "1871000.00", "1871000.00", None),  # 187.10 万元
        ("120000", 5, "20140000.00", "20140000.00", None),
        ("130200", 33, "202140000.00", "202140000.00", None),  # 20214.00 万元
        ("120116", 1, "50000000.00", "50000000.00", None),  # already in 元
        ("120110", 6, "100.00", None, "100.00"),
        ("341181", 4, "15000000.00", "15000000.00", "0.00"),
    ],
)
def test_budgets_in_yuan(marts, region, seq, budget, fiscal, other):
    row = marts.execute(
        "select budget_yuan, fiscal_yuan, other_yuan from marts.projects where region_code = ? and table_seq = ?",
        [region, seq],
    ).fetchone()
    assert row == tuple(Decimal(v) if v is not None else None for v in (budget, fiscal, other))


def test_project_contract_columns(marts):
    row = marts.execute(
        """
        select unit_code, unit_name, project_name, project_code, budget_year, n_indicators
        from marts.projects where region_code = '130200' and table_seq = 33
        """
    ).fetchone()
    assert row == ("619003", "唐山市医疗保险服务中心", "城乡居民医疗保险补助资金", "13020025P00E8AX100086", 2025, 9)
    assert marts.execute("select count(*), count(distinct project_id) from marts.projects").fetchone() == (125, 125)
    assert marts.execute("select count(*) from marts.projects where unit_code is null").fetchone()[0] == 6


def test_merged_cells_are_filled_in_staging(marts):
    rows = marts.execute(
        """
        select row_number, level1, level2, level3, target_raw, level1_printed
        from marts.indicators
        inner join marts.projects using (project_id)
        where projects.region_code = '120000' and projects.table_seq = 1
        order by row_number
        """
    ).fetchall()
    assert rows[1] == (2, "产出指标", "数量指标", "局官网发布政策文件或解读数量", "≥30 次", None)
    assert rows[6][:3] == (7, "效益指标", "社会效益指标")


def test_wrapped_cells_are_joined_and_markup_removed(marts):
    rows = marts.execute(
        """
        select level3, target_raw from marts.indicators
        inner join marts.projects using (project_id)
        where projects.region_code = '120000' and projects.table_seq = 4
        order by row_number
        """
    ).fetchall()
    assert rows[0] == ("医保法律顾问费用", "≤19 万元")  # printed as 医保法律顾 问费用
    dongli = marts.execute(
        """
        select target_raw from marts.indicators inner join marts.projects using (project_id)
        where projects.region_code = '120110' and projects.table_seq = 5 and indicators.row_number = 8
        """
    ).fetchone()
    assert dongli == ("动态类 ≥10 条，问题建议类 ≥2 条",)


def test_dual_horizon_keeps_both(marts):
    rows = marts.execute(
        """
        select horizon, count(*) from marts.indicators inner join marts.projects using (project_id)
        where projects.region_code = '341181' group by horizon order by horizon
        """
    ).fetchall()
    assert rows == [("annual", 46), ("midterm", 46)]


def test_regions_dimension(marts):
    assert marts.execute(
        "select region_name, region_level, full_name from marts.regions where region_code = '120116'"
    ).fetchone() == ("滨海新区", "county", "天津市滨海新区")
    assert marts.execute("select region_name from marts.regions where region_code = '130200'").fetchone() == ("唐山市",)


def test_units_dimension(marts):
    rows = marts.execute(
        "select unit_code, n_projects from marts.units where region_code = '130200' order by 1"
    ).fetchall()
    assert rows == [("619001", 18), ("619003", 18), ("619005", 4), ("619006", 5), ("619007", 4), ("619008", 5)]


def test_parse_issues_are_queryable(marts):
    rows = marts.execute(
        "select file_name[1:3], line, message from marts.parse_issues where severity = 'warning' "
        "order by line nulls last"
    ).fetchall()
    assert rows == [
        ("004", 23, "annual target missing for '医保中心运行成本'"),
        ("004", 51, "annual target missing for '刷卡系统维护'"),
        (
            "004",
            116,
            "row wrapped onto the next line; joined by labels, check the values: "
            "影响 指标 | 保障 | 影响 指标 | 保障 | 保障",
        ),
        ("004", 138, "annual target missing for '代缴保费'"),
        ("004", None, "no 效益指标 or 满意度指标 rows: the table may be cut off"),
    ]


def test_the_samples_have_no_findings_and_no_duplicates(marts):
    """Every test of severity warn passes on the samples: data_quality is empty, and each table is counted."""
    assert marts.execute("select count(*) from marts.data_quality").fetchone() == (0,)
    assert marts.execute("select count(*) from marts.duplicate_tables").fetchone() == (0,)
    kept = marts.execute("select count(*) filter (where not is_kept), count(*) from marts.documents").fetchone()
    assert kept == (0, 5)


def test_the_recorded_raw_state_is_made_of_the_documents_revisions(warehouse):
    """make dbt's "nothing to do" (ingest.load.raw_state, in Python) and the revisions the incremental models rebuild
    by (stg_raw__documents.document_revision, in SQL) are one formula written twice: if either changes alone, a
    changed document could be skipped. The state is the digest of the revisions, in document order."""
    from ingest import load

    state = load.raw_state(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        digest, documents = con.execute(
            "select md5(string_agg(document_revision, ',' order by document_id)), count(*) "
            "from staging.stg_raw__documents"
        ).fetchone()
    assert documents == 5
    assert state == digest
