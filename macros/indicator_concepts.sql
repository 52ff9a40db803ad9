{#
    Concept matching with constant patterns. The rules of the indicator_concepts seed are read once when the model
    is compiled and written into the SQL as one CASE (first rule by priority wins), so each pattern is compiled
    once, not once per row as a join on a pattern column does (117x faster at 5,000 documents, the same matches:
    tests/test_concepts.py compares the two on the samples and fixtures).

    In a dbt unit test the seed is replaced by given rows that exist only inside the test's query, so there the
    model keeps the join on the pattern columns (the same rules, read row by row): patterns_are_constant()
    (macros/rules.sql) says which.
#}

{% macro indicator_concept_case(concepts_relation, name_column, kind_column, unit_column) %}
    {%- set rules = run_query(
        "select concept, pattern, coalesce(exclude_pattern, '') as exclude_pattern, "
        ~ "coalesce(base_unit_pattern, '') as base_unit_pattern from " ~ concepts_relation
        ~ " order by priority, concept"
    ) -%}
    {%- if rules.rows | length == 0 %}
    cast(null as varchar)
    {%- else %}
    case
        {%- for rule in rules.rows %}
        when regexp_matches({{ name_column }}, {{ sql_text(rule['pattern']) }})
            {%- if rule['exclude_pattern'] != '' %}
            and not regexp_matches({{ name_column }}, {{ sql_text(rule['exclude_pattern']) }})
            {%- endif %}
            {%- if rule['base_unit_pattern'] != '' %}
            and {{ kind_column }} = 'numeric'
            and coalesce(regexp_matches({{ unit_column }}, {{ sql_text(rule['base_unit_pattern']) }}), false)
            {%- endif %}
            then {{ sql_text(rule['concept']) }}
        {%- endfor %}
    end
    {%- endif %}
{% endmacro %}


{% macro sql_text(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}
