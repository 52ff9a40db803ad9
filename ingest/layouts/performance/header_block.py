"""The header block of a target table: label/value rows (项目名称 | XX, 预算数 | 187.10 | 其中：财政资金 | 187.10 ...),
the row labels that open a part (资金支出计划, goal headings, 年度主要任务, a budget-execution block), and the rows that
fit nowhere (kept in `extra` when they look like a label, reported either way).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import compact, label_key, vocabulary
from ingest.layouts.performance import execution, goals, spending_plan, tasks
from ingest.layouts.performance.cells import PROJECT_FIELDS, field_role
from ingest.layouts.preamble import bracketed_unit

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

START_ROLES = ("project_name", "project_code", "unit_name")
# 中央主管部门 | X | 地方主管部门 | Y, 项目性质 | 经常性项目 | 项目类别 | 特定目标类: both kept
APPENDED_FIELDS = frozenset({"supervising_department", "project_attribute"})


def start_role(tokens: list[str]) -> str | None:
    """The role of a row's first cell if it opens a table: a project name or code, or a unit on a label/value row."""
    return vocabulary().asked(("start_role", None, tuple(tokens[:2])), lambda: _start_role(tokens[:2]))


def _start_role(tokens: list[str]) -> str | None:
    first = tokens[0]
    role = field_role(first)
    split = None if role else vocabulary().split("field", first)
    if split is not None:
        role = split[0]
    if role not in START_ROLES:
        return None
    if role == "unit_name":
        # A unit opens a table only on a label/value row (部门（单位）名称 | XX局), never in a header of labels.
        following = tokens[1:] if split is None else []
        if split is None and (not following or any(any_label(token) for token in following[:1])):
            return None
    return role


def any_label(text: str) -> bool:
    words = vocabulary()
    return any(words.role(scope, text) for scope in ("field", "column", "execution", "task"))


def take(table: TableReader, row: Row) -> None:
    """A row between the table's first row and the indicator header: names, amounts, purpose, plan, goals, tasks."""
    texts = row.texts
    tokens = [text.strip() for text in texts if text.strip()]
    if spending_plan.start(table, texts):
        return
    for text in tokens:
        unit = bracketed_unit(text)
        if unit and any_label(text):
            table.fields.setdefault("amount_unit", unit)
    if execution.start(table, texts) or tasks.start(table, texts) or goals.start(table, texts):
        return
    if _label_values(table, texts):
        return
    if any(field_role(text) == "section" for text in tokens):
        return
    if "budget" in table.fields and "purpose" not in table.fields and "goal" not in table.fields:
        table.fields["purpose"] = " ".join(tokens)
        return
    if len(tokens) >= 2 and _looks_like_label(tokens[0]):
        table.extra_fields[tokens[0]] = " ".join(tokens[1:])
        table.issues.add("info", f"label '{tokens[0]}' has no known role; kept in extra", row, "unknown_label",
                         tokens[0])  # fmt: skip
        return
    table.issues.add("warning", f"unrecognised row in project header: {' | '.join(tokens)[:120]}", row)


def _looks_like_label(text: str) -> bool:
    key = label_key(text)
    return 2 <= len(key) <= 15 and not re.search(r"[\d。，；;,]", key)


def _label_values(table: TableReader, texts: list[str]) -> bool:
    """Read label/value pairs: each known label takes the next non-empty cell that is not a label."""
    words = vocabulary()
    found = False
    seen: dict[str, int] = {}
    pending: str | None = None
    for text in texts:
        name = compact(text)
        if not name:
            continue
        glued = _glued(text)
        if glued is not None:
            table.fields[glued[0]] = glued[1]
            found = True
            pending = None
            continue
        key = words.role("field", text)
        if key == "section":
            pending = None
            continue
        if key is None:
            split = words.split("field", text)
            if split is not None and split[0] != "section":
                _set_field(table, split[0], split[1])
                found = True
                pending = None
                continue
        if key is not None:
            count = seen.get(key, 0)
            seen[key] = count + 1
            # Side-by-side amounts: the first 财政拨款/其他资金 of a row is mid-term, the second annual (其中：财政资金
            # | … | 其中：当年财政拨款 print the same role in other words).
            if key in ("fiscal", "other") and count == 0 and "midterm_budget" in table.fields and _twice(texts, key):
                key = f"midterm_{key}"
            pending = key
            found = True
            continue
        if pending is not None:
            _set_field(table, pending, text.strip())
            pending = None
    return found


def _glued(text: str) -> tuple[str, str] | None:
    """A label printed glued to its value without a colon (绩效目标加强基金监管): (role, value)."""
    name = compact(text)
    for label, role in vocabulary().roles.get("glued", {}).items():
        if (
            name.startswith(label)
            and len(name) > len(label)
            and not name.startswith(label + "表")
            and (":" not in name[: len(label) + 1])
        ):
            spaced = r"\s*".join(re.escape(char) for char in label)
            return role, re.sub(rf"^\s*{spaced}\s*[:：]?\s*", "", text).strip()
    return None


def _set_field(table: TableReader, key: str, value: str) -> None:
    if key in PROJECT_FIELDS or key.startswith("midterm_"):
        if key in APPENDED_FIELDS and table.fields.get(key):
            table.fields[key] = f"{table.fields[key]}；{value}"
        else:
            table.fields[key] = value
    else:
        table.hints.setdefault(key, value)


def _twice(texts: list[str], role: str) -> bool:
    """Whether a row prints two labels of a role (the mid-term and the annual one)."""
    words = vocabulary()
    return sum(1 for text in texts if text.strip() and words.role("field", text) == role) >= 2
