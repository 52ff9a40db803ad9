"""One pass over a Document: its regions in reading order, each a table with the text above it, or a run of text.

A table region is one table block, or several printed one after another: `continues` is the one rule that joins a
table to the region before it (nothing but page numbers between them: a table that goes on over a page break, or a
header block and its indicator grid printed as two tables). A text region is a run of paragraphs between tables,
cut at each section heading (`一、`, `二、分项绩效目标`), so that a section is read by the one layout it belongs to.
Layouts claim regions (ingest/layouts/registry.py); segmenting knows no layout.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.document import Document, Paragraph, Row, Table, is_page_marker
from ingest.layouts.labels import compact
from ingest.layouts.preamble import SECTION


@dataclass(frozen=True)
class Piece:
    """A table block of a region, with its position among the document's blocks."""

    index: int
    table: Table

    @property
    def width(self) -> int:
        return max((len(row.cells) for row in self.table.rows), default=0)


@dataclass(frozen=True)
class TableRegion:
    """A table, or a table and its continuations, with the text printed above it and the paragraph right after."""

    seq: int
    pieces: tuple[Piece, ...]
    above: tuple[Paragraph, ...]  # every paragraph since the table region before, page numbers left out
    below: Paragraph | None = None  # the paragraph printed right after the last piece (a 注： note)

    def rows(self) -> Iterator[tuple[Piece, Row]]:
        """Every row of every piece, in reading order, with the piece it is in."""
        for piece in self.pieces:
            for row in piece.table.rows:
                yield piece, row


@dataclass(frozen=True)
class TextRegion:
    """A run of paragraphs between tables, from one section heading to the next."""

    seq: int
    paragraphs: tuple[Paragraph, ...]


Region = TableRegion | TextRegion


def continues(between: Sequence[Paragraph]) -> bool:
    """Whether a table goes on with the table region before it: only page numbers are printed between them."""
    return all(_is_page_number(paragraph) for paragraph in between)


def keeps_columns(piece: Piece, width: int) -> bool:
    """Whether a table that goes on from another is read with that table's columns: it is as wide.

    Layouts that read columns by position (budget tables, indicator exports) ask this of each continuation.
    """
    return piece.width == width


def repeated_header_rows(table: Table, header: Sequence[Sequence[str]]) -> int:
    """How many of a region's header rows a continuation repeats at its top (after a page break)."""
    count = 0
    for row, printed in zip(table.rows, header, strict=False):
        if [compact(text) for text in row.texts] != [compact(text) for text in printed]:
            break
        count += 1
    return count


def segment(document: Document) -> list[Region]:
    """The document's regions in reading order."""
    regions: list[Region] = []
    pieces: list[Piece] = []  # the open table region
    above: tuple[Paragraph, ...] = ()
    between: list[Paragraph] = []  # paragraphs since the last table block
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            between.append(block)
            continue
        if pieces and continues(between):
            pieces.append(Piece(index, block))
            between = []
            continue
        if pieces:
            regions.append(_table_region(len(regions) + 1, pieces, above, document))
        regions.extend(_text_regions(len(regions) + 1, between))
        above = tuple(paragraph for paragraph in between if not _is_page_number(paragraph))
        pieces, between = [Piece(index, block)], []
    if pieces:
        regions.append(_table_region(len(regions) + 1, pieces, above, document))
    regions.extend(_text_regions(len(regions) + 1, between))
    return regions


def _table_region(seq: int, pieces: list[Piece], above: tuple[Paragraph, ...], document: Document) -> TableRegion:
    after = pieces[-1].index + 1
    below = document.blocks[after] if after < len(document.blocks) else None
    return TableRegion(seq, tuple(pieces), above, below if isinstance(below, Paragraph) else None)


def _is_page_number(paragraph: Paragraph) -> bool:
    return is_page_marker(paragraph.text) and bool(paragraph.text.strip())


def _text_regions(first_seq: int, paragraphs: list[Paragraph]) -> list[TextRegion]:
    """A run of paragraphs, cut at each section heading."""
    runs: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        if not runs or SECTION.match(paragraph.text.strip()):
            runs.append([])
        runs[-1].append(paragraph)
    return [TextRegion(first_seq + offset, tuple(run)) for offset, run in enumerate(runs)]
