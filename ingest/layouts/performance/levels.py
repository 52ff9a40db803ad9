"""Indicator level labels in a row: which leading cells are its 一级 and 二级 labels (the one place that decides)."""

from __future__ import annotations

from ingest.layouts.labels import is_level1, is_level2, level2_prefix


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
