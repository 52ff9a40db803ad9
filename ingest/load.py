"""The only module that talks to DuckDB: write parsed documents into schema raw.

One transaction per document. A document's earlier rows (same document_id, or same source path with
other bytes) are deleted first, so re-loading replaces and never duplicates.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.raw import ALL_TABLES, document_tables
from ingest.records import RAW_TABLES
from ingest.result import DocumentResult

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
    for table in ALL_TABLES:
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
        tables = document_tables(result)
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
        _replace(con, failed, document_tables(failed))
        return failed


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
