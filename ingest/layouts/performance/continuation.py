"""A row wrapped onto the next printed line (可持续 | 影响 指标 ...): its label tails and values joined back on."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import compact, is_level1, is_level2, level2_prefix

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader


def wraps(previous: list[str], tokens: list[str]) -> bool:
    """A row that finishes the labels of the row above (可持续 | 影响 指标) is that row wrapped."""
    if not previous or not tokens:
        return False
    starts = [token for token in previous if level2_prefix(token)]
    return bool(starts) and (is_level2(starts[0] + tokens[0]) or is_level1(starts[0] + tokens[0]))


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
