"""Format readers: bytes -> Document. Only these modules open files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.document import Document
from ingest.errors import UnsupportedFormat
from ingest.readers.delimited import read_csv
from ingest.readers.doc import read_doc, read_wps
from ingest.readers.docx import read_docx
from ingest.readers.html import read_html
from ingest.readers.image import read_image
from ingest.readers.ods import read_ods
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from ingest.readers.xls import read_xls
from ingest.readers.xlsx import read_xlsx

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    ".pdf": read_pdf,
    ".csv": read_csv,
    ".docx": read_docx,
    ".doc": read_doc,
    ".wps": read_wps,
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".xls": read_xls,
    ".ods": read_ods,
    ".html": read_html,
    ".htm": read_html,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}

SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def reader_for(path: Path) -> Reader:
    """Pick the reader for a file by its suffix."""
    try:
        return READERS[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormat(
            f"{path.name}: no reader for '{path.suffix or 'no suffix'}' files "
            f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"
        ) from None


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read one file into a Document."""
    reader = reader_for(path)
    if data is None:
        data = path.read_bytes()
    return reader(data, path.name)


def count_pages(path: Path) -> int:
    """Pages a file will take to read, for progress: a PDF's pages, an image's frames, 1 otherwise or on error."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(path)
            try:
                return max(1, len(pdf))
            finally:
                pdf.close()
        if READERS.get(suffix) is read_image:
            from PIL import Image

            with Image.open(path) as image:
                return max(1, getattr(image, "n_frames", 1))
    except Exception:  # an unreadable file is reported when it is parsed, not here
        return 1
    return 1
