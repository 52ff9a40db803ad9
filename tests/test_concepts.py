"""Concept matching with the seed's patterns as constants (macros/indicator_concepts.sql) finds exactly what the
join on the pattern columns finds, on the samples and on the results fixtures."""

from __future__ import annotations

import pytest

# The rules as a join on the seed's pattern columns, row by row: what the model did before its patterns were
# constants, and still does inside its dbt unit test.
BY_JOIN = """
with names as (
    select
        indicators.indicator_id,
        regexp_replace(coalesce(indicators.level3, ''), '\\s+', '', 'g') as level3_name,
        targets.target_kind,
        targets.base_unit
    from intermediate.int_indicators_joined as indicators
    left join intermediate.int_indicator_targets_parsed as targets
        on indicators.indicator_id = targets.indicator_id
),
matches as (
    select
        names.indicator_id,
        concepts.concept,
        row_number() over (partition by names.indicator_id order by concepts.priority) as match_rank
    from names
    inner join reference.indicator_concepts as concepts
        on regexp_matches(names.level3_name, concepts.pattern)
        and (
            coalesce(concepts.exclude_pattern, '') = ''
            or not regexp_matches(names.level3_name, concepts.exclude_pattern)
        )
        and (
            coalesce(concepts.base_unit_pattern, '') = ''
            or (
                names.target_kind = 'numeric'
                and coalesce(regexp_matches(names.base_unit, concepts.base_unit_pattern), false)
            )
        )
)
select indicator_id, concept from matches where match_rank = 1
"""


@pytest.mark.parametrize("built", ["marts", "results"])
def test_constant_patterns_match_as_the_join_did(built, request):
    con = request.getfixturevalue(built)
    by_join = set(con.execute(BY_JOIN).fetchall())
    constant = set(
        con.execute(
            "select indicator_id, concept from intermediate.int_indicators_conceptualised where concept is not null"
        ).fetchall()
    )
    assert constant == by_join
    assert len(constant) > 100 if built == "marts" else len(constant) > 5


def test_the_concepts_are_constants_of_the_compiled_sql(marts, warehouse):
    compiled = next((warehouse.parent / "target").rglob("compiled/**/int_indicators_conceptualised.sql"))
    sql = compiled.read_text(encoding="utf-8")
    assert "when regexp_matches(level3_name, '满意')" in sql and "concepts.pattern" not in sql
    kind = marts.execute(
        "select table_type from information_schema.tables "
        "where table_schema = 'intermediate' and table_name = 'int_indicators_conceptualised'"
    ).fetchone()
    assert kind == ("BASE TABLE",)
    counts = dict(
        marts.execute("select concept, count(*) from intermediate.int_indicators_conceptualised group by 1").fetchall()
    )
    assert counts[None] > 0 and counts["satisfaction"] > 10


# Project kinds as a join on project_kind_rules' pattern column: what int_projects_kinded did before its patterns
# were constants (macros/rules.sql), and still does inside its unit test.
KINDS_BY_JOIN = """
with matches as (
    select
        named.project_id,
        rules.rule_id,
        row_number() over (partition by named.project_id order by rules.priority, rules.rule_id) as match_rank
    from intermediate.int_projects_named as named
    inner join reference.project_kind_rules as rules
        on regexp_matches(named.project_name_normalised, rules.pattern)
)
select project_id, rule_id from matches where match_rank = 1
"""


@pytest.mark.parametrize("built", ["marts", "results"])
def test_project_kinds_by_constant_patterns_are_the_joins(built, request, warehouse):
    con = request.getfixturevalue(built)
    by_join = set(con.execute(KINDS_BY_JOIN).fetchall())
    constant = set(
        con.execute(
            "select project_id, project_kind_rule from intermediate.int_projects_kinded "
            "where project_kind_rule is not null"
        ).fetchall()
    )
    assert constant == by_join
    assert len(constant) > 100 if built == "marts" else len(constant) > 3
    compiled = next((warehouse.parent / "target").rglob("compiled/**/int_projects_kinded.sql"))
    sql = compiled.read_text(encoding="utf-8")
    assert "when regexp_matches(named.project_name_normalised, '长期护理|长护') then 'ltc'" in sql
    assert "rules.pattern" not in sql
