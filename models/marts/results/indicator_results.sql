with

indicators as (
    select * from {{ ref('indicators') }}
    where table_kind in ('project_self_evaluation', 'department_self_evaluation')
),

projects as (
    select * from {{ ref('projects') }}
),

results as (
    select * from {{ ref('int_indicator_results_assessed') }}
),

linked as (
    select * from {{ ref('int_indicators_linked') }}
),

final as (
    select
        indicators.indicator_id,
        indicators.project_id,
        indicators.document_id,
        projects.region_code,
        projects.budget_year,
        projects.unit_name,
        projects.project_name,
        projects.project_kind,
        projects.project_key,
        indicators.table_kind,
        indicators.horizon,
        indicators.row_number,
        indicators.level1,
        indicators.level2,
        indicators.level3,
        indicators.concept,
        indicators.target_raw,
        indicators.target_kind,
        indicators.comparator,
        indicators.target_value,
        indicators.target_unit,
        indicators.deadline_date,
        indicators.actual_raw,
        indicators.actual_kind,
        indicators.actual_value,
        indicators.actual_unit,
        indicators.actual_date,
        results.result,
        results.unknown_reason,
        results.compared_as,
        results.target_compared,
        results.actual_compared,
        results.compared_unit,
        results.gap,
        results.days_late,
        indicators.weight,
        indicators.score,
        results.has_full_marks,
        indicators.deviation_reason,
        results.has_deviation_reason,
        results.result = 'missed' and not results.has_deviation_reason as is_missed_without_reason,
        linked.published_indicator_id,
        linked.published_target_raw,
        linked.is_target_changed,
        linked.target_change,
        results.published_result,
        results.published_unknown_reason,
        results.published_gap,
        results.published_days_late,
        indicators.line,
        indicators.page
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
    inner join results
        on indicators.indicator_id = results.indicator_id
    left join linked
        on indicators.indicator_id = linked.indicator_id
)

select * from final
