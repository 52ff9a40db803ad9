"""The field guide's templates through ingest and dbt build: what an analyst reads in the marts."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from conftest import run_dbt
from ingest.cli import main
from render_templates import RENDERERS
from templates import TEMPLATES, unknown_labels

# One format per template (the same disclosure in two formats would be one document counted once).
FORMAT_OF = {
    "mof_application": "pdf",
    "split_target": "docx",
    "transfer_payment": "txt",
    "department_targets": "pdf",
    "project_self_evaluation": "docx",
    "department_self_evaluation": "pdf",
    "indicator_export": "txt",
}


@pytest.fixture(scope="module")
def templates_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    docs = folder / "docs"
    docs.mkdir()
    for name, fmt in FORMAT_OF.items():
        (docs / f"{name}.{fmt}").write_bytes(RENDERERS[fmt](TEMPLATES[name]()))
    (docs / "unknown_labels.docx").write_bytes(RENDERERS["docx"](unknown_labels()))
    db = folder / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    run_dbt(["build"], db, folder / "target")
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_every_template_is_a_project_row_of_its_kind(templates_db):
    rows = templates_db.execute(
        """
        select documents.file_name, projects.table_kind, count(*), sum(projects.n_indicators)
        from marts.projects inner join marts.documents using (document_id)
        group by all order by 1
        """
    ).fetchall()
    assert rows == [
        ("department_self_evaluation.pdf", "department_self_evaluation", 1, 3),
        ("department_targets.pdf", "department_target", 1, 4),
        ("indicator_export.txt", "project_target", 2, 5),
        ("mof_application.pdf", "project_target", 2, 10),
        ("project_self_evaluation.docx", "project_self_evaluation", 1, 5),
        ("split_target.docx", "project_target", 1, 7),
        ("transfer_payment.txt", "transfer_target", 1, 4),
    ]


def test_budgets_in_yuan_across_templates(templates_db):
    rows = templates_db.execute(
        """
        select project_name, budget_yuan, fiscal_yuan, other_yuan, central_fiscal_yuan, local_fiscal_yuan
        from marts.projects order by project_name
        """
    ).fetchall()
    by_name = {row[0]: row[1:] for row in rows}
    yuan = Decimal
    assert by_name["医疗服务与保障能力提升补助资金"] == (
        yuan("10000000.00"),
        yuan("10000000.00"),
        yuan("0.00"),
        yuan("6800000.00"),
        yuan("3200000.00"),
    )  # fmt: skip  (1000 万元; fiscal = 中央补助 680 + 地方资金 320)
    assert by_name["医疗救助资金"][:3] == (yuan("12805000.00"), yuan("12000000.00"), yuan("805000.00"))
    assert by_name["医疗保障基金监管专项"][:2] == (yuan("1250000.00"), yuan("1250000.00"))  # printed in 元
    assert by_name["2025年部门整体支出绩效目标表"][:3] == (yuan("4005000.00"), yuan("3805000.00"), yuan("200000.00"))
    assert by_name["城乡医疗救助资金"][0] == yuan("5200000.00")  # 全年预算数 of the self-evaluation


def test_a_project_code_printed_with_the_name_is_split_off(templates_db):
    """51092322T000000431501-医疗救助资金: the MoF code is the project_code, the rest the name, kind and key."""
    assert templates_db.execute(
        """
        select project_name, project_name_printed, project_code, is_project_code_from_name, project_name_normalised,
            project_kind, project_key is not null
        from marts.projects where project_name_printed like '5109%'
        """
    ).fetchall() == [
        ("医疗救助资金", "51092322T000000431501-医疗救助资金", "51092322T000000431501", True, "医疗救助资金",
         "medical_assistance", True),
    ]  # fmt: skip


def test_split_targets_are_read_by_dbt_like_printed_ones(templates_db):
    rows = templates_db.execute(
        """
        select level3, target_raw, comparator, target_value, target_unit, target_kind, weight_printed
        from marts.indicators inner join marts.projects using (project_id)
        where projects.project_name = '医疗保障基金监管专项' order by row_number
        """
    ).fetchall()
    assert rows[0] == ("定点医药机构检查覆盖率", "≥100%", ">=", Decimal("100"), "%", "numeric", "20")
    assert rows[4][:6] == ("检查经费", "≤125万元", "<=", Decimal("125"), "万元", "numeric")
    assert rows[5][5] == "qualitative"
    # 一级 labels printed without 指标 reach the canonical labels.
    levels = templates_db.execute(
        """
        select distinct level1 from marts.indicators inner join marts.projects using (project_id)
        where projects.project_name = '医疗保障基金监管专项' order by 1
        """
    ).fetchall()
    assert levels == [("产出指标",), ("效益指标",), ("满意度指标",)]


def test_department_tasks_add_up_to_the_total_line(templates_db):
    rows = templates_db.execute(
        "select task_name, amount_yuan, is_total from marts.department_tasks order by task_seq"
    ).fetchall()
    assert rows == [
        ("医保基金监管", Decimal("1200000.00"), False),
        ("医保经办服务", Decimal("805000.00"), False),
        ("信息化运维", Decimal("2000000.00"), False),
        ("金额合计", Decimal("4005000.00"), True),
    ]


def test_documents_say_what_they_are(templates_db):
    rows = templates_db.execute(
        "select file_name, issuer, budget_year, doc_kind from marts.documents order by 1"
    ).fetchall()
    assert rows[1] == ("department_targets.pdf", "重庆市渝北区医疗保障局", 2025, "performance_targets")
    assert rows[4] == ("project_self_evaluation.docx", "天津市河西区医疗保障局", 2023, "self_evaluation")


def test_unknown_labels_are_listed_most_frequent_first(templates_db):
    rows = templates_db.execute(
        """
        select code, subject, count(*) as n
        from marts.parse_issues
        where code in ('unknown_label', 'unknown_column', 'unrecognised_table')
        group by all order by n desc, subject
        """
    ).fetchall()
    assert rows == [("unknown_column", "是否核心指标", 1), ("unrecognised_table", "资金项目名称 | 医保宣传经费", 1)]


def test_the_templates_findings_are_exactly_these(templates_db):
    rows = templates_db.execute("select file_name, check_name, severity, detail from marts.data_quality order by all")
    assert rows.fetchall() == [
        ("unknown_labels.docx", "document failed", "warning",
         "unknown_labels.docx: no known layout found (1 tables, none a performance-target or budget table)"),
    ]  # fmt: skip
