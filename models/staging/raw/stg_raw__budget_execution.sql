with

source as (
    select * from {{ source('raw', 'budget_execution') }}
),

renamed as (
    select
        document_id || '-p' || {{ key_part('table_seq', 3) }} || '-e' || {{ key_part('line_seq', 2) }}
            as budget_execution_id,
        document_id || '-p' || {{ key_part('table_seq', 3) }} as project_id,
        document_id,
        table_seq,
        line_seq,
        {{ clean_text('label') }} as label,
        role,
        nullif(trim(initial), '') as initial_printed,
        nullif(trim(full_year), '') as full_year_printed,
        nullif(trim(executed), '') as executed_printed,
        -- Amounts as decimals in the table's printed unit (converted to yuan where the unit is joined).
        {{ amount_number('initial') }} as initial_amount,
        {{ amount_number('full_year') }} as full_year_amount,
        {{ amount_number('executed') }} as executed_amount,
        nullif(trim(weight), '') as weight_printed,
        {{ printed_number('weight') }} as weight,
        nullif(trim(rate), '') as rate_printed,
        {{ printed_number('rate') }} as rate_percent,
        nullif(trim(score), '') as score_printed,
        {{ printed_number('score') }} as score,
        -- Monitoring tables: 全年预计执行数.
        nullif(trim(forecast), '') as forecast_printed,
        {{ amount_number('forecast') }} as forecast_amount,
        line,
        page
    from source
)

select * from renamed
