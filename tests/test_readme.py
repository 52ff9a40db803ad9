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


# Marts the samples leave empty: one budget year per unit, no self-evaluation (see tests/test_years.py).
EMPTY_ON_THE_SAMPLES = ("project_changes", "indicator_changes", "project_results", "indicator_results")


def test_the_readme_has_its_examples():
    assert len(readme_queries()) == 12


def test_every_readme_example_runs_and_returns_rows(marts):
    for query in readme_queries():
        rows = marts.execute(query).fetchall()
        if any(mart in query for mart in EMPTY_ON_THE_SAMPLES):
            assert rows == [], query
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


def test_readme_examples_answer_on_the_grains_fixture(grains):
    """遂宁市 (tests/budget_grains.py): the figures "One grain of money at a time" gives, each yuan counted once."""
    queries = readme_queries()
    for query in queries:
        assert grains.execute(query).fetchall() is not None  # every example runs here too
    assert grains.execute(queries[0]).fetchall() == [
        ("四川省遂宁市", 2025, 3, Decimal("3500000.00")),  # 120.00 + 200.00 + 30.00 万元, not the 5,091.22 of every row
        ("四川省遂宁市", 2024, 1, Decimal("1100000.00")),
    ]
    (summary_query,) = [query for query in queries if "marts.budget_summary" in query]
    assert grains.execute(summary_query).fetchall() == [
        ("四川省遂宁市", 2024, 1, Decimal("1100000.00"), None, None, None),
        ("四川省遂宁市", 2025, 3, Decimal("3500000.00"), Decimal("33866200.00"), Decimal("3200000.00"),
         Decimal("12296000.00")),
    ]  # fmt: skip
    (changes_query,) = [query for query in queries if "marts.project_changes" in query]
    assert sorted(grains.execute(changes_query).fetchall(), key=str) == [
        ("遂宁市医疗保障局", 2024, 2025, "continued", "医保基金监管", Decimal("100000.00")),  # 110.00 -> 120.00 万元
        ("遂宁市医疗保障局", 2024, 2025, "new", "医保信息化运维", None),
        ("遂宁市医疗保障局", 2024, 2025, "new", "城乡居民医保参保扩面工作经费", None),
    ]
    (loosened_query,) = [query for query in queries if "target_change = 'loosened'" in query]
    assert grains.execute(loosened_query).fetchall() == [
        ("510900", 2024, 2025, "检查完成时间", "2024年10月底前", "2025年11月底前"),
        ("510900", 2024, 2025, "检查经费", "≤18万元", "≤20万元"),
    ]
    (share_query,) = [query for query in queries if "share_met_published" in query]
    assert grains.execute(share_query).fetchall() == [
        ("医保基金监管", 2024, Decimal("0.6667"), Decimal("0.6667"), 0, 0),
        ("医保基金监管", 2025, Decimal("0.6000"), Decimal("0.8333"), 3, 2),  # met as evaluated, missed as published
    ]
    (kind_query,) = [query for query in queries if "group by all order by project_kind" in query]
    assert grains.execute(kind_query).fetchall() == [("fund_supervision", 5, 3)]
