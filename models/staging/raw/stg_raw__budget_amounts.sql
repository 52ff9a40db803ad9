with

source as (
    select * from {{ source('raw', 'budget_amounts') }}
),

renamed as (
    select
        document_id || '-b' || {{ key_part('budget_table_seq', 2) }}
            || '-' || {{ key_part('line_seq', 3) }} as budget_line_id,
        document_id,
        budget_table_seq,
        line_seq,
        column_number,
        column_header,
        -- The year is not part of a column's meaning ("2026年预算数/合计" is 预算数/合计).
        regexp_replace(column_header, '\d{4}年', '', 'g') as header_path,
        value as value_printed,
        {{ amount_number('value') }} as amount
    from source
)

select * from renamed
