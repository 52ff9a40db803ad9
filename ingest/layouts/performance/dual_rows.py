"""Rows of a dual-horizon table: mid-term and annual indicators side by side, split by their labels and counts."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import compact, vocabulary
from ingest.layouts.performance.levels import leads_with_level1, opens_level2, take_spanning
from ingest.records import IndicatorRow

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader


def take(table: TableReader, row: Row, tokens: list[str]) -> None:
    """Cell positions drift between the halves, so a half is its 二级 label (if any), 三级指标 and target."""
    while tokens and vocabulary().role("part", tokens[0]) == "indicators":
        tokens = tokens[1:]
    level1 = tokens.pop(0) if leads_with_level1(tokens) else None
    level1 = level1 or take_spanning(table)[0]
    midterm_size = 3 if tokens and opens_level2(tokens[0]) else 2
    halves = (("midterm", tokens[:midterm_size]), ("annual", tokens[midterm_size:]))
    made: list[IndicatorRow] = []
    for horizon, half in halves:
        if not half:
            table.issues.add("warning", f"{horizon} half of the row is empty", row)
            continue
        level2 = half.pop(0) if half and opens_level2(half[0]) and len(half) > 1 else None
        level3 = half[0] if half else None
        target = half[1] if len(half) > 1 else None
        if target is None:
            table.issues.add("warning", f"{horizon} target missing for '{level3}'", row, key=(row.line, horizon))
        if len(half) > 2:
            table.issues.add("warning", f"{horizon} half has extra cells: {' | '.join(half[2:])}", row)
        made.append(
            IndicatorRow(
                table_seq=table.table_seq,
                horizon=horizon,
                row_number=table.next_number(horizon) + sum(1 for ind in made if ind.horizon == horizon),
                level1=level1,
                level2=level2,
                level3=level3,
                description=None,
                target=target,
                line=row.line,
                page=row.page,
                is_realigned=True,
            )
        )
    if (
        len(made) == 2
        and made[0].level2 is None
        and made[1].level2
        and compact(made[0].level3) == compact(made[1].level3)
    ):
        # The halves list the same indicator; the 二级 printed on the annual side spans both.
        made[0] = replace(made[0], level2=made[1].level2)
        table.issues.add("info", f"mid-term 二级指标 blank; taken from the annual half ({made[1].level2})", row)
    table.indicators.extend(made)
    table.previous_tokens = tokens
