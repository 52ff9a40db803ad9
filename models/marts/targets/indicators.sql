{{ config(**by_document_config('int_document_revisions')) }}

with

indicators as (
    select * from {{ ref('int_indicators_joined') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

classified as (
    select * from {{ ref('int_indicators_classified') }}
),

concepts as (
    select * from {{ ref('int_indicators_conceptualised') }}
),

actuals as (
    select * from {{ ref('int_indicator_actuals_parsed') }}
),

recognised_rows as (
    select * from {{ ref('int_table_rows_sourced') }}
),

final as (
    select
        indicators.indicator_id,
        indicators.project_id,
        indicators.document_id,
        indicators.horizon,
        indicators.row_number,
        classified.level1,
        classified.level2,
        classified.level1_en,
        classified.level2_en,
        indicators.level3,
        concepts.concept,
        concepts.concept_en,
        indicators.description,
        -- The 指标值 as printed, markup removed ($\geq 70\%$ -> ≥70%).
        indicators.target_raw,
        indicators.target_comparator_printed,
        indicators.target_value_printed,
        indicators.target_unit_printed,
        indicators.weight_printed,
        indicators.actual_raw,
        indicators.score_printed,
        indicators.deviation_reason,
        indicators.extra,
        classified.target_kind,
        classified.comparator,
        classified.target_value,
        classified.target_unit,
        classified.target_value_base,
        classified.base_unit,
        classified.deadline_date,
        classified.target_note,
        classified.is_quantitative,
        classified.is_vague,
        classified.has_direction_problem,
        classified.direction_problem,
        classified.has_unknown_unit,
        classified.unit_printed,
        indicators.basis,
        indicators.standard,
        indicators.level1_printed,
        indicators.level2_printed,
        classified.level1_basis,
        indicators.level1_weight_printed,
        indicators.level2_weight_printed,
        classified.is_level1_unmapped,
        classified.is_level2_unmapped,
        indicators.is_realigned,
        coalesce(recognised_rows.source, 'text') as source,
        recognised_rows.min_confidence,
        indicators.line,
        indicators.page,
        indicators.table_kind,
        -- The 实际完成值 (actual_raw above) read by the same rules as the target.
        actuals.actual_kind,
        actuals.actual_comparator,
        actuals.actual_value,
        actuals.actual_unit,
        actuals.actual_value_base,
        actuals.actual_base_unit,
        actuals.actual_date,
        actuals.actual_note,
        actuals.actual_unit_printed,
        actuals.has_unknown_actual_unit,
        indicators.weight,
        indicators.score,
        -- Monitoring tables (绩效运行监控表): progress and forecast beside the target, as printed.
        indicators.progress_raw,
        indicators.forecast_raw,
        indicators.likelihood,
        indicators.deviation_cause,
        indicators.document_revision
    from indicators
    inner join classified
        on indicators.indicator_id = classified.indicator_id
    inner join concepts
        on indicators.indicator_id = concepts.indicator_id
    inner join actuals
        on indicators.indicator_id = actuals.indicator_id
    left join recognised_rows
        on indicators.document_id = recognised_rows.document_id
        and indicators.line = recognised_rows.line
)

select * from final
