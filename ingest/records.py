"""Typed records the layout parsers produce and the loader writes, one raw table per record type.

Values are kept as printed (amounts, targets and labels are strings); dbt interprets them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, make_dataclass


@dataclass(frozen=True)
class ProjectTable:
    """One target or self-evaluation table (项目/部门整体/转移支付 绩效目标表 or 自评表): its header block."""

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
    # project_target, department_target, transfer_target, project_self_evaluation, department_self_evaluation,
    # project_monitoring, department_monitoring
    table_kind: str = "project_target"
    supervising_department: str | None = None
    project_period: str | None = None
    central_fiscal: str | None = None  # 中央补助 (transfer payments)
    local_fiscal: str | None = None  # 地方资金 (transfer payments)
    goal_achieved: str | None = None  # 实际完成情况 (self-evaluations)
    total_score: str | None = None  # 总分 (self-evaluations)
    extra: str | None = None  # JSON object: header-block labels with no known role -> their values
    reporting_period: str | None = None  # monitoring tables: the months reported on, as printed (1-7月)
    carryover: str | None = None  # 上年结转资金 printed beside 其他资金 (财政项目支出绩效目标填报表)


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
    target_comparator: str | None = None  # printed parts where the table splits the target into columns
    target_value: str | None = None
    target_unit: str | None = None
    weight: str | None = None  # 权重 / 分值
    actual: str | None = None  # 实际完成值 (self-evaluations)
    score: str | None = None  # 得分
    deviation_reason: str | None = None  # 偏差原因分析及改进措施; a monitoring table's 原因说明
    extra: str | None = None  # JSON object: column headers with no known role -> the row's cells
    progress: str | None = None  # 1-N月执行情况 (monitoring): what was achieved by the end of the reporting period
    forecast: str | None = None  # 全年预计完成情况 (monitoring): what is expected by the end of the year
    likelihood: str | None = None  # 完成目标可能性 (monitoring): 确定能, 有可能 or 完全不可能, printed or ticked
    deviation_cause: str | None = None  # 偏差原因分析 (monitoring): the causes ticked (经费保障；人员保障)


@dataclass(frozen=True)
class BudgetExecutionLine:
    """One line of a self-evaluation's budget block (年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金)."""

    table_seq: int
    line_seq: int
    label: str  # as printed
    role: str  # total, fiscal, carryover, other
    initial: str | None = None  # 年初预算数
    full_year: str | None = None  # 全年预算数
    executed: str | None = None  # 全年执行数; a monitoring table's 1-N月执行数
    weight: str | None = None  # 分值
    rate: str | None = None  # 执行率 (a monitoring table's 1-N月执行率)
    score: str | None = None  # 得分
    line: int | None = None
    page: int | None = None
    forecast: str | None = None  # 全年预计执行数 (monitoring)


@dataclass(frozen=True)
class DepartmentTask:
    """One 年度主要任务 line of a department-wide target table, with its amounts as printed."""

    table_seq: int
    task_seq: int
    task_name: str | None
    content: str | None
    amount_total: str | None = None
    amount_fiscal: str | None = None
    amount_other: str | None = None
    is_total: bool = False  # the 金额合计 line
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class TableCell:
    """One non-blank cell of a table block as the reader gave it: the table kept whole, with provenance."""

    block_seq: int
    row_seq: int
    column_seq: int
    text: str
    page: int | None = None
    line: int | None = None
    confidence: float | None = None  # recognition confidence (scans); null for text layers


class TableCells(Sequence[TableCell]):
    """A document's table cells kept as columns, one list per TableCell field: a document has thousands, and the
    loader's Arrow table is built from the columns (TableCell records are made only where they are read, as a
    tuple of them would be read: by index, slice or iteration). Equal to a tuple of the same cells."""

    NAMES = tuple(item.name for item in fields(TableCell))

    def __init__(self) -> None:
        self.columns: tuple[list, ...] = tuple([] for _ in self.NAMES)

    def column(self, name: str) -> list:
        return self.columns[self.NAMES.index(name)]

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(TableCell(*values) for values in zip(*(column[index] for column in self.columns), strict=True))
        return TableCell(*(column[index] for column in self.columns))

    def __iter__(self) -> Iterator[TableCell]:
        return (TableCell(*values) for values in zip(*self.columns, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TableCells):
            return self.columns == other.columns
        return tuple(self) == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


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
    """One 部门预算公开 or 部门决算 table (预算公开表N, 公开05表) as printed: title, department, unit and shape."""

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
    statement: str = "budget"  # budget (部门预算) or final_accounts (部门决算)


@dataclass(frozen=True)
class BudgetLine:
    """One line of a budget table; two-sided tables give an income and an expenditure line per row."""

    budget_table_seq: int
    line_seq: int
    side: str | None  # income / expenditure for two-sided tables; the column group (人员经费) of grouped ones
    code: str | None
    name: str | None
    unit_name: str | None
    project_type: str | None
    line: int | None = None
    page: int | None = None
    row_number_printed: str | None = None  # 行次 as printed (决算 tables), never an amount


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
    # the class the section last named before the amount, when its subject names none: 年初预算为1560.05万元 after
    # 一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于……
    context_class: str | None = None
    # the sentence that introduced the list the amount is in, as printed (财政拨款支出主要内容如下：), since the last
    # heading: what the list's amounts are amounts of
    lead_in: str | None = None


@dataclass(frozen=True)
class AnnouncedTable:
    """A table a document that prints none announces (its contents, a list of attachments): what to fetch."""

    entry_seq: int
    title: str  # as announced, its number and page left out (收入支出决算总表)
    line: int | None = None
    page: int | None = None


TABLE_OF_CONTENTS = "table_of_contents"  # the kind of a table of contents, which is not a data table


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
    header_text: str | None = None  # the table's header row as printed (" | " between cells)
    sheet: str | None = None  # the worksheet it is on, for spreadsheets


@dataclass(frozen=True)
class ParseIssue:
    """Something only partly understood: where it is and why."""

    severity: str  # 'warning' or 'info'
    message: str
    table_seq: int | None = None
    line: int | None = None
    page: int | None = None
    code: str | None = None  # what kind of issue (unknown_label, unrecognised_table, ...)
    subject: str | None = None  # the text the issue is about (an unknown header label, ...)
    block_seq: int | None = None  # the table block (raw.table_cells) it is about


@dataclass(frozen=True)
class DocumentMeta:
    """Document-level facts read from the text."""

    issuer: str | None = None
    budget_year: int | None = None
    budget_year_basis: str | None = None
    issuer_basis: str | None = None
    doc_kind: str | None = None  # budget, final_accounts, self_evaluation, performance_targets, performance_monitoring
    doc_kind_basis: str | None = None
    co_issuers: str | None = None  # the other issuers of a joint notice, "；"-separated (the issuer is one of them)


@dataclass(frozen=True)
class DocumentRow:
    """The row of raw.documents for one file: what it is, what became of it, what it holds and what was stated."""

    document_id: str
    file_name: str
    source_path: str
    format: str | None
    size_bytes: int
    page_count: int | None
    layouts: str | None
    issuer: str | None
    budget_year: int | None
    budget_year_basis: str | None
    issuer_basis: str | None
    doc_kind: str | None
    doc_kind_basis: str | None
    co_issuers: str | None
    status: str
    error: str | None
    n_tables: int
    has_tables: bool | None  # whether any table other than a table of contents is printed (null: failed, copy)
    n_tables_announced: int  # tables a document printing none announces (raw.announced_tables)
    n_projects: int
    n_indicators: int
    n_warnings: int
    parse_seconds: float
    copy_of_document_id: str | None
    content_sha256: str | None
    stated_issuer: str | None
    stated_region_code: str | None
    stated_year: int | None
    stated_doc_kind: str | None
    stated_basis: str | None
    context_text: str | None
    file_modified_ns: int | None  # the file's time when it was read (null where it was too recent to trust)
    parser_version: str | None  # fingerprint of the readers, layouts and vocabulary that parsed it


def _base_type(annotation: str) -> str:
    return annotation.replace(" | None", "").replace("None | ", "").strip()


@dataclass(frozen=True)
class RawTable:
    """A raw table: its name, the ParsedDocument field holding its records, their type and their key in a document.

    `position` names a column numbering the document's rows 1..n, for records that have no key of their own.
    """

    name: str
    field: str
    record: type
    key: tuple[str, ...]
    position: str | None = None

    def columns(self) -> list[tuple[str, str]]:
        """(column, type) pairs, type one of str, int, bool, float: document_id first, then the record's fields."""
        own = [(item.name, _base_type(str(item.type))) for item in fields(self.record)]
        prefix = [] if own[0][0] == "document_id" else [("document_id", "str")]
        if self.position:
            prefix.append((self.position, "int"))
        return prefix + own


# Every record type a layout produces, declared once: this list makes ParsedDocument's fields, the loader's tables
# and the Parquet files of the raw layer. A new record type is a dataclass above and one line here.
RAW_TABLES = (
    RawTable("project_tables", "projects", ProjectTable, ("table_seq",)),
    RawTable("indicator_rows", "indicators", IndicatorRow, ("table_seq", "horizon", "row_number")),
    RawTable("spending_plans", "spending_plans", SpendingPlanRow, ("table_seq", "period_seq")),
    RawTable("budget_execution", "budget_execution", BudgetExecutionLine, ("table_seq", "line_seq")),
    RawTable("department_tasks", "department_tasks", DepartmentTask, ("table_seq", "task_seq")),
    RawTable("table_cells", "cells", TableCell, ("block_seq", "row_seq", "column_seq")),
    RawTable("department_goals", "department_goals", DepartmentGoal, ("goal_seq",)),
    RawTable("budget_tables", "budget_tables", BudgetTable, ("budget_table_seq",)),
    RawTable("budget_lines", "budget_lines", BudgetLine, ("budget_table_seq", "line_seq")),
    RawTable("budget_amounts", "budget_amounts", BudgetAmount, ("budget_table_seq", "line_seq", "column_number")),
    RawTable("narrative_amounts", "narrative_amounts", NarrativeAmount, ("claim_seq",)),
    RawTable("announced_tables", "announced_tables", AnnouncedTable, ("entry_seq",)),
    RawTable("document_tables", "tables", SeenTable, ("block_seq",)),
    RawTable("parse_issues", "issues", ParseIssue, ("issue_seq",), position="issue_seq"),
)
DOCUMENTS = RawTable("documents", "", DocumentRow, ())

ParsedDocument = make_dataclass(
    "ParsedDocument",
    [
        ("meta", DocumentMeta),
        ("layouts", tuple[str, ...]),
        *((table.field, tuple[table.record, ...], field(default=())) for table in RAW_TABLES),
    ],
    frozen=True,
)
ParsedDocument.__module__ = __name__  # so results pickle between processes (make_dataclass has no module= in 3.11)
ParsedDocument.__doc__ = "Everything the layouts found in one Document: its facts, layouts and records per raw table."
