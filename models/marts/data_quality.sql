{#
    Findings about the documents, never failures of the build: each is a row an analyst can query (and a dbt
    test of severity warn counts them). The warehouse's own invariants (keys, relationships) stay dbt errors.
#}
with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
),

amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
),

document_findings as (
    select
        document_id,
        document_id as subject_id,
        'document failed' as check_name,
        error_message as detail
    from documents
    where status = 'failed'
    union all
    select
        document_id,
        document_id,
        'region unresolved',
        case
            when stated_region_code is not null
                then 'stated region_code ' || stated_region_code || ' (' || stated_basis || ') is not a known region'
            when region_candidates is not null
                then 'issuer "' || issuer || '" names a district several cities have (' || region_candidates
                    || ') and the document prints none of their cities; state region_code in documents.csv'
            else 'no region found for issuer ' || coalesce('"' || issuer || '"', '(none read)')
        end || '; the document is left out of region comparisons'
    from documents
    where status not in ('failed', 'copy') and region_code is null
    union all
    select
        document_id,
        document_id,
        'year unknown',
        'no budget year printed or inferred; the document is left out of year comparisons'
    from documents
    where status not in ('failed', 'copy') and budget_year is null
),

unread_amounts as (
    -- A printed amount that is not a finite number within range (NaN, inf, 1e309, text) is null in the marts.
    select
        projects.document_id,
        projects.project_id as subject_id,
        'amount not read' as check_name,
        printed.column_name || ' printed as "' || printed.value || '" is not a number (or out of range)' as detail
    from projects
    cross join lateral (
        values
            ('预算数', projects.budget_printed, projects.budget_yuan),
            ('财政资金', projects.fiscal_printed, projects.fiscal_yuan),
            ('其他资金', projects.other_printed, projects.other_yuan)
    ) as printed (column_name, value, yuan)
    where nullif(trim(printed.value), '') is not null and printed.yuan is null
    union all
    select
        document_id,
        budget_line_id || '-c' || {{ key_part('column_number', 2) }},
        'amount not read',
        'budget table cell "' || value_printed || '" is not a number (or out of range)'
    from amounts
    where amount is null
),

fiscal_above_budget as (
    select
        document_id,
        project_id as subject_id,
        'fiscal above budget' as check_name,
        '财政资金 ' || fiscal_yuan || ' yuan is more than 预算数 ' || budget_yuan || ' yuan' as detail
    from projects
    where fiscal_yuan > budget_yuan
),

unioned as (
    select * from document_findings
    union all
    select * from unread_amounts
    union all
    select * from fiscal_above_budget
),

final as (
    select
        md5(unioned.check_name || '|' || unioned.subject_id || '|' || coalesce(unioned.detail, '')) as data_quality_id,
        unioned.document_id,
        documents.file_name,
        unioned.subject_id,
        unioned.check_name,
        'warning' as severity,
        unioned.detail
    from unioned
    inner join documents
        on unioned.document_id = documents.document_id
)

select * from final
