"""Amounts stated in a document's narrative (预算情况说明): claims the tables should agree with."""

from __future__ import annotations

import re

from ingest.document import Document, Paragraph, Table
from ingest.layouts.contents import is_table_of_contents
from ingest.records import NarrativeAmount

CLAIM = re.compile(r"(“[^”]{2,30}”|[\u4e00-\u9fa5（）()]{2,24}?)\s*([0-9][0-9,]*(?:\.\d+)?)\s*(万元|千元|元)")
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*(.+)$")
SENTENCE_END = re.compile(r"(?<=[。；;])")


def parse_narrative_amounts(document: Document) -> tuple[NarrativeAmount, ...]:
    """Every 'subject + amount + unit' in paragraphs before the first data table, with its section heading."""
    claims: list[NarrativeAmount] = []
    section: str | None = None
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
            continue
        for sentence in SENTENCE_END.split(text):
            for match in CLAIM.finditer(sentence):
                subject = match.group(1).strip("“”")
                claims.append(
                    NarrativeAmount(
                        claim_seq=len(claims) + 1,
                        subject=subject,
                        amount=match.group(2),
                        amount_unit=match.group(3),
                        section=section,
                        sentence=sentence.strip()[:500],
                        line=block.line,
                        page=block.page,
                    )
                )
    return tuple(claims)
