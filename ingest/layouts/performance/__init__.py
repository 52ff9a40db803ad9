"""Target and self-evaluation tables: a header block of labelled fields, then indicator rows under a header row.

One reader serves every template of this shape, reading labels and columns by their role in the vocabulary
(ingest/vocabulary.csv), not by position: 项目支出绩效目标表 (five columns; six with 指标值确定依据, 项目编码 and a
quarterly 资金支出计划; mid-term and annual targets side by side, 'dual_horizon'), the MoF 申报表 (主管部门, 实施单位,
项目属性, 项目期), 转移支付 区域绩效目标表 (中央补助 / 地方资金), 部门整体支出绩效目标表 (年度主要任务 with their
amounts), and 绩效自评表 (budget block 年初预算数 / 全年预算数 / 全年执行数, 实际完成值, 分值, 得分, 偏差原因).
Comparator, value and unit printed in separate columns are joined into the target and kept apart too; columns with
no known role are kept in `extra`. A table starts at the row holding a project name, code or unit label; its title,
unit line and 单位 come from the text just above it (ingest/layouts/preamble.py).

The parts, each a module: table (the table being read, and which part reads the next row), header_block
(label/value rows), goals, spending_plan, execution (a self-evaluation's budget block), tasks (年度主要任务),
columns (the indicator header), indicator_rows, dual_rows and continuation (indicator rows of one or two horizons,
and rows wrapped onto the next line), levels (一级/二级 labels), kind (the finished table and its kind).
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.document import Row
from ingest.layouts.labels import once_per_reading, vocabulary
from ingest.layouts.layout import Found, Layout
from ingest.layouts.performance.cells import field_role
from ingest.layouts.performance.columns import column_roles, is_indicator_header
from ingest.layouts.performance.execution import BLOCK_ROLES
from ingest.layouts.performance.header_block import start_role
from ingest.layouts.performance.kind import finish
from ingest.layouts.performance.table import Line, TableReader
from ingest.layouts.segment import Region, TableRegion
from ingest.records import ProjectTable

Finish = Callable[[TableReader], ProjectTable]
SENTENCE_END = ("。", "！", "？", "；")


class PerformanceTables(Layout):
    """Every target or self-evaluation table of a region (a region may hold several, one after another)."""

    name = "project_performance"
    wants = (
        "a row opening a table (its first cell a field project_name, project_code, or unit_name beside a "
        "value) and a row only a target table has (an indicator header: two column levels and a target; a "
        "budget-execution or task header; a project name or code)"
    )

    def detect(self, region: Region) -> float | None:
        return _detect(region)

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TableRegion)
        return read_region(region, len(found["projects"]) + 1)


@once_per_reading  # the monitoring layout asks it too
def _detect(region: Region) -> float | None:
    if not isinstance(region, TableRegion):
        return None
    rows = [row for _, row in region.rows()]
    opens = any(start_role(tokens) for row in rows if (tokens := [t for t in row.texts if t.strip()]))
    return 1.0 if opens and any(_holds_a_table(row) for row in rows) else None


def _holds_a_table(row: Row) -> bool:
    """A row only a target table has: its indicator header, a budget-block or task header, a project name or code."""
    words = vocabulary()
    texts = [text for text in row.texts if text.strip()]
    if is_indicator_header(column_roles(row)):
        return True
    if len({words.role("execution", text) for text in texts} & BLOCK_ROLES) >= 2:
        return True
    tasks = {words.role("task", text) for text in texts}
    if "task_name" in tasks and tasks & {"task_content", "task_amount"}:
        return True
    for text in texts:
        role = field_role(text) or (words.split("field", text) or (None,))[0]
        if role in ("project_name", "project_code"):
            return True
    return False


def read_region(
    region: TableRegion, first_seq: int, finished: Finish = finish, layout: str = PerformanceTables.name
) -> Found:
    """The tables of a region: each starts at a row opening one, after the rows that are its preamble.

    A template that refines this one (ingest/layouts/monitoring.py) passes its own `finished` and layout name.
    """
    preamble = _text_above(region)
    pending: list[int] = []  # blocks whose rows are preamble of the next table
    table_seqs: dict[int, int] = {}
    kept: list[TableReader] = []
    current: TableReader | None = None
    for piece, row in region.rows():
        tokens = [text for text in row.texts if text.strip()]
        if not tokens:
            continue
        if current is not None and current.columns is not None and _is_title_row(tokens):
            kept += _kept(
                current, table_seqs
            )  # the next table's title, printed in its grid (财政项目支出绩效目标填报表)
            current = None
        starter = start_role(tokens)
        if starter is not None:
            if current is not None and (current.columns is not None or starter in current.fields):
                kept += _kept(current, table_seqs)
                current = None
            if current is None:
                current = TableReader(first_seq + len(kept), preamble, piece.table.position)
                preamble = []
                table_seqs.update(dict.fromkeys(pending, current.table_seq))
                pending.clear()
        if current is None:
            preamble.extend((text, row.line, row.page) for text in tokens)
            pending.append(piece.index)
            continue
        table_seqs[piece.index] = current.table_seq
        current.take(row)
    if current is not None:
        kept += _kept(current, table_seqs)
    return _found(kept, table_seqs, finished, layout)


def _is_title_row(tokens: list[str]) -> bool:
    """A row holding only a table's title (one that ends like 绩效目标表, 填报表, 自评表)."""
    ends = vocabulary().roles.get("title_end", {})
    return len(tokens) == 1 and len(tokens[0].strip()) <= 60 and tokens[0].strip().endswith(tuple(ends))


def _text_above(region: TableRegion) -> list[Line]:
    """The lines above the region back to the last blank one or the last that ends a sentence (prose above the
    title is not part of it): where its first table's title and unit are printed."""
    lines: list[Line] = []
    for paragraph in region.above:
        text = paragraph.text.strip()
        if text and not text.endswith(SENTENCE_END):
            lines.append((paragraph.text, paragraph.line, paragraph.page))
        else:
            lines.clear()
    return lines


def _kept(table: TableReader, table_seqs: dict[int, int]) -> list[TableReader]:
    """The table, or none for a 单位名称 | XX row that opened nothing a target table has (its blocks hold no table)."""
    if not table.is_only_a_unit_line:
        return [table]
    for block in [block for block, seq in table_seqs.items() if seq == table.table_seq]:
        del table_seqs[block]
    return []


def _found(tables: list[TableReader], table_seqs: dict[int, int], finished: Finish, layout: str) -> Found:
    projects = tuple(finished(table) for table in tables)  # finishing raises the tables' closing issues
    hints: dict[str, str] = {}
    for table in tables:
        for key, value in table.hints.items():
            hints.setdefault(key, value)
    records = {
        "projects": projects,
        "indicators": tuple(row for table in tables for row in table.indicators),
        "spending_plans": tuple(row for table in tables for row in table.plan),
        "budget_execution": tuple(line for table in tables for line in table.execution),
        "department_tasks": tuple(task for table in tables for task in table.tasks),
    }
    issues = tuple(issue for table in tables for issue in table.issues.raised)
    layouts = (layout,) if tables else ()
    return Found(records=records, issues=issues, hints=hints, table_seqs=table_seqs, layouts=layouts)
