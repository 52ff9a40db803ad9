with

tables as (
    select * from {{ ref('int_budget_tables_counted') }}
),

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
),

final as (
    select
        tables.budget_table_id,
        tables.document_id,
        documents.region_code,
        documents.budget_year,
        tables.statement,
        tables.budget_table_seq,
        tables.table_number,
        tables.table_label,
        tables.is_number_inferred,
        tables.title,
        tables.department,
        tables.classification,
        tables.kind,
        tables.amount_unit,
        tables.is_empty,
        tables.note,
        tables.line_count,
        tables.first_line,
        tables.page
    from tables
    inner join documents
        on tables.document_id = documents.document_id
)

select * from final
