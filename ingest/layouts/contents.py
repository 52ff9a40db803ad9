"""Tables of contents: dotted leaders and page numbers. They are not data tables."""

from __future__ import annotations

import re

from ingest.document import Table

LEADER = re.compile(r"(\.{3,}|…{2,}|·{3,})")


def is_table_of_contents(table: Table) -> bool:
    """Most rows end in a page number and carry a dotted leader."""
    hits = 0
    for row in table.rows:
        cells = [text.strip() for text in row.texts if text.strip()]
        if len(cells) >= 2 and cells[-1].isdigit() and LEADER.search(cells[0]):
            hits += 1
    return hits >= max(2, len(table.rows) // 2)
