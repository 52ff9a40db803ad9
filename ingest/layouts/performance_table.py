"""项目支出绩效目标表: project header block plus indicator rows, in every variant the samples show.

Variants: five columns (一级/二级/三级/描述/指标值); six with 指标值确定依据, 项目编码 and a quarterly
资金支出计划; mid-term and annual targets side by side ('dual_horizon'). A project starts at the row
holding 项目名称 or 项目编码; its title, unit line and 单位 come from the text just above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest.document import Document, Paragraph, Row, Table, is_page_marker
from ingest.layouts.labels import (
    clean,
    is_level1,
    is_level2,
    is_placeholder,
    level2_prefix,
    norm,
)
from ingest.records import IndicatorRow, ParseIssue, ProjectTable, SpendingPlanRow

START_LABELS = frozenset({"项目名称", "项目编码", "项目代码"})
VALUE_LABELS = {
    "项目名称": "project_name",
    "项目编码": "project_code",
    "项目代码": "project_code",
    "实施单位": "unit_name",
    "预算单位": "unit_name",
    "项目属性": "project_attribute",
    "预算数": "budget",
    "年度资金总额": "budget",
    "中期资金总额": "midterm_budget",
    "其中:财政资金": "fiscal",
    "财政资金": "fiscal",
    "其中:财政拨款": "fiscal",
    "财政拨款": "fiscal",
    "其他资金": "other",
    "绩效目标": "goal",
}
ROW_LABELS = ("预算规模及资金用途", "项目资金", "总体目标", "资金支出计划")
HEADER_FIELDS = {
    "一级指标": "level1",
    "一级": "level1",
    "二级指标": "level2",
    "二级": "level2",
    "三级指标": "level3",
    "三级": "level3",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标值": "target",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "指标值设定依据": "basis",
    "绩效标准": "standard",
}
UNIT_LINE = re.compile(r"^(\d{6,})\s*([^\d\s].*)$")
AMOUNT_UNIT = re.compile(r"单位\s*[:：]\s*(万元|千元|元)")
LABEL_AMOUNT_UNIT = re.compile(r"[(（]\s*(万元|千元|元)\s*[)）]")
PERIOD_LABEL = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")
NUMBERED = re.compile(r"^(?:[-*]\s*)?(\d{1,3})\s*[.．、]\s*(?![\d.]+\s*$)(\S.*)$")
GENERIC_TITLES = frozenset({"项目支出绩效目标表", "绩效目标表"})


@dataclass(frozen=True)
class Located:
    """A row or paragraph with the index of the block it came from."""

    block: int
    item: Row | Paragraph


@dataclass
class _Builder:
    """Accumulates one project while its rows stream past."""

    table_seq: int
    preamble: list[tuple[str, int | None, int | None]]
    position: int | None = None
    fields: dict[str, str | None] = field(default_factory=dict)
    header: dict[str, int] | None = None
    dual: bool = False
    header_repeats: int = 0
    indicators: list[IndicatorRow] = field(default_factory=list)
    plan: list[SpendingPlanRow] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    expect: str | None = None
    plan_periods: list[tuple[int, str]] = field(default_factory=list)
    plan_width: int = 0
    previous_tokens: list[str] | None = None

    def issue(self, severity: str, message: str, row: Row | None = None) -> None:
        self.issues.append(
            ParseIssue(
                severity=severity,
                message=message,
                table_seq=self.table_seq,
                line=row.line if row else None,
                page=row.page if row else None,
            )
        )


@dataclass(frozen=True)
class PerformanceResult:
    projects: tuple[ProjectTable, ...]
    indicators: tuple[IndicatorRow, ...]
    spending_plans: tuple[SpendingPlanRow, ...]
    issues: tuple[ParseIssue, ...]
    consumed_blocks: dict[int, int]


def stream(document: Document) -> list[Located]:
    """Flatten the document into rows and paragraphs in reading order."""
    items: list[Located] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table):
            items.extend(Located(index, row) for row in block.rows)
        else:
            items.append(Located(index, block))
    return items


def parse_performance_tables(document: Document) -> PerformanceResult:
    """Find every project performance table in a document."""
    projects: list[ProjectTable] = []
    indicators: list[IndicatorRow] = []
    plans: list[SpendingPlanRow] = []
    issues: list[ParseIssue] = []
    consumed: dict[int, int] = {}
    preamble: list[tuple[str, int | None, int | None]] = []
    pending_blocks: list[int] = []
    current: _Builder | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        project, rows, plan, found = _finish(current)
        projects.append(project)
        indicators.extend(rows)
        plans.extend(plan)
        issues.extend(found)
        current = None

    for located in stream(document):
        item = located.item
        if isinstance(item, Paragraph):
            if is_page_marker(item.text):
                continue
            close()
            pending_blocks.clear()
            preamble.append((item.text, item.line, item.page))
            continue
        texts = item.texts
        tokens = [text for text in texts if text.strip()]
        if not tokens:
            continue
        if norm(tokens[0]) in START_LABELS:
            if current is not None and (current.header is not None or "project_name" in current.fields):
                close()
            if current is None:
                block = document.blocks[located.block]
                current = _Builder(
                    table_seq=len(projects) + 1,
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
    return PerformanceResult(tuple(projects), tuple(indicators), tuple(plans), tuple(issues), consumed)


def _take_row(builder: _Builder, row: Row) -> None:
    header = _header_fields(row)
    if header is not None:
        if builder.header is None:
            builder.dual = "target_annual" in header or "midterm_budget" in builder.fields
        else:
            builder.header_repeats += 1
        builder.header = header  # a repeated header after a page break may place its columns differently
        builder.expect = None
        return
    if builder.header is None:
        _take_header_row(builder, row)
    else:
        _take_indicator_row(builder, row)


def _header_fields(row: Row) -> dict[str, int] | None:
    """Map column index -> field for an indicator header row; None if the row is not one."""
    mapping: dict[str, int] = {}
    names = [norm(text) for text in row.texts]
    if not ({"一级指标", "一级"} & set(names) and {"三级指标", "三级"} & set(names) and "指标值" in names):
        return None
    for index, name in enumerate(names):
        field_name = HEADER_FIELDS.get(name)
        if field_name is None:
            continue
        key = field_name if field_name not in mapping else f"{field_name}_annual"
        mapping[key] = index
    return mapping


def _take_header_row(builder: _Builder, row: Row) -> None:
    """Rows between 项目名称 and the indicator header: names, amounts, purpose, plan and goals."""
    texts = row.texts
    tokens = [text.strip() for text in texts if text.strip()]
    if builder.expect == "goals":
        builder.expect = None
        if len(tokens) >= 2:
            builder.fields["midterm_goal"] = tokens[0]
            builder.fields["goal"] = tokens[-1]
        else:
            builder.fields["goal"] = tokens[0]
        return
    if builder.expect == "plan":
        builder.expect = None
        _take_plan_shares(builder, row)
        return
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
    if "总体目标" in names and any(name.startswith("中期目标") for name in names):
        builder.expect = "goals"
        return
    for text in tokens:
        unit = LABEL_AMOUNT_UNIT.search(text)
        if unit and norm(text).startswith("项目资金"):
            builder.fields.setdefault("amount_unit", unit.group(1))
    found = _label_values(builder, texts)
    if found:
        return
    if any(name.startswith(ROW_LABELS) for name in names if name):
        return
    if "budget" in builder.fields and "purpose" not in builder.fields and "goal" not in builder.fields:
        builder.fields["purpose"] = " ".join(tokens)
        return
    builder.issue("warning", f"unrecognised row in project header: {' | '.join(tokens)[:120]}", row)


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
    found = False
    seen: dict[str, int] = {}
    pending: str | None = None
    for text in texts:
        name = norm(text)
        if not name:
            continue
        if name.startswith("绩效目标") and len(name) > 4 and not name.startswith("绩效目标表"):
            builder.fields["goal"] = re.sub(r"^\s*绩\s*效\s*目\s*标\s*[:：]?\s*", "", text).strip()
            found = True
            pending = None
            continue
        key = VALUE_LABELS.get(name)
        if key is None and name.startswith(ROW_LABELS):
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
            builder.fields[pending] = text.strip()
            pending = None
    return found


def _row_has_twice(texts: list[str], name: str) -> bool:
    return sum(1 for text in texts if norm(text) == name) >= 2


def _take_indicator_row(builder: _Builder, row: Row) -> None:
    tokens = [text.strip() for text in row.texts if text.strip()]
    if all(is_placeholder(token) for token in tokens):
        builder.issue("info", f"placeholder row skipped: {' '.join(tokens)}", row)
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


def _take_single_row(builder: _Builder, row: Row) -> None:
    header = builder.header or {}
    texts = row.texts

    def at(name: str) -> str | None:
        index = header.get(name)
        return clean(texts[index]) if index is not None and index < len(texts) else None

    mapped = set(header.values())
    stray = [text for index, text in enumerate(texts) if index not in mapped and text.strip()]
    level1, level2 = at("level1"), at("level2")
    aligned = (
        not stray
        and (level1 is None or (is_level1(level1) and (level2 is None or is_level2(level2))))
        and (level2 is None or is_level2(level2))
    )
    values = {name: at(name) for name in ("level1", "level2", "level3", "description", "target", "basis", "standard")}
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
            **values,
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
    order = [name for name in sorted(header, key=header.get) if name in ("level3", "description", "target", "basis")]
    values: dict[str, str | None] = dict.fromkeys(("level3", "description", "target", "basis", "standard"))
    values.update(level1=level1, level2=level2)
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
    unit_name = fields.pop("unit_name", None)
    amount_unit = fields.pop("amount_unit", None) or meta.get("amount_unit")
    layout = (
        "dual_horizon"
        if builder.dual
        else ("with_basis" if builder.header and "basis" in builder.header else "five_column")
    )
    rows = builder.rows
    pages = [row.page for row in rows if row.page is not None]
    project = ProjectTable(
        table_seq=builder.table_seq,
        layout=layout,
        title=meta.get("title"),
        title_number=meta.get("title_number"),
        unit_code=meta.get("unit_code"),
        unit_name=unit_name or meta.get("unit_name"),
        amount_unit=amount_unit,
        period_label=meta.get("period_label"),
        first_line=rows[0].line if rows else None,
        last_line=rows[-1].line if rows else None,
        first_page=min(pages) if pages else None,
        last_page=max(pages) if pages else None,
        first_position=builder.position,
        header_repeats=builder.header_repeats,
        **{key: clean(value) for key, value in fields.items()},
    )
    if builder.header is None:
        builder.issue("warning", "no indicator header row (一级指标/二级指标/三级指标/指标值) found")
    elif not builder.indicators:
        builder.issue("warning", "indicator header found but no indicator rows")
    elif not any(norm(ind.level1) in ("效益指标", "满意度指标") for ind in builder.indicators):
        builder.issue("warning", "no 效益指标 or 满意度指标 rows: the table may be cut off")
    if amount_unit is None:
        builder.issue("warning", "no amount unit (单位：万元/元) found above the table; amounts left unconverted")
    if project.project_name is None:
        builder.issue("warning", "no 项目名称 value")
    return project, builder.indicators, builder.plan, builder.issues


def _read_preamble(preamble: list[tuple[str, int | None, int | None]]) -> dict[str, str | None]:
    """Title, unit line, amount unit and period label from the text above a table."""
    meta: dict[str, str | None] = {}
    title_parts: list[str] = []
    for text, _line, _page in preamble:
        stripped = text.strip()
        unit = AMOUNT_UNIT.search(stripped)
        if unit:
            meta["amount_unit"] = unit.group(1)
            continue
        if PERIOD_LABEL.match(stripped):
            meta["period_label"] = stripped
            continue
        unit_line = UNIT_LINE.match(stripped)
        if unit_line and not stripped.endswith("表"):
            meta["unit_code"], meta["unit_name"] = unit_line.group(1), unit_line.group(2).strip()
            continue
        numbered = NUMBERED.match(stripped)
        if numbered:
            title_parts = [stripped]
        elif title_parts and norm(stripped) not in GENERIC_TITLES:
            title_parts.append(stripped)
    if not title_parts:
        titled = [text for text, _, _ in preamble if text.strip().endswith("绩效目标表")]
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
