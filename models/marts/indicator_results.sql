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

published as (
    select * from {{ ref('indicators') }}
),

changes as (
    -- How the evaluated target differs from the published one: reworded (same target, other words or unit), raised
    -- or lowered (a stricter or looser bound, an earlier or later deadline), or changed (anything else).
    select
        linked.indicator_id,
        case
            when coalesce({{ squash('published.target_raw') }}, '') = coalesce({{ squash('evaluated.target_raw') }}, '')
                then null
            when published.target_kind = 'numeric' and evaluated.target_kind = 'numeric'
                and published.comparator = evaluated.comparator
                and published.base_unit is not distinct from evaluated.base_unit
                and published.target_value_base is not null and evaluated.target_value_base is not null then
                case
                    when evaluated.target_value_base = published.target_value_base then 'reworded'
                    when evaluated.comparator in ('>=', '>') then
                        if(evaluated.target_value_base > published.target_value_base, 'raised', 'lowered')
                    when evaluated.comparator in ('<=', '<') then
                        if(evaluated.target_value_base < published.target_value_base, 'raised', 'lowered')
                    else 'changed'
                end
            when published.target_kind = 'deadline' and evaluated.target_kind = 'deadline' then
                case
                    when evaluated.deadline_date = published.deadline_date then 'reworded'
                    when evaluated.deadline_date < published.deadline_date then 'raised'
                    else 'lowered'
                end
            else 'changed'
        end as target_change
    from linked
    inner join published
        on linked.published_indicator_id = published.indicator_id
    inner join indicators as evaluated
        on linked.indicator_id = evaluated.indicator_id
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
        case
            when linked.published_indicator_id is not null
                then coalesce({{ squash('linked.published_target_raw') }}, '')
                    <> coalesce({{ squash('indicators.target_raw') }}, '')
        end as is_target_changed,
        changes.target_change,
        indicators.line,
        indicators.page
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
    inner join results
        on indicators.indicator_id = results.indicator_id
    left join linked
        on indicators.indicator_id = linked.indicator_id
    left join changes
        on indicators.indicator_id = changes.indicator_id
)

select * from final
