"""Layout parsers: Document -> typed records. Pure functions: no I/O, no database."""

from __future__ import annotations

from ingest.document import Document, Table
from ingest.layouts.budget_tables import budget_table_titles
from ingest.layouts.contents import is_table_of_contents
from ingest.layouts.department_goals import parse_department_goals
from ingest.layouts.document_meta import read_meta
from ingest.layouts.performance_table import parse_performance_tables
from ingest.records import ParsedDocument, ParseIssue, SeenTable


def parse_document(document: Document) -> ParsedDocument:
    """Run every layout over a document and account for each table block it holds."""
    performance = parse_performance_tables(document)
    goals = parse_department_goals(document)
    budget_titles = budget_table_titles(document)
    issues = list(performance.issues)
    seen: list[SeenTable] = []
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            continue
        project_seq = performance.consumed_blocks.get(index)
        if project_seq is not None:
            kind, title = "project_performance", None
        elif is_table_of_contents(block):
            kind, title = "table_of_contents", None
        elif index in budget_titles:
            kind, title = "budget_disclosure", budget_titles[index]
            issues.append(
                ParseIssue(
                    "info", f"budget disclosure table '{title}' seen; not loaded yet", None, block.line, block.page
                )
            )
        else:
            kind, title = "unrecognised", None
            first = " | ".join(cell for cell in block.rows[0].texts if cell)[:80]
            issues.append(
                ParseIssue(
                    "warning", f"table of {len(block.rows)} rows not recognised: {first}", None, block.line, block.page
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
            )
        )
    kinds = {table.kind for table in seen}
    layouts = [kind for kind in ("project_performance", "budget_disclosure") if kind in kinds]
    if goals:
        layouts.append("department_goals")
    return ParsedDocument(
        meta=read_meta(document, performance.projects, performance.indicators),
        layouts=tuple(layouts),
        projects=performance.projects,
        indicators=performance.indicators,
        spending_plans=performance.spending_plans,
        department_goals=goals,
        tables=tuple(seen),
        issues=tuple(issues),
    )
