"""Tables of contents (dotted leaders and page numbers: not data tables), and the tables a document that prints none
announces: a 决算/预算 说明 web page whose tables are attachments lists them (目录, or 附件：1.收入支出决算总表
2.收入决算表).
"""

from __future__ import annotations

import re

from ingest.document import Document, Table
from ingest.layouts.labels import compact, once_per_reading
from ingest.layouts.layout import Found, Layout
from ingest.layouts.segment import Region, TableRegion
from ingest.records import TABLE_OF_CONTENTS, AnnouncedTable, ParseIssue

LEADER = re.compile(r"(\.{3,}|…{2,}|·{3,})")
PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")  # 第二部分 2024年度部门决算表: the part, not a table
# Where a line lists several: before each numbered item (1. 2、 三、 （四）), and at ； or ;.
ITEM_START = re.compile(r"\s+(?=[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?\s*[、.．])|[；;]")
NUMBERING = re.compile(
    r"^(?:[-*•]\s*)?(?:附件\s*\d*\s*[:：]?\s*)?(?:[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?\s*[、.．:：]?\s*)?"
)
TRAILER = re.compile(r"(?:[（(][^（()）]*[)）]|[.…·\s]+\d*|\s*\d+)$")  # （见附件）, a leader and a page number
POINTER = re.compile(r"^(?:详见|参见|见)")  # 详见附表: a pointer in a sentence, not a title
WHOLE_SET = re.compile(r"\d{4}\s*年度?(?:部门|单位)(?:决算|预算)(?:公开)?表$")  # XX局2024年度部门决算表: all of them
MAX_TITLE = 40


@once_per_reading
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


def prints_no_table(document: Document) -> bool:
    """A document whose only tables (if any) are tables of contents: its tables are attachments or elsewhere."""
    return all(is_table_of_contents(table) for table in document.tables())


class Contents(Layout):
    """A table of contents is claimed so it is accounted for, and read for nothing."""

    name = TABLE_OF_CONTENTS
    wants = "rows that mostly end in a page number after a dotted leader"

    def detect(self, region: Region) -> float | None:
        return 1.0 if isinstance(region, TableRegion) and is_table_of_contents(region.pieces[0].table) else None

    def parse(self, region: Region, found: Found) -> Found:
        return Found()


class AnnouncedTables(Layout):
    """In a document that prints no table: the tables it announces, and an info issue saying no table was printed.

    Claims no region; it reads the whole document once the narrative has been read (so the issue can count the
    amounts the narrative states).
    """

    name = "announced_tables"
    wants = "no region: a document printing no table, read whole after its narrative"

    def detect(self, region: Region) -> float | None:
        return None

    def parse(self, region: Region, found: Found) -> Found:
        return Found()

    def finish(self, document: Document, found: Found) -> Found:
        if not prints_no_table(document):
            return found
        entries = announced(document)
        claims = len(found["narrative_amounts"])
        if not entries and not claims:
            return found  # nothing read: the document fails as one with no known layout
        titles = "、".join(entry.title for entry in entries[:5]) + ("…" if len(entries) > 5 else "")
        issue = ParseIssue(
            "info",
            f"no table printed: {len(entries)} tables announced" + (f" ({titles})" if entries else "")
            + f", {claims} amounts stated in the narrative; the tables are attachments or printed elsewhere",
            code="no_tables_printed",
        )  # fmt: skip
        layouts = (self.name,) if entries else ()
        more = Found(records={"announced_tables": tuple(entries)}, issues=(issue,), layouts=layouts)
        return found + more


def announced(document: Document) -> list[AnnouncedTable]:
    """The table titles a document lists: in its paragraphs and tables of contents, each once, in order."""
    lines = [(paragraph.text, paragraph.line, paragraph.page) for paragraph in document.paragraphs()]
    for table in document.tables():
        lines.extend((" ".join(text for text in row.texts if text.strip()), row.line, row.page) for row in table.rows)
    lines.sort(key=lambda line: (line[2] or 0, line[1] or 0))
    entries: list[AnnouncedTable] = []
    seen: set[str] = set()
    for text, line, page in lines:
        for title in _titles(text):
            if compact(title) not in seen:
                seen.add(compact(title))
                entries.append(AnnouncedTable(len(entries) + 1, title, line, page))
    return entries


def _titles(text: str) -> list[str]:
    """The table titles a line lists: 附件：1.收入支出决算总表 2.收入决算表 -> [收入支出决算总表, 收入决算表]."""
    text = text.strip()
    if PART.match(text):
        return []
    titles = []
    for item in ITEM_START.split(text):
        title = NUMBERING.sub("", item.strip())
        previous = None
        while previous != title:
            previous, title = title, TRAILER.sub("", title).strip()
        if (
            title.endswith("表")
            and 4 <= len(title) <= MAX_TITLE
            and not POINTER.match(title)
            and not WHOLE_SET.search(title)
            and "。" not in title
        ):
            titles.append(title)
    return titles
