"""A department's 年度主要任务: 任务名称 | 主要内容 | 预算金额 (总额 | 财政拨款 | 其他资金 below), a line per task and
the 金额合计 line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import vocabulary
from ingest.layouts.performance.cells import PROJECT_FIELDS, cell_at, field_role, first_columns
from ingest.records import DepartmentTask

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

AMOUNT_ROLES = ("amount_total", "amount_fiscal", "amount_other")


def start(table: TableReader, texts: list[str]) -> bool:
    """The block's header row: 任务名称 beside 主要内容 or 预算金额."""
    columns = first_columns(texts, "task")
    if "task_name" not in columns or not ({"task_content", "task_amount"} & set(columns)):
        return False
    if "task_amount" in columns:
        columns.setdefault("amount_total", columns["task_amount"])
    table.active = Tasks(columns)
    return True


@dataclass(frozen=True)
class Tasks:
    """Task lines, the amounts' sub-header and the 金额合计 line, until a header-block field or section follows."""

    columns: dict[str, int]

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        words = vocabulary()
        texts = row.texts
        tokens = row.tokens
        task_roles = [words.role("task", text) if text.strip() else None for text in texts]
        amounts = {role: index for index, role in enumerate(task_roles) if role in AMOUNT_ROLES}
        named = [role for role in task_roles if role]
        if amounts and len(named) == len(tokens):
            self.columns.update(amounts)
            table.active = self
            return True
        if (
            not tokens
            or field_role(tokens[0]) in PROJECT_FIELDS
            or (field_role(tokens[0]) == "section" and words.role("part", tokens[0]) != "tasks")
        ):
            return False
        table.active = self

        def at(name: str) -> str | None:
            return cell_at(texts, self.columns.get(name))

        is_total = "task_total" in task_roles
        name = at("task_name")
        if is_total:
            name = next(text.strip() for text, role in zip(texts, task_roles, strict=True) if role == "task_total")
        table.tasks.append(
            DepartmentTask(
                table_seq=table.table_seq,
                task_seq=len(table.tasks) + 1,
                task_name=name,
                content=None if is_total else at("task_content"),
                amount_total=at("amount_total"),
                amount_fiscal=at("amount_fiscal"),
                amount_other=at("amount_other"),
                is_total=is_total,
                line=row.line,
                page=row.page,
            )
        )
        return True
