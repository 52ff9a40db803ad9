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
        count(*) as n_projects,
        sum(budget_yuan) as total_budget_yuan
    from projects
    where unit_id is not null
    group by unit_id
)

select * from units
