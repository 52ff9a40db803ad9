"""部门整体绩效目标: an overall goal, then numbered sub-goals each with 绩效目标 and 绩效指标 text.

Each section is a text region of its own (ingest/layouts/segment.py cuts text at section headings); this layout
claims the ones whose heading names an overall goal or sub-goals (goal_section in ingest/vocabulary.csv).
"""

from __future__ import annotations

from ingest.document import Paragraph
from ingest.layouts.labels import vocabulary
from ingest.layouts.layout import Found, Layout
from ingest.layouts.preamble import SECTION, numbered
from ingest.layouts.segment import Region, TextRegion
from ingest.records import DepartmentGoal


def _section(region: Region) -> tuple[str, str] | None:
    """The region's heading and the role it names (overall, items), if it heads a goals section."""
    if not isinstance(region, TextRegion):
        return None
    heading = SECTION.match(region.paragraphs[0].text.strip())
    if heading is None:
        return None
    role = vocabulary().mentions("goal_section", heading.group(1))
    return (heading.group(1), role) if role else None


class DepartmentGoals(Layout):
    name = "department_goals"
    wants = "text under a section heading naming a goal_section (部门整体绩效目标, 分项绩效目标)"

    def detect(self, region: Region) -> float | None:
        return 2.0 if _section(region) else None  # before the narrative, which reads any text

    def parse(self, region: Region, found: Found) -> Found:
        heading, role = _section(region) or ("", "")
        assert isinstance(region, TextRegion)
        goals = found["department_goals"]
        paragraphs = region.paragraphs[1:]
        if role == "overall":
            if paragraphs and not any(goal.goal_seq == 0 for goal in goals):
                first = paragraphs[0]
                made = (DepartmentGoal(0, heading.strip(), first.text.strip(), None, first.line, first.page),)
                return Found(records={"department_goals": made}, layouts=(self.name,))
            return Found()
        made = _items(paragraphs, sum(1 for goal in goals if goal.goal_seq > 0))
        return Found(records={"department_goals": made}, layouts=(self.name,) if made else ())


def _items(paragraphs: tuple[Paragraph, ...], before: int) -> tuple[DepartmentGoal, ...]:
    """Numbered sub-goals: a title line, then its 绩效目标：… and 绩效指标：… lines."""
    words = vocabulary()
    goals: list[DepartmentGoal] = []
    title: tuple[str, Paragraph] | None = None
    goal_text: str | None = None
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        number = numbered(text)
        labelled = words.split("goal_item", text)
        if number and labelled is None:
            title = (number[1].strip(), paragraph)
            goal_text = None
        elif labelled and labelled[0] == "goal" and title:
            goal_text = labelled[1].strip()
        elif labelled and labelled[0] == "indicators" and title:
            goals.append(DepartmentGoal(before + len(goals) + 1, title[0], goal_text, labelled[1].strip(),
                                        title[1].line, title[1].page))  # fmt: skip
            title = None
    return tuple(goals)
