"""Reading a row's cells: by column, and by the role of their label."""

from __future__ import annotations

from ingest.layouts.labels import clean, vocabulary


def cell_at(texts: list[str], index: int | None) -> str | None:
    """A row's cell at a column, trimmed; None where the column is unknown, blank or beyond the row."""
    return clean(texts[index]) if index is not None and index < len(texts) else None


def first_columns(texts: list[str], scope: str) -> dict[str, int]:
    """Role -> the first column whose label has that role in the scope."""
    words = vocabulary()
    columns: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = words.role(scope, text) if text.strip() else None
        if role is not None and role not in columns:
            columns[role] = index
    return columns


# The header-block fields a project table has (the others are hints for the document, such as 预算年度).
PROJECT_FIELDS = frozenset(
    {
        "project_name",
        "project_code",
        "unit_name",
        "supervising_department",
        "project_attribute",
        "project_period",
        "budget",
        "midterm_budget",
        "fiscal",
        "other",
        "carryover",
        "central_fiscal",
        "local_fiscal",
        "goal",
        "midterm_goal",
        "goal_achieved",
        "total_score",
    }
)


def field_role(text: str) -> str | None:
    """A header-block label's role (项目名称 -> project_name, 项目资金 -> section)."""
    return vocabulary().role("field", text)
