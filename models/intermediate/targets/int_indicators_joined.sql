with

indicators as (
    select * from {{ ref('stg_raw__indicator_rows') }}
    where {{ is_counted('project_id') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

projects as (
    select project_id, table_kind from {{ ref('stg_raw__project_tables') }}
),

joined as (
    select
        indicators.*,
        documents.budget_year,
        projects.table_kind
    from indicators
    left join documents
        on indicators.document_id = documents.document_id
    left join projects
        on indicators.project_id = projects.project_id
)

select * from joined
