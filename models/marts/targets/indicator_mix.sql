{#
    Indicator mix by region, unit and year, long form: one row per dimension (level1, level2, target_kind) and
    category, with its count and share. Rows of grain 'region' cover every unit of the region.
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
        -- The grain from the grouping, never from a nullable value (a unit with no unit line has a null unit_id).
        if(grouping(unit_id) = 1, 'region', 'unit') as grain,
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
        -- dimension and category are closed vocabularies (CASE outputs, seed labels, 'none'), unit_id comes last
        concat_ws('-', counted.region_code, counted.budget_year, counted.grain, counted.dimension,
            coalesce(counted.category, 'none'), counted.unit_id) as indicator_mix_id,
        counted.grain,
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
            partition by counted.region_code, counted.budget_year, counted.grain, counted.unit_id, counted.dimension
        ), 4) as share
    from counted
    left join regions
        on counted.region_code = regions.region_code
)

select * from final
