with

indicators as (
    select * from {{ ref('stg_raw__indicator_rows') }}
    where document_id in (select document_id from {{ ref('int_documents_deduplicated') }} where is_kept)
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

joined as (
    select
        indicators.*,
        documents.budget_year
    from indicators
    left join documents
        on indicators.document_id = documents.document_id
)

select * from joined
