{#
    Every table of int_tables_deduplicated (counted or not) with what it says in figures, to read two copies side
    by side (duplicate_tables): a project table's 预算数 and indicator rows, a budget table's lines and amounts.
#}
{{ config(materialized='table') }}

with

tables as (
    select * from {{ ref('int_tables_deduplicated') }}
),

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
),

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
),

indicator_counts as (
    select project_id, count(*) as n_rows
    from {{ ref('stg_raw__indicator_rows') }}
    group by project_id
),

budget_counts as (
    select
        budget_lines.budget_table_id,
        count(distinct budget_lines.budget_line_id) as n_rows,
        count(budget_amounts.budget_line_id) as n_amounts
    from {{ ref('stg_raw__budget_lines') }} as budget_lines
    left join {{ ref('stg_raw__budget_amounts') }} as budget_amounts
        on budget_lines.budget_line_id = budget_amounts.budget_line_id
    group by budget_lines.budget_table_id
),

described as (
    -- What each table says in figures, to read two copies side by side.
    select
        tables.*,
        documents.file_name,
        projects.budget_yuan,
        case tables.table_type
            when 'project_table' then
                '预算数 ' || coalesce(projects.budget_yuan::varchar || ' 元', '(blank)') || ', '
                    || coalesce(indicator_counts.n_rows, 0) || ' indicator rows'
            when 'budget_table' then
                coalesce(budget_counts.n_rows, 0) || ' lines, ' || coalesce(budget_counts.n_amounts, 0) || ' amounts'
        end as figures
    from tables
    inner join documents
        on tables.document_id = documents.document_id
    left join projects
        on tables.table_id = projects.project_id
    left join indicator_counts
        on tables.table_id = indicator_counts.project_id
    left join budget_counts
        on tables.table_id = budget_counts.budget_table_id
)

select * from described
