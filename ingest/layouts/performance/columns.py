"""The indicator header: which column holds which role, read from its one or two printed rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import vocabulary

if TYPE_CHECKING:
    from ingest.layouts.performance.table import Issues, TableReader

LEVEL_ROLES = ("level1", "level2", "level3")


def column_roles(row: Row) -> list[str | None]:
    """Each cell's column role (一级指标 -> level1, 指标值 -> target), None for a blank or unknown one."""
    words = vocabulary()
    return [words.role("column", text) if text.strip() else None for text in row.texts]


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

    Columns with no known role keep their header in `extras` (their cells go to an indicator's `extra`).
    """

    roles: tuple[str | None, ...]
    at: dict[str, int]
    extras: dict[int, str]

    @classmethod
    def read(cls, row: Row, roles: list[str | None], dual: bool, issues: Issues) -> ColumnMap:
        """The header row's map; each column with no known role is reported."""
        words = vocabulary()
        extras = {
            index: text.strip()
            for index, (text, role) in enumerate(zip(row.texts, roles, strict=True))
            if text.strip() and role is None and words.role("field", text) != "section"
        }
        columns = cls.mapped(tuple(roles), dual, extras)
        for label in columns.extras.values():
            issues.add("info", f"column '{label}' has no known role; kept in extra", row, "unknown_column", label)
        return columns

    @classmethod
    def mapped(cls, roles: tuple[str | None, ...], dual: bool, extras: dict[int, str]) -> ColumnMap:
        at: dict[str, int] = {}
        for index, role in enumerate(roles):
            if role is None:
                continue
            if role not in at:
                at[role] = index
            elif dual and f"{role}_annual" not in at:
                at[f"{role}_annual"] = index
            else:
                extras.setdefault(index, role)
        return cls(roles, at, extras)

    def under(self, lower: list[str | None], dual: bool) -> ColumnMap:
        """The lower header row laid over this one: a spanning 指标值 splits into 指标性质 | 指标值 | 度量单位."""
        merged = list(self.roles) + [None] * max(0, len(lower) - len(self.roles))
        extras = dict(self.extras)
        for index, role in enumerate(lower):
            if role is not None:
                merged[index] = role
                extras.pop(index, None)
        return ColumnMap.mapped(tuple(merged), dual, extras)

    def get(self, role: str) -> int | None:
        return self.at.get(role)

    def __contains__(self, role: str) -> bool:
        return role in self.at


class SecondHeaderRow:
    """The row right under the indicator header, which may be the header's second printed row."""

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        if table.columns is None or not is_header_continuation(row, roles):
            return False
        table.columns = table.columns.under(roles, table.dual)
        return True
