{# Budgets by region, unit and year; rows of grain 'region' sum every unit of the region. #}
with

projects as (
    select * from {{ ref('projects') }}
    where is_comparable
),

regions as (
    select * from {{ ref('regions') }}
),

summarised as (
    select
        region_code,
        budget_year,
        unit_id,
        -- The grain from the grouping, never from a nullable value (a unit with no unit line has a null unit_id).
        if(grouping(unit_id) = 1, 'region', 'unit') as grain,
        -- region rows cover every unit, so they name none
        if(grouping(unit_id) = 1, null, max(unit_name)) as unit_name,
        count(*) as n_projects,
        sum(budget_yuan) as total_budget_yuan,
        sum(annual_budget_yuan) as total_annual_budget_yuan,
        count(*) filter (where is_multi_year) as n_multi_year_projects,
        median(budget_yuan)::decimal(38, 2) as median_budget_yuan,
        max(budget_yuan) as max_budget_yuan,
        sum(fiscal_yuan) as fiscal_yuan,
        sum(other_yuan) as other_yuan,
        round(sum(coalesce(fiscal_yuan, 0)) / nullif(sum(budget_yuan), 0), 4) as fiscal_share,
        round(sum(coalesce(other_yuan, 0)) / nullif(sum(budget_yuan), 0), 4) as other_share
    from projects
    group by grouping sets ((region_code, budget_year), (region_code, budget_year, unit_id))
),

final as (
    select
        concat_ws('-', summarised.region_code, summarised.budget_year, summarised.grain, summarised.unit_id)
            as budget_summary_id,
        summarised.grain,
        summarised.region_code,
        regions.full_name as region_name,
        regions.region_level,
        summarised.budget_year,
        summarised.unit_id,
        summarised.unit_name,
        summarised.n_projects,
        summarised.total_budget_yuan,
        summarised.total_annual_budget_yuan,
        summarised.n_multi_year_projects,
        summarised.median_budget_yuan,
        summarised.max_budget_yuan,
        summarised.fiscal_yuan,
        summarised.other_yuan,
        summarised.fiscal_share,
        summarised.other_share
    from summarised
    left join regions
        on summarised.region_code = regions.region_code
)

select * from final
