{# The amounts a document's narrative claims, of the narratives the marts count (int_tables_deduplicated, table id document_id-narrative). #}
with

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
    where {{ is_counted("document_id || '-narrative'") }}
)

select * from claims
