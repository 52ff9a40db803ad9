"""Every SQL example in the README runs against the marts built from the samples and says what the README says."""

from __future__ import annotations

import re
from decimal import Decimal

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_queries() -> list[str]:
    """The statements of every ```sql block, and the query inside the shell example's python -c."""
    blocks = re.findall(r"```sql\n(.*?)```", README, flags=re.S)
    statements = [part.strip() for block in blocks for part in block.split(";")]
    shell = re.findall(r"\.sql\('''(.*?)'''\)", README, flags=re.S)
    return [*shell, *(statement for statement in statements if re.sub(r"--[^\n]*", "", statement).strip())]


def test_the_readme_has_its_examples():
    assert len(readme_queries()) == 8


def test_every_readme_example_runs_and_returns_rows(marts):
    for query in readme_queries():
        rows = marts.execute(query).fetchall()
        if "project_changes" in query:
            assert rows == [], "the samples have no unit with two budget years"  # see tests/test_years.py
        else:
            assert rows, query


def test_readme_examples_say_what_the_readme_says(marts):
    queries = readme_queries()
    by_region = marts.execute(queries[0]).fetchall()
    assert by_region[0] == ("天津市", 2025, 55, Decimal("737479300.00"))
    assert ("天津市滨海新区", 2026, 3, Decimal("16876666.67")) in by_region  # the 2024-2026 premium annualised
    (share_query,) = [query for query in queries if "share_quantitative" in query]
    shares = dict(marts.execute(share_query).fetchall())
    assert round(shares["天长市医疗保障基金管理中心"], 4) == 0.2174  # annual only, as indicator_summary
    (checks_query,) = [query for query in queries if "budget_checks" in query]
    statuses = {row[-1] for row in marts.execute(checks_query).fetchall()}
    assert statuses == {"not comparable", "within rounding"}  # no inconsistency left in sample 003
