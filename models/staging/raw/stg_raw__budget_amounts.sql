with

source as (
    select * from {{ source('raw', 'budget_amounts') }}
),

renamed as (
    select
        document_id || '-b' || lpad(budget_table_seq::varchar, 2, '0')
            || '-' || lpad(line_seq::varchar, 3, '0') as budget_line_id,
        document_id,
        budget_table_seq,
        line_seq,
        column_number,
        column_header,
        -- The year is not part of a column's meaning ("2026年预算数/合计" is 预算数/合计).
        regexp_replace(column_header, '\d{4}年', '', 'g') as header_path,
        value as value_printed,
        try_cast(nullif(regexp_replace(value, '[,，\s]', '', 'g'), '') as decimal(20, 2)) as amount
    from source
)

select * from renamed
