"""部门整体绩效目标: an overall goal, then numbered sub-goals each with 绩效目标 and 绩效指标 text."""

from __future__ import annotations

import re

from ingest.document import Document, Paragraph
from ingest.records import DepartmentGoal

SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(.*)$")
NUMBERED = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
GOAL = re.compile(r"^绩\s*效\s*目\s*标\s*[:：]\s*(.*)$")
INDICATORS = re.compile(r"^绩\s*效\s*指\s*标\s*[:：]\s*(.*)$")


def parse_department_goals(document: Document) -> tuple[DepartmentGoal, ...]:
    """Read the 总体绩效目标 paragraph and each 分项绩效目标 with its goal and indicator text."""
    paragraphs = [block for block in document.blocks if isinstance(block, Paragraph)]
    goals: list[DepartmentGoal] = []
    section: str | None = None
    title: tuple[str, Paragraph] | None = None
    goal_text: str | None = None
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        heading = SECTION.match(text)
        if heading:
            section = heading.group(1)
            title = None
            continue
        if section is None:
            continue
        if "总体绩效目标" in section and not any(goal.goal_seq == 0 for goal in goals):
            goals.append(DepartmentGoal(0, section.strip(), text, None, paragraph.line, paragraph.page))
            continue
        if "分项绩效目标" not in section:
            continue
        numbered = NUMBERED.match(text)
        goal = GOAL.match(text)
        indicators = INDICATORS.match(text)
        if numbered and not goal and not indicators:
            title = (numbered.group(2).strip(), paragraph)
            goal_text = None
        elif goal and title:
            goal_text = goal.group(1).strip()
        elif indicators and title:
            goals.append(
                DepartmentGoal(
                    goal_seq=sum(1 for item in goals if item.goal_seq > 0) + 1,
                    title=title[0],
                    goal=goal_text,
                    indicators=indicators.group(1).strip(),
                    line=title[1].line,
                    page=title[1].page,
                )
            )
            title = None
    return tuple(goals)
