{# The 年度主要任务 of the department-wide target tables the marts count (int_tables_deduplicated). #}
with

tasks as (
    select * from {{ ref('stg_raw__department_tasks') }}
    where {{ is_counted("project_id") }}
)

select * from tasks
