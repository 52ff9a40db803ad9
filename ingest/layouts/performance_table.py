"""Target and self-evaluation tables: a header block of labelled fields, then indicator rows under a header row.

One interpreter serves every template that has this shape, reading labels and columns by their role in the
vocabulary (ingest/vocabulary.csv), not by position: 项目支出绩效目标表 (five columns; six with 指标值确定依据,
项目编码 and a quarterly 资金支出计划; mid-term and annual targets side by side, 'dual_horizon'), the MoF
申报表 (主管部门, 实施单位, 项目属性, 项目期), 转移支付 区域绩效目标表 (中央补助 / 地方资金), 部门整体支出绩效目标表
(年度主要任务 with their amounts), and 绩效自评表 (budget block 年初预算数 / 全年预算数 / 全年执行数, 实际完成值,
分值, 得分, 偏差原因). Comparator, value and unit printed in separate columns are joined into the target and kept
apart too; columns with no known role are kept in `extra`. A table starts at the row holding a project name,
code or unit label; its title, unit line and 单位 come from the text just above it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from ingest.document import Document, Paragraph, Row, Table, is_page_marker
from ingest.layouts.labels import (
    clean,
    is_level1,
    is_level2,
    is_placeholder,
    label_key,
    level2_prefix,
    norm,
    vocabulary,
)
from ingest.records import (
    BudgetExecutionLine,
    DepartmentTask,
    IndicatorRow,
    ParseIssue,
    ProjectTable,
    SpendingPlanRow,
)

START_ROLES = ("project_name", "project_code", "unit_name")
PROJECT_FIELDS = frozenset(
    {
        "project_name",
        "project_code",
        "unit_name",
        "supervising_department",
        "project_attribute",
        "project_period",
        "budget",
        "midterm_budget",
        "fiscal",
        "other",
        "central_fiscal",
        "local_fiscal",
        "goal",
        "midterm_goal",
        "goal_achieved",
        "total_score",
    }
)
APPENDED_FIELDS = frozenset({"supervising_department"})  # 中央主管部门 | X | 地方主管部门 | Y: both kept
GOAL_ROLES = ("goal", "midterm_goal", "goal_achieved")
LEVEL_ROLES = ("level1", "level2", "level3")
VALUE_ROLES = ("description", "target", "basis", "standard", "weight", "actual", "score", "deviation_reason")
SYMBOL = re.compile(
    r"^(?:[≥≤><=＝≧≦≠]+|大于等于|小于等于|不低于|不高于|不少于|不多于|不超过|大于|小于|等于|高于|低于)$"
)
UNIT_LINE = re.compile(r"^(\d{6,})\s*([^\d\s].*)$")
AMOUNT_UNIT = re.compile(r"单位\s*[:：]\s*(万元|千元|元)")
LABEL_AMOUNT_UNIT = re.compile(r"[(（]\s*(万元|千元|元)\s*[)）]")
PERIOD_LABEL = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")
NUMBERED = re.compile(r"^(?:[-*]\s*)?(\d{1,3})\s*[.．、]\s*(?![\d.]+\s*$)(\S.*)$")
GENERIC_TITLES = frozenset({"项目支出绩效目标表", "绩效目标表", "项目支出绩效自评表", "绩效自评表"})
TITLE_END = re.compile(r"(?:绩效目标表|自评表|申报表|目标表)$")
UNIT_WITH_AMOUNT = re.compile(r"^(.*?)\s*单位\s*[:：]\s*(万元|千元|元)\s*$")


@dataclass(frozen=True)
class Located:
    """A row or paragraph with the index of the block it came from."""

    block: int
    item: Row | Paragraph


@dataclass
class _Builder:
    """Accumulates one table while its rows stream past."""

    table_seq: int
    preamble: list[tuple[str, int | None, int | None]]
    position: int | None = None
    fields: dict[str, str | None] = field(default_factory=dict)
    header: dict[str, int] | None = None
    header_roles: list[str | None] = field(default_factory=list)
    extras: dict[int, str] = field(default_factory=dict)  # column -> header text of a column with no known role
    dual: bool = False
    header_repeats: int = 0
    indicators: list[IndicatorRow] = field(default_factory=list)
    plan: list[SpendingPlanRow] = field(default_factory=list)
    execution: list[BudgetExecutionLine] = field(default_factory=list)
    execution_columns: dict[str, int] = field(default_factory=dict)
    tasks: list[DepartmentTask] = field(default_factory=list)
    task_columns: dict[str, int] = field(default_factory=dict)
    goal_columns: list[tuple[int, str]] = field(default_factory=list)
    extra_fields: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    issues: list[ParseIssue] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    expect: str | None = None
    plan_periods: list[tuple[int, str]] = field(default_factory=list)
    plan_width: int = 0
    previous_tokens: list[str] | None = None

    def issue(self, severity: str, message: str, row: Row | None = None, code: str | None = None,
              subject: str | None = None) -> None:  # fmt: skip
        self.issues.append(
            ParseIssue(
                severity=severity,
                message=message,
                table_seq=self.table_seq,
                line=row.line if row else None,
                page=row.page if row else None,
                code=code,
                subject=subject,
            )
        )


@dataclass(frozen=True)
class PerformanceResult:
    projects: tuple[ProjectTable, ...]
    indicators: tuple[IndicatorRow, ...]
    spending_plans: tuple[SpendingPlanRow, ...]
    execution: tuple[BudgetExecutionLine, ...]
    tasks: tuple[DepartmentTask, ...]
    issues: tuple[ParseIssue, ...]
    consumed_blocks: dict[int, int]
    hints: dict[str, str]


def stream(document: Document, skip_blocks: set[int] | frozenset[int] = frozenset()) -> list[Located]:
    """Flatten the document into rows and paragraphs in reading order (a skipped block reads as a boundary)."""
    items: list[Located] = []
    for index, block in enumerate(document.blocks):
        if index in skip_blocks:
            items.append(Located(index, Paragraph(text="", line=block.line, page=block.page)))
        elif isinstance(block, Table):
            items.extend(Located(index, row) for row in block.rows)
        else:
            items.append(Located(index, block))
    return items


def parse_performance_tables(
    document: Document, skip_blocks: set[int] | frozenset[int] = frozenset(), first_seq: int = 1
) -> PerformanceResult:
    """Find every target or self-evaluation table in a document (blocks in skip_blocks belong to another layout)."""
    projects: list[ProjectTable] = []
    indicators: list[IndicatorRow] = []
    plans: list[SpendingPlanRow] = []
    execution: list[BudgetExecutionLine] = []
    tasks: list[DepartmentTask] = []
    issues: list[ParseIssue] = []
    hints: dict[str, str] = {}
    consumed: dict[int, int] = {}
    preamble: list[tuple[str, int | None, int | None]] = []
    pending_blocks: list[int] = []
    current: _Builder | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        if _is_only_a_unit_line(current):
            # A 单位名称 | XX row that opened nothing a target table has: leave its blocks to the other layouts.
            for block in [block for block, seq in consumed.items() if seq == current.table_seq]:
                del consumed[block]
            current = None
            return
        project, rows, plan, found = _finish(current)
        projects.append(project)
        indicators.extend(rows)
        plans.extend(plan)
        execution.extend(current.execution)
        tasks.extend(current.tasks)
        issues.extend(found)
        for key, value in current.hints.items():
            hints.setdefault(key, value)
        current = None

    for located in stream(document, skip_blocks):
        item = located.item
        if isinstance(item, Paragraph):
            if is_page_marker(item.text) and item.text.strip():
                continue
            close()
            pending_blocks.clear()
            if item.text.strip():
                preamble.append((item.text, item.line, item.page))
            else:
                preamble = []
            continue
        texts = item.texts
        tokens = [text for text in texts if text.strip()]
        if not tokens:
            continue
        starter = _start_role(tokens)
        if starter is not None:
            if current is not None and (current.header is not None or starter in current.fields):
                close()
            if current is None:
                block = document.blocks[located.block]
                current = _Builder(
                    table_seq=first_seq + len(projects),
                    preamble=preamble,
                    position=block.position if isinstance(block, Table) else None,
                )
                preamble = []
                for block in pending_blocks:
                    consumed[block] = current.table_seq
                pending_blocks.clear()
        if current is None:
            preamble.extend((text, item.line, item.page) for text in tokens)
            pending_blocks.append(located.block)
            continue
        consumed[located.block] = current.table_seq
        current.rows.append(item)
        _take_row(current, item)
    close()
    return PerformanceResult(
        tuple(projects), tuple(indicators), tuple(plans), tuple(execution), tuple(tasks), tuple(issues), consumed,
        hints,
    )  # fmt: skip


def _is_only_a_unit_line(builder: _Builder) -> bool:
    return (
        builder.header is None
        and not builder.tasks
        and not builder.execution
        and not builder.fields.get("project_name")
        and not builder.fields.get("project_code")
    )


def _field_role(text: str) -> str | None:
    return vocabulary().role("field", text)


def _start_role(tokens: list[str]) -> str | None:
    """The role of a row's first cell if it opens a table: a project name or code, or a unit on a label/value row."""
    first = tokens[0]
    role = _field_role(first)
    split = None if role else vocabulary().split("field", first)
    if split is not None:
        role = split[0]
    if role not in START_ROLES:
        return None
    if role == "unit_name":
        # A unit opens a table only on a label/value row (部门（单位）名称 | XX局), never in a header of labels.
        following = tokens[1:] if split is None else []
        if split is None and (not following or any(_any_label(token) for token in following[:1])):
            return None
    return role


def _any_label(text: str) -> bool:
    words = vocabulary()
    return any(words.role(scope, text) for scope in ("field", "column", "execution", "task"))


def _take_row(builder: _Builder, row: Row) -> None:
    roles = _column_roles(row)
    if builder.expect == "header2":
        builder.expect = None
        if _is_header_continuation(row, roles):
            _merge_header(builder, roles, row)
            return
    if _is_indicator_header(roles):
        if builder.header is None:
            builder.dual = roles.count("target") > 1 or "midterm_budget" in builder.fields
        else:
            builder.header_repeats += 1
        _set_header(builder, roles, row)  # a repeated header after a page break may place its columns differently
        builder.expect = "header2"
        return
    if builder.header is None:
        _take_header_row(builder, row)
    else:
        _take_indicator_row(builder, row)


def _column_roles(row: Row) -> list[str | None]:
    words = vocabulary()
    return [words.role("column", text) if text.strip() else None for text in row.texts]


def _is_indicator_header(roles: list[str | None]) -> bool:
    """A row naming at least two indicator levels and a target (or an actual) column."""
    found = set(roles)
    return len(found & set(LEVEL_ROLES)) >= 2 and bool(found & {"target", "actual"})


def _is_header_continuation(row: Row, roles: list[str | None]) -> bool:
    """The second printed row of a two-row header: every cell names a column (指标性质 | 指标值 | 度量单位)."""
    named = [(text, role) for text, role in zip(row.texts, roles, strict=True) if text.strip()]
    return bool(named) and all(role is not None for _, role in named) and not _is_indicator_header(roles)


def _set_header(builder: _Builder, roles: list[str | None], row: Row) -> None:
    builder.header_roles = list(roles)
    builder.extras = {
        index: text.strip()
        for index, (text, role) in enumerate(zip(row.texts, roles, strict=True))
        if text.strip() and role is None and _field_role(text) != "section"
    }
    builder.header = _header_map(builder.header_roles, builder.dual, builder.extras)
    for label in builder.extras.values():
        builder.issue("info", f"column '{label}' has no known role; kept in extra", row, "unknown_column", label)


def _merge_header(builder: _Builder, roles: list[str | None], row: Row) -> None:
    """Lay the lower header row over the upper one: a spanning 指标值 splits into 指标性质 | 指标值 | 度量单位."""
    merged = list(builder.header_roles) + [None] * max(0, len(roles) - len(builder.header_roles))
    for index, role in enumerate(roles):
        if role is not None:
            merged[index] = role
            builder.extras.pop(index, None)
    builder.header_roles = merged
    builder.header = _header_map(merged, builder.dual, builder.extras)


def _header_map(roles: list[str | None], dual: bool, extras: dict[int, str]) -> dict[str, int]:
    """Role -> column; in a dual-horizon table a role's second column is its annual one (target_annual)."""
    mapping: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role is None:
            continue
        if role not in mapping:
            mapping[role] = index
        elif dual and f"{role}_annual" not in mapping:
            mapping[f"{role}_annual"] = index
        else:
            extras.setdefault(index, role)
    return mapping


def _take_header_row(builder: _Builder, row: Row) -> None:
    """Rows between the table's first row and the indicator header: names, amounts, purpose, plan, goals, tasks."""
    texts = row.texts
    tokens = [text.strip() for text in texts if text.strip()]
    if builder.expect == "goals":
        builder.expect = None
        _take_goal_values(builder, texts, tokens)
        return
    if builder.expect == "plan":
        builder.expect = None
        _take_plan_shares(builder, row)
        return
    if builder.expect == "tasks" and _take_task_row(builder, row, tokens):
        return
    if builder.expect == "execution" and _take_execution_row(builder, row):
        return
    builder.expect = None
    names = [norm(text) for text in texts]
    if any(name.startswith("资金支出计划") for name in names):
        builder.plan_periods = [
            (index, text.strip())
            for index, text in enumerate(texts)
            if text.strip() and not norm(text).startswith("资金支出计划")
        ]
        builder.plan_width = len(texts)
        builder.expect = "plan"
        return
    for text in tokens:
        unit = LABEL_AMOUNT_UNIT.search(text)
        if unit and _any_label(text):
            builder.fields.setdefault("amount_unit", unit.group(1))
    if _start_execution(builder, texts) or _start_tasks(builder, texts) or _start_goals(builder, texts):
        return
    found = _label_values(builder, texts)
    if found:
        return
    if any(_field_role(text) == "section" for text in tokens):
        return
    if "budget" in builder.fields and "purpose" not in builder.fields and "goal" not in builder.fields:
        builder.fields["purpose"] = " ".join(tokens)
        return
    if len(tokens) >= 2 and _looks_like_label(tokens[0]):
        builder.extra_fields[tokens[0]] = " ".join(tokens[1:])
        builder.issue("info", f"label '{tokens[0]}' has no known role; kept in extra", row, "unknown_label", tokens[0])
        return
    builder.issue("warning", f"unrecognised row in project header: {' | '.join(tokens)[:120]}", row)


def _looks_like_label(text: str) -> bool:
    key = label_key(text)
    return 2 <= len(key) <= 15 and not re.search(r"[\d。，；;,]", key)


def _start_goals(builder: _Builder, texts: list[str]) -> bool:
    """A row of goal headings (总体目标 | 中期目标 | 年度目标, or 预期目标 | 实际完成情况): values follow below."""
    columns = [(index, _field_role(text)) for index, text in enumerate(texts) if text.strip()]
    goals = [(index, role) for index, role in columns if role in GOAL_ROLES]
    others = [role for _, role in columns if role not in GOAL_ROLES]
    if len(goals) < 2 or any(role != "section" for role in others):
        return False
    if len(goals) >= 2 and label_key(texts[goals[0][0]]) in ("总体目标", "年度总体目标") and goals[0][0] == 0:
        goals = goals[1:]  # the row label itself
    builder.goal_columns = goals
    builder.expect = "goals"
    return True


def _take_goal_values(builder: _Builder, texts: list[str], tokens: list[str]) -> None:
    columns = builder.goal_columns
    if len(tokens) == len(columns):
        values = tokens
    else:
        values = [clean(texts[index]) if index < len(texts) else None for index, _ in columns]
        if not any(values):
            values = tokens[-len(columns) :] if tokens else []
    for (_, role), value in zip(columns, values, strict=False):
        if value:
            builder.fields[role] = value


def _first_columns(texts: list[str], scope: str) -> dict[str, int]:
    """Role -> the first column whose label has that role in the scope."""
    words = vocabulary()
    columns: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = words.role(scope, text) if text.strip() else None
        if role is not None and role not in columns:
            columns[role] = index
    return columns


def cell_at(texts: list[str], index: int | None) -> str | None:
    """A row's cell at a column, trimmed; None where the column is unknown, blank or beyond the row."""
    return clean(texts[index]) if index is not None and index < len(texts) else None


def _start_execution(builder: _Builder, texts: list[str]) -> bool:
    """The header of a self-evaluation's budget block: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    columns = _first_columns(texts, "execution")
    if len(set(columns) & {"initial", "full_year", "executed", "rate"}) < 2:
        return False
    builder.execution_columns = columns
    builder.expect = "execution"
    return True


def _take_execution_row(builder: _Builder, row: Row) -> bool:
    """One budget-block line (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金); False once it has ended."""
    words = vocabulary()
    texts = row.texts
    first = min(builder.execution_columns.values())
    labels = [(index, text) for index, text in enumerate(texts[:first]) if text.strip()]
    found = [(index, text, words.role("execution_line", text)) for index, text in labels]
    found = [item for item in found if item[2] is not None]
    if not found:
        return False
    _, label, role = found[-1]

    def at(name: str) -> str | None:
        return cell_at(texts, builder.execution_columns.get(name))

    builder.execution.append(
        BudgetExecutionLine(
            table_seq=builder.table_seq,
            line_seq=len(builder.execution) + 1,
            label=label.strip(),
            role=role,
            initial=at("initial"),
            full_year=at("full_year"),
            executed=at("executed"),
            weight=at("weight"),
            rate=at("rate"),
            score=at("score"),
            line=row.line,
            page=row.page,
        )
    )
    builder.expect = "execution"
    return True


def _start_tasks(builder: _Builder, texts: list[str]) -> bool:
    """The header of a 年度主要任务 block: 任务名称 | 主要内容 | 预算金额 (总额 | 财政拨款 | 其他资金 below)."""
    columns = _first_columns(texts, "task")
    if "task_name" not in columns or not ({"task_content", "task_amount"} & set(columns)):
        return False
    if "task_amount" in columns:
        columns.setdefault("amount_total", columns["task_amount"])
    builder.task_columns = columns
    builder.expect = "tasks"
    return True


def _take_task_row(builder: _Builder, row: Row, tokens: list[str]) -> bool:
    """A task line, the amounts' sub-header or the 金额合计 line; False when the block has ended."""
    words = vocabulary()
    texts = row.texts
    roles = [words.role("task", text) if text.strip() else None for text in texts]
    amount_roles = ("amount_total", "amount_fiscal", "amount_other")
    amounts = {role: index for index, role in enumerate(roles) if role in amount_roles}
    named = [role for role in roles if role]
    if amounts and len(named) == len(tokens):
        builder.task_columns.update(amounts)
        return True
    if (
        not tokens
        or _field_role(tokens[0]) in PROJECT_FIELDS
        or (_field_role(tokens[0]) == "section" and label_key(tokens[0]) != "年度主要任务")
    ):
        return False

    def at(name: str) -> str | None:
        return cell_at(texts, builder.task_columns.get(name))

    is_total = "task_total" in roles
    name = at("task_name")
    if is_total:
        name = next(text.strip() for text, role in zip(texts, roles, strict=True) if role == "task_total")
    builder.tasks.append(
        DepartmentTask(
            table_seq=builder.table_seq,
            task_seq=len(builder.tasks) + 1,
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


def _take_plan_shares(builder: _Builder, row: Row) -> None:
    """Shares sit under their periods; a blank cell is no share stated, not zero."""
    texts = row.texts
    if len(texts) == builder.plan_width:
        shares = [clean(texts[index]) for index, _ in builder.plan_periods]
    else:
        shares = [text.strip() for text in texts if text.strip()]
        builder.issue(
            "warning",
            f"spending plan has {len(builder.plan_periods)} periods but its value row has another width; "
            "values taken in order",
            row,
        )
    for seq, (_, period) in enumerate(builder.plan_periods, start=1):
        share = shares[seq - 1] if seq <= len(shares) else None
        builder.plan.append(SpendingPlanRow(builder.table_seq, seq, period, share, row.line, row.page))


def _label_values(builder: _Builder, texts: list[str]) -> bool:
    """Read label/value pairs: each known label takes the next non-empty cell that is not a label."""
    words = vocabulary()
    found = False
    seen: dict[str, int] = {}
    pending: str | None = None
    for text in texts:
        name = norm(text)
        if not name:
            continue
        if name.startswith("绩效目标") and len(name) > 4 and not name.startswith("绩效目标表") and ":" not in name[:5]:
            builder.fields["goal"] = re.sub(r"^\s*绩\s*效\s*目\s*标\s*[:：]?\s*", "", text).strip()
            found = True
            pending = None
            continue
        key = words.role("field", text)
        if key == "section":
            pending = None
            continue
        if key is None:
            split = words.split("field", text)
            if split is not None and split[0] != "section":
                _set_field(builder, split[0], split[1], seen)
                found = True
                pending = None
                continue
        if key is not None:
            count = seen.get(key, 0)
            seen[key] = count + 1
            # Side-by-side amounts: the first 财政拨款/其他资金 of a row is mid-term, the second annual.
            if (
                key in ("fiscal", "other")
                and count == 0
                and "midterm_budget" in builder.fields
                and _row_has_twice(texts, name)
            ):
                key = f"midterm_{key}"
            pending = key
            found = True
            continue
        if pending is not None:
            _set_field(builder, pending, text.strip(), {})
            pending = None
    return found


def _set_field(builder: _Builder, key: str, value: str, seen: dict[str, int]) -> None:
    if key in PROJECT_FIELDS or key.startswith("midterm_"):
        if key in APPENDED_FIELDS and builder.fields.get(key):
            builder.fields[key] = f"{builder.fields[key]}；{value}"
        else:
            builder.fields[key] = value
    else:
        builder.hints.setdefault(key, value)


def _row_has_twice(texts: list[str], name: str) -> bool:
    return sum(1 for text in texts if norm(text) == name) >= 2


def _take_indicator_row(builder: _Builder, row: Row) -> None:
    tokens = [text.strip() for text in row.texts if text.strip()]
    if all(is_placeholder(token) for token in tokens):
        builder.issue("info", f"placeholder row skipped: {' '.join(tokens)}", row)
        return
    if _field_role(tokens[0]) == "total_score":
        index = (builder.header or {}).get("score")
        printed = cell_at(row.texts, index)
        builder.fields["total_score"] = printed or (tokens[-1] if len(tokens) > 1 else None)
        return
    if builder.previous_tokens is not None and builder.indicators and _is_continuation(builder, tokens):
        _merge_continuation(builder, row, tokens)
        return
    if builder.dual:
        _take_dual_row(builder, row, tokens)
    else:
        _take_single_row(builder, row)


def _next_number(builder: _Builder, horizon: str) -> int:
    return sum(1 for indicator in builder.indicators if indicator.horizon == horizon) + 1


def join_target(comparator: str | None, value: str | None, unit: str | None) -> str | None:
    """Comparator, value and unit printed in three columns as one target: ≥ | 95 | % -> ≥95%; 定性 | 健全 -> 健全."""
    if value is None:
        return None
    unit = unit or ""
    text = value if value.endswith(unit) else value + unit
    if comparator and SYMBOL.match(comparator.strip()) and not text.startswith(comparator.strip()):
        text = comparator.strip() + text
    return text


def _split_target(header: dict[str, int], values: dict[str, str | None]) -> dict[str, str | None]:
    """Where the target is printed in parts, keep the parts and store the joined target."""
    if "comparator" not in header and "target_unit" not in header:
        values.pop("comparator", None)
        values.pop("target_unit", None)
        return values
    comparator, value, unit = values.pop("comparator", None), values.get("target"), values.pop("target_unit", None)
    values.update(
        target_comparator=comparator, target_value=value, target_unit=unit, target=join_target(comparator, value, unit)
    )
    return values


def _extra(builder: _Builder, texts: list[str]) -> str | None:
    found = {
        label: texts[index].strip()
        for index, label in builder.extras.items()
        if index < len(texts) and texts[index].strip()
    }
    return json.dumps(found, ensure_ascii=False) if found else None


def _take_single_row(builder: _Builder, row: Row) -> None:
    header = builder.header or {}
    texts = row.texts

    def at(name: str) -> str | None:
        return cell_at(texts, header.get(name))

    mapped = set(header.values()) | set(builder.extras)
    stray = [text for index, text in enumerate(texts) if index not in mapped and text.strip()]
    level1, level2 = at("level1"), at("level2")
    aligned = (
        not stray
        and (level1 is None or (is_level1(level1) and (level2 is None or is_level2(level2))))
        and (level2 is None or is_level2(level2))
    )
    values = {name: at(name) for name in (*LEVEL_ROLES, *VALUE_ROLES, "comparator", "target_unit")}
    realigned = False
    if not aligned:
        values = _align_by_labels(builder, row, [text.strip() for text in texts if text.strip()])
        realigned = True
    builder.indicators.append(
        IndicatorRow(
            table_seq=builder.table_seq,
            horizon="annual",
            row_number=_next_number(builder, "annual"),
            line=row.line,
            page=row.page,
            is_realigned=realigned,
            extra=None if realigned else _extra(builder, texts),
            **_split_target(header, values),
        )
    )
    builder.previous_tokens = [text.strip() for text in texts if text.strip()]


def _leads_with_level1(tokens: list[str]) -> bool:
    """The first token is a 一级 label (成本指标 is 一级 only if a 二级 label follows it)."""
    return (
        bool(tokens)
        and is_level1(tokens[0])
        and (norm(tokens[0]) != "成本指标" or (len(tokens) > 1 and is_level2(tokens[1])))
    )


def _take_levels(tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Peel a leading 一级 and 二级 label off a row's tokens."""
    rest = list(tokens)
    level1 = level2 = None
    if _leads_with_level1(rest):
        level1 = rest.pop(0)
    if rest and is_level2(rest[0]):
        level2 = rest.pop(0)
    return level1, level2, rest


def _align_by_labels(builder: _Builder, row: Row, tokens: list[str]) -> dict[str, str | None]:
    """Assign a shifted row's cells by what they say: labels first, then the remaining header fields in order."""
    header = builder.header or {}
    level1, level2, rest = _take_levels(tokens)
    order = [name for name in sorted(header, key=header.get) if name not in LEVEL_ROLES and "_annual" not in name]
    values: dict[str, str | None] = dict.fromkeys((*VALUE_ROLES, "level3", "comparator", "target_unit"))
    values.update(level1=level1, level2=level2)
    order = [name for name in order if name in values]
    if order and order[0] != "level3" and "level3" in header:
        order.insert(0, "level3")
    if len(rest) == len(order):
        values.update(zip(order, rest, strict=True))
    else:
        builder.issue(
            "warning",
            f"row has {len(rest)} value cells for {len(order)} columns ({', '.join(order)}); "
            "first taken as 三级指标, last as 指标值",
            row,
        )
        if rest:
            values["level3"] = rest[0]
        if len(rest) >= 2:
            values["target"] = rest[-1]
        if len(rest) >= 3:
            values["description"] = " ".join(rest[1:-1])
    return values


def _take_dual_row(builder: _Builder, row: Row, tokens: list[str]) -> None:
    """Mid-term and annual halves side by side; cell positions drift, so split by labels and counts."""
    while tokens and norm(tokens[0]) in ("绩效指标", "指标", "绩效"):
        tokens = tokens[1:]
    level1 = tokens.pop(0) if _leads_with_level1(tokens) else None
    midterm_size = 3 if tokens and (is_level2(tokens[0]) or level2_prefix(tokens[0])) else 2
    halves = (("midterm", tokens[:midterm_size]), ("annual", tokens[midterm_size:]))
    made: list[IndicatorRow] = []
    for horizon, half in halves:
        if not half:
            builder.issue("warning", f"{horizon} half of the row is empty", row)
            continue
        level2 = half.pop(0) if half and (is_level2(half[0]) or level2_prefix(half[0])) and len(half) > 1 else None
        level3 = half[0] if half else None
        target = half[1] if len(half) > 1 else None
        if target is None:
            builder.issue("warning", f"{horizon} target missing for '{level3}'", row)
        if len(half) > 2:
            builder.issue("warning", f"{horizon} half has extra cells: {' | '.join(half[2:])}", row)
        made.append(
            IndicatorRow(
                table_seq=builder.table_seq,
                horizon=horizon,
                row_number=_next_number(builder, horizon) + sum(1 for ind in made if ind.horizon == horizon),
                level1=level1,
                level2=level2,
                level3=level3,
                description=None,
                target=target,
                line=row.line,
                page=row.page,
                is_realigned=True,
            )
        )
    if len(made) == 2 and made[0].level2 is None and made[1].level2 and norm(made[0].level3) == norm(made[1].level3):
        # The halves list the same indicator; the 二级 printed on the annual side spans both.
        made[0] = replace(made[0], level2=made[1].level2)
        builder.issue("info", f"mid-term 二级指标 blank; taken from the annual half ({made[1].level2})", row)
    builder.indicators.extend(made)
    builder.previous_tokens = tokens


def _is_continuation(builder: _Builder, tokens: list[str]) -> bool:
    """A row that finishes the labels of the row above (可持续 | 影响 指标) is that row wrapped."""
    previous = builder.previous_tokens or []
    if not previous or not tokens:
        return False
    starts = [token for token in previous if level2_prefix(token)]
    return bool(starts) and (is_level2(starts[0] + tokens[0]) or is_level1(starts[0] + tokens[0]))


def _merge_continuation(builder: _Builder, row: Row, tokens: list[str]) -> None:
    """Join a wrapped row onto the indicators made from the row above, label by label."""
    previous_rows = [ind for ind in builder.indicators if ind.line == builder.indicators[-1].line]
    segments = _segments(tokens)
    builder.issue(
        "warning",
        "row wrapped onto the next line; joined by labels, check the values: " + " | ".join(tokens),
        row,
    )
    for position, indicator in enumerate(previous_rows):
        if position >= len(segments):
            break
        label_tail, rest = segments[position]
        merged_level2 = (indicator.level2 or "") + label_tail if label_tail else indicator.level2
        if indicator.level2 is None and indicator.level3 and label_tail:
            merged_level2 = indicator.level3 + label_tail
            parts = [indicator.target or ""]
        else:
            parts = [indicator.level3 or "", indicator.target or ""]
        values = [part for part in parts if part]
        if len(rest) > len(values):
            # Two cells the export ran together ("财政足额 持续") split at their space to meet their tails.
            pieces = [piece for value in values for piece in value.split()]
            if len(pieces) == len(rest):
                values = pieces
        if len(rest) <= len(values):
            for offset, extra in enumerate(rest):
                index = len(values) - len(rest) + offset
                values[index] = values[index] + extra
        else:
            values = [values[0] + rest[0], *rest[1:]] if values else rest
        level3 = values[0] if values else None
        target = values[-1] if len(values) > 1 else None
        builder.indicators[builder.indicators.index(indicator)] = replace(
            indicator, level2=merged_level2, level3=level3, target=target
        )
        if target is not None:  # the wrapped line supplied the target the row above seemed to lack
            builder.issues = [
                issue
                for issue in builder.issues
                if not (
                    issue.line == indicator.line and issue.message.startswith(f"{indicator.horizon} target missing")
                )
            ]
    builder.previous_tokens = None


def _segments(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Split a continuation row at each label tail: [(label_tail, values...), ...]."""
    segments: list[tuple[str, list[str]]] = []
    for token in tokens:
        if norm(token).endswith("指标") and len(norm(token)) <= 6:
            segments.append((norm(token), []))
        elif segments:
            segments[-1][1].append(token)
        else:
            segments.append(("", [token]))
    return segments


def _finish(builder: _Builder) -> tuple[ProjectTable, list[IndicatorRow], list[SpendingPlanRow], list[ParseIssue]]:
    meta = _read_preamble(builder.preamble)
    fields = dict(builder.fields)
    for key in ("unit_name", "supervising_department"):
        if meta.get(key) and not fields.get(key):
            fields[key] = meta[key]
    _budget_from_blocks(builder, fields)
    unit_name = fields.pop("unit_name", None)
    amount_unit = fields.pop("amount_unit", None) or meta.get("amount_unit")
    layout = (
        "dual_horizon"
        if builder.dual
        else ("with_basis" if builder.header and "basis" in builder.header else "five_column")
    )
    kind = _table_kind(builder, fields, meta.get("title") or "")
    if kind.startswith("department") and not fields.get("project_name"):
        fields["project_name"] = meta.get("title") or "部门整体支出绩效目标表"
    rows = builder.rows
    pages = [row.page for row in rows if row.page is not None]
    project = ProjectTable(
        table_seq=builder.table_seq,
        layout=layout,
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
        first_position=builder.position,
        header_repeats=builder.header_repeats,
        table_kind=kind,
        extra=json.dumps(builder.extra_fields, ensure_ascii=False) if builder.extra_fields else None,
        **{key: clean(value) for key, value in fields.items()},
    )
    if builder.header is None:
        builder.issue("warning", "no indicator header row (一级指标/二级指标/三级指标/指标值) found")
    elif not builder.indicators:
        builder.issue("warning", "indicator header found but no indicator rows")
    elif not any(vocabulary().role("level1", ind.level1) in ("效益指标", "满意度指标") for ind in builder.indicators):
        builder.issue("warning", "no 效益指标 or 满意度指标 rows: the table may be cut off")
    if amount_unit is None:
        builder.issue("warning", "no amount unit (单位：万元/元) found above the table; amounts left unconverted")
    if project.project_name is None:
        builder.issue("warning", "no 项目名称 value")
    return project, builder.indicators, builder.plan, builder.issues


def _budget_from_blocks(builder: _Builder, fields: dict[str, str | None]) -> None:
    """A self-evaluation's budget is its block's 全年预算数 (年初预算数 if blank); a department's, its 金额合计."""
    by_role: dict[str, BudgetExecutionLine] = {}
    for line in builder.execution:
        by_role.setdefault(line.role, line)
    for role, key in (("total", "budget"), ("fiscal", "fiscal"), ("other", "other")):
        line = by_role.get(role)
        if line is not None and not fields.get(key):
            fields[key] = line.full_year or line.initial
    total = next((task for task in builder.tasks if task.is_total), None)
    if total is not None:  # a department's 年度主要任务 add up to its budget
        for key, value in (
            ("budget", total.amount_total),
            ("fiscal", total.amount_fiscal),
            ("other", total.amount_other),
        ):
            if value and not fields.get(key):
                fields[key] = value


def _table_kind(builder: _Builder, fields: dict[str, str | None], title: str) -> str:
    """project/department/transfer, target or self-evaluation, from the title and what the table holds."""
    self_evaluation = (
        bool(builder.execution) or bool({"actual", "score"} & set(builder.header or {})) or "自评" in title
    )
    department = (
        bool(builder.tasks)
        or "部门整体" in title
        or (not fields.get("project_name") and not fields.get("project_code") and "项目" not in title)
    )
    transfer = (
        "转移支付" in title
        or bool(fields.get("central_fiscal") or fields.get("local_fiscal"))
        or any(row.texts and "转移支付" in label_key(row.texts[0]) for row in builder.rows[:3])
    )
    if department:
        return "department_self_evaluation" if self_evaluation else "department_target"
    if self_evaluation:
        return "project_self_evaluation"
    return "transfer_target" if transfer else "project_target"


def _read_preamble(preamble: list[tuple[str, int | None, int | None]]) -> dict[str, str | None]:
    """Title, unit line, amount unit, period label and labelled unit lines from the text above a table."""
    meta: dict[str, str | None] = {}
    title_parts: list[str] = []
    words = vocabulary()
    for text, _line, _page in preamble:
        stripped = text.strip()
        unit = AMOUNT_UNIT.search(stripped)
        if unit:
            meta["amount_unit"] = unit.group(1)
            # The unit line may share its printed line with the amount unit: 619001唐山市医疗保障局本级 单位：万元.
            stripped = re.sub(r"金额$", "", stripped[: unit.start()].strip()).strip()
            unit_line = UNIT_LINE.match(stripped)
            if unit_line:
                meta["unit_code"], meta["unit_name"] = unit_line.group(1), unit_line.group(2).strip()
            else:
                _labelled(words, stripped, meta)
            continue
        if PERIOD_LABEL.match(stripped):
            meta["period_label"] = stripped
            continue
        unit_line = UNIT_LINE.match(stripped)
        if unit_line and not stripped.endswith("表"):
            meta["unit_code"], meta["unit_name"] = unit_line.group(1), unit_line.group(2).strip()
            continue
        if _labelled(words, stripped, meta):
            continue
        numbered = NUMBERED.match(stripped)
        if numbered:
            title_parts = [stripped]
        elif title_parts and norm(stripped) not in GENERIC_TITLES:
            title_parts.append(stripped)
    if not title_parts:
        titled = [text for text, _, _ in preamble if TITLE_END.search(text.strip())]
        if titled:
            title_parts = [titled[-1].strip()]
    if title_parts:
        title = "".join(part.strip() for part in title_parts)
        numbered = NUMBERED.match(title)
        if numbered:
            meta["title_number"] = numbered.group(1)
            title = numbered.group(2).strip()
        meta["title"] = title
    return meta


def _labelled(words, text: str, meta: dict[str, str | None]) -> bool:
    """A labelled line above a table (填报单位：XX, 部门（单位）：XX（本级）): the unit or supervising department."""
    split = words.split("field", text)
    if split is None or split[0] not in ("unit_name", "supervising_department"):
        return False
    value = re.split(r"\s{2,}", split[1])[0].strip()
    if value:
        meta.setdefault(split[0], value)
    return True
