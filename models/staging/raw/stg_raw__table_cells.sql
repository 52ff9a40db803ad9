with

source as (
    select * from {{ source('raw', 'table_cells') }}
),

renamed as (
    select
        document_id
            || '-t' || lpad(block_seq::varchar, 3, '0')
            || '-r' || lpad(row_seq::varchar, 4, '0')
            || '-c' || lpad(column_seq::varchar, 2, '0') as table_cell_id,
        document_id || '-t' || lpad(block_seq::varchar, 3, '0') as document_table_id,
        document_id,
        block_seq,
        row_seq,
        column_seq,
        text,
        {{ squash('text') }} as text_squashed,
        page,
        line,
        confidence,
        confidence is not null as is_recognised,
        confidence is not null and trim(text) = '' as is_unreadable
    from source
)

select * from renamed
