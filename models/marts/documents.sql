with

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
),

final as (
    select
        document_id,
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
        n_projects,
        n_indicators,
        n_warnings,
        size_bytes,
        page_count,
        source_path
    from documents
)

select * from final
