"""Amounts stated in a document's narrative (预算情况说明): claims the tables should agree with."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ingest.document import Document, Paragraph, is_page_marker
from ingest.layouts.contents import is_table_of_contents, prints_no_table
from ingest.layouts.layout import Found, Layout
from ingest.layouts.segment import Region, TableRegion, TextRegion
from ingest.records import NarrativeAmount

# An optional year (2026年收支总预算: the year is not part of the subject), then the subject, amount and unit.
# The subject may be a path of functional classes, each with its level and perhaps its code:
# 公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元; or begin with a short quoted word: “三公”经费预算数为.
LEVEL = r"[（(]\d{0,7}(?:类|款|项)[)）]"
PATH = rf"(?:[\u4e00-\u9fa5]{{1,24}}{LEVEL}){{1,3}}"
CLAIM = re.compile(
    r"(?:\d{4}\s*年度?)?"
    rf"(“[^”]{{2,60}}”(?:科目)?|{PATH}|(?:“[^”]{{1,10}}”)?[\u4e00-\u9fa5（）()]{{2,24}}?)"
    r"\s*([0-9][0-9,]*(?:\.\d+)?)\s*(万元|千元|元)"
)
CLASS_NAMED = re.compile(PATH)
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*(.+)$")
CHAPTER = re.compile(r"^[一二三四五六七八九十]+、\s*(.+)$")
PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*(.+)$")  # 第四部分 名词解释: a part of the document
TITLE = re.compile(r"^([^：:，,。；;]{2,38}说明)$")
SENTENCE_END = re.compile(r"(?<=[。；;])")
# A line that ends without a stop, long enough to be running text (not a title): a PDF line the sentence goes on
# from, read with the next line (本年收入合计 | 9746.50万元 is one claim).
RUNS_ON = re.compile(r"^.{20,}[^。；;！？!?：:]$")
# After the tables, a heading that opens the narrative again: a 决算's 第三部分 ...情况说明 (or its title's last line,
# 说明), or any short heading ending in 说明.
NARRATIVE_AGAIN = re.compile(r"^[^：:，,。；;]{0,38}说明$")
# A sentence of its own that introduces a list (财政拨款支出主要内容如下：): what the list's amounts are amounts of.
LEAD_IN = re.compile(r"^[^。；;！？!?：:]{2,38}(?:如下|以下(?:几个)?方面|以下内容)[：:]$")
# Words that introduce a list, not part of its first item: 包括办公费2.50万元 -> 办公费.
LEADING_CONNECTIVE = re.compile(r"^(?:主要包括|包括|其中|分别为|分别是|含)[：:]?")
# A quoted subject, perhaps followed by 科目 (“一般公共服务支出（类）…（项）”科目43.83万元): what the quotes hold.
QUOTED = re.compile(r"^“([^”]+)”(?:科目)?$")
# A list item's number before the subject: （一）因公出国（境）费0万元 -> 因公出国（境）费.
ITEM_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
# The end of a bracket the subject starts inside (比2022年（上一年度，下同）预算增加 -> 预算增加).
UNOPENED_BRACKET = re.compile(r"^[^（(]*[）)]")
# A subject that starts after a count (1家行政单位以及0家参公管理事业单位的机关运行经费) is what follows its 的.
COUNTED_PREFIX = re.compile(r"^[家个项名人辆台套][^的]*的")


def subject_of(printed: str) -> str:
    """The whole subject of a claim: quotes, the end of a bracket it starts inside, a list item's number, a leading
    list word and a counted prefix removed."""
    subject = UNOPENED_BRACKET.sub("", QUOTED.sub(r"\1", printed)) or printed
    subject = LEADING_CONNECTIVE.sub("", ITEM_NUMBER.sub("", subject))
    return COUNTED_PREFIX.sub("", subject) or subject


class Narrative(Layout):
    """Every 'subject + amount + unit' the narrative states, with its section and chapter: the text before the first
    data table, and after the tables from a heading ending in 说明 (a 决算's 第三部分 情况说明) to the next table."""

    name = "narrative"
    wants = "text stating an amount (subject, amount, 万元/元): before the first data table, or after a 说明 heading"

    def __init__(self) -> None:
        self.after_data = False  # a data table (not a table of contents) has been passed, and no 说明 heading since
        self.heading: Heading = (None, None, None)  # the section, chapter and lead-in last passed
        self.headings_at: dict[int, Heading] = {}  # region -> the headings it starts under
        self.read_from: dict[int, int] = {}  # region -> its first paragraph in the narrative

    def detect(self, region: Region) -> float | None:
        if isinstance(region, TableRegion):
            tables = (piece.table for piece in region.pieces)
            self.after_data = self.after_data or any(len(t.rows) > 0 and not is_table_of_contents(t) for t in tables)
            return None
        start = 0
        if self.after_data:
            again = [i for i, paragraph in enumerate(region.paragraphs) if _opens_narrative(paragraph.text)]
            if not again:
                return None
            self.after_data, start = False, again[0]
            self.heading = (None, None, None)
        self.headings_at[region.seq], self.read_from[region.seq] = self.heading, start
        paragraphs = region.paragraphs[start:]
        for paragraph in paragraphs:
            self.heading = _under(paragraph.text.strip(), self.heading)
        return 1.0 if any(CLAIM.search(text) for text, _ in _runs(paragraphs)) else None

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TextRegion)
        claims: list[NarrativeAmount] = []
        first_seq = len(found["narrative_amounts"]) + 1
        heading = self.headings_at[region.seq]
        last_named: str | None = None  # the class the section last named (a path: 行政运行（01项）)
        for text, lines in _runs(region.paragraphs[self.read_from[region.seq] :]):
            if _stands_alone(text):
                heading, last_named = _under(text, heading), None
                continue
            offset = 0
            for sentence in SENTENCE_END.split(text):
                named_at = [(named.end(), named.group(0)) for named in CLASS_NAMED.finditer(sentence)]
                for match in CLAIM.finditer(sentence):
                    paragraph = _at(lines, offset + match.start(2))
                    subject = subject_of(match.group(1))
                    before = [name for end, name in named_at if end <= match.start(2)]
                    last_named = before[-1] if before else last_named
                    claims.append(
                        NarrativeAmount(
                            claim_seq=first_seq + len(claims),
                            subject=subject,
                            amount=match.group(2),
                            amount_unit=match.group(3),
                            section=heading[0],
                            sentence=sentence.strip()[:500],
                            line=paragraph.line,
                            page=paragraph.page,
                            chapter=heading[1],
                            context_class=None if CLASS_NAMED.search(subject) else last_named,
                            lead_in=heading[2],
                        )
                    )
                last_named = named_at[-1][1] if named_at else last_named
                offset += len(sentence)
        return Found(records={"narrative_amounts": tuple(claims)})

    def finish(self, document: Document, found: Found) -> Found:
        """Claims are checked against budget tables: without any, none is kept; but a document that prints no table
        at all (a 说明 whose tables are attachments) keeps its claims, what it states."""
        if found["budget_tables"]:
            return found
        if found["narrative_amounts"] and prints_no_table(document):
            return found + Found(layouts=(self.name,))
        return replace(found, records={**found.records, "narrative_amounts": ()})


Heading = tuple[str | None, str | None, str | None]  # section, chapter, lead-in


def _runs(paragraphs: Sequence[Paragraph]) -> Iterator[tuple[str, list[tuple[int, Paragraph]]]]:
    """The paragraphs' texts, a line that runs on joined with the lines after it (a PDF's lines of one sentence),
    each with where its paragraphs start in it. A heading and a lead-in stand alone."""
    text, lines = "", []
    for paragraph in paragraphs:
        stripped = paragraph.text.strip()
        if lines and (_stands_alone(stripped) or _stands_alone(text) or not RUNS_ON.match(text)):
            yield text, lines
            text, lines = "", []
        lines.append((len(text), paragraph))
        text += stripped
    if lines:
        yield text, lines


def _at(lines: list[tuple[int, Paragraph]], offset: int) -> Paragraph:
    """The paragraph of a run that the character at offset is in."""
    return [paragraph for start, paragraph in lines if start <= offset][-1]


def _opens_narrative(text: str) -> bool:
    text = re.sub(r"\s+", "", text)
    return bool(NARRATIVE_AGAIN.match(text)) and not is_page_marker(text)


def _part(text: str) -> re.Match[str] | None:
    """A part's title: 第四部分 名词解释, or a title of its own ending in 说明 (2026年部门预算编制说明)."""
    part = PART.match(text) or (None if SECTION.match(text) else TITLE.match(re.sub(r"\s+", "", text)))
    return part if part and len(text) <= 40 else None


def _stands_alone(text: str) -> bool:
    """A heading, a part's title or a lead-in: it names what follows, and is no part of a sentence."""
    return bool(_heading(text) or _part(text) or _lead_in(text))


def _lead_in(text: str) -> str | None:
    """A lead-in of its own (财政拨款支出主要内容如下：) stating no amount: the list it introduces, without colon."""
    text = re.sub(r"\s+", "", text)
    return text.rstrip("：:") if LEAD_IN.match(text) and not CLAIM.search(text) else None


def _heading(text: str) -> re.Match[str] | None:
    """A section heading: 一、 or （一） and a short title; a definition (（二）事业收入：指……收入。) is not one."""
    heading = SECTION.match(text)
    definition = re.search(r"[：:]", text) and text.endswith(("。", "；", ";"))
    # a numbered sentence stating an amount ((一)因公出国（境）费0万元，与上年预算持平) is a claim, not a heading
    return heading if heading and len(text) <= 40 and not definition and not CLAIM.search(text) else None


def _under(text: str, heading: Heading) -> Heading:
    """The section, chapter and lead-in a paragraph leaves the text under: a heading (一、 or （一）) starts a
    section, and a lead-in (……如下：) the list of amounts after it, until the next heading."""
    part = _part(text)
    if part:
        return part.group(1).strip(), part.group(1).strip(), None
    lead_in = _lead_in(text)
    if lead_in:
        return heading[0], heading[1], lead_in
    found = _heading(text)
    if found is None:
        return heading
    section = found.group(1).strip("。 ")
    return section, section if CHAPTER.match(text) else heading[1], None
