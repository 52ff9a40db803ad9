"""Indicator rows under the indicator header: single-horizon rows read by column (or, when shifted, by their labels),
the target joined from split columns; rows of dual-horizon tables and wrapped rows go to their own modules."""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from ingest.document import Cell, Row
from ingest.layouts.labels import clean, is_level1, is_level2, is_placeholder
from ingest.layouts.performance import continuation, dual_rows
from ingest.layouts.performance.cells import cell_at, field_role
from ingest.layouts.performance.columns import LEVEL_ROLES, ColumnMap
from ingest.layouts.performance.levels import (
    is_level_label,
    only_levels,
    take_levels,
    take_spanning,
    unused_spanning,
)
from ingest.records import IndicatorRow

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader

# Column roles whose cell is the IndicatorRow field of the same name (description, target, weight, progress ...).
VALUE_ROLES = tuple(
    field.name
    for field in fields(IndicatorRow)
    if field.name not in {"table_seq", "horizon", "row_number", *LEVEL_ROLES, "line", "page", "is_realigned", "extra"}
    and not field.name.startswith("target_")
)
SYMBOL = re.compile(
    r"^(?:[≥≤><=＝≧≦≠]+|大于等于|小于等于|不低于|不高于|不少于|不多于|不超过|大于|小于|等于|高于|低于)$"
)


def take(table: TableReader, row: Row) -> None:
    """An indicator row, a placeholder row, the 总分 row, or a row wrapped from the one above."""
    tokens = row.tokens
    if all(is_placeholder(token) for token in tokens):
        table.issues.add("info", f"placeholder row skipped: {' '.join(tokens)}", row)
        return
    if field_role(tokens[0]) == "total_score":
        printed = cell_at(row.texts, table.columns.get("score") if table.columns else None)
        table.fields["total_score"] = printed or (tokens[-1] if len(tokens) > 1 else None)
        return
    levels = only_levels(tokens)
    if levels is not None:
        _hold_spanning(table, row, levels)
        return
    tail = continuation.tail_of(table.previous_tokens or [], tokens)
    if tail is not None:
        if _has_its_own(table, row, tokens):
            if continuation.finish_label(table, tail):
                row, tokens = _without_first_cell(row), tokens[1:]
        elif len(tokens) == 1 and continuation.finish_label(table, tail):
            return  # only the end of the label above (产出 | 指标): nothing else on the line
        elif table.indicators:
            continuation.merge(table, row, tokens)
            return
    if table.dual:
        dual_rows.take(table, row, tokens)
    else:
        _take_single(table, row)


def join_target(comparator: str | None, value: str | None, unit: str | None) -> str | None:
    """Comparator, value and unit printed in three columns as one target: ≥ | 95 | % -> ≥95%; 定性 | 健全 -> 健全."""
    if value is None:
        return None
    unit = unit or ""
    text = value if value.endswith(unit) else value + unit
    if comparator and SYMBOL.match(comparator.strip()) and not text.startswith(comparator.strip()):
        text = comparator.strip() + text
    return text


def _split_target(columns: ColumnMap, values: dict[str, str | None]) -> dict[str, str | None]:
    """Where the target is printed in parts, keep the parts and store the joined target."""
    if "comparator" not in columns and "target_unit" not in columns:
        values.pop("comparator", None)
        values.pop("target_unit", None)
        return values
    comparator, value, unit = values.pop("comparator", None), values.get("target"), values.pop("target_unit", None)
    values.update(
        target_comparator=comparator, target_value=value, target_unit=unit, target=join_target(comparator, value, unit)
    )
    return values


def _extra(columns: ColumnMap, texts: list[str]) -> str | None:
    found = {label: texts[index].strip() for index, label in columns.extras.items()
             if index < len(texts) and texts[index].strip()}  # fmt: skip
    return json.dumps(found, ensure_ascii=False) if found else None


def _take_single(table: TableReader, row: Row) -> None:
    columns = table.columns or ColumnMap.of((), (), False)
    texts = row.texts
    width, column_of = len(texts), columns.at  # at() is asked ~20 times a row: cell_at and get inlined

    def at(name: str) -> str | None:
        index = column_of.get(name)
        return clean(texts[index]) if index is not None and index < width else None

    mapped = columns.mapped_columns()
    stray = [text for index, text in enumerate(texts) if index not in mapped and text.strip()]
    level1, level2 = at("level1"), at("level2")
    aligned = not stray and (
        (
            (level1 is None or (is_level1(level1) and (level2 is None or is_level2(level2))))
            and (level2 is None or is_level2(level2))
        )
        or _unknown_label_in_place(level1, level2, at("level3"), at("target") or at("actual"))
    )
    values = {name: at(name) for name in (*LEVEL_ROLES, *VALUE_ROLES, "comparator", "target_unit")}
    for name, headers in columns.ticked(texts).items():
        values[name] = values.get(name) or headers
    realigned = False
    if not aligned:
        values = _align_by_labels(table, row, row.tokens)
        realigned = True
    _carry_spanning(table, values)
    table.indicators.append(
        IndicatorRow(
            table_seq=table.table_seq,
            horizon="annual",
            row_number=table.next_number("annual"),
            line=row.line,
            page=row.page,
            is_realigned=realigned,
            extra=None if realigned else _extra(columns, texts),
            **_split_target(columns, values),
        )
    )
    table.previous_tokens = row.tokens


def _unknown_label_in_place(level1: str | None, level2: str | None, level3: str | None, value: str | None) -> bool:
    """A row whose cells sit in their columns though one level label is not in the vocabulary (项目成效 above a
    数量指标, 完成情况 under a 项目完成): the other level cell holds a known label of its own level, no label sits
    in another level's column, and the 三级指标 and value columns hold an indicator."""
    if level3 is None or value is None or is_level_label(level3):
        return False
    if (level1 is not None and is_level2(level1) and not is_level1(level1)) or (
        level2 is not None and is_level1(level2) and not is_level2(level2)
    ):
        return False  # a label in another level's column: the row is shifted
    return (level1 is not None and is_level1(level1)) or (level2 is not None and is_level2(level2))


def _hold_spanning(table: TableReader, row: Row, levels: tuple[str | None, str | None]) -> None:
    """A row printing only a spanning 一级/二级 label: kept for the next indicator row (the first row it spans)."""
    if table.spanning is not None:
        unused_spanning(table)
    table.spanning, table.spanning_row = levels, row
    table.previous_tokens = [label for label in levels if label]


def _carry_spanning(table: TableReader, values: dict[str, str | None]) -> None:
    """The first indicator row under a label printed on its own row takes the label where its own cell is blank."""
    level1, level2 = take_spanning(table)
    values["level1"] = values.get("level1") or level1
    values["level2"] = values.get("level2") or level2


def _has_its_own(table: TableReader, row: Row, tokens: list[str]) -> bool:
    """Whether a row whose first cell finishes the label above has an indicator of its own: its own 二级 label
    after that cell, or (read by columns) its own 三级指标 and value."""
    if len(tokens) > 1 and is_level2(tokens[1]):
        return True
    if table.dual or table.columns is None:
        return False
    texts = row.texts
    first = next(index for index, text in enumerate(texts) if text.strip())
    own = [table.columns.get("level3"), table.columns.get("target") or table.columns.get("actual")]
    return all(index is not None and index != first and cell_at(texts, index) for index in own)


def _without_first_cell(row: Row) -> Row:
    """The row with its first filled cell blanked (a label tail given back to the row above)."""
    first = next(index for index, cell in enumerate(row.cells) if cell.text.strip())
    cells = list(row.cells)
    cells[first] = Cell("", cells[first].line, cells[first].confidence)
    return replace(row, cells=tuple(cells))


def _align_by_labels(table: TableReader, row: Row, tokens: list[str]) -> dict[str, str | None]:
    """Assign a shifted row's cells by what they say: labels first, then the remaining header fields in order."""
    at = table.columns.at if table.columns else {}
    level1, level2, rest = take_levels(tokens)
    order = [name for name in sorted(at, key=at.get) if name not in LEVEL_ROLES and "_annual" not in name]
    values: dict[str, str | None] = dict.fromkeys((*VALUE_ROLES, "level3", "comparator", "target_unit"))
    values.update(level1=level1, level2=level2)
    order = [name for name in order if name in values]
    if order and order[0] != "level3" and "level3" in at:
        order.insert(0, "level3")
    if len(rest) == len(order):
        values.update(zip(order, rest, strict=True))
    else:
        table.issues.add(
            "warning",
            f"row has {len(rest)} value cells for {len(order)} columns ({', '.join(order)}); "
            "first taken as 三级指标, last as 指标值",
            row,
        )
        if rest:
            values["level3"] = rest[0]
        if len(rest) >= 2:
            values["target"] = rest[-1]
        if len(rest) >= 3:
            values["description"] = " ".join(rest[1:-1])
    return values
