"""A self-evaluation (绩效自评表) of 天津市东丽区医疗保障局 for 2026: the records the layout makes of it, and the
document itself (blocks in the MoF template, rendered by tests/render_templates.py).

The records go straight into raw through ingest.load (tests/conftest.py results_warehouse), so the marts are
tested on exactly these rows; tests/test_layouts_self_evaluation.py checks that the rendered document parses to
them in every format. Table 1 evaluates the project sample 003 published a target table for
(2025年区级城乡居民医疗救助, 7 indicators): three targets were changed before evaluation (≥150000 人 lowered to
≥140000 人, ≥95% raised to ≥98%, ≤6070000 元 reworded as ≤607 万元) and two indicators added. Planted for the
audit besides the lowered target: full marks on a missed target with 偏差原因 无, an actual copied from its target
(≥95% twice; 明显提高 twice), a score above its weight, a 执行率 the amounts beside it contradict (当年财政拨款:
98.50% printed, 598.30 / 620.00 = 96.50%), and a 总分 one point above the sum of the scores. Table 2 is the
department-wide self-evaluation (no department target table is in the warehouse, so it stays unlinked).
"""

from __future__ import annotations

import hashlib

from ingest.records import BudgetExecutionLine, DocumentMeta, IndicatorRow, ParsedDocument, ProjectTable
from ingest.result import DocumentResult

FILE_NAME = "东丽区2026年度绩效自评表.docx"


def _indicator(seq: int, row: int, level1, level2, level3, target, actual, weight, score, reason=None):
    return IndicatorRow(
        table_seq=seq,
        horizon="annual",
        row_number=row,
        level1=level1,
        level2=level2,
        level3=level3,
        description=None,
        target=target,
        actual=actual,
        weight=weight,
        score=score,
        deviation_reason=reason,
        line=100 * seq + row,
    )


PROJECT = ProjectTable(
    table_seq=1,
    layout="five_column",
    title="2026年度项目支出绩效自评表",
    unit_name="天津市东丽区医疗保障局",
    supervising_department="天津市东丽区医疗保障局",
    amount_unit="万元",
    project_name="2025年区级城乡居民医疗救助",
    budget="620.00",
    fiscal="620.00",
    goal="通过实施城乡医疗救助，重点救助对象住院救助比例达到70%。",
    goal_achieved="全年救助162300人次，住院救助比例72%。",
    total_score="99.65",
    table_kind="project_self_evaluation",
    first_line=100,
)

DEPARTMENT = ProjectTable(
    table_seq=2,
    layout="five_column",
    title="2026年度部门整体支出绩效自评表",
    unit_name="天津市东丽区医疗保障局",
    amount_unit="万元",
    project_name="2026年度部门整体支出绩效自评表",
    budget="15833.92",
    goal="保障全区参保群众基本医疗需求。",
    goal_achieved="全区参保30.6万人，群众满意度92%。",
    total_score="100",
    table_kind="department_self_evaluation",
    first_line=200,
)

INDICATORS = (
    _indicator(1, 1, "产出指标", "数量指标", "医疗救助对象人次规模(人)", "≥140000 人", "162300 人", "10", "10"),
    _indicator(
        1, 2, None, "质量指标", "重点救助对象政策范围内个人自负费用年度限额内住院救助比例(%)", "≥70%", "72%", "10", "10"
    ),  # fmt: skip
    _indicator(
        1, 3, None, "质量指标", "符合资助条件的农村低收入人口资助参保政策覆盖率(%)", "≥98%", "97.2%", "10", "10", "无"
    ),  # fmt: skip
    _indicator(1, 4, None, "时效指标", "医疗救助结算及时率", "≥95%", "≥95%", "10", "10"),
    _indicator(1, 5, None, "成本指标", "医疗救助金额", "≤607 万元", "598.3万元", "10", "10"),
    _indicator(1, 6, "效益指标", "社会效益指标", "提高医疗救助对象覆盖率", "稳步提高", "覆盖率达到98%", "10", "10"),
    _indicator(1, 7, None, "社会效益指标", "提高群众就医便捷度", "明显提高", "明显提高", "10", "9"),
    _indicator(
        1,
        8,
        "满意度指标",
        "服务对象满意度指标",
        "救助对象满意度",
        "≥90%",
        "88%",
        "10",
        "8",
        "部分救助对象对办理时限不满意，将压缩办理时限",
    ),  # fmt: skip
    _indicator(1, 9, "产出指标", "时效指标", "救助资金拨付时间", "2026年12月底前", "2026年11月", "10", "12"),
    _indicator(2, 1, "产出指标", "数量指标", "参保人数", "≥30万人", "30.6万人", "50", "50"),
    _indicator(2, 2, "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "92", "40", "40"),
)

EXECUTION = (
    BudgetExecutionLine(1, 1, "年度资金总额", "total", "607.00", "620.00", "598.30", "10", "96.50%", "9.65", line=101),
    BudgetExecutionLine(
        1, 2, "其中：当年财政拨款", "fiscal", "607.00", "620.00", "598.30", None, "98.50%", None, line=102
    ),  # fmt: skip
    BudgetExecutionLine(1, 3, "上年结转资金", "carryover", line=103),
    BudgetExecutionLine(1, 4, "其他资金", "other", line=104),
    BudgetExecutionLine(
        2, 1, "年度资金总额", "total", "15833.92", "15833.92", "15640.23", "10", "98.78%", "10", line=201
    ),  # fmt: skip
)

SELF_EVALUATION = ParsedDocument(
    meta=DocumentMeta(issuer="天津市东丽区医疗保障局", budget_year=2026, budget_year_basis="title: 2026年度"),
    layouts=("project_performance",),
    projects=(PROJECT, DEPARTMENT),
    indicators=INDICATORS,
    budget_execution=EXECUTION,
)


def self_evaluation_blocks() -> list:
    """The document the records describe: a title, then each table in the MoF self-evaluation template."""
    from templates import _self_evaluation

    blocks: list = [PROJECT.unit_name]
    for table in (PROJECT, DEPARTMENT):
        if table.table_kind == "project_self_evaluation":
            first = [
                ["项目名称", table.project_name, "", "", "", "", "", "", ""],
                ["主管部门", table.supervising_department, "", "", "", "实施单位", table.unit_name, "", ""],
            ]
        else:
            first = [["部门（单位）名称", table.unit_name, "", "", "", "", "", "", ""]]
        budget = [
            ["", line.label, "", *(value or "" for value in (line.initial, line.full_year, line.executed,
                                                             line.weight, line.rate, line.score))]
            for line in EXECUTION
            if line.table_seq == table.table_seq
        ]  # fmt: skip
        rows = [row for row in INDICATORS if row.table_seq == table.table_seq]
        indicators = [
            ["", *(value or "" for value in (row.level1, row.level2, row.level3, row.target, row.actual, row.weight,
                                            row.score, row.deviation_reason))]
            for row in rows
        ]  # fmt: skip
        weights = sum(int(row.weight) for row in rows) + sum(
            int(line.weight) for line in EXECUTION if line.table_seq == table.table_seq and line.weight
        )
        total = (str(weights), table.total_score)
        blocks += [table.title, _self_evaluation(first, budget, (table.goal, table.goal_achieved), indicators, total)]
    return blocks


def self_evaluation_result(folder) -> DocumentResult:
    """The records as ingest would hand them to the loader for a file in folder."""
    source = str(folder / FILE_NAME)
    return DocumentResult(
        document_id=hashlib.sha256(source.encode()).hexdigest(),
        file_name=FILE_NAME,
        source_path=source,
        size_bytes=0,
        format="docx",
        status="parsed",
        parsed=SELF_EVALUATION,
    )
