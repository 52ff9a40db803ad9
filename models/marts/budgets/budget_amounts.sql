with

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
),

final as (
    select
        budget_line_id || '-c' || {{ key_part('column_number', 2) }} as budget_amount_id,
        budget_line_id,
        document_id,
        column_number,
        column_header,
        measure,
        is_measure_from_leaf,
        unmeasured_reason,
        value_printed,
        amount_yuan
    from amounts
)

select * from final
