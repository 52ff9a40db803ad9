"""资金支出计划: a row of periods (3月底 | 6月底 | 10月底 | 12月底), the shares spent by then on the row below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.document import Row
from ingest.layouts.labels import clean, vocabulary
from ingest.records import SpendingPlanRow

if TYPE_CHECKING:
    from ingest.layouts.performance.table import TableReader


def _is_plan_label(text: str) -> bool:
    return vocabulary().role("part", text) == "spending_plan"


def start(table: TableReader, texts: list[str]) -> bool:
    """A row labelled 资金支出计划: its other cells are the periods."""
    if not any(_is_plan_label(text) for text in texts):
        return False
    periods = [(index, text.strip()) for index, text in enumerate(texts) if text.strip() and not _is_plan_label(text)]
    table.active = PlanShares(periods, len(texts))
    return True


@dataclass(frozen=True)
class PlanShares:
    """The row of shares under the periods."""

    periods: list[tuple[int, str]]
    width: int

    def take(self, table: TableReader, row: Row, roles: list[str | None]) -> bool:
        """Shares sit under their periods; a blank cell is no share stated, not zero."""
        texts = row.texts
        if len(texts) == self.width:
            shares = [clean(texts[index]) for index, _ in self.periods]
        else:
            shares = [text.strip() for text in texts if text.strip()]
            table.issues.add(
                "warning",
                f"spending plan has {len(self.periods)} periods but its value row has another width; "
                "values taken in order",
                row,
            )
        for seq, (_, period) in enumerate(self.periods, start=1):
            share = shares[seq - 1] if seq <= len(shares) else None
            table.plan.append(SpendingPlanRow(table.table_seq, seq, period, share, row.line, row.page))
        return True
