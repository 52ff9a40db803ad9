"""The only module that talks to DuckDB: write parsed documents into schema raw.

One transaction per document. A document's earlier rows (same document_id, or same source path with
other bytes) are deleted first, so re-loading replaces and never duplicates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.pipeline import DocumentResult
from ingest.records import (
    BudgetAmount,
    BudgetExecutionLine,
    BudgetLine,
    BudgetTable,
    DepartmentGoal,
    DepartmentTask,
    IndicatorRow,
    NarrativeAmount,
    ParseIssue,
    ProjectTable,
    SeenTable,
    SpendingPlanRow,
    TableCell,
)

_ARROW = {"str": pa.string(), "int": pa.int32(), "bool": pa.bool_(), "float": pa.float64()}
_SQL = {"str": "VARCHAR", "int": "INTEGER", "bool": "BOOLEAN", "float": "DOUBLE"}


def _base_type(annotation: str) -> str:
    return annotation.replace(" | None", "").replace("None | ", "").strip()


@dataclasses.dataclass(frozen=True)
class RawTable:
    """A raw table: its name, the record type of its rows and the key within a document."""

    name: str
    record: type
    key: tuple[str, ...]

    def columns(self) -> list[tuple[str, str]]:
        hints = {field.name: field.type for field in dataclasses.fields(self.record)}
        prefix = [("document_id", "str")]
        if self.record is ParseIssue:
            prefix.append(("issue_seq", "int"))
        return prefix + [(name, _base_type(str(kind))) for name, kind in hints.items()]


RAW_TABLES = (
    RawTable("project_tables", ProjectTable, ("table_seq",)),
    RawTable("indicator_rows", IndicatorRow, ("table_seq", "horizon", "row_number")),
    RawTable("spending_plans", SpendingPlanRow, ("table_seq", "period_seq")),
    RawTable("budget_execution", BudgetExecutionLine, ("table_seq", "line_seq")),
    RawTable("department_tasks", DepartmentTask, ("table_seq", "task_seq")),
    RawTable("table_cells", TableCell, ("block_seq", "row_seq", "column_seq")),
    RawTable("department_goals", DepartmentGoal, ("goal_seq",)),
    RawTable("budget_tables", BudgetTable, ("budget_table_seq",)),
    RawTable("budget_lines", BudgetLine, ("budget_table_seq", "line_seq")),
    RawTable("budget_amounts", BudgetAmount, ("budget_table_seq", "line_seq", "column_number")),
    RawTable("narrative_amounts", NarrativeAmount, ("claim_seq",)),
    RawTable("document_tables", SeenTable, ("block_seq",)),
    RawTable("parse_issues", ParseIssue, ("issue_seq",)),
)

DOCUMENT_COLUMNS: list[tuple[str, str]] = [
    ("document_id", "str"),
    ("file_name", "str"),
    ("source_path", "str"),
    ("format", "str"),
    ("size_bytes", "int"),
    ("page_count", "int"),
    ("layouts", "str"),
    ("issuer", "str"),
    ("budget_year", "int"),
    ("budget_year_basis", "str"),
    ("issuer_basis", "str"),
    ("doc_kind", "str"),
    ("doc_kind_basis", "str"),
    ("status", "str"),
    ("error", "str"),
    ("n_tables", "int"),
    ("n_projects", "int"),
    ("n_indicators", "int"),
    ("n_warnings", "int"),
    ("parse_seconds", "float"),
]


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file and make sure schema raw exists."""
    con = duckdb.connect(str(path))
    ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    _create(con, "documents", DOCUMENT_COLUMNS, ("document_id",))
    for table in RAW_TABLES:
        _create(con, table.name, table.columns(), ("document_id", *table.key))


def _create(
    con: duckdb.DuckDBPyConnection, name: str, columns: Sequence[tuple[str, str]], key: tuple[str, ...]
) -> None:
    body = ",\n    ".join(f"{column} {_SQL[kind]}" for column, kind in columns)
    con.execute(f"create table if not exists raw.{name} (\n    {body},\n    primary key ({', '.join(key)})\n)")
    # A warehouse written by an older version lacks newer columns: add them (null for old rows).
    existing = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?", [name]
        ).fetchall()
    }
    for column, kind in columns:
        if column not in existing:
            con.execute(f"alter table raw.{name} add column {column} {_SQL[kind]}")


def _arrow(columns: Sequence[tuple[str, str]], rows: Iterable[dict]) -> pa.Table:
    rows = list(rows)
    schema = pa.schema([(name, _ARROW[kind]) for name, kind in columns])
    return pa.Table.from_pylist(rows, schema=schema)


def _insert(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    if table.num_rows == 0:
        return
    con.register("incoming", table)
    try:
        con.execute(f"insert into raw.{name} by name select * from incoming")
    finally:
        con.unregister("incoming")


def load_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> None:
    """Replace everything known about this document (by id or by path) with the new result."""
    con.execute("begin transaction")
    try:
        stale = [
            row[0]
            for row in con.execute(
                "select document_id from raw.documents where document_id = ? or source_path = ?",
                [result.document_id, result.source_path],
            ).fetchall()
        ]
        for document_id in stale:
            _delete_document(con, document_id)
        _insert(con, "documents", _arrow(DOCUMENT_COLUMNS, [result.document_row()]))
        parsed = result.parsed
        if parsed is not None:
            records = {
                "project_tables": parsed.projects,
                "indicator_rows": parsed.indicators,
                "spending_plans": parsed.spending_plans,
                "budget_execution": parsed.budget_execution,
                "department_tasks": parsed.department_tasks,
                "table_cells": parsed.cells,
                "department_goals": parsed.department_goals,
                "budget_tables": parsed.budget_tables,
                "budget_lines": parsed.budget_lines,
                "budget_amounts": parsed.budget_amounts,
                "narrative_amounts": parsed.narrative_amounts,
                "document_tables": parsed.tables,
                "parse_issues": parsed.issues,
            }
            for table in RAW_TABLES:
                rows = []
                for seq, record in enumerate(records[table.name], start=1):
                    row = {"document_id": result.document_id, **dataclasses.asdict(record)}
                    if table.record is ParseIssue:
                        row["issue_seq"] = seq
                    rows.append(row)
                _insert(con, table.name, _arrow(table.columns(), rows))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def remove_missing(con: duckdb.DuckDBPyConnection, keep_paths: set[str]) -> int:
    """Delete documents whose source file is no longer in the loaded set (for full rebuilds)."""
    rows = con.execute("select document_id, source_path from raw.documents").fetchall()
    gone = [document_id for document_id, path in rows if path not in keep_paths]
    for document_id in gone:
        _delete_document(con, document_id)
    return len(gone)


def _delete_document(con: duckdb.DuckDBPyConnection, document_id: str) -> None:
    for table in ("documents", *(raw.name for raw in RAW_TABLES)):
        con.execute(f"delete from raw.{table} where document_id = ?", [document_id])
