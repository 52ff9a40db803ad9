{{ config(**by_document_config('int_document_revisions')) }}

with

indicators as (
    select * exclude (document_revision) from {{ ref('stg_raw__indicator_rows') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

projects as (
    -- the counted tables only: an indicator row is counted with its table
    select project_id, table_kind from {{ ref('int_project_tables_counted') }}
),

joined as (
    select
        indicators.*,
        documents.budget_year,
        projects.table_kind,
        revisions.document_revision
    from indicators
    inner join revisions
        on indicators.document_id = revisions.document_id
    left join documents
        on indicators.document_id = documents.document_id
    inner join projects
        on indicators.project_id = projects.project_id
)

select * from joined
