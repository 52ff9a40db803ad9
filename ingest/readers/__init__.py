"""Format readers: bytes -> Document. Only these modules open files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.document import Document
from ingest.errors import UnsupportedFormat
from ingest.readers.text import read_text

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
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
