"""Cross-document models compare documents only within blocks (region and unit, issuer, year, code or name), so what
they compare grows with the documents, not with their square (tests/blocking.py measures it).

Two corpora: the same documents for two cities, and for four (each city: sample 000 and its re-issue a year later,
and 遂宁市's disclosures at every grain (tests/budget_grains.py) moved to the city, its 2025 targets in two formats).
Cities never share a block, so four cities must give exactly twice the candidate pairs, rows in and rows out of two.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from blocking import MODELS, measure, write_city

from conftest import run_dbt
from synthetic import CITIES

# Candidate pairs each cross-document model forms for two cities (tests/blocking.py PAIRS).
PAIRS_TWO_CITIES = {
    "int_tables_deduplicated": 262,
    "int_documents_deduplicated": 246,
    "int_projects_keyed": 1958,
    "int_self_evaluations_linked": 4,
    "int_self_evaluations_keyed": 8,
    "int_indicators_linked": 18,
    "int_department_tasks_matched": 4,
    "duplicate_tables": 334,
    "project_changes": 138,
    "indicator_changes": 748,
}
# What a join on the year (and grain) alone would compare for two cities (tests/blocking.py YEAR_ONLY_PAIRS).
YEAR_ONLY_PAIRS_TWO_CITIES = {"int_projects_keyed": 13216, "int_self_evaluations_linked": 240}


def build(folder: Path, cities: tuple[str, ...]) -> dict[str, dict]:
    from ingest.cli import main

    docs = folder / "documents"
    docs.mkdir(parents=True)
    for city in cities:
        write_city(docs, city)
    db = folder / "warehouse.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    run_dbt(["build", "--exclude", "resource_type:test", "--select", *(f"+{name}" for name in MODELS)], db,
            folder / "target")  # fmt: skip
    return measure(db, folder / "target")


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[int, dict[str, dict]]:
    return {n: build(tmp_path_factory.mktemp(f"cities{n}"), CITIES[:n]) for n in (2, 4)}


def test_candidate_pairs_grow_linearly(figures):
    two, four = figures[2], figures[4]
    assert {name: entry["pairs"] for name, entry in two.items()} == PAIRS_TWO_CITIES
    for name in MODELS:
        assert (four[name]["rows_in"], four[name]["pairs"], four[name]["rows_out"]) == (
            2 * two[name]["rows_in"],
            2 * two[name]["pairs"],
            2 * two[name]["rows_out"],
        ), name


def test_a_join_on_the_year_alone_would_grow_quadratically(figures):
    """What blocking avoids: the pairs a join on the year (and grain) alone would form quadruple with twice the
    cities, where the blocked pairs double."""
    two, four = figures[2], figures[4]
    assert {name: entry["year_only_pairs"] for name, entry in two.items() if "year_only_pairs" in entry} == (
        YEAR_ONLY_PAIRS_TWO_CITIES
    )
    assert {name: four[name]["year_only_pairs"] for name in YEAR_ONLY_PAIRS_TWO_CITIES} == {
        name: 4 * pairs for name, pairs in YEAR_ONLY_PAIRS_TWO_CITIES.items()
    }


def test_no_model_compares_all_pairs(figures):
    """No nested loop or cross product in the plan of any cross-document model (EXPLAIN ANALYZE)."""
    assert {name: entry["unblocked"] for name, entry in figures[4].items() if entry["unblocked"]} == {}
