{#
    One row per document: the revision the incremental models that keep only counted tables are built from
    (macros/incremental_by_document.sql). It changes when the document's raw.documents row changes (a re-parse, a
    stated fact) or when which of its tables are counted changes (int_tables_deduplicated: a copy printed in
    another document arrived or left), so exactly those documents' rows are rebuilt.
#}
{{ config(materialized='table') }}

with

documents as (
    select document_id, document_revision from {{ ref('stg_raw__documents') }}
),

tables as (
    select * from {{ ref('int_tables_deduplicated') }}
),

counted as (
    select
        document_id,
        string_agg(table_id, ',' order by table_id) filter (where is_counted) as counted_table_ids
    from tables
    group by document_id
),

revised as (
    select
        documents.document_id,
        md5(documents.document_revision || '/' || coalesce(counted.counted_table_ids, '')) as document_revision
    from documents
    left join counted
        on documents.document_id = counted.document_id
)

select * from revised
