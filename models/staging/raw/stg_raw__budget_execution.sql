with

source as (
    select * from {{ source('raw', 'budget_execution') }}
),

renamed as (
    select
        document_id || '-p' || lpad(table_seq::varchar, 3, '0')
            || '-e' || lpad(line_seq::varchar, 2, '0') as budget_execution_id,
        document_id || '-p' || lpad(table_seq::varchar, 3, '0') as project_id,
        document_id,
        table_seq,
        line_seq,
        {{ clean_text('label') }} as label,
        role,
        nullif(trim(initial), '') as initial_printed,
        nullif(trim(full_year), '') as full_year_printed,
        nullif(trim(executed), '') as executed_printed,
        -- Amounts as decimals in the table's printed unit (converted to yuan where the unit is joined).
        try_cast(nullif(regexp_replace(initial, '[,，\s]', '', 'g'), '') as decimal(20, 2)) as initial_amount,
        try_cast(nullif(regexp_replace(full_year, '[,，\s]', '', 'g'), '') as decimal(20, 2)) as full_year_amount,
        try_cast(nullif(regexp_replace(executed, '[,，\s]', '', 'g'), '') as decimal(20, 2)) as executed_amount,
        nullif(trim(weight), '') as weight_printed,
        {{ printed_number('weight') }} as weight,
        nullif(trim(rate), '') as rate_printed,
        {{ printed_number('rate') }} as rate_percent,
        nullif(trim(score), '') as score_printed,
        {{ printed_number('score') }} as score,
        line,
        page
    from source
)

select * from renamed
