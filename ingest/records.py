"""Typed records the layout parsers produce and the loader writes, one raw table per record type.

Values are kept as printed (amounts, targets and labels are strings); dbt interprets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProjectTable:
    """One 项目支出绩效目标表: the project's header block."""

    table_seq: int
    layout: str
    title: str | None = None
    title_number: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    amount_unit: str | None = None
    project_name: str | None = None
    project_code: str | None = None
    project_attribute: str | None = None
    budget: str | None = None
    fiscal: str | None = None
    other: str | None = None
    midterm_budget: str | None = None
    midterm_fiscal: str | None = None
    midterm_other: str | None = None
    purpose: str | None = None
    goal: str | None = None
    midterm_goal: str | None = None
    period_label: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    first_page: int | None = None
    last_page: int | None = None
    first_position: int | None = None  # the first table's order on its page (PDF)
    header_repeats: int = 0


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row of a performance table, for one horizon ('annual' or 'midterm')."""

    table_seq: int
    horizon: str
    row_number: int
    level1: str | None
    level2: str | None
    level3: str | None
    description: str | None
    target: str | None
    basis: str | None = None
    standard: str | None = None
    line: int | None = None
    page: int | None = None
    is_realigned: bool = False


@dataclass(frozen=True)
class SpendingPlanRow:
    """One period of a project's 资金支出计划 (share of the budget spent by then)."""

    table_seq: int
    period_seq: int
    period: str
    share: str | None
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class DepartmentGoal:
    """One 部门整体绩效目标 item: goal_seq 0 is the overall goal, 1..n the sub-goals."""

    goal_seq: int
    title: str | None
    goal: str | None
    indicators: str | None
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class BudgetTable:
    """One 部门预算公开 table (预算公开表N) as printed: title, department, unit and shape."""

    budget_table_seq: int
    table_label: str | None
    table_number: int | None
    is_number_inferred: bool
    title: str | None
    department: str | None
    amount_unit: str | None
    kind: str  # two_sided, coded, by_unit, project_list, matrix
    classification: str  # functional, economic, income_expenditure, unit, project, other
    is_empty: bool
    note: str | None
    header_rows: int
    column_headers: str  # every column's header path, joined by " | " ("科目编码 | 科目名称 | 合计 | 基本支出/合计")
    line_count: int
    first_line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class BudgetLine:
    """One line of a budget table; two-sided tables give an income and an expenditure line per row."""

    budget_table_seq: int
    line_seq: int
    side: str | None  # income / expenditure for two-sided tables
    code: str | None
    name: str | None
    unit_name: str | None
    project_type: str | None
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class BudgetAmount:
    """One non-blank amount cell of a budget line, with its column's header path."""

    budget_table_seq: int
    line_seq: int
    column_number: int
    column_header: str | None
    value: str


@dataclass(frozen=True)
class NarrativeAmount:
    """An amount the document's narrative states ("卫生健康支出（类）"15,691.73万元), a claim to check."""

    claim_seq: int
    subject: str
    amount: str
    amount_unit: str
    section: str | None
    sentence: str
    line: int | None = None
    page: int | None = None
    chapter: str | None = None  # the numbered part the section sits in (关于一般公共预算支出情况表的说明)


@dataclass(frozen=True)
class SeenTable:
    """Every table block the document holds and what became of it, so nothing is skipped silently."""

    block_seq: int
    kind: str
    title: str | None
    row_count: int
    project_table_seq: int | None = None
    first_line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class ParseIssue:
    """Something only partly understood: where it is and why."""

    severity: str  # 'warning' or 'info'
    message: str
    table_seq: int | None = None
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class DocumentMeta:
    """Document-level facts read from the text."""

    issuer: str | None = None
    budget_year: int | None = None
    budget_year_basis: str | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """Everything the layouts found in one Document."""

    meta: DocumentMeta
    layouts: tuple[str, ...]
    projects: tuple[ProjectTable, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    spending_plans: tuple[SpendingPlanRow, ...] = ()
    department_goals: tuple[DepartmentGoal, ...] = ()
    budget_tables: tuple[BudgetTable, ...] = ()
    budget_lines: tuple[BudgetLine, ...] = ()
    budget_amounts: tuple[BudgetAmount, ...] = ()
    narrative_amounts: tuple[NarrativeAmount, ...] = ()
    tables: tuple[SeenTable, ...] = ()
    issues: tuple[ParseIssue, ...] = field(default_factory=tuple)
