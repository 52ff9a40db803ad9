"""A table finished: its title and unit from the text above, its budget from its blocks, what kind of table it is,
and what it lacks."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ingest.layouts.labels import clean, label_key, vocabulary
from ingest.layouts.performance.levels import unused_spanning
from ingest.layouts.preamble import read_table_preamble
from ingest.records import BudgetExecutionLine, ProjectTable

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

DEPARTMENT_TABLE = "部门整体支出绩效目标表"  # the name of a department-wide table that prints no title


def finish(table: TableReader) -> ProjectTable:
    """The table's record; its closing issues join the table's issues."""
    table.settle_columns()
    meta = read_table_preamble(table.preamble)
    fields = dict(table.fields)
    for key in ("unit_name", "supervising_department"):
        if meta.get(key) and not fields.get(key):
            fields[key] = meta[key]
    _budget_from_blocks(table, fields)
    unit_name = fields.pop("unit_name", None)
    amount_unit = fields.pop("amount_unit", None) or meta.get("amount_unit")
    kind = table_kind(table, fields, meta.get("title") or "")
    if kind.startswith("department") and not fields.get("project_name"):
        fields["project_name"] = meta.get("title") or DEPARTMENT_TABLE
    rows = table.rows
    pages = [row.page for row in rows if row.page is not None]
    project = ProjectTable(
        table_seq=table.table_seq,
        layout=_layout(table),
        title=meta.get("title"),
        title_number=meta.get("title_number"),
        unit_code=meta.get("unit_code"),
        unit_name=clean(unit_name),
        amount_unit=amount_unit,
        period_label=meta.get("period_label"),
        first_line=rows[0].line if rows else None,
        last_line=rows[-1].line if rows else None,
        first_page=min(pages) if pages else None,
        last_page=max(pages) if pages else None,
        first_position=table.position,
        header_repeats=table.header_repeats,
        table_kind=kind,
        extra=json.dumps(table.extra_fields, ensure_ascii=False) if table.extra_fields else None,
        **{key: clean(value) for key, value in fields.items()},
    )
    _closing_issues(table, project)
    return project


def _layout(table: TableReader) -> str:
    if table.dual:
        return "dual_horizon"
    return "with_basis" if table.columns is not None and "basis" in table.columns else "five_column"


def _closing_issues(table: TableReader, project: ProjectTable) -> None:
    words = vocabulary()
    if table.spanning is not None:
        unused_spanning(table)
    if table.columns is None:
        table.issues.add("warning", "no indicator header row (一级指标/二级指标/三级指标/指标值) found")
    elif not table.indicators:
        table.issues.add("warning", "indicator header found but no indicator rows")
    elif not any(words.role("level1", ind.level1) in ("效益指标", "满意度指标") for ind in table.indicators):
        table.issues.add("warning", "no 效益指标 or 满意度指标 rows: the table may be cut off")
    if project.amount_unit is None:
        table.issues.add("warning", "no amount unit (单位：万元/元) found above the table; amounts left unconverted")
    if project.project_name is None:
        table.issues.add("warning", "no 项目名称 value")


def _budget_from_blocks(table: TableReader, fields: dict[str, str | None]) -> None:
    """A self-evaluation's budget is its block's 全年预算数 (年初预算数 if blank); a department's, its 金额合计."""
    by_role: dict[str, BudgetExecutionLine] = {}
    for line in table.execution:
        by_role.setdefault(line.role, line)
    for role, key in (("total", "budget"), ("fiscal", "fiscal"), ("other", "other"),
                      ("central_fiscal", "central_fiscal"), ("local_fiscal", "local_fiscal")):  # fmt: skip
        line = by_role.get(role)
        if line is not None and not fields.get(key):
            fields[key] = line.full_year or line.initial
    total = next((task for task in table.tasks if task.is_total), None)
    if total is not None:  # a department's 年度主要任务 add up to its budget
        for key, value in (
            ("budget", total.amount_total),
            ("fiscal", total.amount_fiscal),
            ("other", total.amount_other),
        ):
            if value and not fields.get(key):
                fields[key] = value


def table_kind(table: TableReader, fields: dict[str, str | None], title: str) -> str:
    """project/department/transfer, target or self-evaluation, from the title and what the table holds."""
    words = vocabulary()
    columns = table.columns.at if table.columns is not None else {}
    self_evaluation = (
        bool(table.execution)
        or bool({"actual", "score"} & set(columns))
        or bool(words.mentions("title", title, "self_evaluation"))
    )
    department = (
        bool(table.tasks)
        or bool(words.mentions("title", title, "department"))
        or (
            not fields.get("project_name")
            and not fields.get("project_code")
            and not words.mentions("title", title, "project")
        )
    )
    transfer = (
        bool(words.mentions("title", title, "transfer"))
        or bool(fields.get("central_fiscal") or fields.get("local_fiscal"))
        or any(row.texts and words.mentions("title", label_key(row.texts[0]), "transfer") for row in table.rows[:3])
    )
    if department:
        return "department_self_evaluation" if self_evaluation else "department_target"
    if self_evaluation:
        return "project_self_evaluation"
    return "transfer_target" if transfer else "project_target"
