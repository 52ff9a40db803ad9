"""functional_spending compares an issuer's budget with its own final accounts, at one statement level: beside
东丽区医疗保障局's 2026 部门预算 (sample 003) and 部门决算 (tests/render_documents.py), another department of the
same district (its 部门决算, other amounts) and a 单位决算 of one of the bureau's own units (a part of the
department's money, printed again) stay rows of their own: no execution ratio of one department's spending over
another's budget, and no unit's money added to the department that already includes it."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import duckdb

from conftest import run_dbt, sample_path
from ingest.cli import main
from render_documents import FINAL_ACCOUNTS
from render_templates import Grid, render_text

BUREAU = "天津市东丽区医疗保障局"
AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d{2}$")


def reissued(blocks: list, old: str, new: str, factor: int) -> list:
    """The blocks with `old` replaced by `new` in every text and every amount times factor (totals still add up)."""

    def cell(text: str) -> str:
        if AMOUNT.match(text):
            return f"{Decimal(text.replace(',', '')) * factor:,.2f}"
        return text.replace(old, new)

    return [
        replace(block, rows=[[cell(text) for text in row] for row in block.rows])
        if isinstance(block, Grid)
        else block.replace(old, new)
        for block in blocks
    ]


def test_functional_spending_compares_an_issuer_with_itself_at_one_level(tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "东丽区医疗保障局2026年度部门决算.txt").write_bytes(render_text(FINAL_ACCOUNTS))
    other = reissued(FINAL_ACCOUNTS, BUREAU, "天津市东丽区财政局", 2)
    (documents / "东丽区财政局2026年度部门决算.txt").write_bytes(render_text(other))
    unit = reissued(FINAL_ACCOUNTS, "2026年度部门决算", "2026年度单位决算", 3)
    (documents / "东丽区医疗保障局2026年度单位决算.txt").write_bytes(render_text(unit))
    db = tmp_path / "warehouse.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("003")), str(documents)]) == 0
    run_dbt(["build"], db, tmp_path / "target")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select issuer, doc_kind, count(*) from marts.documents group by all order by all"
        ).fetchall() == [
            (BUREAU, "budget", 1),
            (BUREAU, "final_accounts", 2),
            ("天津市东丽区财政局", "final_accounts", 1),
        ]
        rows = con.execute(
            """
            select issuer, entity_level, budget_yuan, final_accounts_yuan, execution_ratio
            from marts.functional_spending where region_code = '120110' and code = '210' order by all
            """
        ).fetchall()
        # codes, budgeted, spent, with a ratio: the bureau's 20 budgeted codes, 18 of them in its 决算
        assert con.execute(
            """
            select issuer, entity_level, count(*), count(budget_yuan), count(final_accounts_yuan),
                count(execution_ratio)
            from marts.functional_spending group by all order by all
            """
        ).fetchall() == [
            (BUREAU, "department", 20, 20, 18, 18),
            (BUREAU, "unit", 18, 0, 18, 0),
            ("天津市东丽区财政局", "department", 18, 0, 18, 0),
        ]
    # The bureau's own ratio as before; the others' spending stands alone (summed with the bureau's it gave
    # 6 x 155,012,798.40 against 156,917,300.00, a ratio of 5.93).
    assert rows == [
        (BUREAU, "department", Decimal("156917300.00"), Decimal("155012798.40"), Decimal("0.9879")),
        (BUREAU, "unit", None, Decimal("465038395.20"), None),
        ("天津市东丽区财政局", "department", None, Decimal("310025596.80"), None),
    ]
