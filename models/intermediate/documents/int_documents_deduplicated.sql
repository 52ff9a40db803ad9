{#
    One row per document with whether its rows are in the marts. What repeats is counted once at the grain where it
    repeats (int_tables_deduplicated: each table, a document's goals and its narrative); a document is kept while
    any of its tables is counted (or it holds none), and is a duplicate when everything it holds is counted in
    other documents: an identical copy (same bytes), the same disclosure in another format, or a part of a
    disclosure republished whole elsewhere. It then points at the document holding most of its tables.
#}
{{ config(materialized='table') }}

with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

tables as (
    select * from {{ ref('int_tables_deduplicated') }}
),

document_parts as (
    select
        document_id,
        count(*) as n_parts,
        count(*) filter (where is_counted) as n_parts_counted
    from tables
    group by document_id
),

holders as (
    -- Where the copies counted instead of a document's own tables are, document by document.
    select
        tables.document_id,
        counted.document_id as holder_document_id,
        count(*) as n_held,
        min(counted.document_rank) as holder_rank
    from tables
    inner join tables as counted
        on tables.counted_table_id = counted.table_id
    where not tables.is_counted
    group by tables.document_id, counted.document_id
),

main_holders as (
    select document_id, holder_document_id
    from holders
    qualify row_number() over (partition by document_id order by n_held desc, holder_rank asc) = 1
),

deduplicated as (
    select
        documents.*,
        coalesce(document_parts.n_parts, 0) - coalesce(document_parts.n_parts_counted, 0) as n_duplicate_tables,
        case
            when documents.status = 'copy' then documents.copy_of_document_id
            when document_parts.n_parts > 0 and document_parts.n_parts_counted = 0 then main_holders.holder_document_id
        end as duplicate_of_document_id,
        case
            when documents.status = 'copy' then 'identical bytes'
            when document_parts.n_parts > 0 and document_parts.n_parts_counted = 0
                then 'every table it holds is counted in another document (same kind, issuer, year, name, amounts '
                    || 'and indicators; the most complete reading is counted, then the one in the document with '
                    || 'the most tables, the most indicator rows, a text layer over OCR, the fewest warnings, then '
                    || 'the first file name)'
        end as duplicate_rule
    from documents
    left join document_parts
        on documents.document_id = document_parts.document_id
    left join main_holders
        on documents.document_id = main_holders.document_id
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
    left join documents as original
        on deduplicated.status = 'copy'
        and deduplicated.copy_of_document_id = original.document_id
)

select * from final
