with

indicators as (
    select * from {{ ref('stg_raw__indicator_rows') }}
),

final as (
    select
        indicator_id,
        project_id,
        document_id,
        horizon,
        row_number,
        level1,
        level2,
        level3,
        description,
        -- The 指标值 as printed, markup removed ($\geq 70\%$ -> ≥70%).
        target_raw,
        basis,
        standard,
        level1_printed,
        level2_printed,
        is_realigned,
        line,
        page
    from indicators
)

select * from final
