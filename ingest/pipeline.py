"""Parse files into results, independently and in parallel; no database here."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import DocumentError
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.records import ParsedDocument

IGNORED_NAMES = frozenset({"README.md", "readme.md", ".DS_Store"})


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

    @property
    def n_warnings(self) -> int:
        return sum(1 for issue in self.parsed.issues if issue.severity == "warning") if self.parsed else 0

    def document_row(self) -> dict:
        parsed = self.parsed
        meta = parsed.meta if parsed else None
        return {
            "document_id": self.document_id,
            "file_name": self.file_name,
            "source_path": self.source_path,
            "format": self.format,
            "size_bytes": self.size_bytes,
            "page_count": self.page_count,
            "layouts": ",".join(parsed.layouts) if parsed else None,
            "issuer": meta.issuer if meta else None,
            "budget_year": meta.budget_year if meta else None,
            "budget_year_basis": meta.budget_year_basis if meta else None,
            "issuer_basis": meta.issuer_basis if meta else None,
            "doc_kind": meta.doc_kind if meta else None,
            "doc_kind_basis": meta.doc_kind_basis if meta else None,
            "status": self.status,
            "error": self.error,
            "n_tables": len(parsed.tables) if parsed else 0,
            "n_projects": len(parsed.projects) if parsed else 0,
            "n_indicators": len(parsed.indicators) if parsed else 0,
            "n_warnings": self.n_warnings,
            "parse_seconds": round(self.parse_seconds, 4),
        }


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and every file under folders named (hidden files and READMEs left out), sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                child
                for child in sorted(path.rglob("*"))
                if child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
                and child.name not in IGNORED_NAMES
            )
        else:
            found.append(path)
    return found


def parse_file(path: Path) -> DocumentResult:
    """Read and parse one file; any failure becomes a failed result naming the file and the reason."""
    started = time.perf_counter()
    source = str(path.resolve())
    try:
        data = path.read_bytes()
    except OSError as error:
        return DocumentResult(
            document_id=hashlib.sha256(source.encode()).hexdigest(),
            file_name=path.name,
            source_path=source,
            size_bytes=0,
            format=None,
            status="failed",
            error=f"{path.name}: cannot read file ({error.strerror or error})",
        )
    document_id = hashlib.sha256(data).hexdigest()
    base = {"document_id": document_id, "file_name": path.name, "source_path": source, "size_bytes": len(data)}
    try:
        document = read_document(path, data)
        parsed = parse_document(document)
    except DocumentError as error:
        return DocumentResult(
            **base, format=None, status="failed", error=str(error), parse_seconds=time.perf_counter() - started
        )
    except Exception as error:  # a reader or layout bug must not stop the batch
        return DocumentResult(
            **base,
            format=None,
            status="failed",
            error=f"{path.name}: unexpected {type(error).__name__}: {error}",
            parse_seconds=time.perf_counter() - started,
        )
    if not parsed.layouts:
        tables = len(parsed.tables)
        return DocumentResult(
            **base,
            format=document.format,
            status="failed",
            error=f"{path.name}: no known layout found ({tables} tables, none a performance-target or budget table)",
            parsed=parsed,
            page_count=document.page_count,
            parse_seconds=time.perf_counter() - started,
        )
    status = "parsed_with_warnings" if any(i.severity == "warning" for i in parsed.issues) else "parsed"
    return DocumentResult(
        **base,
        format=document.format,
        status=status,
        parsed=parsed,
        page_count=document.page_count,
        parse_seconds=time.perf_counter() - started,
    )


def parse_all(paths: Sequence[Path], workers: int | None = None) -> Iterator[DocumentResult]:
    """Parse files on all cores (one process per document at a time); yield results as they finish."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield parse_file(path)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as pool:
        futures = [pool.submit(parse_file, path) for path in paths]
        for future in as_completed(futures):
            yield future.result()
