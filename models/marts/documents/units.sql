{#
    Budget units across documents and years; amounts are per year (budget_summary), never summed across years.
    A unit is every unit a table names; its projects and their budget are its project tables' own budgets
    (amount_grain project_budget), the way budget_summary counts them: a department table's total, a transfer
    passed on and a self-evaluation's budget are the same money at another grain and are not added to them.
#}
with

projects as (
    select * from {{ ref('projects') }}
),

units as (
    select
        unit_id,
        max(unit_name) as unit_name,
        mode(unit_code) as unit_code,
        max(region_code) as region_code,
        min(budget_year) as first_budget_year,
        max(budget_year) as last_budget_year,
        count(distinct budget_year) as n_budget_years,
        count(*) as n_tables,
        count(*) filter (where amount_grain = 'project_budget') as n_projects
    from projects
    where unit_id is not null
    group by unit_id
),

last_year as (
    select
        projects.unit_id,
        count(*) filter (where projects.amount_grain = 'project_budget') as last_year_n_projects,
        sum(projects.budget_yuan) filter (where projects.amount_grain = 'project_budget') as last_year_budget_yuan,
        sum(projects.budget_yuan) filter (where projects.amount_grain = 'department_total')
            as last_year_department_total_yuan,
        sum(projects.budget_yuan) filter (where projects.amount_grain = 'transfer_allocation')
            as last_year_transfer_allocation_yuan
    from projects
    inner join units
        on projects.unit_id = units.unit_id
        and projects.budget_year = units.last_budget_year
    group by projects.unit_id
),

final as (
    select
        units.*,
        last_year.last_year_n_projects,
        last_year.last_year_budget_yuan,
        last_year.last_year_department_total_yuan,
        last_year.last_year_transfer_allocation_yuan
    from units
    left join last_year
        on units.unit_id = last_year.unit_id
)

select * from final
