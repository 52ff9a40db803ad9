with

source as (
    select * from {{ source('raw', 'table_cells') }}
),

renamed as (
    select
        document_id
            || '-t' || {{ key_part('block_seq', 3) }}
            || '-r' || {{ key_part('row_seq', 4) }}
            || '-c' || {{ key_part('column_seq', 2) }} as table_cell_id,
        document_id || '-t' || {{ key_part('block_seq', 3) }} as document_table_id,
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
