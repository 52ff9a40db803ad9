with

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
    where {{ is_counted("document_id || '-narrative'") }}
)

select * from claims
