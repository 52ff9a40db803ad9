with

tasks as (
    select * from {{ ref('int_department_tasks_counted') }}
)

select * from tasks
