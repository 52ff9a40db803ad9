"""A row wrapped onto the next printed line (可持续 | 影响 指标 ...): its label tails and values joined back on.

A row's first cell may finish a label begun on the row above (产出 | 指标, 可持续 | 影响指标: a tall merged cell's
text broken over the rows it spans). Only a row that has nothing of its own is that row wrapped; a row with its own
二级 label, or its own 三级指标 and 指标值, is an indicator of its own whose first cell finishes the label above.
Two whole labels (项目完成 | 时效指标) never join.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import compact, is_level1, is_level2, level2_prefix
from ingest.layouts.performance.levels import is_level_label

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader


@dataclass(frozen=True)
class Tail:
    """A row's first cell finishing the label `head` printed on the row above, as a label of `level`."""

    head: str
    text: str
    level: str  # level1 or level2


def tail_of(previous: list[str], tokens: list[str]) -> Tail | None:
    """The label tail a row starts with (可持续 | 影响 指标: 影响指标 finishes 可持续 as a 二级 label), or None."""
    if not previous or not tokens:
        return None
    starts = [token for token in previous if level2_prefix(token)]
    if not starts:
        return None
    head, text = starts[0], tokens[0]
    if is_level_label(head) and is_level_label(text):
        return None  # two whole labels, each its own row's
    joined = head + text
    if is_level2(joined):
        return Tail(head, text, "level2")
    if is_level1(joined):
        return Tail(head, text, "level1")
    return None


def finish_label(table: TableReader, tail: Tail) -> bool:
    """Join a tail onto the label it finishes on the rows made from the line above (or on a spanning label printed
    on its own row); whether there was one to finish."""
    head = compact(tail.head)
    if table.spanning is not None:
        level1, level2 = table.spanning
        if tail.level == "level1" and compact(level1) == head:
            table.spanning = (level1 + tail.text, level2)
            return True
        if tail.level == "level2" and compact(level2) == head:
            table.spanning = (level1, level2 + tail.text)
            return True
    if not table.indicators:
        return False
    finished = False
    line = table.indicators[-1].line
    for index, indicator in enumerate(table.indicators):
        label = getattr(indicator, tail.level)
        if indicator.line == line and label is not None and compact(label) == head:
            table.indicators[index] = replace(indicator, **{tail.level: label + tail.text})
            finished = True
    return finished


def merge(table: TableReader, row: Row, tokens: list[str]) -> None:
    """Join a wrapped row onto the indicators made from the row above, label by label."""
    previous_rows = [ind for ind in table.indicators if ind.line == table.indicators[-1].line]
    segments = _segments(tokens)
    table.issues.add(
        "warning",
        "row wrapped onto the next line; joined by labels, check the values: " + " | ".join(tokens),
        row,
    )
    for position, indicator in enumerate(previous_rows):
        if position >= len(segments):
            break
        label_tail, rest = segments[position]
        merged_level2 = (indicator.level2 or "") + label_tail if label_tail else indicator.level2
        if indicator.level2 is None and indicator.level3 and label_tail:
            merged_level2 = indicator.level3 + label_tail
            parts = [indicator.target or ""]
        else:
            parts = [indicator.level3 or "", indicator.target or ""]
        values = [part for part in parts if part]
        if len(rest) > len(values):
            # Two cells the export ran together ("财政足额 持续") split at their space to meet their tails.
            pieces = [piece for value in values for piece in value.split()]
            if len(pieces) == len(rest):
                values = pieces
        if len(rest) <= len(values):
            for offset, extra in enumerate(rest):
                index = len(values) - len(rest) + offset
                values[index] = values[index] + extra
        else:
            values = [values[0] + rest[0], *rest[1:]] if values else rest
        level3 = values[0] if values else None
        target = values[-1] if len(values) > 1 else None
        table.indicators[table.indicators.index(indicator)] = replace(
            indicator, level2=merged_level2, level3=level3, target=target
        )
        if target is not None:  # the wrapped line supplied the target the row above seemed to lack
            table.issues.withdraw((indicator.line, indicator.horizon))
    table.previous_tokens = None


def _segments(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Split a continuation row at each label tail: [(label_tail, values...), ...]."""
    segments: list[tuple[str, list[str]]] = []
    for token in tokens:
        if compact(token).endswith("指标") and len(compact(token)) <= 6:
            segments.append((compact(token), []))
        elif segments:
            segments[-1][1].append(token)
        else:
            segments.append(("", [token]))
    return segments
