"""Indicator level labels in a row: which leading cells are its 一级 and 二级 labels (the one place that decides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.layouts.labels import is_level1, is_level2, level2_prefix

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader


def leads_with_level1(tokens: list[str]) -> bool:
    """The first token is a 一级 label; one that is a 二级 label too (成本指标) only when a 二级 label follows it."""
    if not tokens or not is_level1(tokens[0]):
        return False
    return not is_level2(tokens[0]) or (len(tokens) > 1 and is_level2(tokens[1]))


def take_levels(tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Peel a leading 一级 and 二级 label off a row's tokens."""
    rest = list(tokens)
    level1 = level2 = None
    if leads_with_level1(rest):
        level1 = rest.pop(0)
    if rest and is_level2(rest[0]):
        level2 = rest.pop(0)
    return level1, level2, rest


def opens_level2(token: str) -> bool:
    """A 二级 label, or the first part of one wrapped onto two rows (可持续 | 影响指标)."""
    return is_level2(token) or level2_prefix(token)


def is_level_label(token: str | None) -> bool:
    """A whole 一级 or 二级 label (产出指标, 产 出, 数量指标（20分）), not a part of one."""
    return is_level1(token) or is_level2(token)


def only_levels(tokens: list[str]) -> tuple[str | None, str | None] | None:
    """A row printing nothing but a spanning cell's 一级 and/or 二级 label (`产 出 指 标 |` on its own short row):
    (level1, level2), else None. The rows below it are the ones the label spans."""
    level1, level2, rest = take_levels(tokens)
    if rest or (level1 is None and level2 is None):
        return None
    return level1, level2


def take_spanning(table: TableReader) -> tuple[str | None, str | None]:
    """The 一级/二级 labels printed on their own row above (for the first indicator row under them), once."""
    spanning, table.spanning = table.spanning or (None, None), None
    return spanning


def unused_spanning(table: TableReader) -> None:
    """Report a label printed on its own row that no indicator row took (another followed, or the table ended)."""
    table.issues.add(
        "warning",
        "level label printed on its own row with no indicator row under it: "
        + " | ".join(label for label in table.spanning or () if label),
        table.spanning_row,
        "spanning_label_unused",
    )
    table.spanning = table.spanning_row = None
