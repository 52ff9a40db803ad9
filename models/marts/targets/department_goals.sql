with

goals as (
    select * from {{ ref('int_department_goals_counted') }}
)

select * from goals
