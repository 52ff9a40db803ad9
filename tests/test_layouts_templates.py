"""Every field-guide template rendered to PDF, DOCX, XLSX, CSV and a text export, read into the same records."""

from __future__ import annotations

import json

import pytest

from ingest.layouts import parse_document
from ingest.readers import read_document
from render_templates import RENDERERS
from templates import TEMPLATES, split_target

FORMATS = ("txt", "pdf", "docx", "xlsx", "csv")


def parse(name: str, fmt: str, tmp_path, blocks=None):
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(RENDERERS[fmt](blocks if blocks is not None else TEMPLATES[name]()))
    return parse_document(read_document(path))


def projects(parsed) -> list[tuple]:
    return [
        (p.table_kind, p.project_name, p.unit_name, p.supervising_department, p.project_attribute, p.project_period,
         p.amount_unit, p.budget, p.fiscal, p.other, p.central_fiscal, p.local_fiscal, p.total_score)
        for p in parsed.projects
    ]  # fmt: skip


def indicators(parsed, *fields: str) -> list[tuple]:
    names = fields or ("table_seq", "level1", "level2", "level3", "target")
    return [tuple(getattr(row, name) for name in names) for row in parsed.indicators]


def meta(parsed) -> tuple:
    return parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind


@pytest.mark.parametrize("fmt", FORMATS)
def test_mof_application_form(tmp_path, fmt):
    parsed = parse("mof_application", fmt, tmp_path)
    assert meta(parsed) == ("四川省遂宁市大英县医疗保障局", 2024, "performance_targets")
    assert projects(parsed) == [
        ("project_target", "城乡居民医保参保工作经费", "大英县医疗保险服务中心", "[510923]大英县医疗保障局", "延续项目",
         "1年", "万元", "520.00", "520.00", "0.00", None, None, None),
        ("project_target", "51092322T000000431501-医疗救助资金", "大英县医疗保障局", "[510923]大英县医疗保障局",
         "延续项目", "1年", "万元", "1,280.50", "1,200.00", "80.50", None, None, None),
    ]  # fmt: skip
    assert parsed.projects[0].goal == "做好城乡居民医保参保扩面工作，参保率稳定在95%以上。"
    assert indicators(parsed) == [
        (1, "产出指标", "数量指标", "城乡居民参保人数", "≥36万人"),
        (1, None, "质量指标", "参保率", "≥95%"),
        (1, None, "时效指标", "参保登记完成时间", "2024年12月底前"),
        (1, None, "成本指标", "参保宣传成本", "≤20万元"),
        (1, "效益指标", "社会效益指标", "群众参保意识", "有效提升"),
        (1, "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
        (2, "产出指标", "数量指标", "资助参保人数", "≥1.2万人"),
        (2, None, "质量指标", "救助政策落实率", "100%"),
        (2, "效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻"),
        (2, "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"),
    ]
    assert not [issue for issue in parsed.issues if issue.severity == "warning"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_split_comparator_value_unit_columns(tmp_path, fmt):
    parsed = parse("split_target", fmt, tmp_path)
    assert meta(parsed) == ("滁州市医疗保障局", 2025, "performance_targets")
    assert projects(parsed) == [
        ("project_target", "医疗保障基金监管专项", "滁州市医疗保障局（本级）", None, None, None, "元",
         "1,250,000.00", "1,250,000.00", None, None, None, None),
    ]  # fmt: skip
    fields = ("level1", "level2", "level3", "target", "target_comparator", "target_value", "target_unit", "weight")
    assert indicators(parsed, *fields) == [
        ("产出", "数量", "定点医药机构检查覆盖率", "≥100%", "≥", "100", "%", "20"),
        (None, None, "专项检查次数", "≥4次", "≥", "4", "次", "10"),
        (None, "质量", "违规问题整改率", "=100%", "=", "100", "%", "15"),
        (None, "时效", "检查完成时间", "≤2025年11月", "≤", "2025年11月", None, "10"),
        (None, "成本", "检查经费", "≤125万元", "≤", "125", "万元", "10"),
        ("效益", "社会效益", "医保基金安全运行", "有效保障", "定性", "有效保障", None, "20"),
        ("满意度", "服务对象满意度", "参保群众满意度", "≥90%", "≥", "90", "%", "15"),
    ]
    # A column nobody listed is kept, not fatal, and reported for the vocabulary.
    assert [json.loads(row.extra) for row in parsed.indicators][:2] == [{"是否核心指标": "是"}, {"是否核心指标": "否"}]
    assert [(i.code, i.subject) for i in parsed.issues if i.code] == [("unknown_column", "是否核心指标")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_transfer_payment_targets(tmp_path, fmt):
    parsed = parse("transfer_payment", fmt, tmp_path)
    assert meta(parsed) == ("昌吉回族自治州财政局", 2024, "performance_targets")
    assert projects(parsed) == [
        ("transfer_target", "医疗服务与保障能力提升补助资金", "昌吉回族自治州医疗保障局",
         "国家医疗保障局；昌吉回族自治州医疗保障局", None, None, "万元", "1000.00", None, "0.00", "680.00", "320.00",
         None),
    ]  # fmt: skip
    assert indicators(parsed)[0] == (1, "产出指标", "数量指标", "医保经办人员培训人次", "≥500人次")
    assert len(parsed.indicators) == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_targets_with_tasks(tmp_path, fmt):
    parsed = parse("department_targets", fmt, tmp_path)
    assert meta(parsed) == ("重庆市渝北区医疗保障局", 2025, "performance_targets")
    assert projects(parsed) == [
        ("department_target", "2025年部门整体支出绩效目标表", "重庆市渝北区医疗保障局", None, None, None, "万元",
         "400.50", "380.50", "20.00", None, None, None),
    ]  # fmt: skip
    assert [(t.task_seq, t.task_name, t.content, t.amount_total, t.amount_fiscal, t.amount_other, t.is_total)
            for t in parsed.department_tasks] == [
        (1, "医保基金监管", "开展定点医药机构现场检查和专项治理", "120.00", "120.00", "0.00", False),
        (2, "医保经办服务", "保障经办窗口正常运行", "80.50", "80.50", None, False),
        (3, "信息化运维", "医保信息平台运行维护", "200.00", "180.00", "20.00", False),
        (4, "金额合计", None, "400.50", "380.50", "20.00", True),
    ]  # fmt: skip
    assert parsed.projects[0].goal == "加强医保基金监管，提升经办服务水平，保障医保信息平台安全稳定运行。"
    assert indicators(parsed) == [
        (1, "产出指标", "数量指标", "定点医药机构检查数量", "≥300家"),
        (1, None, "时效指标", "医保待遇按时支付率", "100%"),
        (1, "效益指标", "社会效益指标", "欺诈骗保行为", "有效遏制"),
        (1, "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_self_evaluation(tmp_path, fmt):
    parsed = parse("project_self_evaluation", fmt, tmp_path)
    assert meta(parsed) == ("天津市河西区医疗保障局", 2023, "self_evaluation")
    assert projects(parsed) == [
        ("project_self_evaluation", "城乡医疗救助资金", "天津市河西区医疗保障事务中心", "天津市河西区医疗保障局", None,
         None, "万元", "520.00", "520.00", "0.00", None, None, "96.5"),
    ]  # fmt: skip
    project = parsed.projects[0]
    assert (project.goal, project.goal_achieved) == (
        "保障困难群众基本医疗需求，资助参保全覆盖。",
        "全年资助参保12500人，医疗救助及时足额拨付。",
    )
    assert [(e.label, e.role, e.initial, e.full_year, e.executed, e.weight, e.rate, e.score)
            for e in parsed.budget_execution] == [
        ("年度资金总额", "total", "500.00", "520.00", "494.00", "10", "95.00%", "9.5"),
        ("其中：当年财政拨款", "fiscal", "500.00", "520.00", "494.00", "—", "95.00%", "—"),
        ("上年结转资金", "carryover", "0.00", "0.00", "0.00", "—", "—", "—"),
        ("其他资金", "other", "0.00", "0.00", "0.00", "—", "—", "—"),
    ]  # fmt: skip
    fields = ("level3", "target", "actual", "weight", "score", "deviation_reason")
    assert indicators(parsed, *fields) == [
        ("资助参保人数", "≥12000人", "12500人", "20", "20", None),
        ("救助政策知晓率", "≥90%", "85%", "15", "12", "宣传覆盖不足，下一年度加强政策宣传"),
        ("救助资金拨付时间", "2023年12月底前", "2023年12月20日", "15", "15", None),
        ("困难群众医疗负担", "有效减轻", "有效减轻", "20", "20", None),
        ("救助对象满意度", "≥90%", "93%", "20", "20", None),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_self_evaluation(tmp_path, fmt):
    parsed = parse("department_self_evaluation", fmt, tmp_path)
    assert meta(parsed) == ("天长市医疗保障局", 2023, "self_evaluation")
    assert projects(parsed) == [
        ("department_self_evaluation", "2023年度部门整体支出绩效自评表", "天长市医疗保障局", None, None, None, "万元",
         "1,350.00", "1,300.00", "50.00", None, None, "94.8"),
    ]  # fmt: skip
    assert [(e.role, e.executed, e.rate) for e in parsed.budget_execution] == [
        ("total", "1,323.00", "98.00%"),
        ("fiscal", "1,274.00", "98.00%"),
        ("other", "49.00", "98.00%"),
    ]
    assert indicators(parsed, "level3", "target", "actual", "score", "deviation_reason")[-1] == (
        "参保群众满意度",
        "≥90%",
        "88%",
        "25",
        "窗口等候时间偏长",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_row_per_indicator_export(tmp_path, fmt):
    parsed = parse("indicator_export", fmt, tmp_path)
    assert parsed.layouts == ("indicator_export",)
    assert meta(parsed) == ("广州市海珠区医疗保障局", 2025, "performance_targets")
    assert [(p.table_seq, p.project_code, p.project_name, p.unit_name, p.amount_unit, p.budget, p.fiscal, p.goal)
            for p in parsed.projects] == [
        (1, "440105250000000001", "经办服务运转经费", "广州市海珠区医疗保障局", "万元", "35.60", "35.60",
         "保障医保经办窗口正常运转"),
        (2, "440105250000000002", "医保信息系统运维", "广州市海珠区医疗保障局", "万元", "120.00", "100.00",
         "完成医保信息系统运维"),
    ]  # fmt: skip
    assert indicators(parsed, "table_seq", "row_number", "level2", "level3", "target") == [
        (1, 1, "数量指标", "窗口服务人次", "≥5万人次"),
        (1, 2, "时效指标", "业务办结时限", "≤5个工作日"),
        (1, 3, "服务对象满意度指标", "办事群众满意度", "≥95%"),
        (2, 1, "质量指标", "系统正常运行率", "≥99%"),
        (2, 2, "社会效益指标", "医保业务线上办理", "逐步提高"),
    ]


def test_a_label_sharing_its_cell_with_a_number(tmp_path):
    blocks = split_target()
    grid = blocks[-1]
    grid.rows[1][:6] = ["年度资金总额：1,250,000.00", "", "其中：财政资金 1,200,000.00", "", "其他资金", "50,000.00"]
    parsed = parse("shared_cells", "docx", tmp_path, blocks)
    assert (parsed.projects[0].budget, parsed.projects[0].fiscal, parsed.projects[0].other) == (
        "1,250,000.00",
        "1,200,000.00",
        "50,000.00",
    )


def test_a_unit_row_that_opens_no_target_table_is_left_to_other_layouts(tmp_path):
    from render_templates import Grid

    blocks = [
        "某市医疗保障局2025年部门预算",
        Grid([["单位名称", "某市医疗保障局"], ["科目编码", "科目名称"], ["2101301", "行政运行"]]),
    ]
    parsed = parse("unit_only", "docx", tmp_path, blocks)
    assert parsed.projects == ()
    assert [table.kind for table in parsed.tables] == ["budget_disclosure"]
