"""Parse files into results, independently and in parallel; no database here."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyarrow as pa

from ingest import limits
from ingest.document import Document
from ingest.errors import DocumentError
from ingest.files import failed_result, source_of
from ingest.layouts import parse_document
from ingest.layouts.labels import vocabulary
from ingest.raw import RawDocument
from ingest.readers import read_document
from ingest.records import ParsedDocument
from ingest.result import DocumentResult

_PR_SET_PDEATHSIG = 1
# A PDF of this many pages or more is read in page ranges on several cores (ranges of PAGES_PER_RANGE or more).
LONG_PDF_PAGES = 40
PAGES_PER_RANGE = 10
IN_FLIGHT_PER_WORKER = 4  # files submitted to the pool at a time, per worker


def parse_file(path: Path, read: Callable[[Path, bytes], Document] | None = None) -> DocumentResult:
    """Read and parse one file; any failure becomes a failed result naming the file and the reason. `read` reads
    its Document (default: the reader for its format; a long PDF's page ranges assembled, see parse_all)."""
    started = time.perf_counter()
    source = source_of(path)
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
        document = (read or read_document)(path, data)
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
        if "bad_alloc" in str(error):  # the memory cap, met inside a native library (the OCR engine)
            return DocumentResult(
                **base,
                format=None,
                status="failed",
                error=limits.memory_message(path.name),
                parse_seconds=time.perf_counter() - started,
            )
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


def parse_raw(path: Path) -> RawDocument:
    """Parse one file into its raw rows (in a worker: the records travel back as Arrow tables)."""
    return RawDocument.of(parse_file(path))


def page_reader():
    """The PDF reader's page-range API (pdf_page_count, read_pdf_pages, assemble_pdf), or None if it has none."""
    from ingest.readers import pdf

    names = ("pdf_page_count", "read_pdf_pages", "assemble_pdf")
    return pdf if all(hasattr(pdf, name) for name in names) else None


def page_ranges(path: Path, workers: int) -> list[tuple[int, ...]]:
    """The page ranges to read a file in on several cores: for a PDF of LONG_PDF_PAGES or more when there are
    cores to share, contiguous ranges of PAGES_PER_RANGE or more, up to two per worker; else none (read whole)."""
    reader = page_reader()
    if workers <= 1 or path.suffix.lower() != ".pdf" or reader is None:
        return []
    try:
        count = reader.pdf_page_count(path.read_bytes(), path.name)
    except Exception:  # the whole-file parse says why it cannot be read
        return []
    if count < LONG_PDF_PAGES:
        return []
    n = max(2, min(2 * workers, count // PAGES_PER_RANGE))
    bounds = [round(count * index / n) for index in range(n + 1)]
    return [tuple(range(bounds[index] + 1, bounds[index + 1] + 1)) for index in range(n)]


def _read_range(path: Path, pages: tuple[int, ...]):
    """In a worker: read some pages of a PDF (PdfPages, assembled by _parse_parts)."""
    return page_reader().read_pdf_pages(path.read_bytes(), path.name, pages)


def _parse_parts(path: Path, parts: list) -> RawDocument:
    """In a worker: assemble a PDF's page ranges into its Document and parse it as parse_file would."""
    return RawDocument.of(parse_file(path, read=lambda _path, _data: page_reader().assemble_pdf(parts)))


def _capped(step: Callable, *args):
    """In a worker: renew the memory cap for this step (what the worker holds now plus one document's allowance,
    so what earlier documents left allocated does not count against this one), then run it."""
    limits.limit_memory()
    return step(*args)


def parse_all(paths: Sequence[Path], workers: int | None = None) -> Iterator[RawDocument]:
    """Parse files on all cores (one process per document, or per page range of a long PDF, at a time); yield their
    raw rows as they finish.

    A long PDF (page_ranges) is read in page ranges by several workers, assembled and parsed by one; if a range
    cannot be read, the file is parsed whole, so its failure is reported as for any file. A worker that dies
    (killed, out of memory) fails the document it was parsing, and only that one: the documents that were
    waiting are parsed again, each in a fresh process.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or not paths:
        for path in paths:
            yield parse_raw(path)
        return
    interrupted: set[Path] = set()
    _load_before_fork()
    with ProcessPoolExecutor(max_workers=min(workers, len(paths) * 2), initializer=_worker_started) as pool:
        running: dict = {}  # future -> (what it does: whole, range or parts; the file)
        parts: dict[Path, list] = {}
        waiting_for: dict[Path, int] = {}
        unsent = iter(paths)

        def send_more() -> None:
            """Submit files until IN_FLIGHT_PER_WORKER futures per worker are running: enough to keep every worker
            busy, few enough that waiting for the next to finish does not cost a pass over every file."""
            while len(running) < IN_FLIGHT_PER_WORKER * workers and (path := next(unsent, None)) is not None:
                try:
                    ranges = page_ranges(path, workers)
                    for pages in ranges:
                        running[pool.submit(_capped, _read_range, path, pages)] = ("range", path)
                    if ranges:
                        parts[path], waiting_for[path] = [], len(ranges)
                    else:
                        running[pool.submit(_capped, parse_raw, path)] = ("whole", path)
                except BrokenProcessPool:
                    interrupted.add(path)

        send_more()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                kind, path = running.pop(future)
                try:
                    value = future.result()
                except BrokenProcessPool:
                    interrupted.add(path)
                    continue
                except Exception:  # a page range that cannot be read: the whole file, read as usual
                    if waiting_for.pop(path, None) is not None:
                        next_step = (_capped, parse_raw, path)
                    else:
                        continue
                else:
                    if kind != "range":
                        yield value
                        continue
                    if path not in waiting_for:
                        continue
                    parts[path].append(value)
                    if len(parts[path]) < waiting_for[path]:
                        continue
                    del waiting_for[path]
                    next_step = (_capped, _parse_parts, path, parts.pop(path))
                try:
                    running[pool.submit(*next_step)] = ("whole", path)
                except BrokenProcessPool:
                    interrupted.add(path)
            send_more()
    for path in sorted(interrupted):
        yield _parse_isolated(path)


def _load_before_fork() -> None:
    """Load in the parent what each worker would load again on its first document, so the forked workers share it:
    pyarrow's first array imports pandas (half a second of CPU), and the vocabulary is read and folded."""
    pa.array([], pa.string())
    with contextlib.suppress(DocumentError):  # a bad vocabulary file fails each document, as it would have
        vocabulary()


def _parse_isolated(path: Path) -> RawDocument:
    """Parse one file in a process of its own; if that process dies, the document fails with that cause."""
    with ProcessPoolExecutor(max_workers=1, initializer=_worker_started) as pool:
        try:
            return pool.submit(parse_raw, path).result()
        except BrokenProcessPool:
            return RawDocument.of(failed_result(path, "the process parsing it died (killed, or out of memory)"))


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
