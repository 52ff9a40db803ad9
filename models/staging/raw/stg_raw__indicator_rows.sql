with

source as (
    select * from {{ source('raw', 'indicator_rows') }}
),

renamed as (
    select
        document_id || '-p' || {{ key_part('table_seq', 3) }} as project_id,
        document_id,
        table_seq,
        horizon,
        row_number,
        {{ squash('level1') }} as level1_printed,
        {{ squash('level2') }} as level2_printed,
        {{ clean_text('level3') }} as level3,
        {{ clean_text('description') }} as description,
        nullif(trim(target), '') as target_raw,
        nullif(trim(target_comparator), '') as target_comparator_printed,
        nullif(trim(target_value), '') as target_value_printed,
        nullif(trim(target_unit), '') as target_unit_printed,
        nullif(trim(weight), '') as weight_printed,
        nullif(trim(actual), '') as actual_raw,
        nullif(trim(score), '') as score_printed,
        {{ clean_text('deviation_reason') }} as deviation_reason,
        extra,
        {{ clean_text('basis') }} as basis,
        {{ clean_text('standard') }} as standard,
        line,
        page,
        is_realigned,
        -- Self-evaluations: 分值 and 得分 as numbers.
        {{ printed_number('weight') }} as weight,
        {{ printed_number('score') }} as score,
        -- Monitoring tables: progress by the end of the period, the year-end forecast, the likelihood, the causes.
        nullif(trim(progress), '') as progress_raw,
        nullif(trim(forecast), '') as forecast_raw,
        nullif(trim(likelihood), '') as likelihood,
        nullif(trim(deviation_cause), '') as deviation_cause
    from source
),

merged_cells_filled as (
    -- A blank 一级/二级 cell is a merged cell: it means "same as the row above" within the table and horizon.
    select
        *,
        last_value(level1_printed ignore nulls) over same_table as level1,
        last_value(level2_printed ignore nulls) over same_table as level2
    from renamed
    window same_table as (
        partition by project_id, horizon
        order by row_number
        rows between unbounded preceding and current row
    )
),

final as (
    select
        project_id || '-' || horizon || '-' || {{ key_part('row_number', 3) }} as indicator_id,
        *
    from merged_cells_filled
)

select * from final
