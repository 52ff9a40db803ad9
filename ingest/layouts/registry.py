"""The layouts, in the order they are tried, and the one pass that runs them: segment, claim, parse, account.

A new template is a module with its Layout, a line here and its labels in ingest/vocabulary.csv.
"""

from __future__ import annotations

from ingest.document import Document, Table
from ingest.layouts.budget_tables import BudgetTables
from ingest.layouts.contents import AnnouncedTables, Contents
from ingest.layouts.department_goals import DepartmentGoals
from ingest.layouts.document_meta import DocumentFacts
from ingest.layouts.indicator_export import IndicatorExport
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


def parse_document(document: Document) -> ParsedDocument:
    """Read a document: its regions, each claimed by one layout and read by it; every table block accounted for."""
    regions = segment(document)
    layouts = [make() for make in REGISTRY]
    owners = {region.seq: claim(layouts, region) for region in regions}
    found = Found(
        issues=tuple(ParseIssue("info", warning) for warning in document.warnings)
        + tuple(
            ParseIssue("info", note.message, None, note.line, note.page, code=note.code, subject=note.subject)
            for note in document.notes
        )
    )
    for layout in layouts:
        for region in regions:
            if owners[region.seq] is layout:
                found = found + layout.parse(region, found)
        found = layout.finish(document, found)
    return _parsed(found, regions, owners)


def claim(layouts: list[Layout], region: Region) -> Layout | None:
    """The layout most sure the region is its template (the earlier on a tie), or None."""
    best: tuple[float, Layout] | None = None
    for layout in layouts:
        score = layout.detect(region)
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
