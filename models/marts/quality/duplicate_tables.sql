{#
    Tables printed in more than one document, side by side: each copy the marts do not count beside the copy they
    count (the same table), and each pair of counted tables of the same kind, issuer, year and name whose figures
    or indicators differ (a near-duplicate: both stay counted, never dropped, and data_quality reports it).
#}
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
),

same_tables as (
    select
        'same table' as relation,
        copy.table_id,
        counted.table_id as other_table_id
    from described as copy
    inner join described as counted
        on copy.counted_table_id = counted.table_id
    where not copy.is_counted
),

near_duplicates as (
    -- Both counted: same type, kind, issuer, year and name in two documents, saying different things.
    select
        'same name, different figures' as relation,
        later.table_id,
        earlier.table_id as other_table_id
    from described as later
    inner join described as earlier
        on later.name_key = earlier.name_key
        and later.document_id <> earlier.document_id
        and later.content_fingerprint <> earlier.content_fingerprint
        and later.document_rank > earlier.document_rank
    where later.is_counted and earlier.is_counted
        and later.table_type in ('project_table', 'budget_table')
),

unioned as (
    select * from same_tables
    union all
    select * from near_duplicates
),

final as (
    select
        md5(unioned.table_id || '|' || unioned.other_table_id) as duplicate_table_id,
        unioned.relation,
        this.table_type,
        this.table_kind,
        this.table_name,
        unioned.table_id,
        this.document_id,
        this.file_name,
        this.is_counted,
        this.budget_yuan,
        this.figures,
        unioned.other_table_id,
        other.document_id as other_document_id,
        other.file_name as other_file_name,
        other.table_name as other_table_name,
        other.budget_yuan as other_budget_yuan,
        other.figures as other_figures
    from unioned
    inner join described as this
        on unioned.table_id = this.table_id
    inner join described as other
        on unioned.other_table_id = other.table_id
)

select * from final
