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
