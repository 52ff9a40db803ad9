{# The rows of several models with the same columns in the same order, one after another (dbt_utils'
   union_relations, written here because dbt deps cannot run): `select * from` each, joined by `union all`. #}
{% macro union_all(model_names) -%}
    {%- for model_name in model_names %}
select * from {{ ref(model_name) }}
{%- if not loop.last %}
union all
{%- endif %}
    {%- endfor %}
{%- endmacro %}
