{# Generic test: every row satisfies a boolean SQL expression. #}
{% test expression_is_true(model, expression, where=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% if where %} and ({{ where }}) {% endif %}
{% endtest %}

{# Generic test: the combination of columns is unique. #}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}

{#
    Generic test: the column is the rows' key, unique and never null; one query (one dbt node) where dbt's unique and
    not_null are two, so a build runs half the key tests. A failing row is a key value that is null or repeated.
#}
{% test primary_key(model, column_name) %}
select {{ column_name }} as key_value, count(*) as n
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}
