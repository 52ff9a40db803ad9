{{ config(**by_document_config('int_document_revisions')) }}

with

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
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
        amount_yuan,
        document_revision
    from amounts
)

select * from final
