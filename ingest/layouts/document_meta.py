"""Document-level facts: who issued it, for which year, and what kind of document it is, each with its basis."""

from __future__ import annotations

import re
from collections import Counter

from ingest.document import Document, Paragraph, Table
from ingest.records import DocumentMeta, IndicatorRow, ProjectTable

ISSUER_KINDS = (
    "医疗保障局",
    "医疗保障基金管理中心",
    "医疗保障基金中心",
    "医疗保障事务中心",
    "医疗保障服务中心",
    "医疗保障管理中心",
    "医疗保险服务中心",
    "医疗保险管理中心",
    "医疗保险事业管理局",
    "医疗保险事业管理中心",
    "医疗保险事业中心",
    "医保局",
    "医保中心",
    "财政局",
)
ISSUER = re.compile(r"([\u4e00-\u9fa5]{1,30}?(?:" + "|".join(ISSUER_KINDS) + "))")
ISSUER_LABELS = ("发布机构", "来源", "部门名称", "部门", "单位名称", "填报单位", "编制单位", "预算单位")
LABELLED = re.compile(r"^\s*(" + "|".join(ISSUER_LABELS) + r")\s*(?:[（(][^）)]*[）)])?\s*(?:名称)?\s*[:：]\s*(.+)$")
PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*")
TITLE_YEAR = re.compile(
    r"(20\d{2})\s*年度?\s*[\u4e00-\u9fa5（）()]{0,24}?(?:部门预算|部门决算|单位预算|单位决算|预算|决算|自评|绩效目标|申报)"
)
METADATA_DATES = ("发文日期", "发布日期", "成文日期", "索引号")
NUMBERED = re.compile(r"^(?:[-*]\s*)?\d{1,3}\s*[.．、]")
PERIOD_YEAR = re.compile(r"^[（(]\s*(20\d{2})\s*年度?\s*[)）]$")
YEAR = re.compile(r"(20\d{2})\s*[年.\-/]")
BRANCH_SUFFIX = re.compile(r"(本级|机关)$")
DOC_KINDS = (
    ("决算", "final_accounts"),
    ("自评", "self_evaluation"),
    ("预算", "budget"),
    ("绩效目标", "performance_targets"),
)
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


def _issuer(head: list[str], projects: tuple[ProjectTable, ...]) -> tuple[str | None, str | None]:
    for text in head:
        labelled = LABELLED.match(text)
        if labelled:
            match = ISSUER.search(labelled.group(2))
            if match:
                return match.group(1), f"label: {text[:60]}"
            continue
        title = PART_HEADING.sub("", text)
        match = ISSUER.search(title)
        if match and title.startswith(match.group(1)):
            return match.group(1), f"title: {text[:60]}"
    for project in projects:
        for value in (project.unit_name,):
            if not value:
                continue
            match = ISSUER.search(value)
            issuer = match.group(1) if match else BRANCH_SUFFIX.sub("", value)
            return issuer, f"unit of table {project.table_seq}: {value[:60]}"
    return None, None


def _year(
    head: list[str], indicators: tuple[IndicatorRow, ...], hints: dict[str, str]
) -> tuple[int | None, str | None]:
    for text in head:
        if LABELLED.match(text) or text.startswith(METADATA_DATES) or NUMBERED.match(text):
            continue  # metadata dates, and numbered project titles (a 2024年-2026年 project is not the year)
        match = TITLE_YEAR.search(text) or PERIOD_YEAR.match(text)
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
    for text in head:
        if LABELLED.match(text):
            continue
        for word, kind in DOC_KINDS:
            if word in text and re.search(r"20\d{2}|表|部门|公开", text):
                return kind, f"title: {text[:60]}"
    kinds = {project.table_kind for project in projects}
    if any(kind.endswith("self_evaluation") for kind in kinds):
        return "self_evaluation", "self-evaluation tables"
    if has_budget_tables:
        return "budget", "budget disclosure tables"
    if projects:
        return "performance_targets", "performance-target tables"
    return None, None
