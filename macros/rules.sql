{#
    The first rule of a seed whose pattern matches a text, with the patterns as constants of the compiled SQL: the
    rules are read once when the model is compiled and written as one CASE in the rules' order, so each pattern is
    compiled once, not once per row as a join on the seed's pattern column does (int_projects_kinded: 4.4 s for
    25,000 projects at 1,000 documents by the join). Where a model is compiled for a dbt unit test the seed's rows
    exist only inside the test's query: there the model keeps the join (patterns_are_constant() is false).
#}

{% macro patterns_are_constant() %}
    {{ return(execute and model.resource_type != 'unit_test') }}
{% endmacro %}


{% macro first_matching_rule(rules_relation, text_column, rule_column, pattern_column, order_by) %}
    {%- set rules = run_query(
        "select " ~ rule_column ~ " as rule, " ~ pattern_column ~ " as pattern from " ~ rules_relation
        ~ " order by " ~ order_by
    ) -%}
    {%- if rules.rows | length == 0 %}
    cast(null as varchar)
    {%- else %}
    case
        {%- for rule in rules.rows %}
        when regexp_matches({{ text_column }}, {{ sql_text(rule['pattern']) }}) then {{ sql_text(rule['rule']) }}
        {%- endfor %}
    end
    {%- endif %}
{% endmacro %}


{#
    Whether a text contains any word of one kind of a word seed (indicator_words), with the words as constants of the
    compiled SQL: one strpos per word on each row instead of a cross join of every row with the seed and an
    aggregate over it (int_indicators_classified: 33 M joined rows at 5,000 documents). Null where the text is
    null, false where the seed has no word of the kind.
#}
{% macro contains_any_word(words_relation, kind, text_column) %}
    {%- set words = run_query(
        "select word from " ~ words_relation ~ " where kind = " ~ sql_text(kind) ~ " order by word"
    ) -%}
    {%- if words.rows | length == 0 %}
    false
    {%- else %}
    (
        {%- for row in words.rows %}
        {{ 'or ' if not loop.first }}strpos({{ text_column }}, {{ sql_text(row['word']) }}) > 0
        {%- endfor %}
    )
    {%- endif %}
{% endmacro %}
