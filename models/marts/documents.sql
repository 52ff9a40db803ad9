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
        region_code,
        region_basis,
        region_candidates,
        issuer_basis,
        stated_doc_kind as doc_kind,
        budget_year,
        budget_year_basis,
        status,
        error_message,
        is_kept,
        duplicate_of_document_id,
        duplicate_rule,
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
