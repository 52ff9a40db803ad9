"""Document-level facts: who issued it, for which year, and what kind of document it is, each with its basis."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from ingest.document import Document, Paragraph, Table
from ingest.layouts.labels import vocabulary
from ingest.layouts.layout import Found, Layout
from ingest.layouts.preamble import labelled_line, numbered
from ingest.layouts.segment import Region, TableRegion
from ingest.records import DocumentMeta, IndicatorRow, ProjectTable

PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*")
PART_SUBJECT = re.compile(r"^(.+?)\s*(?:概况|基本情况)$")  # 第一部分 XX局概况
PERIOD_YEAR = re.compile(r"^[（(]\s*(20\d{2})\s*年度?\s*[)）]$")
YEAR = re.compile(r"(20\d{2})\s*[年.\-/]")
YEAR_ALONE = re.compile(r"^(20\d{2})\s*(?:年度?)?$")  # a cover's year on a line of its own: 2024
BRANCH_SUFFIX = re.compile(r"(本级|机关)$")
BRACKET_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")  # XX局（本级）
# A cover's name before its year and kind: 中共上海市普陀区委社会工作部 2024 年度部门决算, XX局年度部门决算.
COVER_NAME = re.compile(r"^([\u4e00-\u9fa5（）()]{2,40}?)(?:20\d{2}年|年度|(?:部门|单位)(?:预算|决算))")
CONTENTS = re.compile(r"^目\s*录$")
ISSUER_GLUE = re.compile(r"[\s、，,;；/]*(?:[和与及][\s]*)?")  # what may stand between the names of joint issuers
HEAD_PARAGRAPHS = 20


def head_lines(document: Document) -> list[str]:
    """The text lines before the document's body: its first paragraphs, and single-cell rows standing in for them."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text.strip())
        elif isinstance(block, Table) and lines:
            break
        if len(lines) >= HEAD_PARAGRAPHS:
            break
    return [line for line in lines if line]


def read_meta(
    document: Document,
    projects: tuple[ProjectTable, ...],
    indicators: tuple[IndicatorRow, ...],
    hints: dict[str, str] | None = None,
    has_budget_tables: bool = False,
) -> DocumentMeta:
    """Issuer, year and kind from titles, labelled lines and web-page metadata, else from the tables themselves."""
    head = head_lines(document)
    issuer, issuer_basis, co_issuers = _issuer(head, projects)
    year, year_basis = _year(head, indicators, hints or {})
    kind, kind_basis = _doc_kind(head, projects, has_budget_tables)
    return DocumentMeta(
        issuer=issuer,
        budget_year=year,
        budget_year_basis=year_basis,
        issuer_basis=issuer_basis,
        doc_kind=kind,
        doc_kind_basis=kind_basis,
        co_issuers="；".join(co_issuers) or None,
    )


class DocumentFacts(Layout):
    """Claims the text at the head of the document no other layout reads; reads the document's facts at the end."""

    name = "document_facts"
    wants = "text at the head of the document, before its first table"

    def __init__(self) -> None:
        self.in_head = True  # no table passed yet

    def detect(self, region: Region) -> float | None:
        if isinstance(region, TableRegion):
            self.in_head = False
        return 0.5 if self.in_head else None

    def parse(self, region: Region, found: Found) -> Found:
        return Found()

    def finish(self, document: Document, found: Found) -> Found:
        meta = read_meta(document, found["projects"], found["indicators"], found.hints, bool(found["budget_tables"]))
        return replace(found, meta=meta)


def title_year() -> re.Pattern[str]:
    """A year in a title, before the words that say what the document is: 2024年部门预算, 2023年度…自评表."""
    return _title_year(vocabulary().pattern("doc_kind"))


@cache
def _title_year(kinds: str) -> re.Pattern[str]:
    return re.compile(rf"(20\d{{2}})\s*年度?\s*[\u4e00-\u9fa5（）()]{{0,24}}?(?:{kinds})")


def issuer_name() -> re.Pattern[str]:
    """An issuer's name: up to 30 characters ending in an issuer kind (医疗保障局, 医疗保险服务中心, 财政局, ...)."""
    return _issuer_name(vocabulary().pattern("issuer"))


@cache
def _issuer_name(kinds: str) -> re.Pattern[str]:
    return re.compile(rf"([\u4e00-\u9fa5]{{1,30}}?(?:{kinds}))")


def is_organisation(name: str | None) -> bool:
    """A department's or unit's name: it ends in an organisation word (局, 委员会, 办事处, 福利院, 工作部, ...)."""
    if not name or re.search(r"\d|[。，；：:]", name):
        return False
    bare = BRACKET_NOTE.sub("", name).strip()
    return len(bare) >= 4 and any(bare.endswith(word) for word in vocabulary().roles.get("organisation", {}))


def _issuers_in(text: str, anywhere: bool) -> list[str]:
    """The issuers a line names one after another (a joint notice: 遂宁市财政局 遂宁市医疗保障局关于…): the first
    where the line starts (or anywhere in a labelled value), each next one right after it, joined by a space, 、, 和
    or 与, or printed straight after it with the same place name (遂宁市财政局遂宁市医疗保障局)."""
    pattern = issuer_name()
    first = pattern.search(text)
    if first is None or (not anywhere and not text.startswith(first.group(1))):
        return []
    names = [first.group(1)]
    end = first.end()
    while True:
        glue = ISSUER_GLUE.match(text, end)
        start = glue.end() if glue else end
        following = pattern.match(text, start)
        if following is None or (start == end and not following.group(1).startswith(names[0][:2])):
            return names
        names.append(following.group(1))
        end = following.end()


def _chosen(names: list[str]) -> tuple[str, tuple[str, ...]]:
    """The issuer among joint issuers, the medical-insurance body first, and the others (co-issuers)."""
    words = vocabulary()
    roles = {label: role for label, role in words.roles.get("issuer", {}).items()}

    def kind(name: str) -> str | None:
        return next((role for label, role in roles.items() if name.endswith(label)), None)

    chosen = next((name for name in names if kind(name) == "medical_insurance"), names[0])
    return chosen, tuple(dict.fromkeys(name for name in names if name != chosen))


def _issuer(head: list[str], projects: tuple[ProjectTable, ...]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Issuer, its basis and the co-issuers of a joint notice: a known issuer kind in a labelled line or at the start
    of a title; else an organisation a labelled line names (预算主管部门：XX街道办事处); else the name a cover prints
    before its year and kind, perhaps over several lines; else a 第一部分 XX概况 heading; else the first table's
    unit."""
    for text in head:
        labelled = labelled_line().match(text)
        names = _issuers_in(labelled.group(2) if labelled else PART_HEADING.sub("", text), anywhere=bool(labelled))
        if names:
            chosen, others = _chosen(names)
            return chosen, f"{'label' if labelled else 'title'}: {text[:60]}", others
    for text in head:
        labelled = labelled_line().match(text)
        value = re.split(r"\s{2,}", labelled.group(2).strip())[0] if labelled else None
        if is_organisation(value):
            return BRACKET_NOTE.sub("", value).strip(), f"label: {text[:60]}", ()
    cover = _cover(head)
    named = COVER_NAME.match(cover)
    if named and is_organisation(named.group(1)):
        return named.group(1), f"cover: {cover[:60]}", ()
    for text in head:
        part = PART_SUBJECT.match(PART_HEADING.sub("", text)) if PART_HEADING.match(text) else None
        if part and is_organisation(part.group(1)):
            return part.group(1), f"title: {text[:60]}", ()
    issuer = issuer_name()
    for project in projects:
        for value in (project.unit_name,):
            if not value:
                continue
            match = issuer.search(value)
            found = match.group(1) if match else BRANCH_SUFFIX.sub("", value)
            return found, f"unit of table {project.table_seq}: {value[:60]}", ()
    return None, None, ()


def _cover(head: list[str]) -> str:
    """A cover's title as one text: the head's first lines up to the one naming the document's kind (a title the
    export broke over lines: 上海市普陀区规划和自然 / 资源局 / 2024 年度部门决算), without spaces."""
    words = vocabulary()
    lines: list[str] = []
    for text in head[:HEAD_PARAGRAPHS]:
        if CONTENTS.match(text) or labelled_line().match(text) or PART_HEADING.match(text) or numbered(text):
            break  # the contents, a labelled line, a part or a numbered (project) title: the cover has ended
        lines.append(text)
        if words.mentions("doc_kind", text):
            return re.sub(r"\s+", "", "".join(lines))
    return ""


def _year(
    head: list[str], indicators: tuple[IndicatorRow, ...], hints: dict[str, str]
) -> tuple[int | None, str | None]:
    dates = tuple(vocabulary().roles.get("metadata", {}))
    for text in head:
        if labelled_line().match(text) or text.startswith(dates) or numbered(text):
            continue  # metadata dates, and numbered project titles (a 2024年-2026年 project is not the year)
        match = title_year().search(text) or PERIOD_YEAR.match(text)
        if match:
            return int(match.group(1)), f"title: {text[:60]}"
    cover = title_year().search(_cover(head))  # a cover that broke its title over lines
    if cover:
        return int(cover.group(1)), f"cover: {_cover(head)[:60]}"
    alone = _year_alone(head)
    if alone:
        return alone
    printed = re.search(r"20\d{2}", hints.get("budget_year", ""))
    if printed:
        return int(printed.group(0)), f"预算年度 column: {hints['budget_year'][:20]}"
    years = Counter(
        int(match.group(1))
        for indicator in indicators
        if indicator.target and ("时效" in (indicator.level2 or "") or "进度" in (indicator.level2 or ""))
        for match in YEAR.finditer(indicator.target)
    )
    if years:
        year, count = years.most_common(1)[0]
        return year, f"most common year in 时效指标 targets ({count} of {sum(years.values())})"
    return None, None


def _year_alone(head: list[str]) -> tuple[int, str] | None:
    """A year printed on a line of its own next to the title that names the kind without one (an export that put
    each value on its own line: XX局 / 年度部门决算 / 2024)."""
    words = vocabulary()
    for position, text in enumerate(head):
        alone = YEAR_ALONE.match(text)
        if not alone:
            continue
        for near in (position - 1, position + 1):
            neighbour = head[near] if 0 <= near < len(head) else ""
            if words.mentions("doc_kind", neighbour) and not re.search(r"\d", neighbour):
                return int(alone.group(1)), f"title: {neighbour[:40]} / {text}"
    return None


def _doc_kind(
    head: list[str], projects: tuple[ProjectTable, ...], has_budget_tables: bool
) -> tuple[str | None, str | None]:
    words = vocabulary()
    for text in head:
        if labelled_line().match(text):
            continue
        kind = words.mentions("doc_kind", text)
        if kind and re.search(r"20\d{2}|表|部门|单位|公开", text):
            return kind, f"title: {text[:60]}"
    kinds = {project.table_kind for project in projects}
    if any(kind.endswith("self_evaluation") for kind in kinds):
        return "self_evaluation", "self-evaluation tables"
    if any(kind.endswith("monitoring") for kind in kinds):
        return "performance_monitoring", "monitoring tables"
    if has_budget_tables:
        return "budget", "budget disclosure tables"
    if projects:
        return "performance_targets", "performance-target tables"
    return None, None
