"""The format-neutral document model every reader produces and every layout parser reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# A line that is only a page number: "- 3 -", "3", "第 3 页", "第3页 共12页", "3/12".
PAGE_MARKER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[,，/]?\s*共?\s*\d+\s*页?)?[-—–\s]*$")


def is_page_marker(text: str) -> bool:
    """True for a page number printed on its own line (readers and layouts skip it alike)."""
    return bool(PAGE_MARKER.match(text.strip()))


@dataclass(frozen=True)
class Cell:
    """One table cell as printed, with the source line (text exports) it came from."""

    text: str
    line: int | None = None
    confidence: float | None = None  # recognition confidence where the text was read from an image


@dataclass(frozen=True)
class Row:
    """One table row: cells in column order; merged cells repeat or stay blank as the format gives them."""

    cells: tuple[Cell, ...]
    line: int | None = None
    page: int | None = None

    @property
    def texts(self) -> list[str]:
        return list(self._texts)

    @cached_property
    def _texts(self) -> tuple[str, ...]:  # layouts ask every row for its texts many times
        return tuple(cell.text for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A grid of rows as one format reader saw it (a layout may stitch several together)."""

    rows: tuple[Row, ...]
    line: int | None = None
    page: int | None = None
    position: int | None = None  # the table's order on its page, for formats with pages
    sheet: str | None = None  # the worksheet's name, for spreadsheets (page is then the sheet's ordinal)


@dataclass(frozen=True)
class Paragraph:
    """A run of text outside tables; heading_level is set where the format marks headings."""

    text: str
    line: int | None = None
    page: int | None = None
    heading_level: int | None = None
    confidence: float | None = None  # recognition confidence where the text was read from an image
    sheet: str | None = None


Block = Paragraph | Table


@dataclass(frozen=True)
class Note:
    """Something a reader noticed at one place of the file (a formula kept as its text): an info issue with a code."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Document:
    """What a reader made of one file: its blocks in reading order."""

    file_name: str
    format: str
    blocks: tuple[Block, ...]
    page_count: int | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]
