"""What became of one file: the result the parse stage hands to the loader (or writes as Parquet)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ingest.metadata import StatedFacts
from ingest.records import TABLE_OF_CONTENTS, DocumentMeta, DocumentRow, ParsedDocument


@dataclass(frozen=True)
class DocumentResult:
    """What became of one file: its identity, and either the parsed records or the reason it failed."""

    document_id: str
    file_name: str
    source_path: str
    size_bytes: int
    format: str | None
    status: str
    error: str | None = None
    parsed: ParsedDocument | None = None
    page_count: int | None = None
    parse_seconds: float = 0.0
    copy_of: str | None = None  # document_id of the first file with the same bytes
    content_sha256: str | None = None
    stated: StatedFacts | None = None  # what the user stated (documents.csv, ingest options)
    context_text: str | None = None  # text where places are named (head paragraphs, unit names), for regions
    modified_ns: int | None = None  # the file's modification time, seen before its bytes were read
    parser_version: str | None = None  # files.parser_version() of the run that parsed it

    @property
    def n_warnings(self) -> int:
        return sum(1 for issue in self.parsed.issues if issue.severity == "warning") if self.parsed else 0

    def document_row(self) -> DocumentRow:
        """The row of raw.documents; DocumentMeta's and StatedFacts' fields (stated_ ...) are columns of it."""
        parsed, stated = self.parsed, self.stated or StatedFacts()
        meta = parsed.meta if parsed else DocumentMeta()
        return DocumentRow(
            document_id=self.document_id,
            file_name=self.file_name,
            source_path=self.source_path,
            format=self.format,
            size_bytes=self.size_bytes,
            page_count=self.page_count,
            layouts=",".join(parsed.layouts) if parsed else None,
            **{item.name: getattr(meta, item.name) for item in fields(DocumentMeta)},
            status=self.status,
            error=self.error,
            n_tables=len(parsed.tables) if parsed else 0,
            has_tables=any(table.kind != TABLE_OF_CONTENTS for table in parsed.tables) if parsed else None,
            n_tables_announced=len(parsed.announced_tables) if parsed else 0,
            n_projects=len(parsed.projects) if parsed else 0,
            n_indicators=len(parsed.indicators) if parsed else 0,
            n_warnings=self.n_warnings,
            parse_seconds=round(self.parse_seconds, 4),
            copy_of_document_id=self.copy_of,
            content_sha256=self.content_sha256,
            **{f"stated_{item.name}": getattr(stated, item.name) for item in fields(StatedFacts)},
            context_text=self.context_text,
            file_modified_ns=self.modified_ns,
            parser_version=self.parser_version,
        )


@dataclass(frozen=True)
class StoredDocument:
    """What the warehouse holds about a file: enough to tell whether it must be read or parsed again."""

    document_id: str
    source_path: str
    file_name: str
    content_sha256: str | None
    size_bytes: int
    file_modified_ns: int | None
    parser_version: str | None
    status: str
    error: str | None
    copy_of_document_id: str | None
    stated: tuple  # stated_issuer, stated_region_code, stated_year, stated_doc_kind, stated_basis
