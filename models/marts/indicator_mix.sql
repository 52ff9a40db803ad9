{#
    Indicator mix by region, unit and year, long form: one row per dimension (level1, level2, target_kind) and
    category, with its count and share. Rows with unit_id null cover every unit of the region.
#}
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
        indicators.level1,
        indicators.level2,
        indicators.target_kind
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
),

unpivoted as (
    select region_code, budget_year, unit_id, 'level1' as dimension, level1 as category from joined
    union all
    select region_code, budget_year, unit_id, 'level2', level2 from joined
    union all
    select region_code, budget_year, unit_id, 'target_kind', target_kind from joined
),

counted as (
    select
        region_code,
        budget_year,
        unit_id,
        dimension,
        category,
        count(*) as n_indicators
    from unpivoted
    group by grouping sets (
        (region_code, budget_year, dimension, category),
        (region_code, budget_year, unit_id, dimension, category)
    )
),

final as (
    select
        counted.region_code || '-' || counted.budget_year || '-' || coalesce(counted.unit_id, 'all')
            || '-' || counted.dimension || '-' || coalesce(counted.category, 'none') as indicator_mix_id,
        if(counted.unit_id is null, 'region', 'unit') as grain,
        counted.region_code,
        regions.full_name as region_name,
        counted.budget_year,
        'annual' as horizon,
        'project_budget' as amount_grain,
        counted.unit_id,
        counted.dimension,
        counted.category,
        counted.n_indicators,
        round(counted.n_indicators / sum(counted.n_indicators) over (
            partition by counted.region_code, counted.budget_year, counted.unit_id, counted.dimension
        ), 4) as share
    from counted
    left join regions
        on counted.region_code = regions.region_code
)

select * from final
