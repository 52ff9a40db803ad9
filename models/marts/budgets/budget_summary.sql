{#
    Budgets by region, unit and year; rows of grain 'region' sum every unit of the region. Each figure sums one
    amount grain (marts.projects.amount_grain) and is named after it: n_projects and the budget totals are projects'
    own budgets (project tables); department tables' totals and transfer allocations to lower levels are counted
    apart, never added to them. Project budgets a department table of the same unit and year also counts (its
    年度主要任务) are shown as a part of the project total. Self-evaluations are not published budgets: not here.
#}
with

projects as (
    select * from {{ ref('projects') }}
    where is_comparable and amount_grain in ('project_budget', 'department_total', 'transfer_allocation')
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
        count(*) filter (where amount_grain = 'project_budget') as n_projects,
        sum(budget_yuan) filter (where amount_grain = 'project_budget') as total_budget_yuan,
        sum(annual_budget_yuan) filter (where amount_grain = 'project_budget') as total_annual_budget_yuan,
        count(*) filter (where amount_grain = 'project_budget' and is_multi_year) as n_multi_year_projects,
        median(budget_yuan) filter (where amount_grain = 'project_budget')::decimal(38, 2) as median_budget_yuan,
        max(budget_yuan) filter (where amount_grain = 'project_budget') as max_budget_yuan,
        sum(fiscal_yuan) filter (where amount_grain = 'project_budget') as fiscal_yuan,
        sum(other_yuan) filter (where amount_grain = 'project_budget') as other_yuan,
        round(sum(coalesce(fiscal_yuan, 0)) filter (where amount_grain = 'project_budget')
            / nullif(sum(budget_yuan) filter (where amount_grain = 'project_budget'), 0), 4) as fiscal_share,
        round(sum(coalesce(other_yuan, 0)) filter (where amount_grain = 'project_budget')
            / nullif(sum(budget_yuan) filter (where amount_grain = 'project_budget'), 0), 4) as other_share,
        count(*) filter (where amount_grain = 'project_budget' and is_inside_department)
            as n_projects_inside_department,
        sum(budget_yuan) filter (where amount_grain = 'project_budget' and is_inside_department)
            as inside_department_budget_yuan,
        count(*) filter (where amount_grain = 'department_total') as n_department_tables,
        sum(budget_yuan) filter (where amount_grain = 'department_total') as department_total_yuan,
        count(*) filter (where amount_grain = 'transfer_allocation') as n_transfer_tables,
        sum(budget_yuan) filter (where amount_grain = 'transfer_allocation') as transfer_allocation_yuan
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
        'project_budget' as amount_grain,
        summarised.n_projects,
        summarised.total_budget_yuan,
        summarised.total_annual_budget_yuan,
        summarised.n_multi_year_projects,
        summarised.median_budget_yuan,
        summarised.max_budget_yuan,
        summarised.fiscal_yuan,
        summarised.other_yuan,
        summarised.fiscal_share,
        summarised.other_share,
        summarised.n_projects_inside_department,
        summarised.inside_department_budget_yuan,
        summarised.n_department_tables,
        summarised.department_total_yuan,
        summarised.n_transfer_tables,
        summarised.transfer_allocation_yuan
    from summarised
    left join regions
        on summarised.region_code = regions.region_code
)

select * from final
