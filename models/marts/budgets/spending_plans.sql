with

plans as (
    select * from {{ ref('stg_raw__spending_plans') }}
    where {{ is_counted('project_id') }}
)

select
    project_id || '-q' || period_seq as spending_plan_id,
    *
from plans
