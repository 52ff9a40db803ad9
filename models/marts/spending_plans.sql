with

plans as (
    select * from {{ ref('stg_raw__spending_plans') }}
    where document_id in (select document_id from {{ ref('int_documents_deduplicated') }} where is_kept)
)

select
    project_id || '-q' || period_seq as spending_plan_id,
    *
from plans
