"""The raw layer as Arrow tables: one table per raw table (RAW_TABLES and documents), typed from the records.

A parse worker turns its result into a RawDocument (its documents row and an Arrow table per raw table), so the
records cross to the loader as Arrow buffers, not as Python objects to unpickle one by one. The loader inserts
them into DuckDB; the distributed parse stage writes them as Parquet files. Both take them from here, so a
document's raw rows are the same whichever way it was parsed.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

import pyarrow as pa

from ingest.records import DOCUMENTS, RAW_TABLES, DocumentMeta, DocumentRow, RawTable
from ingest.result import DocumentResult

# Numbers read from documents (a table number, a page) can be any size: 64-bit, and a larger one fails its document.
ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}
ALL_TABLES = (DOCUMENTS, *RAW_TABLES)


def schema(table: RawTable) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in table.columns()])


def arrow_table(table: RawTable, records: Sequence, document_id: str | None = None) -> pa.Table:
    """The records as one Arrow table of the raw table's columns, built column by column (no dict per row)."""
    columns = []
    for name, kind in table.columns():
        if name == "document_id" and document_id is not None:
            values = [document_id] * len(records)
        elif name == table.position:
            values = list(range(1, len(records) + 1))
        else:
            values = list(map(attrgetter(name), records))
        columns.append(pa.array(values, type=ARROW_TYPES[kind]))
    return pa.Table.from_arrays(columns, schema=schema(table))


def record_tables(result: DocumentResult) -> dict[str, pa.Table]:
    """The document's records, a table per raw table that has any, checked against the column types."""
    tables = {}
    if result.parsed is not None:
        for table in RAW_TABLES:
            records = getattr(result.parsed, table.field)
            if records:
                tables[table.name] = arrow_table(table, records, result.document_id)
    return tables


@dataclass(frozen=True)
class RawDocument:
    """One document's raw rows: its row of raw.documents and an Arrow table per raw table that has rows."""

    row: DocumentRow
    tables: dict[str, pa.Table]

    @classmethod
    def of(cls, result: DocumentResult) -> RawDocument:
        """The result's rows; records that do not fit their column types fail the document here, with the cause."""
        try:
            return cls(result.document_row(), record_tables(result))
        except (pa.ArrowException, OverflowError) as error:
            return cls(result.document_row(), {}).failed(error)

    def failed(self, error: BaseException) -> RawDocument:
        """This document as failed because its records cannot be stored: its row alone, saying why."""
        cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        nothing_parsed = {item.name: None for item in dataclasses.fields(DocumentMeta)}
        row = dataclasses.replace(
            self.row,
            status="failed",
            error=f"{self.row.file_name}: its records cannot be stored ({type(error).__name__}: {cause})",
            layouts=None,
            n_tables=0,
            n_projects=0,
            n_indicators=0,
            n_warnings=0,
            **nothing_parsed,
        )
        return RawDocument(row, {})

    def with_row(self, **values) -> RawDocument:
        """The same rows, with columns of the documents row set (what was stated, the file's time, the parser)."""
        return RawDocument(dataclasses.replace(self.row, **values), self.tables)

    def arrow_tables(self) -> dict[str, pa.Table]:
        """Every table of the document, documents first."""
        return {DOCUMENTS.name: arrow_table(DOCUMENTS, [self.row]), **self.tables}

    @property
    def n_rows(self) -> int:
        return 1 + sum(table.num_rows for table in self.tables.values())


# The raw layer as files: one folder per document (its document_id), one Parquet file per table that has rows,
# documents.parquet written last so that a folder without it is an unfinished write, never read.
DOCUMENTS_FILE = f"{DOCUMENTS.name}.parquet"


def write_parquet(document: RawDocument, raw_dir: Path) -> Path:
    """Write the document's Parquet set to raw_dir/<document_id>/, replacing an earlier set of that document whole
    (written beside it, then renamed into place); return the folder."""
    import pyarrow.parquet as pq

    raw_dir.mkdir(parents=True, exist_ok=True)
    final = raw_dir / document.row.document_id
    staging = Path(tempfile.mkdtemp(prefix=f".{document.row.document_id[:16]}.", dir=raw_dir))
    try:
        for name, table in document.tables.items():
            pq.write_table(table, staging / f"{name}.parquet")
        pq.write_table(arrow_table(DOCUMENTS, [document.row]), staging / DOCUMENTS_FILE)
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=".replaced.", dir=raw_dir))
            os.replace(final, old / final.name)
            os.replace(staging, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def read_parquet(folder: Path) -> RawDocument | None:
    """The document whose Parquet set is in folder, or None if the set is unfinished or missing."""
    import pyarrow.parquet as pq

    if not (folder / DOCUMENTS_FILE).is_file():
        return None
    rows = pq.read_table(folder / DOCUMENTS_FILE, schema=schema(DOCUMENTS)).to_pylist()
    tables = {}
    for table in RAW_TABLES:
        path = folder / f"{table.name}.parquet"
        if path.is_file():
            tables[table.name] = pq.read_table(path, schema=schema(table))
    return RawDocument(DocumentRow(**rows[0]), tables)


def remove_parquet(raw_dir: Path, document_ids: set[str]) -> None:
    """Delete the Parquet sets of documents the warehouse no longer holds."""
    for document_id in document_ids:
        shutil.rmtree(raw_dir / document_id, ignore_errors=True)
