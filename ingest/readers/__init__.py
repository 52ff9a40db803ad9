"""Format readers: bytes -> Document. Only these modules open files."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ingest.document import Document
from ingest.errors import UnsupportedFormat

Reader = Callable[[bytes, str], Document]

# Suffix -> (module of ingest.readers, its reader): a module is imported when a file of its format is read, so a
# run over text exports does not load the PDF, OCR and office libraries.
READERS: dict[str, tuple[str, str]] = {
    ".pdf": ("pdf", "read_pdf"),
    ".csv": ("delimited", "read_csv"),
    ".docx": ("docx", "read_docx"),
    ".doc": ("doc", "read_doc"),
    ".wps": ("doc", "read_wps"),
    ".txt": ("text", "read_text"),
    ".md": ("text", "read_text"),
    ".markdown": ("text", "read_text"),
    ".xlsx": ("xlsx", "read_xlsx"),
    ".xlsm": ("xlsx", "read_xlsx"),
    ".xls": ("xls", "read_xls"),
    ".ods": ("ods", "read_ods"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".png": ("image", "read_image"),
    ".jpg": ("image", "read_image"),
    ".jpeg": ("image", "read_image"),
    ".tif": ("image", "read_image"),
    ".tiff": ("image", "read_image"),
}

SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def reader_for(path: Path) -> Reader:
    """Pick the reader for a file by its suffix."""
    try:
        module, name = READERS[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormat(
            f"{path.name}: no reader for '{path.suffix or 'no suffix'}' files "
            f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"
        ) from None
    return getattr(importlib.import_module(f"ingest.readers.{module}"), name)


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
        if READERS.get(suffix, ("",))[0] == "image":
            from PIL import Image

            with Image.open(path) as image:
                return max(1, getattr(image, "n_frames", 1))
    except Exception:  # an unreadable file is reported when it is parsed, not here
        return 1
    return 1
