{# The spending plans (分季度用款计划) of the project tables the marts count (int_tables_deduplicated). #}
with

plans as (
    select * from {{ ref('stg_raw__spending_plans') }}
    where {{ is_counted("project_id") }}
)

select * from plans
