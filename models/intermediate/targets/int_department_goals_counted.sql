{# The department goals of the documents whose goals the marts count (int_tables_deduplicated, table id document_id-goals). #}
with

goals as (
    select * from {{ ref('stg_raw__department_goals') }}
    where {{ is_counted("document_id || '-goals'") }}
)

select * from goals
