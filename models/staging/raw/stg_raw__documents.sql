with

source as (
    select * from {{ source('raw', 'documents') }}
),

facts as (
    -- the row without the file's time: touching a file changes nothing it says
    select * exclude (file_modified_ns) from source
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
        {{ clean_text('co_issuers') }} as co_issuers,
        budget_year,
        budget_year_basis,
        issuer_basis,
        doc_kind,
        doc_kind_basis,
        status,
        error as error_message,
        n_tables,
        has_tables,
        n_tables_announced,
        n_projects,
        n_indicators,
        n_warnings,
        parse_seconds,
        copy_of_document_id,
        content_sha256,
        {{ clean_text('stated_issuer') }} as stated_issuer,
        stated_region_code,
        stated_year,
        stated_doc_kind,
        stated_basis,
        context_text,
        -- What the document's incremental rows were built from: any change of the row (a re-parse, a stated fact)
        -- rebuilds them (macros/incremental_by_document.sql); the file's modification time alone does not.
        md5(cast(facts as varchar)) as document_revision
    from facts
)

select * from renamed
