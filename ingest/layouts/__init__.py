"""Layout parsers: Document -> typed records. Pure functions: no I/O, no database."""

from __future__ import annotations

from ingest.document import Document, Table
from ingest.layouts.budget_tables import parse_budget_tables
from ingest.layouts.contents import is_table_of_contents
from ingest.layouts.department_goals import parse_department_goals
from ingest.layouts.document_meta import read_meta
from ingest.layouts.narrative import parse_narrative_amounts
from ingest.layouts.performance_table import parse_performance_tables
from ingest.records import ParsedDocument, ParseIssue, SeenTable


def parse_document(document: Document) -> ParsedDocument:
    """Run every layout over a document and account for each table block it holds."""
    performance = parse_performance_tables(document)
    goals = parse_department_goals(document)
    budget = parse_budget_tables(document, skip_blocks=set(performance.consumed_blocks))
    narrative = parse_narrative_amounts(document) if budget.tables else ()
    issues = [*(ParseIssue("info", warning) for warning in document.warnings), *performance.issues, *budget.issues]
    seen: list[SeenTable] = []
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            continue
        project_seq = performance.consumed_blocks.get(index)
        title = None
        if project_seq is not None:
            kind = "project_performance"
        elif index in budget.blocks:
            kind = "budget_disclosure"
            table = budget.tables[budget.blocks[index] - 1]
            title = " ".join(part for part in (table.table_label, table.title) if part) or None
        elif is_table_of_contents(block):
            kind = "table_of_contents"
        else:
            kind = "unrecognised"
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
        budget_tables=budget.tables,
        budget_lines=budget.lines,
        budget_amounts=budget.amounts,
        narrative_amounts=narrative,
        tables=tuple(seen),
        issues=tuple(issues),
    )
