"""Tables of contents: dotted leaders and page numbers. They are not data tables."""

from __future__ import annotations

import re

from ingest.document import Table
from ingest.layouts.labels import compact
from ingest.layouts.layout import Found, Layout
from ingest.layouts.segment import Region, TableRegion

LEADER = re.compile(r"(\.{3,}|…{2,}|·{3,})")


def is_table_of_contents(table: Table) -> bool:
    """Most rows end in a page number and carry a dotted leader, or its first line is the heading 目录."""
    first = next((row for row in table.rows if any(text.strip() for text in row.texts)), None)
    if first is not None and compact("".join(first.texts)) == "目录":
        return True
    hits = 0
    for row in table.rows:
        cells = [text.strip() for text in row.texts if text.strip()]
        if len(cells) >= 2 and cells[-1].isdigit() and LEADER.search(cells[0]):
            hits += 1
    return hits >= max(2, len(table.rows) // 2)


class Contents(Layout):
    """A table of contents is claimed so it is accounted for, and read for nothing."""

    name = "table_of_contents"

    def detect(self, region: Region) -> float | None:
        return 1.0 if isinstance(region, TableRegion) and is_table_of_contents(region.pieces[0].table) else None

    def parse(self, region: Region, found: Found) -> Found:
        return Found()
