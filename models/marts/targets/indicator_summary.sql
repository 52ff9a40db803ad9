{# Per region, unit and year: how many indicators a project sets and how measurable they are. #}
with

indicators as (
    select * from {{ ref('indicators') }}
    where horizon = 'annual'
),

projects as (
    select * from {{ ref('projects') }}
    -- project tables only: department totals, transfers and self-evaluations (targets as evaluated) apart
    where is_comparable and amount_grain = 'project_budget'
),

regions as (
    select * from {{ ref('regions') }}
),

joined as (
    select
        projects.region_code,
        projects.budget_year,
        projects.unit_id,
        projects.project_id,
        indicators.indicator_id,
        indicators.is_quantitative,
        indicators.is_vague,
        indicators.target_kind
    from projects
    left join indicators
        on projects.project_id = indicators.project_id
),

summarised as (
    select
        region_code,
        budget_year,
        unit_id,
        -- The grain from the grouping, never from a nullable value (a unit with no unit line has a null unit_id).
        if(grouping(unit_id) = 1, 'region', 'unit') as grain,
        count(distinct project_id) as n_projects,
        count(indicator_id) as n_indicators,
        round(count(indicator_id) / count(distinct project_id), 2) as indicators_per_project,
        round(avg(is_quantitative::int), 4) as share_quantitative,
        round(avg(is_vague::int), 4) as share_vague,
        round(avg((target_kind = 'numeric')::int), 4) as share_numeric,
        round(avg((target_kind = 'deadline')::int), 4) as share_deadline,
        round(avg((target_kind = 'qualitative')::int), 4) as share_qualitative
    from joined
    group by grouping sets ((region_code, budget_year), (region_code, budget_year, unit_id))
),

final as (
    select
        concat_ws('-', summarised.region_code, summarised.budget_year, summarised.grain, summarised.unit_id)
            as indicator_summary_id,
        summarised.grain,
        summarised.region_code,
        regions.full_name as region_name,
        summarised.budget_year,
        'annual' as horizon,
        'project_budget' as amount_grain,
        summarised.unit_id,
        summarised.n_projects,
        summarised.n_indicators,
        summarised.indicators_per_project,
        summarised.share_quantitative,
        summarised.share_vague,
        summarised.share_numeric,
        summarised.share_deadline,
        summarised.share_qualitative
    from summarised
    left join regions
        on summarised.region_code = regions.region_code
)

select * from final
