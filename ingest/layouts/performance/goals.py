"""Goal headings and the goals under them: 总体目标 | 中期目标 | 年度目标, or 预期目标 | 实际完成情况."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import clean, vocabulary

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

GOAL_ROLES = ("goal", "midterm_goal", "goal_achieved")


def start(table: TableReader, texts: list[str]) -> bool:
    """A row of goal headings (two or more, beside nothing but a section label): the values follow below."""
    words = vocabulary()
    columns = [(index, words.role("field", text)) for index, text in enumerate(texts) if text.strip()]
    goals = [(index, role) for index, role in columns if role in GOAL_ROLES]
    others = [role for _, role in columns if role not in GOAL_ROLES]
    if len(goals) < 2 or any(role != "section" for role in others):
        return False
    if words.role("part", texts[goals[0][0]]) == "goals" and goals[0][0] == 0:
        goals = goals[1:]  # the row label itself
    table.active = GoalValues(goals)
    return True


@dataclass(frozen=True)
class GoalValues:
    """The row of goals under their headings."""

    columns: list[tuple[int, str]]

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        texts = row.texts
        tokens = row.tokens
        if len(tokens) == len(self.columns):
            values = tokens
        else:
            values = [clean(texts[index]) if index < len(texts) else None for index, _ in self.columns]
            if not any(values):
                values = tokens[-len(self.columns) :] if tokens else []
        for (_, role), value in zip(self.columns, values, strict=False):
            if value:
                table.fields[role] = value
        return True
