{#
    Cells read from a scan (OCR), with the project table their block was read into and whether their
    recognition confidence is below the threshold an analyst should check (var ocr_min_confidence).
#}
{{ config(**by_document_config('stg_raw__documents')) }}

with

cells as (
    select * from {{ ref('stg_raw__table_cells') }}
    where is_recognised
        and {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

documents as (
    select document_id, document_revision from {{ ref('stg_raw__documents') }}
),

tables as (
    select * from {{ ref('stg_raw__document_tables') }}
),

with_project as (
    select
        cells.*,
        tables.project_id,
        tables.kind as table_kind,
        cells.confidence < {{ var('ocr_min_confidence') }} as is_below_threshold,
        documents.document_revision
    from cells
    left join tables
        on cells.document_table_id = tables.document_table_id
    inner join documents
        on cells.document_id = documents.document_id
)

select * from with_project
