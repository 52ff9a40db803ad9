{# Normalised project names no project_kind_rules pattern matches, so the rules can grow where it matters. #}
with

projects as (
    select * from {{ ref('projects') }}
    where project_kind is null and project_name_normalised is not null
),

final as (
    select
        project_name_normalised,
        count(*) as n_projects,
        count(distinct region_code) as n_regions,
        sum(budget_yuan) as budget_yuan,
        min(project_name) as example_project_name
    from projects
    group by project_name_normalised
)

select * from final
