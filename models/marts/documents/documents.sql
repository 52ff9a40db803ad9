with

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
),

announced_per_document as (
    select * from {{ ref('int_announced_tables_aggregated') }}
),

final as (
    select
        documents.document_id,
        file_name,
        format,
        layouts,
        issuer,
        co_issuers,
        region_code,
        region_basis,
        region_candidates,
        budget_year,
        budget_year_basis,
        issuer_basis,
        doc_kind,
        doc_kind_basis,
        status,
        error_message,
        is_kept,
        duplicate_of_document_id,
        duplicate_rule,
        n_duplicate_tables,
        content_sha256,
        n_tables,
        has_tables,
        n_tables_announced,
        announced_per_document.tables_announced,
        n_projects,
        n_indicators,
        n_warnings,
        size_bytes,
        page_count,
        source_path
    from documents
    left join announced_per_document
        on documents.document_id = announced_per_document.document_id
)

select * from final
