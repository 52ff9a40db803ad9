with

tasks as (
    select * from {{ ref('stg_raw__department_tasks') }}
)

select * from tasks
