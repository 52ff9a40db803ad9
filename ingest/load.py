"""The only module that talks to DuckDB: write parsed documents into schema raw.

One transaction per document. A document's earlier rows (same document_id, or same source path with
other bytes) are deleted first, so re-loading replaces and never duplicates.
"""

from __future__ import annotations

import contextlib
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

# Numbers read from documents (a table number, a page) can be any size: 64-bit, and a larger one fails its document.
_ARROW = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}
_SQL = {"str": "VARCHAR", "int": "BIGINT", "bool": "BOOLEAN", "float": "DOUBLE"}
# Errors that come from one document's records, not from the warehouse: that document fails, the batch goes on.
_DOCUMENT_ERRORS = (
    duckdb.ConstraintException,
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    duckdb.OutOfRangeException,
)


class WarehouseError(Exception):
    """The warehouse itself cannot be written (disk full, locked, corrupt): the run stops with this one line."""


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
    ("copy_of_document_id", "str"),
    ("content_sha256", "str"),
    ("stated_issuer", "str"),
    ("stated_region_code", "str"),
    ("stated_year", "int"),
    ("stated_doc_kind", "str"),
    ("stated_basis", "str"),
    ("context_text", "str"),
]


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file and make sure schema raw exists."""
    try:
        con = duckdb.connect(str(path))
        ensure_schema(con)
    except duckdb.Error as error:
        raise WarehouseError(f"cannot open {path}: {_one_line(error)}") from error
    return con


def write_lock_holder(path: str | Path) -> str | None:
    """Who holds DuckDB's write lock on the file (another process's read-write connection), or None."""
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as error:
        text = _one_line(error)
        if "lock" in text.lower():
            return text.split("Conflicting lock is held in ", 1)[-1]
    return None


def checkpoint(path: str | Path) -> None:
    """Write everything the file's WAL holds into the file itself, so the file alone is the warehouse."""
    wal = Path(f"{path}.wal")
    if wal.exists():
        try:
            duckdb.connect(str(path)).close()
        except duckdb.Error as error:
            raise WarehouseError(f"cannot write {path}: {_one_line(error)}") from error


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
    existing = dict(
        con.execute(
            "select column_name, data_type from information_schema.columns where table_schema = 'raw' "
            "and table_name = ?",
            [name],
        ).fetchall()
    )
    for column, kind in columns:
        if column not in existing:
            con.execute(f"alter table raw.{name} add column {column} {_SQL[kind]}")
        elif existing[column] == "INTEGER" and kind == "int" and column not in key:
            # Older warehouses stored numbers as 32-bit; key columns are ordinals and stay as they are.
            con.execute(f"alter table raw.{name} alter column {column} type BIGINT")


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


def load_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> DocumentResult:
    """Replace everything known about this document (by id or by path) with the new result; return what was stored.

    Records that cannot be stored (a number out of range, a duplicate key) fail this document only: it is stored
    as failed with the cause. An error of the warehouse itself raises WarehouseError.
    """
    try:
        tables = _arrow_tables(result)
        _replace(con, result, tables)
        return result
    except (pa.ArrowException, OverflowError, *_DOCUMENT_ERRORS) as error:
        cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        failed = dataclasses.replace(
            result,
            status="failed",
            error=f"{result.file_name}: its records cannot be stored ({type(error).__name__}: {cause})",
            parsed=None,
        )
        _replace(con, failed, _arrow_tables(failed))
        return failed


def _arrow_tables(result: DocumentResult) -> dict[str, pa.Table]:
    """The document's rows as Arrow tables, checked against the column types before any transaction starts."""
    tables = {"documents": _arrow(DOCUMENT_COLUMNS, [result.document_row()])}
    parsed = result.parsed
    if parsed is None:
        return tables
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
        tables[table.name] = _arrow(table.columns(), rows)
    return tables


def _replace(con: duckdb.DuckDBPyConnection, result: DocumentResult, tables: dict[str, pa.Table]) -> None:
    """One transaction: delete the document's earlier rows, insert the new ones."""
    try:
        con.execute("begin transaction")
        stale = [
            row[0]
            for row in con.execute(
                "select document_id from raw.documents where document_id = ? or source_path = ?",
                [result.document_id, result.source_path],
            ).fetchall()
        ]
        for document_id in stale:
            _delete_document(con, document_id)
        for name, table in tables.items():
            _insert(con, name, table)
        con.execute("commit")
    except Exception as error:
        _rollback(con)
        if isinstance(error, _DOCUMENT_ERRORS):
            raise
        raise WarehouseError(_one_line(error)) from error


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open; a failed rollback must not hide the error that caused it."""
    with contextlib.suppress(duckdb.Error):
        con.execute("rollback")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."


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
