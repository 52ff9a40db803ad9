with

goals as (
    select * from {{ ref('stg_raw__department_goals') }}
)

select * from goals
