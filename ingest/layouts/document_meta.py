"""Document-level facts: who issued it and for which budget year."""

from __future__ import annotations

import re
from collections import Counter

from ingest.document import Document, Paragraph
from ingest.records import DocumentMeta, IndicatorRow, ProjectTable

ISSUER = re.compile(r"([\u4e00-\u9fa5]{2,30}?(?:医疗保障局|医疗保障基金管理中心|医疗保险服务中心|医保局))")
TITLE_YEAR = re.compile(r"(20\d{2})\s*年度?\s*(?:部门预算|项目支出绩效目标表|预算)")
PERIOD_YEAR = re.compile(r"^[（(]\s*(20\d{2})\s*年度?\s*[)）]$")
YEAR = re.compile(r"(20\d{2})\s*[年.\-/]")
BRANCH_SUFFIX = re.compile(r"(本级|机关)$")


def read_meta(
    document: Document, projects: tuple[ProjectTable, ...], indicators: tuple[IndicatorRow, ...]
) -> DocumentMeta:
    """Issuer from the title or first unit; budget year from the title, else from the deadlines set."""
    head = [block.text for block in document.blocks[:12] if isinstance(block, Paragraph)]
    issuer = None
    for text in head:
        match = ISSUER.search(text)
        if match and text.strip().startswith(match.group(1)):
            issuer = match.group(1)
            break
    if issuer is None:
        units = [project.unit_name for project in projects if project.unit_name]
        if units:
            match = ISSUER.search(units[0])
            issuer = match.group(1) if match else BRANCH_SUFFIX.sub("", units[0])
    year, basis = _budget_year(head, indicators)
    return DocumentMeta(issuer=issuer, budget_year=year, budget_year_basis=basis)


def _budget_year(head: list[str], indicators: tuple[IndicatorRow, ...]) -> tuple[int | None, str | None]:
    for text in head:
        stripped = text.strip()
        match = TITLE_YEAR.search(stripped) or PERIOD_YEAR.match(stripped)
        if match:
            return int(match.group(1)), f"title: {stripped[:60]}"
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
