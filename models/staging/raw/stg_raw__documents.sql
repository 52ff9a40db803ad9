with

source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        document_id,
        file_name,
        source_path,
        format,
        size_bytes,
        page_count,
        layouts,
        {{ clean_text('issuer') }} as issuer,
        budget_year,
        budget_year_basis,
        issuer_basis,
        doc_kind,
        doc_kind_basis,
        status,
        error as error_message,
        n_tables,
        n_projects,
        n_indicators,
        n_warnings,
        parse_seconds
    from source
)

select * from renamed
