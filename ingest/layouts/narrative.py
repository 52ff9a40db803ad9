"""Amounts stated in a document's narrative (预算情况说明): claims the tables should agree with."""

from __future__ import annotations

import re

from ingest.document import Document, Paragraph, Table
from ingest.layouts.contents import is_table_of_contents
from ingest.records import NarrativeAmount

# An optional year (2026年收支总预算: the year is not part of the subject), then the subject, amount and unit.
CLAIM = re.compile(
    r"(?:\d{4}\s*年)?(“[^”]{2,30}”|[\u4e00-\u9fa5（）()]{2,24}?)\s*([0-9][0-9,]*(?:\.\d+)?)\s*(万元|千元|元)"
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


def parse_narrative_amounts(document: Document) -> tuple[NarrativeAmount, ...]:
    """Every 'subject + amount + unit' in paragraphs before the first data table, with its section and chapter."""
    claims: list[NarrativeAmount] = []
    section: str | None = None
    chapter: str | None = None
    seen_table = False
    for block in document.blocks:
        if isinstance(block, Table):
            seen_table = seen_table or len(block.rows) > 0 and not is_table_of_contents(block)
            continue
        if seen_table or not isinstance(block, Paragraph):
            continue
        text = block.text.strip()
        heading = SECTION.match(text)
        if heading and len(text) <= 40:
            section = heading.group(1).strip("。 ")
            if CHAPTER.match(text):
                chapter = section
            continue
        for sentence in SENTENCE_END.split(text):
            for match in CLAIM.finditer(sentence):
                claims.append(
                    NarrativeAmount(
                        claim_seq=len(claims) + 1,
                        subject=subject_of(match.group(1)),
                        amount=match.group(2),
                        amount_unit=match.group(3),
                        section=section,
                        sentence=sentence.strip()[:500],
                        line=block.line,
                        page=block.page,
                        chapter=chapter,
                    )
                )
    return tuple(claims)
