with

source as (
    select * from {{ source('raw', 'budget_tables') }}
),

renamed as (
    select
        document_id || '-b' || {{ key_part('budget_table_seq', 2) }} as budget_table_id,
        document_id,
        budget_table_seq,
        table_label,
        table_number,
        is_number_inferred,
        {{ clean_text('title') }} as title,
        {{ clean_text('department') }} as department,
        amount_unit,
        kind,
        classification,
        is_empty,
        note,
        header_rows,
        column_headers,
        line_count,
        first_line,
        page
    from source
)

select * from renamed
