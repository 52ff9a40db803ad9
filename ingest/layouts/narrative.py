"""Amounts stated in a document's narrative (预算情况说明): claims the tables should agree with."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.document import Document
from ingest.layouts.contents import is_table_of_contents, prints_no_table
from ingest.layouts.layout import Found, Layout
from ingest.layouts.segment import Region, TableRegion, TextRegion
from ingest.records import NarrativeAmount

# An optional year (2026年收支总预算: the year is not part of the subject), then the subject, amount and unit.
CLAIM = re.compile(
    r"(?:\d{4}\s*年度?)?(“[^”]{2,30}”|[\u4e00-\u9fa5（）()]{2,24}?)\s*([0-9][0-9,]*(?:\.\d+)?)\s*(万元|千元|元)"
)
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*(.+)$")
CHAPTER = re.compile(r"^[一二三四五六七八九十]+、\s*(.+)$")
SENTENCE_END = re.compile(r"(?<=[。；;])")
# Words that introduce a list, not part of its first item: 包括办公费2.50万元 -> 办公费.
LEADING_CONNECTIVE = re.compile(r"^(?:主要包括|包括|其中|分别为|分别是|含)[：:]?")
# A subject that starts after a count (1家行政单位以及0家参公管理事业单位的机关运行经费) is what follows its 的.
COUNTED_PREFIX = re.compile(r"^[家个项名人辆台套][^的]*的")


def subject_of(printed: str) -> str:
    """The whole subject of a claim: quotes, a leading list word and a counted prefix removed."""
    subject = printed.strip("“”")
    subject = LEADING_CONNECTIVE.sub("", subject)
    return COUNTED_PREFIX.sub("", subject) or subject


class Narrative(Layout):
    """Every 'subject + amount + unit' the text before the first data table states, with its section and chapter."""

    name = "narrative"
    wants = "text before the first data table stating an amount (subject, amount, 万元/元)"

    def __init__(self) -> None:
        self.after_data = False  # a data table (not a table of contents) has been passed
        self.heading: tuple[str | None, str | None] = (None, None)  # the section and chapter headings last passed
        self.headings_at: dict[int, tuple[str | None, str | None]] = {}  # region -> the headings it starts under

    def detect(self, region: Region) -> float | None:
        if isinstance(region, TableRegion):
            tables = (piece.table for piece in region.pieces)
            self.after_data = self.after_data or any(len(t.rows) > 0 and not is_table_of_contents(t) for t in tables)
            return None
        if self.after_data:
            return None
        self.headings_at[region.seq] = self.heading
        for paragraph in region.paragraphs:
            self.heading = _under(paragraph.text.strip(), self.heading)
        return 1.0 if any(CLAIM.search(paragraph.text) for paragraph in region.paragraphs) else None

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TextRegion)
        claims: list[NarrativeAmount] = []
        first_seq = len(found["narrative_amounts"]) + 1
        heading = self.headings_at[region.seq]
        for paragraph in region.paragraphs:
            text = paragraph.text.strip()
            if _heading(text):
                heading = _under(text, heading)
                continue
            for sentence in SENTENCE_END.split(text):
                for match in CLAIM.finditer(sentence):
                    claims.append(
                        NarrativeAmount(
                            claim_seq=first_seq + len(claims),
                            subject=subject_of(match.group(1)),
                            amount=match.group(2),
                            amount_unit=match.group(3),
                            section=heading[0],
                            sentence=sentence.strip()[:500],
                            line=paragraph.line,
                            page=paragraph.page,
                            chapter=heading[1],
                        )
                    )
        return Found(records={"narrative_amounts": tuple(claims)})

    def finish(self, document: Document, found: Found) -> Found:
        """Claims are checked against budget tables: without any, none is kept; but a document that prints no table
        at all (a 说明 whose tables are attachments) keeps its claims, what it states."""
        if found["budget_tables"]:
            return found
        if found["narrative_amounts"] and prints_no_table(document):
            return found + Found(layouts=(self.name,))
        return replace(found, records={**found.records, "narrative_amounts": ()})


def _heading(text: str) -> re.Match[str] | None:
    heading = SECTION.match(text)
    return heading if heading and len(text) <= 40 else None


def _under(text: str, heading: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """The section and chapter a paragraph leaves the text under: a heading (一、 or （一）) starts a section."""
    found = _heading(text)
    if found is None:
        return heading
    section = found.group(1).strip("。 ")
    return section, section if CHAPTER.match(text) else heading[1]
