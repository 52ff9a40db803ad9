"""A self-evaluation's budget block: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, then a line per fund
(年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import vocabulary
from ingest.layouts.performance.cells import cell_at, first_columns
from ingest.records import BudgetExecutionLine

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

BLOCK_ROLES = {"initial", "full_year", "executed", "rate"}
# Column roles whose cell is the BudgetExecutionLine field of the same name (initial, executed, rate, forecast ...).
AMOUNT_ROLES = tuple(
    field.name
    for field in fields(BudgetExecutionLine)
    if field.name not in {"table_seq", "line_seq", "label", "role", "line", "page"}
)


def start(table: TableReader, texts: list[str]) -> bool:
    """The block's header row: two or more of its columns."""
    columns = first_columns(texts, "execution")
    if len(set(columns) & BLOCK_ROLES) < 2:
        return False
    table.active = Execution(columns)
    return True


@dataclass(frozen=True)
class Execution:
    """The block's lines, until a row holds no fund label left of the amounts."""

    columns: dict[str, int]

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        words = vocabulary()
        texts = row.texts
        first = min(self.columns.values())
        labels = [(index, text) for index, text in enumerate(texts[:first]) if text.strip()]
        found = [(text, role) for _, text in labels if (role := words.role("execution_line", text)) is not None]
        if not found:
            return False
        label, role = found[-1]

        def at(name: str) -> str | None:
            return cell_at(texts, self.columns.get(name))

        table.execution.append(
            BudgetExecutionLine(
                table_seq=table.table_seq,
                line_seq=len(table.execution) + 1,
                label=label.strip(),
                role=role,
                line=row.line,
                page=row.page,
                **{name: at(name) for name in AMOUNT_ROLES},
            )
        )
        table.active = self
        return True
