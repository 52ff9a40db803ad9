"""项目支出绩效运行监控表 (mid-year monitoring), the template added as one layout (ingest/layouts/monitoring.py):
rendered to PDF, DOCX, XLSX, CSV and text, each read to exactly the same records, and carried to the marts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import build_warehouse, read_only
from ingest.layouts import parse_document
from ingest.layouts.labels import label_key, vocabulary
from ingest.readers import read_document
from render_templates import RENDERERS
from templates import TEMPLATES

FORMATS = ("txt", "pdf", "docx", "xlsx", "csv")


def parse(name: str, fmt: str, tmp_path):
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(RENDERERS[fmt](TEMPLATES[name]()))
    return parse_document(read_document(path))


def test_a_reporting_period_before_a_label_is_not_part_of_it():
    assert [label_key(text) for text in ("1-7月执行数", "1—8月份执行情况", "截至7月底执行率", "1-3月")] == [
        "执行数",
        "执行情况",
        "执行率",
        "1-3月",
    ]
    labels = ("年初预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数")
    assert [vocabulary().role("execution", text) for text in labels] == ["initial", "executed", "rate", "forecast"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_mof_monitoring_table_with_ticked_causes_and_likelihood(tmp_path, fmt):
    parsed = parse("project_monitoring", fmt, tmp_path)
    assert parsed.layouts == ("project_monitoring",)
    assert (parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind) == (
        "四川省遂宁市大英县医疗保障局",
        2024,
        "performance_monitoring",
    )
    assert [(p.table_seq, p.table_kind, p.reporting_period, p.title, p.project_name, p.unit_name,
             p.supervising_department, p.amount_unit, p.budget, p.fiscal, p.other) for p in parsed.projects] == [
        (1, "project_monitoring", "1-7月", "2024年项目支出绩效运行监控表", "城乡居民医保参保工作经费",
         "大英县医疗保险服务中心", "[510923]大英县医疗保障局", "万元", "520.00", "520.00", "0.00"),
        (2, "project_monitoring", "1-7月", None, "51092322T000000431501-医疗救助资金", "大英县医疗保障局",
         "[510923]大英县医疗保障局", "万元", "1,280.50", "1,200.00", "80.50"),
    ]  # fmt: skip
    assert [(p.goal, p.goal_achieved) for p in parsed.projects] == [
        ("做好城乡居民医保参保扩面工作，参保率稳定在95%以上。", "已完成参保登记31.2万人，参保率93.8%。"),
        ("资助困难群众参保，落实医疗救助政策。", "资助参保1.18万人，救助资金按月拨付。"),
    ]
    assert [(e.table_seq, e.label, e.role, e.initial, e.executed, e.rate, e.forecast)
            for e in parsed.budget_execution] == [
        (1, "年度资金总额", "total", "520.00", "310.00", "59.62%", "520.00"),
        (1, "其中：当年财政拨款", "fiscal", "520.00", "310.00", "59.62%", "520.00"),
        (1, "上年结转资金", "carryover", "0.00", "0.00", "—", "0.00"),
        (1, "其他资金", "other", "0.00", "0.00", "—", "0.00"),
        (2, "年度资金总额", "total", "1,280.50", "1,050.00", "82.00%", "1,280.50"),
        (2, "其中：当年财政拨款", "fiscal", "1,200.00", "1,000.00", "83.33%", "1,200.00"),
        (2, "其他资金", "other", "80.50", "50.00", "62.11%", "80.50"),
    ]  # fmt: skip
    assert [(i.table_seq, i.row_number, i.level1, i.level2, i.level3, i.target, i.progress, i.forecast,
             i.deviation_cause, i.likelihood, i.deviation_reason) for i in parsed.indicators] == [
        (1, 1, "产出指标", "数量指标", "城乡居民参保人数", "≥36万人", "31.2万人", "36.3万人", None, "确定能", None),
        (1, 2, None, "质量指标", "参保率", "≥95%", "93.8%", "95.2%", None, "确定能", None),
        (1, 3, None, "成本指标", "参保宣传成本", "≤20万元", "8.6万元", "19.5万元", None, "确定能", None),
        (1, 4, "效益指标", "社会效益指标", "群众参保意识", "有效提升", "逐步提升", "有效提升", "经费保障；人员保障",
         "有可能", "宣传经费到位较晚，乡镇经办人员不足，下半年加强入户宣传"),
        (1, 5, "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "≥90%", "其他", "有可能",
         "满意度调查在第四季度开展"),
        (2, 1, "产出指标", "数量指标", "资助参保人数", "≥1.2万人", "1.18万人", "1.2万人", None, "确定能", None),
        (2, 2, "效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻", "有效减轻", "有效减轻", None, "确定能",
         None),
        (2, 3, "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "—", "≥90%", "制度保障", "完全不可能",
         "上级未下达满意度调查办法"),
    ]  # fmt: skip
    assert all(row.extra is None and not row.is_realigned for row in parsed.indicators)
    # Every column is known: no unknown_column issue (a plain target reader saw three), no warning at all.
    assert parsed.issues == ()
    assert {table.kind for table in parsed.tables} == {"project_monitoring"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_monitoring_table_with_printed_likelihood_to_the_end_of_august(tmp_path, fmt):
    parsed = parse("monitoring_plain", fmt, tmp_path)
    assert (parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind) == (
        "湘潭市雨湖区医疗保障局",
        2025,
        "performance_monitoring",
    )
    assert [(p.table_kind, p.reporting_period, p.project_name, p.unit_name, p.amount_unit, p.budget)
            for p in parsed.projects] == [
        ("project_monitoring", "1-8月", "医保基金监管专项经费", "湘潭市雨湖区医疗保障局", "万元", "60.00"),
    ]  # fmt: skip
    assert [(e.role, e.initial, e.executed, e.rate, e.forecast) for e in parsed.budget_execution] == [
        ("total", "60.00", "41.50", "69.17%", "60.00")
    ]
    assert [(i.level3, i.target, i.progress, i.forecast, i.deviation_reason, i.likelihood)
            for i in parsed.indicators] == [
        ("定点医药机构检查覆盖率", "100%", "72%", "100%", None, "确定能"),
        ("违规问题整改完成时间", "2025年11月底前", "整改完成65%", "2025年12月底前", "部分机构整改周期长", "有可能"),
        ("医保基金安全运行", "有效保障", "有效保障", "有效保障", None, "确定能"),
        ("参保群众满意度", "≥90%", "91%", "≥90%", None, "确定能"),
    ]  # fmt: skip
    assert [issue for issue in parsed.issues if issue.severity == "warning" or issue.code] == []


@pytest.fixture(scope="module")
def monitoring_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitoring")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "project_monitoring.pdf").write_bytes(RENDERERS["pdf"](TEMPLATES["project_monitoring"]()))
    (docs / "monitoring_plain.docx").write_bytes(RENDERERS["docx"](TEMPLATES["monitoring_plain"]()))
    yield from read_only(build_warehouse(docs, folder))


def test_monitoring_in_the_marts(monitoring_db):
    projects = monitoring_db.execute(
        """
        select documents.doc_kind, projects.project_name, projects.table_kind, projects.reporting_period,
            projects.reported_through_month, projects.budget_yuan, projects.executed_yuan,
            projects.forecast_executed_yuan, projects.n_indicators
        from marts.projects inner join marts.documents using (document_id)
        order by projects.reported_through_month, projects.table_seq
        """
    ).fetchall()
    yuan = Decimal
    assert projects == [
        ("performance_monitoring", "城乡居民医保参保工作经费", "project_monitoring", "1-7月", 7, yuan("5200000.00"),
         yuan("3100000.00"), yuan("5200000.00"), 5),
        ("performance_monitoring", "医疗救助资金", "project_monitoring", "1-7月", 7,
         yuan("12805000.00"), yuan("10500000.00"), yuan("12805000.00"), 3),
        ("performance_monitoring", "医保基金监管专项经费", "project_monitoring", "1-8月", 8, yuan("600000.00"),
         yuan("415000.00"), yuan("600000.00"), 4),
    ]  # fmt: skip
    behind = monitoring_db.execute(
        """
        select indicators.level3, indicators.target_raw, indicators.progress_raw, indicators.forecast_raw,
            indicators.likelihood, indicators.deviation_cause, indicators.deviation_reason
        from marts.indicators inner join marts.projects using (project_id)
        where indicators.likelihood <> '确定能'
        order by projects.reported_through_month, projects.table_seq, indicators.row_number
        """
    ).fetchall()
    assert behind == [
        ("群众参保意识", "有效提升", "逐步提升", "有效提升", "有可能", "经费保障；人员保障",
         "宣传经费到位较晚，乡镇经办人员不足，下半年加强入户宣传"),
        ("参保群众满意度", "≥90%", "88%", "≥90%", "有可能", "其他", "满意度调查在第四季度开展"),
        ("救助对象满意度", "≥90%", "—", "≥90%", "完全不可能", "制度保障", "上级未下达满意度调查办法"),
        ("违规问题整改完成时间", "2025年11月底前", "整改完成65%", "2025年12月底前", "有可能", None,
         "部分机构整改周期长"),
    ]  # fmt: skip
    kinds = monitoring_db.execute("select distinct kind from raw.document_tables").fetchall()
    assert kinds == [("project_monitoring",)]
    # The same money as the projects' target tables, followed mid-year: its own grain, never a project budget.
    grains = monitoring_db.execute("select distinct amount_grain from marts.projects").fetchall()
    assert grains == [("monitored_project",)]
    assert monitoring_db.execute("select count(*) from marts.budget_summary").fetchone() == (0,)
