with

plans as (
    select * from {{ ref('int_spending_plans_counted') }}
)

select
    project_id || '-q' || period_seq as spending_plan_id,
    *
from plans
