{# A project's funding source as the project key compares it: without years, document numbers and the 01 of
   01 中央直达资金. #}
{% macro funding_key(funding_source) -%}
    coalesce(regexp_replace({{ funding_source }}, '【[^】]*】\d*号?|[0-9]', '', 'g'), '')
{%- endmacro %}

{# What a project key starts from within a unit: the printed 项目编码, else the normalised name with its funding and
   batch, else the table itself (no code and no name printed). Shared by target tables (int_projects_keyed) and
   self-evaluations (int_self_evaluations_keyed), so both key the same project alike. #}
{% macro project_key_basis(unit_id, project_code, project_name_key, funding_key, batch_key, project_id) -%}
    {{ unit_id }} || '|' || coalesce(
        'code:' || {{ project_code }},
        'name:' || {{ project_name_key }} || '|' || {{ funding_key }} || '|' || {{ batch_key }},
        'table:' || {{ project_id }}
    )
{%- endmacro %}
