{# Budget units across documents and years; amounts are per year (budget_summary), never summed across years. #}
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
        count(*) as n_projects
    from projects
    where unit_id is not null
    group by unit_id
),

last_year as (
    select
        projects.unit_id,
        count(*) as last_year_n_projects,
        sum(projects.budget_yuan) as last_year_budget_yuan
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
        last_year.last_year_budget_yuan
    from units
    left join last_year
        on units.unit_id = last_year.unit_id
)

select * from final
