{#
    Normalised project names no project_kind_rules pattern matches, so the rules can grow where it matters; one
    row per name and amount grain (a project's budget, a transfer, a self-evaluation), each summing its own.
#}
with

projects as (
    select * from {{ ref('projects') }}
    where project_kind is null and project_name_normalised is not null
),

final as (
    select
        project_name_normalised,
        amount_grain,
        count(*) as n_projects,
        count(distinct region_code) as n_regions,
        sum(budget_yuan) as budget_yuan,
        min(project_name) as example_project_name
    from projects
    group by project_name_normalised, amount_grain
)

select * from final
