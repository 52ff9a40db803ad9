"""The Layout protocol every template reader follows, and Found, what the layouts of one document have read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ingest.document import Document
from ingest.layouts.segment import Piece, Region
from ingest.records import DocumentMeta, ParseIssue


@dataclass(frozen=True)
class Found:
    """Records read so far, by the ParsedDocument field they go to ("projects", "budget_lines", ...), with their
    issues, hints for the document's facts, and what became of each table block (by its index in the document)."""

    records: Mapping[str, tuple] = field(default_factory=dict)
    issues: tuple[ParseIssue, ...] = ()
    hints: Mapping[str, str] = field(default_factory=dict)  # the first value of a key wins
    table_seqs: Mapping[int, int] = field(default_factory=dict)  # block -> the project table it holds
    titles: Mapping[int, str] = field(default_factory=dict)  # block -> the title of the table it holds
    layouts: tuple[str, ...] = ()  # the layouts the document holds (documents.layouts)
    meta: DocumentMeta | None = None

    def __getitem__(self, name: str) -> tuple:
        return self.records.get(name, ())

    def __add__(self, more: Found) -> Found:
        records = dict(self.records)
        for name, items in more.records.items():
            records[name] = (*records.get(name, ()), *items)
        return Found(
            records=records,
            issues=self.issues + more.issues,
            hints={**more.hints, **self.hints},
            table_seqs={**self.table_seqs, **more.table_seqs},
            titles={**self.titles, **more.titles},
            layouts=self.layouts + tuple(name for name in more.layouts if name not in self.layouts),
            meta=more.meta or self.meta,
        )


class Layout(Protocol):
    """A template reader, made afresh for each document.

    `detect` is offered every region in reading order (so a layout may follow the document as it goes) and says how
    sure the layout is that the region is its template: None for not at all, 1.0 for a generic template, more for
    one that refines another. The registry gives each region to the layout most sure of it (the earlier in the
    registry on a tie), so each region is read by exactly one layout and its kind is that layout's name. `parse`
    reads a region given to it, knowing what was found before (numbering goes on from there); `finish` runs after
    the layout's last region.
    """

    name: str
    wants: str = ""  # what detect looks for, in an analyst's words (ingest-explain prints it beside a None)

    def detect(self, region: Region) -> float | None: ...

    def parse(self, region: Region, found: Found) -> Found: ...

    def finish(self, document: Document, found: Found) -> Found:
        return found


def unread(piece: Piece, what: str) -> ParseIssue:
    """A table block in a claimed region that does not go on with the table above it: reported, kept whole."""
    table = piece.table
    return ParseIssue(
        "warning",
        f"table of {len(table.rows)} rows printed right after {what} but not its continuation (another width, no "
        "header of its own): not read (kept whole in raw.table_cells)",
        None,
        table.line,
        table.page,
        code="unrecognised_table",
    )
