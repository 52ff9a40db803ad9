"""项目支出绩效运行监控表 (mid-year performance monitoring, usually to the end of July or August): a target table
that says, part-way through the year, what each target has reached (1-7月执行情况), what the year will reach
(全年预计完成情况), why it deviates (偏差原因分析, often ticked under 经费保障 / 制度保障 / 人员保障 /
硬件条件保障 / 其他; 原因说明) and how likely it is to be met (完成目标可能性: 确定能 / 有可能 / 完全不可能), with a
budget block of 年初预算数 / 1-7月执行数 / 1-7月执行率 / 全年预计执行数.

The target-table reader (ingest/layouts/performance/) reads it: its columns are vocabulary roles (progress, forecast,
likelihood, deviation_cause_choice ...) that fill the indicator rows' fields of those names. This layout claims the
tables that print such columns, before the plain target tables' reader, and says what they are: `table_kind`
project_monitoring (department_monitoring for a department-wide one) and the months they report on (1-7月).
"""

from __future__ import annotations

from dataclasses import replace

from ingest.document import Row
from ingest.layouts.labels import reporting_period
from ingest.layouts.layout import Found, Layout
from ingest.layouts.performance import PerformanceTables, read_region
from ingest.layouts.performance.columns import CHOICE, column_roles
from ingest.layouts.performance.kind import finish
from ingest.layouts.performance.table import TableReader
from ingest.layouts.segment import Region, TableRegion
from ingest.records import ProjectTable

MONITORING_ROLES = frozenset({"progress", "forecast", "likelihood"})
_MONITORING_COLUMNS = MONITORING_ROLES | {role + CHOICE for role in MONITORING_ROLES}  # with their tick boxes


class ProjectMonitoring(Layout):
    """Monitoring tables: target tables with progress, forecast and likelihood columns."""

    name = "project_monitoring"
    wants = (
        "a target table (as project_performance wants) with a monitoring column (column progress, forecast or"
        " likelihood: 1-7月执行情况, 全年预计完成情况, 完成目标可能性)"
    )

    def __init__(self) -> None:
        self.targets = PerformanceTables()

    def detect(self, region: Region) -> float | None:
        # A target table that monitors: more than the plain target reader sees in it (whose answer is kept for it).
        if not isinstance(region, TableRegion) or self.targets.detect(region) is None:
            return None
        return 2.0 if any(_monitors(row) for _, row in region.rows()) else None

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TableRegion)
        return read_region(region, len(found["projects"]) + 1, _finished, self.name)


def _monitors(row: Row) -> bool:
    """A row naming a monitoring column: 1-7月执行情况, 全年预计完成情况, 完成目标可能性 (or its tick boxes)."""
    return not _MONITORING_COLUMNS.isdisjoint(column_roles(row))


def _finished(table: TableReader) -> ProjectTable:
    project = finish(table)
    kind = "department_monitoring" if project.table_kind.startswith("department") else "project_monitoring"
    return replace(project, table_kind=kind, reporting_period=_period(table))


def _period(table: TableReader) -> str | None:
    """The months the table reports on, from the first label that names them (1-7月执行数 -> 1-7月)."""
    for row in table.rows:
        for text in row.texts:
            period = reporting_period(text)
            if period:
                return period
    return None
