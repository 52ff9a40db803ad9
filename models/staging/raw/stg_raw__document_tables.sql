with

source as (
    select * from {{ source('raw', 'document_tables') }}
),

renamed as (
    select
        document_id || '-t' || {{ key_part('block_seq', 3) }} as document_table_id,
        document_id,
        block_seq,
        kind,
        {{ clean_text('title') }} as title,
        row_count,
        header_text,
        case
            when project_table_seq is not null
                then document_id || '-p' || {{ key_part('project_table_seq', 3) }}
        end as project_id,
        first_line,
        page,
        sheet
    from source
)

select * from renamed
