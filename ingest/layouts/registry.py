"""The layouts, in the order they are tried, and the one pass that runs them: segment, claim, parse, account.

A new template is a module with its Layout, a line here and its labels in ingest/vocabulary.csv.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field

from ingest.document import Document, Table
from ingest.layouts.budget_tables import BudgetTables
from ingest.layouts.contents import AnnouncedTables, Contents
from ingest.layouts.department_goals import DepartmentGoals
from ingest.layouts.document_meta import DocumentFacts
from ingest.layouts.indicator_export import IndicatorExport
from ingest.layouts.labels import fixed_vocabulary
from ingest.layouts.layout import Found, Layout
from ingest.layouts.monitoring import ProjectMonitoring
from ingest.layouts.narrative import Narrative
from ingest.layouts.performance import PerformanceTables
from ingest.layouts.segment import Region, TableRegion, segment
from ingest.records import ParsedDocument, ParseIssue, SeenTable, TableCell

REGISTRY: tuple[type[Layout], ...] = (
    IndicatorExport,  # indicator_export: one row per indicator, the project repeated on each
    PerformanceTables,  # project_performance: target and self-evaluation tables
    ProjectMonitoring,  # project_monitoring: mid-year 绩效运行监控表 (target tables with progress and forecast)
    BudgetTables,  # budget_disclosure: 部门预算 and 部门决算 tables
    Contents,  # table_of_contents
    Narrative,  # amounts the budget narrative states
    AnnouncedTables,  # announced_tables: in a document printing no table, the tables it announces (claims no region)
    DepartmentGoals,  # 部门整体绩效目标 sections
    DocumentFacts,  # issuer, year and kind, from the document's head and what the others found
)
UNRECOGNISED = "unrecognised"


@dataclass(frozen=True)
class Reading:
    """One pass over a document kept whole, for `ingest-explain` (ingest/explain/): the regions, every layout's
    score for each (in REGISTRY order, None for "not my template"), the layout that claimed each, what its parse
    returned for the region, and the parsed document."""

    regions: tuple[Region, ...]
    layouts: tuple[Layout, ...]
    scores: Mapping[int, tuple[float | None, ...]]  # region seq -> each layout's score
    owners: Mapping[int, Layout | None]  # region seq -> the layout that claimed it
    made: Mapping[int, Found]  # region seq -> what the owner's parse returned for it
    parsed: ParsedDocument
    failed: Mapping[int, str] = field(default_factory=dict)  # region seq -> the error its parse raised (keep_going)


def parse_document(document: Document) -> ParsedDocument:
    """Read a document: its regions, each claimed by one layout and read by it; every table block accounted for."""
    return read(document).parsed


def read(document: Document, keep_going: bool = False) -> Reading:
    """Parse a document, keeping what each step decided about each region. keep_going (ingest-explain): a region
    whose parse raises is read as nothing and its error kept, so the rest of the document can still be shown;
    ingest lets the error fail the document."""
    with fixed_vocabulary():
        return _read(document, keep_going)


def _read(document: Document, keep_going: bool) -> Reading:
    regions = segment(document)
    layouts = [make() for make in REGISTRY]
    scores = {region.seq: detect_all(layouts, region) for region in regions}
    owners = {seq: _most_sure(layouts, found) for seq, found in scores.items()}
    found = Found(
        issues=tuple(ParseIssue("info", warning) for warning in document.warnings)
        + tuple(
            ParseIssue("info", note.message, None, note.line, note.page, code=note.code, subject=note.subject)
            for note in document.notes
        )
    )
    made: dict[int, Found] = {}
    failed: dict[int, str] = {}
    for layout in layouts:
        for region in regions:
            if owners[region.seq] is layout:
                try:
                    made[region.seq] = layout.parse(region, found)
                except Exception as error:
                    if not keep_going:
                        raise
                    made[region.seq], failed[region.seq] = Found(), _raised(error)
                found = found + made[region.seq]
        found = layout.finish(document, found)
    return Reading(tuple(regions), tuple(layouts), scores, owners, made, _parsed(found, regions, owners), failed)


def _raised(error: Exception) -> str:
    """An error in one line, with where it was raised: IndexError: list index out of range (budget_tables.py:263)."""
    frames = traceback.extract_tb(error.__traceback__)
    frame = next((frame for frame in reversed(frames) if not frame.name.startswith("<")), frames[-1])
    return f"{type(error).__name__}: {error} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name})"


def detect_all(layouts: list[Layout], region: Region) -> tuple[float | None, ...]:
    """Each layout's score for the region, in order (every layout sees every region: a layout may follow the
    document as it goes)."""
    return tuple(layout.detect(region) for layout in layouts)


def claim(layouts: list[Layout], region: Region) -> Layout | None:
    """The layout most sure the region is its template (the earlier on a tie), or None."""
    return _most_sure(layouts, detect_all(layouts, region))


def _most_sure(layouts: list[Layout], scores: tuple[float | None, ...]) -> Layout | None:
    best: tuple[float, Layout] | None = None
    for layout, score in zip(layouts, scores, strict=True):
        if score is not None and (best is None or score > best[0]):
            best = (score, layout)
    return best[1] if best else None


def _parsed(found: Found, regions: list[Region], owners: dict[int, Layout | None]) -> ParsedDocument:
    seen: list[SeenTable] = []
    cells: list[TableCell] = []
    issues = list(found.issues)
    for region in regions:
        if not isinstance(region, TableRegion):
            continue
        owner = owners[region.seq]
        for piece in region.pieces:
            block_seq = len(seen) + 1
            table = piece.table
            cells.extend(table_cells(block_seq, table))
            header = header_text(table)
            if owner is None:
                issues.append(_unrecognised(block_seq, table, header))
            seen.append(
                SeenTable(
                    block_seq=block_seq,
                    kind=owner.name if owner else UNRECOGNISED,
                    title=found.titles.get(piece.index),
                    row_count=len(table.rows),
                    project_table_seq=found.table_seqs.get(piece.index),
                    first_line=table.line,
                    page=table.page,
                    sheet=table.sheet,
                    header_text=header,
                )
            )
    assert found.meta is not None, "DocumentFacts finishes every parse"
    return ParsedDocument(
        meta=found.meta,
        layouts=found.layouts,
        **found.records,
        tables=tuple(seen),
        cells=tuple(cells),
        issues=tuple(issues),
    )


def _unrecognised(block_seq: int, table: Table, header: str | None) -> ParseIssue:
    header = header or ""
    return ParseIssue(
        "warning",
        f"table of {len(table.rows)} rows not recognised (kept whole in raw.table_cells): {header[:80]}",
        None,
        table.line,
        table.page,
        code="unrecognised_table",
        subject=header[:200] or None,
        block_seq=block_seq,
    )


def table_cells(block_seq: int, table: Table) -> list[TableCell]:
    """Every non-blank cell of a table block, with its row and column (1-based) and provenance.

    A blank cell with a confidence is kept too: a scanned cell that held marks but gave no text (so it can be
    reported, not silently read as empty).
    """
    return [
        TableCell(block_seq, row_seq, column_seq, cell.text, row.page, cell.line or row.line, cell.confidence)
        for row_seq, row in enumerate(table.rows, start=1)
        for column_seq, cell in enumerate(row.cells, start=1)
        if cell.text.strip() or cell.confidence is not None
    ]


def header_text(table: Table) -> str | None:
    """The first row with text, as printed (" | " between non-blank cells)."""
    for row in table.rows:
        texts = [text.strip() for text in row.texts if text.strip()]
        if texts:
            return " | ".join(texts)[:500]
    return None
