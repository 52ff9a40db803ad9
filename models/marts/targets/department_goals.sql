with

goals as (
    select * from {{ ref('stg_raw__department_goals') }}
    where {{ is_counted("document_id || '-goals'") }}
)

select * from goals
