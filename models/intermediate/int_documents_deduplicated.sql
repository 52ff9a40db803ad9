{#
    The same disclosure in several files (PDF, DOCX and text of one document, a re-download that differs by a
    byte) is recognised by what it says: issuer, budget year, layouts, and every project's name and amounts and
    every budget table amount. One file of each such group is kept; the others point at it.
#}
with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
),

budget_amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
),

project_content as (
    select
        document_id,
        string_agg(
            concat_ws('=', coalesce(project_name, ''), budget_yuan::varchar, fiscal_yuan::varchar, other_yuan::varchar),
            '|' order by project_name, budget_yuan, fiscal_yuan, other_yuan
        ) as projects_said
    from projects
    group by document_id
),

budget_content as (
    select
        document_id,
        string_agg(amount::varchar, '|' order by amount) as amounts_said
    from budget_amounts
    group by document_id
),

fingerprinted as (
    select
        documents.*,
        case
            when documents.status not in ('failed', 'copy')
                and (project_content.projects_said is not null or budget_content.amounts_said is not null)
                then md5(concat_ws(
                    '#',
                    coalesce(documents.issuer, ''),
                    coalesce(documents.budget_year::varchar, ''),
                    coalesce(documents.layouts, ''),
                    coalesce(project_content.projects_said, ''),
                    coalesce(budget_content.amounts_said, '')
                ))
        end as content_fingerprint
    from documents
    left join project_content
        on documents.document_id = project_content.document_id
    left join budget_content
        on documents.document_id = budget_content.document_id
),

ranked as (
    -- Keep the fullest reading: most indicator rows, then a text layer over OCR, then fewest warnings, then the
    -- first file name.
    select
        *,
        first_value(document_id) over same_content as kept_document_id
    from fingerprinted
    window same_content as (
        partition by content_fingerprint
        order by n_indicators desc, coalesce(format, '') like '%+ocr' asc, n_warnings asc, file_name asc, document_id asc
        rows between unbounded preceding and unbounded following
    )
),

deduplicated as (
    select
        * exclude (kept_document_id),
        case
            when status = 'copy' then copy_of_document_id
            when content_fingerprint is not null and kept_document_id <> document_id then kept_document_id
        end as duplicate_of_document_id,
        case
            when status = 'copy' then 'identical bytes'
            when content_fingerprint is not null and kept_document_id <> document_id
                then 'same issuer, year, layouts, projects and amounts; kept the reading with the most indicator '
                    || 'rows, then a text layer over OCR, then the fewest warnings, then the first file name'
        end as duplicate_rule
    from ranked
),

final as (
    -- An identical copy says what its original says: it takes the original's issuer, year and region.
    select
        deduplicated.* replace (
            coalesce(deduplicated.issuer, original.issuer) as issuer,
            coalesce(deduplicated.budget_year, original.budget_year) as budget_year,
            coalesce(deduplicated.region_code, original.region_code) as region_code,
            coalesce(deduplicated.region_level, original.region_level) as region_level
        ),
        deduplicated.duplicate_of_document_id is null and deduplicated.status <> 'copy' as is_kept
    from deduplicated
    left join fingerprinted as original
        on deduplicated.status = 'copy'
        and deduplicated.copy_of_document_id = original.document_id
)

select * from final
