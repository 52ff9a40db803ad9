with

source as (
    select * from {{ source('raw', 'announced_tables') }}
),

renamed as (
    select
        document_id || '-a' || {{ key_part('entry_seq', 3) }} as announced_table_id,
        document_id,
        entry_seq,
        {{ clean_text('title') }} as title,
        line,
        page
    from source
)

select * from renamed
