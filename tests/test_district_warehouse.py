"""The district's documents (tests/district_documents.py) through ingest and dbt build: what an analyst reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from district_documents import (
    DEPARTMENT,
    DISTRICT_BUDGET,
    DISTRICT_FINAL_ACCOUNTS,
    FINAL_ISSUER,
    joint_notice,
    target_forms,
)

from conftest import build_warehouse, read_only
from render_templates import RENDERERS

DOCUMENTS = {
    "budget.pdf": DISTRICT_BUDGET,
    "final_accounts.docx": DISTRICT_FINAL_ACCOUNTS,
    "forms.pdf": target_forms(),
    "forms_variant.docx": target_forms("variant", 2024),  # another year: not a copy of forms.pdf
    "notice.pdf": joint_notice(),
}


@pytest.fixture(scope="module")
def district_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district_warehouse")
    docs = folder / "docs"
    docs.mkdir()
    for name, blocks in DOCUMENTS.items():
        (docs / name).write_bytes(RENDERERS[name.rsplit(".", 1)[1]](blocks))
    yield from read_only(build_warehouse(docs, folder))


def test_issuers_and_regions_of_any_department(district_db):
    rows = district_db.execute(
        """
        select file_name, status, issuer, co_issuers, region_code, budget_year, doc_kind
        from marts.documents order by file_name
        """
    ).fetchall()
    assert rows == [
        ("budget.pdf", "parsed", DEPARTMENT, None, "310107", 2025, "budget"),
        ("final_accounts.docx", "parsed", FINAL_ISSUER, None, "310107", 2024, "final_accounts"),
        ("forms.pdf", "parsed", DEPARTMENT, None, "310107", 2023, "budget"),
        ("forms_variant.docx", "parsed", DEPARTMENT, None, "310107", 2024, "budget"),
        ("notice.pdf", "parsed", "遂宁市医疗保障局", "遂宁市财政局", "510900", 2024, "performance_targets"),
    ]


def test_target_forms_with_their_budgets(district_db):
    rows = district_db.execute(
        """
        select documents.file_name, project_name, budget_yuan, fiscal_yuan, carryover_yuan, other_yuan,
            midterm_budget_yuan, project_attribute, projects.n_indicators
        from marts.projects inner join marts.documents using (document_id)
        where documents.file_name like 'forms%'
        order by 1, project_name
        """
    ).fetchall()
    yuan = Decimal
    assert rows == [
        ("forms.pdf", "就业援助基地补贴", yuan("6351000.00"), yuan("6151000.00"), yuan("200000.00"), yuan("0.00"),
         yuan("6351000.00"), "经常性项目；特定目标类", 5),
        ("forms.pdf", "新建社区公共服务中心", yuan("4100000.00"), yuan("4100000.00"), yuan("0.00"), yuan("0.00"),
         yuan("4100000.00"), "阶段性项目；特定目标类", 4),
        ("forms_variant.docx", "就业援助基地补贴", yuan("6351000.00"), yuan("6151000.00"), yuan("200000.00"),
         yuan("0.00"), yuan("6351000.00"), "经常性项目；特定目标类", 5),
        ("forms_variant.docx", "新建社区公共服务中心", yuan("4100000.00"), yuan("4100000.00"), yuan("0.00"),
         yuan("0.00"), yuan("4100000.00"), "阶段性项目；特定目标类", 4),
    ]  # fmt: skip


def test_every_indicator_of_the_forms_has_its_levels(district_db):
    rows = district_db.execute(
        """
        select documents.file_name, level1, level2, count(*)
        from marts.indicators inner join marts.documents using (document_id)
        where documents.file_name like 'forms%'
        group by all order by all
        """
    ).fetchall()
    per_file = [
        ("效益指标", "社会效益指标", 2),
        ("满意度指标", "服务对象满意度指标", 2),
        ("产出指标", "数量指标", 3),
        ("产出指标", "质量指标", 2),
    ]
    expected = sorted((name, *row) for name in ("forms.pdf", "forms_variant.docx") for row in per_file)
    assert rows == expected


def test_every_budget_table_has_a_number(district_db):
    rows = district_db.execute(
        """
        select documents.file_name, table_number, is_number_inferred, title
        from marts.budget_tables inner join marts.documents using (document_id)
        order by 1, 2
        """
    ).fetchall()
    assert [(name, number, inferred) for name, number, inferred, _ in rows] == [
        ("budget.pdf", 1, True), ("budget.pdf", 2, True), ("budget.pdf", 3, True), ("budget.pdf", 6, False),
        ("budget.pdf", 7, True),
        *[("final_accounts.docx", number, True) for number in range(1, 8)],
    ]  # fmt: skip


def test_budget_amounts_carry_their_measure_or_are_reported(district_db):
    # The national templates' headers (收入预算/合计, 财政拨款支出/合计, 本年支出/小计, the “三公”经费 kinds, ...) are
    # in the measures seed; a column no measure claims is a finding in data_quality, never a silent null.
    measured = district_db.execute(
        """
        select documents.file_name, count(*), count(measure)
        from marts.budget_amounts inner join marts.documents using (document_id)
        group by all order by all
        """
    ).fetchall()
    assert measured == [("budget.pdf", 39, 39), ("final_accounts.docx", 62, 62)]
    findings = district_db.execute(
        """
        select file_name, detail from marts.data_quality
        where check_name = 'budget column without measure' order by all
        """
    ).fetchall()
    assert findings == []
    # The 决算's 三公 table prints 预算数 | 决算数 under each kind: the 决算数 is the kind, the 预算数 its budget.
    three_public = district_db.execute(
        """
        select column_header, measure, amount_yuan
        from marts.budget_amounts inner join marts.budget_lines using (budget_line_id)
        where budget_lines.statement = 'final_accounts' and budget_lines.table_title like '%三公%'
        order by column_number
        """
    ).fetchall()
    path, zero = "财政拨款“三公”经费", Decimal("0.00")
    vehicles = f"{path}/公务用车购置及运行维护费"
    assert three_public == [
        (f"{path}/合计/预算数", "initial_budget", Decimal("28500.00")),
        (f"{path}/合计/决算数", "total", Decimal("3900.00")),
        (f"{path}/因公出国(境)费/预算数", "overseas_travel_initial_budget", zero),
        (f"{path}/因公出国(境)费/决算数", "overseas_travel", zero),
        (f"{vehicles}/小计/预算数", "official_vehicles_initial_budget", zero),
        (f"{vehicles}/小计/决算数", "official_vehicles", zero),
        (f"{vehicles}/公务用车购置费/预算数", "vehicle_purchase_initial_budget", zero),
        (f"{vehicles}/公务用车购置费/决算数", "vehicle_purchase", zero),
        (f"{vehicles}/公务用车运行维护费/预算数", "vehicle_running_initial_budget", zero),
        (f"{vehicles}/公务用车运行维护费/决算数", "vehicle_running", zero),
        (f"{path}/公务接待费/预算数", "official_reception_initial_budget", Decimal("28500.00")),
        (f"{path}/公务接待费/决算数", "official_reception", Decimal("3900.00")),
    ]
