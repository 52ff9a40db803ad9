with

indicators as (
    select * from {{ ref('stg_raw__indicator_rows') }}
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
        projects.table_kind
    from indicators
    left join documents
        on indicators.document_id = documents.document_id
    inner join projects
        on indicators.project_id = projects.project_id
)

select * from joined
