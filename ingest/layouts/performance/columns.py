"""The indicator header: which column holds which role, read from its one or two printed rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import once_per_reading, vocabulary

if TYPE_CHECKING:
    from ingest.layouts.performance.table import Issues, TableReader

LEVEL_ROLES = ("level1", "level2", "level3")
CHOICE = "_choice"  # a role ending so is a tick-box column: where a row ticks it, its header is the value (of the role
# without the ending: likelihood_choice columns 确定能 | 有可能 | 完全不可能 give likelihood)


def column_roles(row: Row) -> list[str | None]:
    """Each cell's column role (一级指标 -> level1, 指标值 -> target), None for a blank or unknown one."""
    return list(_column_roles(row))


@once_per_reading  # every layout asks it of every row
def _column_roles(row: Row) -> tuple[str | None, ...]:
    words = vocabulary()
    return tuple(words.role("column", text) if text.strip() else None for text in row.texts)


def is_indicator_header(roles: list[str | None]) -> bool:
    """A row naming at least two indicator levels and a target (or an actual) column."""
    found = set(roles)
    return len(found & set(LEVEL_ROLES)) >= 2 and bool(found & {"target", "actual"})


def is_header_continuation(row: Row, roles: list[str | None]) -> bool:
    """The second printed row of a two-row header: every cell names a column (指标性质 | 指标值 | 度量单位)."""
    named = [(text, role) for text, role in zip(row.texts, roles, strict=True) if text.strip()]
    return bool(named) and all(role is not None for _, role in named) and not is_indicator_header(roles)


@dataclass(frozen=True)
class ColumnMap:
    """Role -> column; in a dual-horizon table a role's second column is its annual one (target_annual).

    Columns with no known role (or a role taken already) keep their header in `extras` (their cells go to an
    indicator's `extra`); tick-box columns keep theirs in `choices` (column -> the role they give a value to, and
    their header).
    """

    roles: tuple[str | None, ...]
    labels: tuple[str, ...]  # each column's header as printed (the lower row's where a second row names it)
    at: dict[str, int]
    extras: dict[int, str]
    choices: dict[int, tuple[str, str]]

    @classmethod
    def of(cls, roles: tuple[str | None, ...], labels: tuple[str, ...], dual: bool) -> ColumnMap:
        words = vocabulary()
        at: dict[str, int] = {}
        choices: dict[int, tuple[str, str]] = {}
        extras = {
            index: label
            for index, (role, label) in enumerate(zip(roles, labels, strict=True))
            if label and role is None and words.role("field", label) != "section"
        }
        for index, role in enumerate(roles):
            if role is None:
                continue
            if role.endswith(CHOICE):
                choices[index] = (role.removesuffix(CHOICE), labels[index])
            elif role not in at:
                at[role] = index
            elif dual and f"{role}_annual" not in at:
                at[f"{role}_annual"] = index
            else:
                extras.setdefault(index, role)
        return cls(roles, labels, at, extras, choices)

    @classmethod
    def read(cls, row: Row, roles: list[str | None], dual: bool) -> ColumnMap:
        """The map of a header row."""
        return cls.of(tuple(roles), tuple(text.strip() for text in row.texts), dual)

    def under(self, lower: Row, roles: list[str | None], dual: bool) -> ColumnMap:
        """The lower header row laid over this one: a spanning 指标值 splits into 指标性质 | 指标值 | 度量单位."""
        width = max(len(self.roles), len(roles))
        merged = list(self.roles) + [None] * (width - len(self.roles))
        labels = list(self.labels) + [""] * (width - len(self.labels))
        for index, (text, role) in enumerate(zip(lower.texts, roles, strict=True)):
            if role is not None:
                merged[index], labels[index] = role, text.strip()
        return ColumnMap.of(tuple(merged), tuple(labels), dual)

    def get(self, role: str) -> int | None:
        return self.at.get(role)

    def __contains__(self, role: str) -> bool:
        return role in self.at

    def mapped_columns(self) -> set[int]:
        """The columns read: by role, kept in extra, or tick boxes."""
        return set(self.at.values()) | set(self.extras) | set(self.choices)

    def ticked(self, texts: list[str]) -> dict[str, str]:
        """Role -> the headers of the tick-box columns a row marks (several joined by ；)."""
        found: dict[str, list[str]] = {}
        for index, (role, header) in self.choices.items():
            if index < len(texts) and texts[index].strip():
                found.setdefault(role, []).append(header)
        return {role: "；".join(headers) for role, headers in found.items()}

    def report(self, issues: Issues, row: Row) -> None:
        """Report each column with no known role, once the header is complete."""
        for label in self.extras.values():
            issues.add("info", f"column '{label}' has no known role; kept in extra", row, "unknown_column", label)


class SecondHeaderRow:
    """The row right under the indicator header, which may be the header's second printed row."""

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        merged = table.columns is not None and is_header_continuation(row, roles)
        if merged and table.columns is not None:
            table.columns = table.columns.under(row, roles, table.dual)
        table.settle_columns()  # whether or not the row was the header's second, the header is complete now
        return merged
