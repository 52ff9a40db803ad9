"""One-row-per-indicator exports (预算管理一体化 systems): the project repeated on every row, grouped back into tables.

A header row names both project fields (预算年度, 单位名称, 项目编码, 项目名称, 资金总额（万元）...) and indicator
columns (一级指标, 二级指标, 三级指标, 指标值, ...). Consecutive rows with the same unit, code and name are one
project; the amount unit comes from the bracket of the amount headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from ingest.document import Document, Row
from ingest.layouts.labels import label_key, vocabulary
from ingest.layouts.layout import Found, Layout, unread
from ingest.layouts.performance.indicator_rows import cell_at, join_target
from ingest.layouts.preamble import bracketed_unit
from ingest.layouts.segment import Region, TableRegion, keeps_columns
from ingest.records import IndicatorRow, ParseIssue, ProjectTable

PROJECT_KEYS = ("unit_name", "project_code", "project_name")
PROJECT_COLUMNS = ("unit_name", "project_code", "project_name", "budget", "fiscal", "other", "goal", "budget_year")


@dataclass
class _Header:
    fields: dict[str, int]
    columns: dict[str, int]
    extras: dict[int, str]
    labels: list[str]
    amount_unit: str | None


def _header(row: Row) -> _Header | None:
    """The columns of an export header row, or None if the row is not one."""
    words = vocabulary()
    fields: dict[str, int] = {}
    columns: dict[str, int] = {}
    extras: dict[int, str] = {}
    unit = None
    for index, text in enumerate(row.texts):
        if not text.strip():
            continue
        column = words.role("column", text)
        role = words.role("field", text)
        if column is not None and column not in columns:
            columns[column] = index
        elif role in PROJECT_COLUMNS and role not in fields:
            fields[role] = index
            if role in ("budget", "fiscal", "other"):
                unit = unit or bracketed_unit(text)
        else:
            extras[index] = text.strip()
    if "project_name" not in fields or len({"level1", "level2", "level3"} & set(columns)) < 2:
        return None
    if "target" not in columns:
        return None
    return _Header(fields, columns, extras, [text.strip() for text in row.texts], unit)


def _header_in(rows: tuple[Row, ...]) -> tuple[int, _Header] | None:
    """The export header among a table's first three rows, with its position."""
    for position, row in enumerate(rows[:3]):
        header = _header(row)
        if header is not None:
            return position, header
    return None


class IndicatorExport(Layout):
    """Every export table of a document (continued across page breaks), grouped into projects.

    Consecutive rows with the same unit, code and name are one project, even across regions (a running title
    printed above each page's part of the table).
    """

    name = "indicator_export"
    wants = (
        "a header row, among a table's first three, naming a project (field project_name), two indicator "
        "levels (column level1/level2/level3) and a target (column target)"
    )

    def __init__(self) -> None:
        self.projects: list[ProjectTable] = []
        self.indicators: list[IndicatorRow] = []
        self.issues: list[ParseIssue] = []
        self.hints: dict[str, str] = {}

    def detect(self, region: Region) -> float | None:
        return 1.0 if isinstance(region, TableRegion) and _header_in(region.pieces[0].table.rows) else None

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TableRegion)
        first_seq = len(found["projects"]) + 1
        header: _Header | None = None
        table_seqs: dict[int, int] = {}
        issues: list[ParseIssue] = []
        for piece in region.pieces:
            rows = piece.table.rows
            own = _header_in(rows)
            if own is not None:
                position, header = own
                rows = rows[position + 1 :]
            elif header is None or not keeps_columns(piece, len(header.labels)):
                header = None
                issues.append(unread(piece, "an indicator export"))
                continue
            start = len(self.projects)
            for row in rows:
                if [text.strip() for text in row.texts] == header.labels:
                    continue  # the header repeated after a page break
                _take(row, header, self.projects, self.indicators, self.issues, self.hints, first_seq)
            owner = self.projects[start : start + 1] or self.projects[-1:]
            table_seqs[piece.index] = owner[0].table_seq if owner else first_seq
        return Found(issues=tuple(issues), table_seqs=table_seqs, layouts=(self.name,))

    def finish(self, document: Document, found: Found) -> Found:
        records = {"projects": tuple(self.projects), "indicators": tuple(self.indicators)}
        return found + Found(records=records, issues=tuple(self.issues), hints=self.hints)


def _take(
    row: Row,
    header: _Header,
    projects: list[ProjectTable],
    indicators: list[IndicatorRow],
    issues: list[ParseIssue],
    hints: dict[str, str],
    first_seq: int,
) -> None:
    texts = row.texts
    if not any(text.strip() for text in texts):
        return

    def at(mapping: dict[str, int], name: str) -> str | None:
        return cell_at(texts, mapping.get(name))

    key = tuple(label_key(at(header.fields, name)) for name in PROJECT_KEYS)
    last = projects[-1] if projects else None
    if last is None or key != tuple(label_key(getattr(last, name)) for name in PROJECT_KEYS):
        if at(header.fields, "budget_year"):
            hints.setdefault("budget_year", at(header.fields, "budget_year"))
        last = ProjectTable(
            table_seq=first_seq + len(projects),
            layout="indicator_export",
            unit_name=at(header.fields, "unit_name"),
            project_code=at(header.fields, "project_code"),
            project_name=at(header.fields, "project_name"),
            amount_unit=header.amount_unit,
            budget=at(header.fields, "budget"),
            fiscal=at(header.fields, "fiscal"),
            other=at(header.fields, "other"),
            goal=at(header.fields, "goal"),
            first_line=row.line,
            last_line=row.line,
            first_page=row.page,
            last_page=row.page,
        )
        projects.append(last)
        if header.amount_unit is None:
            issues.append(
                ParseIssue(
                    "warning",
                    "no amount unit in the export's amount headers; amounts left unconverted",
                    last.table_seq,
                    row.line,
                    row.page,
                )
            )
    else:
        projects[-1] = last = _extend(last, row)
    comparator, value, unit = (at(header.columns, name) for name in ("comparator", "target", "target_unit"))
    split = "comparator" in header.columns or "target_unit" in header.columns
    extra = {label: texts[column].strip() for column, label in header.extras.items() if column < len(texts) and
             texts[column].strip() and column not in header.fields.values()}  # fmt: skip
    indicators.append(
        IndicatorRow(
            table_seq=last.table_seq,
            horizon="annual",
            row_number=sum(1 for item in indicators if item.table_seq == last.table_seq) + 1,
            level1=at(header.columns, "level1"),
            level2=at(header.columns, "level2"),
            level3=at(header.columns, "level3"),
            description=at(header.columns, "description"),
            target=join_target(comparator, value, unit) if split else value,
            basis=at(header.columns, "basis"),
            standard=at(header.columns, "standard"),
            line=row.line,
            page=row.page,
            target_comparator=comparator if split else None,
            target_value=value if split else None,
            target_unit=unit if split else None,
            weight=at(header.columns, "weight"),
            actual=at(header.columns, "actual"),
            score=at(header.columns, "score"),
            deviation_reason=at(header.columns, "deviation_reason"),
            extra=json.dumps(extra, ensure_ascii=False) if extra else None,
        )
    )


def _extend(project: ProjectTable, row: Row) -> ProjectTable:
    return replace(project, last_line=row.line or project.last_line, last_page=row.page or project.last_page)
