"""部门预算公开 tables (预算公开表1-10): recognised and titled so none is skipped silently."""

from __future__ import annotations

import re

from ingest.document import Document, Paragraph, Table
from ingest.layouts.labels import norm

TABLE_MARK = re.compile(r"^预算公开表\s*(\d+)$")
BUDGET_HEADER_WORDS = ("科目编码", "预算数", "项目类型", "本年收入", "功能分类", "经济分类", "三公")


def budget_table_titles(document: Document) -> dict[int, str]:
    """Map block index -> title for tables that look like budget disclosure tables."""
    titles: dict[int, str] = {}
    mark: str | None = None
    title: str | None = None
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            marked = TABLE_MARK.match(norm(text))
            if marked:
                mark, title = f"预算公开表{marked.group(1)}", None
            elif text.endswith("表") and len(text) <= 40:
                title = text
            continue
        if not isinstance(block, Table):
            continue
        header = " ".join(norm(cell) for row in block.rows[:3] for cell in row.texts)
        if mark or any(word in header for word in BUDGET_HEADER_WORDS):
            titles[index] = " ".join(part for part in (mark, title) if part) or "budget table"
            mark = None
    return titles
