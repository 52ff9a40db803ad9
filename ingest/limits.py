"""Limits that keep one document from taking the machine, each a clear failure of that document.

Readers call `check_zip` before opening a ZIP container (DOCX, XLSX) and `check_cells` while building a table;
the pipeline caps each worker's memory with `limit_memory`.
"""

from __future__ import annotations

import io
import os
import resource
import zipfile

from ingest.errors import DocumentError

MB = 1024 * 1024
MAX_DECOMPRESSED_BYTES = 256 * MB  # all members of a ZIP container together
MAX_MEMBER_BYTES = 128 * MB  # one member (word/document.xml, a worksheet)
MAX_COLUMNS = 1_000  # grid columns of one table row (a DOCX gridSpan, an XLSX row)
MAX_CELLS_PER_TABLE = 250_000
MEMORY_PER_DOCUMENT = 2048 * MB  # address space a worker may add while it parses one document


class LimitExceeded(DocumentError):
    """A document beyond one of the limits; the message names the file, the limit and the value."""


def check_zip(data: bytes, file_name: str) -> None:
    """Refuse a ZIP container whose members would decompress beyond the limits (a zip bomb) before reading it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise DocumentError(f"{file_name}: not a readable ZIP container ({error})") from error
    total = 0
    with archive:
        for member in archive.infolist():
            if member.file_size > MAX_MEMBER_BYTES:
                raise LimitExceeded(
                    f"{file_name}: {member.filename} decompresses to {member.file_size // MB} MB, more than the "
                    f"{MAX_MEMBER_BYTES // MB} MB a member may (a zip bomb?)"
                )
            total += member.file_size
    if total > MAX_DECOMPRESSED_BYTES:
        raise LimitExceeded(
            f"{file_name}: decompresses to {total // MB} MB, more than the {MAX_DECOMPRESSED_BYTES // MB} MB a "
            "document may (a zip bomb?)"
        )


def check_columns(columns: int, file_name: str, where: str) -> None:
    """Refuse a table row wider than MAX_COLUMNS (e.g. a DOCX cell spanning 20,000,000 grid columns)."""
    if columns > MAX_COLUMNS:
        raise LimitExceeded(f"{file_name}: {where} spans {columns:,} columns, more than the {MAX_COLUMNS:,} allowed")


def check_cells(cells: int, file_name: str, where: str) -> None:
    """Refuse a table of more than MAX_CELLS_PER_TABLE cells."""
    if cells > MAX_CELLS_PER_TABLE:
        raise LimitExceeded(
            f"{file_name}: {where} has more than {MAX_CELLS_PER_TABLE:,} cells, the most a table may have"
        )


def limit_memory(extra_bytes: int | None = None) -> None:
    """Cap this process's address space at what it uses now plus MEMORY_PER_DOCUMENT (Linux; a no-op elsewhere).

    Beyond it an allocation raises MemoryError, which fails the document being parsed instead of the machine.
    """
    extra = MEMORY_PER_DOCUMENT if extra_bytes is None else extra_bytes
    try:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = used + extra
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (OSError, ValueError):  # pragma: no cover - no /proc, or the limit cannot be set here
        pass


def memory_message(file_name: str) -> str:
    return f"{file_name}: needs more memory than the {MEMORY_PER_DOCUMENT // MB} MB a document may use"
