"""One target or self-evaluation table while its rows are read: what it has found, and which part is reading.

A row goes to the indicator header if it is one; else to the active part (goal values, spending-plan shares, tasks,
a budget-execution block, the second row of the indicator header) if it takes it; else to the header block (before
the indicator header) or to the indicator rows (after it).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from typing import Protocol

from ingest.document import Paragraph, Row
from ingest.layouts.labels import vocabulary
from ingest.layouts.performance import header_block, indicator_rows
from ingest.layouts.performance.columns import ColumnMap, SecondHeaderRow, column_roles, is_indicator_header
from ingest.layouts.preamble import Line
from ingest.records import BudgetExecutionLine, DepartmentTask, IndicatorRow, ParseIssue, SpendingPlanRow


class Part(Protocol):
    """A part of a table that reads the rows after its own header: goal values, plan shares, tasks, execution."""

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        """Read the row if it belongs to this part (and set itself active again if more may follow)."""
        ...


@dataclass
class Issues:
    """A table's issues in the order raised; one raised under a key can be withdrawn by it."""

    table_seq: int
    raised: list[ParseIssue] = field(default_factory=list)
    keys: dict[Hashable, list[ParseIssue]] = field(default_factory=dict)

    def add(self, severity: str, message: str, row: Row | Paragraph | None = None, code: str | None = None,
            subject: str | None = None, key: Hashable | None = None) -> None:  # fmt: skip
        issue = ParseIssue(severity, message, self.table_seq, row.line if row else None, row.page if row else None,
                           code=code, subject=subject)  # fmt: skip
        self.raised.append(issue)
        if key is not None:
            self.keys.setdefault(key, []).append(issue)

    def withdraw(self, key: Hashable) -> None:
        withdrawn = {id(issue) for issue in self.keys.pop(key, [])}
        self.raised = [issue for issue in self.raised if id(issue) not in withdrawn]


@dataclass
class TableReader:
    """Accumulates one table while its rows stream past."""

    table_seq: int
    preamble: list[Line]
    position: int | None = None
    fields: dict[str, str | None] = field(default_factory=dict)
    columns: ColumnMap | None = None  # the indicator header, once read
    dual: bool = False  # mid-term and annual halves side by side
    header_repeats: int = 0
    active: Part | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    plan: list[SpendingPlanRow] = field(default_factory=list)
    execution: list[BudgetExecutionLine] = field(default_factory=list)
    tasks: list[DepartmentTask] = field(default_factory=list)
    extra_fields: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    previous_tokens: list[str] | None = None  # the last indicator row's cells, for a row wrapped onto the next
    spanning: tuple[str | None, str | None] | None = None  # 一级/二级 labels printed on their own row, for the next
    spanning_row: Row | None = None  # the row they were printed on
    unsettled: Row | None = None  # an indicator header row whose second row may follow
    issues: Issues = field(init=False)

    def __post_init__(self) -> None:
        self.issues = Issues(self.table_seq)

    def take(self, row: Row) -> None:
        self.rows.append(row)
        roles = column_roles(row)
        part, self.active = self.active, None
        if is_indicator_header(roles):
            if self.columns is None:
                # Mid-term and annual indicators side by side: two 指标值 columns, or a mid-term budget above a header
                # naming a level twice (a 填报表's 项目资金总额 comes with one set of indicator columns).
                twice = any(roles.count(role) > 1 for role in ("level2", "level3"))
                self.dual = roles.count("target") > 1 or ("midterm_budget" in self.fields and twice)
            else:
                self.settle_columns()
                self.header_repeats += 1  # a repeated header after a page break may place its columns differently
            self.columns = ColumnMap.read(row, roles, self.dual)
            self.unsettled = row
            self.active = SecondHeaderRow()
            return
        if part is not None and part.take(self, row, roles):
            return
        if self.columns is None:
            header_block.take(self, row)
        else:
            indicator_rows.take(self, self.without_section_label(row))

    def without_section_label(self, row: Row) -> Row:
        """The row without the section's label (绩效指标) printed in a column the indicator header leaves unnamed: a
        label spanning the indicator rows, printed in the first of them."""
        if self.columns is None or self.dual:
            return row
        mapped = self.columns.mapped_columns()
        words = vocabulary()
        cells = tuple(
            replace(cell, text="")
            if index not in mapped and cell.text.strip() and words.role("part", cell.text) == "indicators"
            else cell
            for index, cell in enumerate(row.cells)
        )
        return replace(row, cells=cells) if cells != row.cells else row

    def settle_columns(self) -> None:
        """The indicator header is complete (one or two rows): report its columns with no known role."""
        if self.unsettled is not None and self.columns is not None:
            self.columns.report(self.issues, self.unsettled)
        self.unsettled = None

    def next_number(self, horizon: str) -> int:
        """The row number of the next indicator of a horizon."""
        return sum(1 for indicator in self.indicators if indicator.horizon == horizon) + 1

    @property
    def is_only_a_unit_line(self) -> bool:
        """A 单位名称 | XX row that opened nothing a target table has."""
        return (
            self.columns is None
            and not self.tasks
            and not self.execution
            and not self.fields.get("project_name")
            and not self.fields.get("project_code")
        )
