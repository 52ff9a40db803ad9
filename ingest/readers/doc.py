"""Read old binary Word (.doc) and WPS Writer (.wps) files: LibreOffice converts them to DOCX, read as DOCX.

Kingsoft WPS Writer's .wps is a Word binary document inside (an OLE2 file with a WordDocument stream); it is
handed to LibreOffice as .doc so the Word import filter reads it. Other .wps files (Microsoft Works) are left to
LibreOffice's own detection. Without LibreOffice the document fails with a message saying what to install.
"""

from __future__ import annotations

import dataclasses

from ingest.document import Document
from ingest.errors import DocumentError
from ingest.readers.docx import read_docx
from ingest.readers.office import convert
from ingest.readers.xls import OLE_MAGIC

WORD_STREAM = "WordDocument".encode("utf-16-le")


def read_doc(data: bytes, file_name: str) -> Document:
    """Parse a .doc file into a Document (through a DOCX conversion)."""
    return _converted(data, file_name, ".doc", "doc")


def read_wps(data: bytes, file_name: str) -> Document:
    """Parse a .wps file into a Document (through a DOCX conversion)."""
    suffix = ".doc" if data.startswith(OLE_MAGIC) and WORD_STREAM in data else ".wps"
    return _converted(data, file_name, suffix, "wps")


def _converted(data: bytes, file_name: str, suffix: str, fmt: str) -> Document:
    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    if data[:2] == b"PK":  # a DOCX under an old name
        return dataclasses.replace(read_docx(data, file_name), format=fmt)
    if not data.startswith(OLE_MAGIC) and suffix == ".doc":
        raise DocumentError(f"{file_name}: not a Word .doc file (no OLE2 header)")
    document = read_docx(convert(data, file_name, suffix, "docx"), file_name)
    return dataclasses.replace(document, format=fmt)
