"""The raw layer as Arrow tables: one table per raw table (RAW_TABLES and documents), typed from the records.

The loader inserts these into DuckDB; the distributed parse stage writes them as Parquet files. Both take them from
here, so a document's raw rows are the same whichever way it was parsed.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from ingest.records import DOCUMENTS, RAW_TABLES, RawTable
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
            values = [getattr(record, name) for record in records]
        columns.append(pa.array(values, type=ARROW_TYPES[kind]))
    return pa.Table.from_arrays(columns, schema=schema(table))


def document_tables(result: DocumentResult) -> dict[str, pa.Table]:
    """The document's rows, a table per raw table that has any (documents always), checked against the types."""
    tables = {DOCUMENTS.name: arrow_table(DOCUMENTS, [result.document_row()])}
    if result.parsed is not None:
        for table in RAW_TABLES:
            records = getattr(result.parsed, table.field)
            if records:
                tables[table.name] = arrow_table(table, records, result.document_id)
    return tables
