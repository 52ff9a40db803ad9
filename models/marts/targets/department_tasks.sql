with

tasks as (
    select * from {{ ref('stg_raw__department_tasks') }}
    where {{ is_counted('project_id') }}
)

select * from tasks
