{#
    For indicator concepts that recur across cities, the distribution of numeric targets per region and year,
    compared in the concept's base unit (a target in another unit is counted but not in the statistics).
#}
with

indicators as (
    select * from {{ ref('indicators') }}
    where horizon = 'annual' and concept is not null
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
        indicators.concept,
        indicators.concept_en,
        projects.region_code,
        projects.budget_year,
        indicators.project_id,
        indicators.target_kind,
        indicators.comparator,
        indicators.target_value_base,
        indicators.base_unit,
        concepts.base_unit as concept_base_unit
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
    inner join {{ ref('indicator_concepts') }} as concepts
        on indicators.concept = concepts.concept
),

summarised as (
    select
        concept,
        max(concept_en) as concept_en,
        region_code,
        budget_year,
        max(concept_base_unit) as base_unit,
        count(*) as n_targets,
        count(distinct project_id) as n_projects,
        count(*) filter (where target_kind = 'numeric' and base_unit = concept_base_unit) as n_comparable,
        min(target_value_base) filter (where target_kind = 'numeric' and base_unit = concept_base_unit) as min_target,
        median(target_value_base) filter (where target_kind = 'numeric' and base_unit = concept_base_unit)
            as median_target,
        max(target_value_base) filter (where target_kind = 'numeric' and base_unit = concept_base_unit) as max_target,
        string_agg(distinct comparator || ' ' || target_value_base::double, ', ' order by comparator || ' ' || target_value_base::double)
            filter (where target_kind = 'numeric' and base_unit = concept_base_unit) as targets_seen
    from joined
    group by concept, region_code, budget_year
),

final as (
    select
        summarised.concept || '-' || summarised.region_code || '-' || summarised.budget_year as target_level_id,
        summarised.concept,
        summarised.concept_en,
        summarised.region_code,
        regions.full_name as region_name,
        summarised.budget_year,
        'annual' as horizon,
        'project_budget' as amount_grain,
        summarised.base_unit,
        summarised.n_targets,
        summarised.n_projects,
        summarised.n_comparable,
        summarised.min_target,
        summarised.median_target,
        summarised.max_target,
        summarised.targets_seen
    from summarised
    left join regions
        on summarised.region_code = regions.region_code
)

select * from final
