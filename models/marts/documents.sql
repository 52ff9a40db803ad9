with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

final as (
    select
        document_id,
        file_name,
        format,
        layouts,
        issuer,
        region_code,
        budget_year,
        budget_year_basis,
        issuer_basis,
        doc_kind,
        doc_kind_basis,
        status,
        error_message,
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
