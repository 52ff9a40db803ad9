with

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
    where document_id in (select document_id from {{ ref('int_documents_deduplicated') }} where is_kept)
)

select * from claims
