"""The only module that talks to DuckDB: write parsed documents into schema raw.

Documents are loaded in batches: the rows of many documents in one Arrow insert per table, one transaction per
batch, so a document is loaded whole or not at all. A document's earlier rows (same document_id, or same source path
with other bytes) are deleted first, so re-loading replaces and never duplicates. A batch a document's records
cannot be stored in is loaded again document by document, and only that document fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.raw import ALL_TABLES, RawDocument, without_pandas
from ingest.records import DocumentRow
from ingest.result import DocumentResult, StoredDocument

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


DBT_FINGERPRINT_TABLE = "main.dbt_project_fingerprint"


def recorded_dbt_build(path: str | Path) -> tuple[str | None, str | None]:
    """What the warehouse's models were last built from (ingest.dbt_build): the dbt project's fingerprint and the
    raw state (raw_state below); (None, None) when never recorded."""
    if not Path(path).exists():
        return None, None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute(f"select * from {DBT_FINGERPRINT_TABLE}").fetchone()
    except duckdb.CatalogException:  # never built by ingest.dbt_build
        return None, None
    except duckdb.Error as error:
        raise WarehouseError(f"cannot read {path}: {_one_line(error)}") from error
    if not row:
        return None, None
    return row[0], row[1] if len(row) > 1 else None  # a warehouse from before raw_state was recorded


def raw_state(path: str | Path) -> str:
    """A digest of every document's raw.documents row without the file's time, the rows the documents' revisions
    are made of (stg_raw__documents): it changes when a document is added, removed, re-parsed or given a stated
    fact, and the rows of every raw table are replaced only with their document's row. It is the md5 of the
    documents' revisions in document order; tests/test_warehouse.py holds the two formulas to each other."""
    if not Path(path).exists():
        return ""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute(
                "select md5(coalesce(string_agg(md5(cast(facts as varchar)), ',' order by document_id), '')) "
                "from (select * exclude (file_modified_ns) from raw.documents) as facts"
            ).fetchone()
    except duckdb.CatalogException:  # no raw tables yet
        return ""
    except duckdb.Error as error:
        raise WarehouseError(f"cannot read {path}: {_one_line(error)}") from error
    return row[0]


def record_dbt_build(path: str | Path, fingerprint: str, state: str) -> None:
    """Record the fingerprint of the dbt project the models were just built with, and the raw state they read."""
    try:
        with duckdb.connect(str(path)) as con:
            con.execute(
                f"create or replace table {DBT_FINGERPRINT_TABLE} as select ? as fingerprint, ? as raw_state",
                [fingerprint, state],
            )
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


_STATED = ("stated_issuer", "stated_region_code", "stated_year", "stated_doc_kind", "stated_basis")


def stored_documents(con: duckdb.DuckDBPyConnection) -> dict[str, StoredDocument]:
    """Every document the warehouse holds, by source path."""
    names = [item.name for item in dataclasses.fields(StoredDocument) if item.name != "stated"]
    rows = con.execute(f"select {', '.join(names + list(_STATED))} from raw.documents").fetchall()
    return {row[1]: StoredDocument(*row[: len(names)], stated=tuple(row[len(names) :])) for row in rows}


def read_stored(path: str | Path) -> dict[str, StoredDocument]:
    """The documents a warehouse file holds (none if there is no file yet), read without writing to it."""
    if not Path(path).exists():
        return {}
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(f"cannot open {path}: {_one_line(error)}") from error
    try:
        columns = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = 'documents'"
            ).fetchall()
        }
        if not {"file_modified_ns", "parser_version"} <= columns:  # written by a version that did not record them
            return {}
        return stored_documents(con)
    finally:
        con.close()


class Loader:
    """Load results into raw in batches (see the module's docstring); `add` and `flush` return what was stored."""

    def __init__(self, con: duckdb.DuckDBPyConnection, batch_rows: int = 200_000, batch_documents: int = 500):
        without_pandas()  # Arrow tables into DuckDB: no pandas needed
        # One DuckDB thread: the loader inserts while the parse workers take the cores, and an insert into tables
        # with primary keys costs a third more CPU on two threads than on one (and is no faster for it).
        con.execute("set threads = 1")
        self.con = con
        self.batch_rows = batch_rows
        self.batch_documents = batch_documents
        self.pending: list[RawDocument] = []
        self.pending_rows = 0
        self.ids_by_path: dict[str, set[str]] = {}
        for document_id, source_path in con.execute("select document_id, source_path from raw.documents").fetchall():
            self.ids_by_path.setdefault(source_path, set()).add(document_id)
        self.known_ids = {document_id for ids in self.ids_by_path.values() for document_id in ids}
        self.removed: set[str] = set()  # documents deleted by this loader and not loaded again

    def add(self, document: RawDocument | DocumentResult) -> list[DocumentRow]:
        """Queue a document's rows; load the batch when it is full (returning what was stored)."""
        if isinstance(document, DocumentResult):
            document = RawDocument.of(document)
        self.pending.append(document)
        self.pending_rows += document.n_rows
        if len(self.pending) >= self.batch_documents or self.pending_rows >= self.batch_rows:
            return self.flush()
        return []

    def flush(self) -> list[DocumentRow]:
        """Load what is queued; return the documents rows as stored (a document whose records failed, as failed)."""
        batch, self.pending, self.pending_rows = self.pending, [], 0
        if not batch:
            return []
        try:
            self._write(batch)
            return [document.row for document in batch]
        except _DOCUMENT_ERRORS as error:
            if len(batch) > 1:  # find the document at fault: each alone
                return [row for document in batch for row in self._write_alone(document)]
            failed = batch[0].failed(error)
            self._write([failed])
            return [failed.row]

    def _write_alone(self, document: RawDocument) -> list[DocumentRow]:
        self.pending = [document]
        return self.flush()

    def _write(self, batch: list[RawDocument]) -> None:
        """One transaction: delete the batch's documents' earlier rows, insert the new ones, a table at a time."""
        stale = set()
        for document in batch:
            stale |= self.ids_by_path.get(document.row.source_path, set())
            if document.row.document_id in self.known_ids:
                stale.add(document.row.document_id)
        tables = [document.arrow_tables() for document in batch]
        try:
            self.con.execute("begin transaction")
            self._delete(stale)
            for table in ALL_TABLES:
                parts = [item[table.name] for item in tables if table.name in item]
                if parts:
                    _insert(self.con, table.name, pa.concat_tables(parts))
            self.con.execute("commit")
        except Exception as error:
            _rollback(self.con)
            if isinstance(error, _DOCUMENT_ERRORS):
                raise
            raise WarehouseError(_one_line(error)) from error
        self._forget(stale)
        for document in batch:
            self.ids_by_path.setdefault(document.row.source_path, set()).add(document.row.document_id)
            self.known_ids.add(document.row.document_id)
            self.removed.discard(document.row.document_id)

    def _delete(self, document_ids: set[str]) -> None:
        if not document_ids:
            return
        self.con.register("stale_documents", pa.table({"document_id": pa.array(sorted(document_ids), pa.string())}))
        try:
            for table in ALL_TABLES:
                self.con.execute(
                    f"delete from raw.{table.name} where document_id in (select document_id from stale_documents)"
                )
        finally:
            with contextlib.suppress(duckdb.Error):
                self.con.unregister("stale_documents")

    def _forget(self, document_ids: set[str]) -> None:
        self.known_ids -= document_ids
        self.removed |= document_ids
        for path in list(self.ids_by_path):
            self.ids_by_path[path] -= document_ids
            if not self.ids_by_path[path]:
                del self.ids_by_path[path]

    def update(self, document_id: str, values: dict) -> None:
        """Change a few columns of a document's row (its file's time, what the user stated), nothing else."""
        assignments = ", ".join(f"{column} = ?" for column in values)
        try:
            self.con.execute(
                f"update raw.documents set {assignments} where document_id = ?", [*values.values(), document_id]
            )
        except duckdb.Error as error:
            raise WarehouseError(_one_line(error)) from error

    def prune(self, keep_paths: set[str]) -> int:
        """Delete documents whose source file is no longer in the loaded set (for full rebuilds)."""
        self.flush()
        gone = {document_id for path, ids in self.ids_by_path.items() if path not in keep_paths for document_id in ids}
        try:
            self.con.execute("begin transaction")
            self._delete(gone)
            self.con.execute("commit")
        except duckdb.Error as error:
            _rollback(self.con)
            raise WarehouseError(_one_line(error)) from error
        self._forget(gone)
        return len(gone)


def load_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> DocumentResult:
    """Replace everything known about this document (by id or by path) with the new result; return what was stored."""
    loader = Loader(con)
    loader.add(result)
    (row,) = loader.flush()
    return result if row.status == result.status else dataclasses.replace(result, status=row.status, error=row.error)


def _insert(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    if table.num_rows == 0:
        return
    con.register("incoming", table)
    try:
        con.execute(f"insert into raw.{name} by name select * from incoming")
    finally:
        with contextlib.suppress(duckdb.Error):  # after a failed insert the transaction is aborted
            con.unregister("incoming")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open; a failed rollback must not hide the error that caused it."""
    with contextlib.suppress(duckdb.Error):
        con.execute("rollback")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."
