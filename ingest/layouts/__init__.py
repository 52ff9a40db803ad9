"""Layout parsers: Document -> typed records. Pure functions: no I/O, no database."""

from __future__ import annotations

from ingest.document import Document, Table
from ingest.layouts.budget_tables import parse_budget_tables
from ingest.layouts.contents import is_table_of_contents
from ingest.layouts.department_goals import parse_department_goals
from ingest.layouts.document_meta import read_meta
from ingest.layouts.indicator_export import parse_indicator_exports
from ingest.layouts.narrative import parse_narrative_amounts
from ingest.layouts.performance_table import parse_performance_tables
from ingest.records import ParsedDocument, ParseIssue, SeenTable, TableCell


def parse_document(document: Document) -> ParsedDocument:
    """Run every layout over a document and account for each table block it holds."""
    export = parse_indicator_exports(document)
    performance = parse_performance_tables(
        document, skip_blocks=set(export.consumed_blocks), first_seq=len(export.projects) + 1
    )
    goals = parse_department_goals(document)
    budget = parse_budget_tables(document, skip_blocks=set(performance.consumed_blocks) | set(export.consumed_blocks))
    narrative = parse_narrative_amounts(document) if budget.tables else ()
    issues = [
        *(ParseIssue("info", warning) for warning in document.warnings),
        *export.issues,
        *performance.issues,
        *budget.issues,
    ]
    seen: list[SeenTable] = []
    cells: list[TableCell] = []
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            continue
        cells.extend(table_cells(len(seen) + 1, block))
        project_seq = performance.consumed_blocks.get(index)
        title = None
        if index in export.consumed_blocks:
            kind = "indicator_export"
            project_seq = export.consumed_blocks[index]
        elif project_seq is not None:
            kind = "project_performance"
        elif index in budget.blocks:
            kind = "budget_disclosure"
            table = budget.tables[budget.blocks[index] - 1]
            title = " ".join(part for part in (table.table_label, table.title) if part) or None
        elif is_table_of_contents(block):
            kind = "table_of_contents"
        else:
            kind = "unrecognised"
            header = _header_text(block) or ""
            issues.append(
                ParseIssue(
                    "warning",
                    f"table of {len(block.rows)} rows not recognised (kept whole in raw.table_cells): {header[:80]}",
                    None,
                    block.line,
                    block.page,
                    code="unrecognised_table",
                    subject=header[:200] or None,
                    block_seq=len(seen) + 1,
                )
            )
        seen.append(
            SeenTable(
                block_seq=len(seen) + 1,
                kind=kind,
                title=title,
                row_count=len(block.rows),
                project_table_seq=project_seq,
                first_line=block.line,
                page=block.page,
                sheet=block.sheet,
                header_text=_header_text(block),
            )
        )
    kinds = {table.kind for table in seen}
    projects = (*export.projects, *performance.projects)
    indicators = (*export.indicators, *performance.indicators)
    layouts = [kind for kind in ("project_performance", "indicator_export", "budget_disclosure") if kind in kinds]
    if goals:
        layouts.append("department_goals")
    return ParsedDocument(
        meta=read_meta(
            document,
            projects,
            indicators,
            hints={**performance.hints, **export.hints},
            has_budget_tables=bool(budget.tables),
        ),
        layouts=tuple(layouts),
        projects=projects,
        indicators=indicators,
        spending_plans=performance.spending_plans,
        budget_execution=performance.execution,
        department_tasks=performance.tasks,
        department_goals=goals,
        budget_tables=budget.tables,
        budget_lines=budget.lines,
        budget_amounts=budget.amounts,
        narrative_amounts=narrative,
        tables=tuple(seen),
        cells=tuple(cells),
        issues=tuple(issues),
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


def _header_text(table: Table) -> str | None:
    """The first row with text, as printed (" | " between non-blank cells)."""
    for row in table.rows:
        texts = [text.strip() for text in row.texts if text.strip()]
        if texts:
            return " | ".join(texts)[:500]
    return None
