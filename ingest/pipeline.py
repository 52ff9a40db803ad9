"""Parse files into results, independently and in parallel; no database here."""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ingest import limits
from ingest.document import Document
from ingest.errors import DocumentError
from ingest.files import failed_result
from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.records import ParsedDocument
from ingest.result import DocumentResult

_PR_SET_PDEATHSIG = 1


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
    base = {
        "document_id": document_id,
        "file_name": path.name,
        "source_path": source,
        "size_bytes": len(data),
        "content_sha256": document_id,
    }
    try:
        document = read_document(path, data)
        parsed = parse_document(document)
    except DocumentError as error:
        return DocumentResult(
            **base, format=None, status="failed", error=str(error), parse_seconds=time.perf_counter() - started
        )
    except MemoryError:
        return DocumentResult(
            **base,
            format=None,
            status="failed",
            error=limits.memory_message(path.name),
            parse_seconds=time.perf_counter() - started,
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
        context_text=context_text(document, parsed),
    )


def context_text(document: Document, parsed: ParsedDocument, limit: int = 4000) -> str:
    """The text where a document names its places: its first paragraphs, unit names and departments."""
    parts = [paragraph.text for paragraph in document.paragraphs()[:60]]
    parts.extend(sorted({project.unit_name for project in parsed.projects if project.unit_name}))
    parts.extend(sorted({table.department for table in parsed.budget_tables if table.department}))
    return " ".join(parts)[:limit]


def parse_all(paths: Sequence[Path], workers: int | None = None) -> Iterator[DocumentResult]:
    """Parse files on all cores (one process per document at a time); yield results as they finish.

    A worker that dies (killed, out of memory) fails the document it was parsing, and only that one: the
    documents that were waiting are parsed again, each in a fresh process.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or not paths:
        for path in paths:
            yield parse_file(path)
        return
    interrupted: list[Path] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), initializer=_worker_started) as pool:
        futures = {pool.submit(parse_file, path): path for path in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                interrupted.append(futures[future])
    for path in sorted(interrupted):
        yield _parse_isolated(path)


def _parse_isolated(path: Path) -> DocumentResult:
    """Parse one file in a process of its own; if that process dies, the document fails with that cause."""
    with ProcessPoolExecutor(max_workers=1, initializer=_worker_started) as pool:
        try:
            return pool.submit(parse_file, path).result()
        except BrokenProcessPool:
            return failed_result(path, "the process parsing it died (killed, or out of memory)")


def _worker_started() -> None:
    """In each worker: cap the memory a document may take, and die with the parent, so a killed ingest leaves no
    process behind (Linux)."""
    limits.limit_memory()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: workers end when their queue closes
            pass
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)
