{#
    Year over year, project by project: for every unit with two budget years in the warehouse, each project
    of the later year linked to the earlier one (continued), each with no predecessor (new), and each of the
    earlier year with no successor (dropped), with both budgets and the change.
#}
with

projects as (
    -- target tables only: a self-evaluation shares its project's key but is not another year of it
    select * from {{ ref('projects') }}
    where project_key is not null and amount_grain in ('project_budget', 'transfer_allocation')
),

unit_years as (
    select distinct unit_id, budget_year from projects
),

year_pairs as (
    select
        unit_id,
        lag(budget_year) over (partition by unit_id order by budget_year) as previous_budget_year,
        budget_year
    from unit_years
    qualify previous_budget_year is not null
),

continued_or_new as (
    select
        year_pairs.unit_id,
        year_pairs.previous_budget_year,
        year_pairs.budget_year,
        if(current_year.previous_project_id is null, 'new', 'continued') as change,
        current_year.project_key,
        current_year.previous_project_id,
        current_year.project_id,
        current_year.link_rule,
        current_year.link_score
    from year_pairs
    inner join projects as current_year
        on year_pairs.unit_id = current_year.unit_id
        and year_pairs.budget_year = current_year.budget_year
),

dropped as (
    select
        year_pairs.unit_id,
        year_pairs.previous_budget_year,
        year_pairs.budget_year,
        'dropped' as change,
        previous_year.project_key,
        previous_year.project_id as previous_project_id,
        cast(null as varchar) as project_id,
        cast(null as varchar) as link_rule,
        cast(null as double) as link_score
    from year_pairs
    inner join projects as previous_year
        on year_pairs.unit_id = previous_year.unit_id
        and year_pairs.previous_budget_year = previous_year.budget_year
    where previous_year.project_id not in (
        select previous_project_id from projects where previous_project_id is not null
    )
),

unioned as (
    select * from continued_or_new
    union all
    select * from dropped
),

final as (
    select
        coalesce(unioned.project_id, unioned.previous_project_id) || '-' || unioned.previous_budget_year || '-'
            || unioned.budget_year as project_change_id,
        unioned.project_key,
        unioned.unit_id,
        coalesce(current_year.region_code, previous_year.region_code) as region_code,
        coalesce(current_year.unit_name, previous_year.unit_name) as unit_name,
        unioned.previous_budget_year,
        unioned.budget_year,
        unioned.change,
        unioned.link_rule,
        unioned.link_score,
        unioned.previous_project_id,
        unioned.project_id,
        previous_year.project_name as previous_project_name,
        current_year.project_name,
        coalesce(current_year.project_name_normalised, previous_year.project_name_normalised)
            as project_name_normalised,
        coalesce(current_year.project_kind, previous_year.project_kind) as project_kind,
        coalesce(current_year.amount_grain, previous_year.amount_grain) as amount_grain,
        previous_year.budget_yuan as previous_budget_yuan,
        current_year.budget_yuan,
        current_year.budget_yuan - previous_year.budget_yuan as budget_change_yuan,
        round((current_year.budget_yuan - previous_year.budget_yuan) / nullif(previous_year.budget_yuan, 0), 4)
            as budget_change_share,
        previous_year.annual_budget_yuan as previous_annual_budget_yuan,
        current_year.annual_budget_yuan,
        current_year.annual_budget_yuan - previous_year.annual_budget_yuan as annual_budget_change_yuan
    from unioned
    left join projects as current_year
        on unioned.project_id = current_year.project_id
    left join projects as previous_year
        on unioned.previous_project_id = previous_year.project_id
)

select * from final
