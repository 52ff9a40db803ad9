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
PERIOD_YEAR = re.compile(r"^[（(]\s*(20\d{2})\s*年度?\s*[)）]$")
YEAR = re.compile(r"(20\d{2})\s*[年.\-/]")
BRANCH_SUFFIX = re.compile(r"(本级|机关)$")
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
    issuer, issuer_basis = _issuer(head, projects)
    year, year_basis = _year(head, indicators, hints or {})
    kind, kind_basis = _doc_kind(head, projects, has_budget_tables)
    return DocumentMeta(
        issuer=issuer,
        budget_year=year,
        budget_year_basis=year_basis,
        issuer_basis=issuer_basis,
        doc_kind=kind,
        doc_kind_basis=kind_basis,
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


def _issuer(head: list[str], projects: tuple[ProjectTable, ...]) -> tuple[str | None, str | None]:
    issuer = issuer_name()
    for text in head:
        labelled = labelled_line().match(text)
        if labelled:
            match = issuer.search(labelled.group(2))
            if match:
                return match.group(1), f"label: {text[:60]}"
            continue
        title = PART_HEADING.sub("", text)
        match = issuer.search(title)
        if match and title.startswith(match.group(1)):
            return match.group(1), f"title: {text[:60]}"
    for project in projects:
        for value in (project.unit_name,):
            if not value:
                continue
            match = issuer.search(value)
            issuer = match.group(1) if match else BRANCH_SUFFIX.sub("", value)
            return issuer, f"unit of table {project.table_seq}: {value[:60]}"
    return None, None


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


def _doc_kind(
    head: list[str], projects: tuple[ProjectTable, ...], has_budget_tables: bool
) -> tuple[str | None, str | None]:
    words = vocabulary()
    for text in head:
        if labelled_line().match(text):
            continue
        kind = words.mentions("doc_kind", text)
        if kind and re.search(r"20\d{2}|表|部门|公开", text):
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
