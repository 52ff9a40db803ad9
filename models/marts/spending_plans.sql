with

plans as (
    select * from {{ ref('stg_raw__spending_plans') }}
)

select
    project_id || '-q' || period_seq as spending_plan_id,
    *
from plans
