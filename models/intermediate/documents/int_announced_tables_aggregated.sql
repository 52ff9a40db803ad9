{# The tables a document announces (its contents, a list of attachments), their titles joined in order. #}
with

announced_tables as (
    select * from {{ ref('stg_raw__announced_tables') }}
),

aggregated as (
    select
        document_id,
        string_agg(title, '；' order by entry_seq) as tables_announced
    from announced_tables
    group by document_id
)

select * from aggregated
