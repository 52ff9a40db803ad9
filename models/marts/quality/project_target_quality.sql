{#
    Target quality per project: categories missing (no cost, timeliness or satisfaction indicator), vague
    targets, total-cost targets against the 预算数 (both in yuan), deadlines outside the budget year, and indicator
    sets copied verbatim from another project.
#}
with

projects as (
    select * from {{ ref('projects') }}
),

indicators as (
    select * from {{ ref('indicators') }}
    where horizon = 'annual'
),

per_project as (
    select
        project_id,
        count(*) as n_indicators,
        bool_or(level2 = '数量指标') as has_quantity,
        bool_or(level2 = '质量指标') as has_quality,
        bool_or(level2 = '时效指标') as has_timeliness,
        bool_or(level2 in ('成本指标', '经济成本指标', '社会成本指标', '生态环境成本指标')) as has_cost,
        bool_or(level1 = '效益指标') as has_outcome,
        bool_or(level1 = '满意度指标') as has_satisfaction,
        count(*) filter (where is_vague) as n_vague,
        count(*) filter (where is_quantitative) as n_quantitative,
        count(*) filter (where has_direction_problem) as n_direction_problems,
        -- Total-cost targets: in plain yuan (not per month or per person) and an upper bound or exact figure.
        sum(target_value_base) filter (
            where level2 in ('成本指标', '经济成本指标') and base_unit = '元' and comparator in ('<=', '<', '=')
        ) as cost_target_total_yuan,
        count(*) filter (where target_kind = 'deadline') as n_deadlines,
        md5(string_agg(coalesce(level2, '') || '|' || coalesce(level3, '') || '|' || coalesce(target_raw, ''), '#'
            order by row_number)) as indicator_set_fingerprint
    from indicators
    group by project_id
),

deadlines as (
    select
        indicators.project_id,
        count(*) filter (where year(indicators.deadline_date) <> projects.budget_year) as n_deadlines_outside_year
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
    where indicators.deadline_date is not null
    group by indicators.project_id
),

copies as (
    select
        indicator_set_fingerprint,
        count(*) as n_projects_with_set
    from per_project
    group by indicator_set_fingerprint
),

final as (
    select
        projects.project_id,
        projects.document_id,
        projects.region_code,
        projects.budget_year,
        'annual' as horizon,
        projects.unit_id,
        projects.project_name,
        projects.budget_yuan,
        coalesce(per_project.n_indicators, 0) as n_indicators,
        coalesce(per_project.has_quantity, false) as has_quantity,
        coalesce(per_project.has_quality, false) as has_quality,
        coalesce(per_project.has_timeliness, false) as has_timeliness,
        coalesce(per_project.has_cost, false) as has_cost,
        coalesce(per_project.has_outcome, false) as has_outcome,
        coalesce(per_project.has_satisfaction, false) as has_satisfaction,
        nullif(concat_ws(', ',
            if(coalesce(per_project.has_cost, false), null, 'cost'),
            if(coalesce(per_project.has_timeliness, false), null, 'timeliness'),
            if(coalesce(per_project.has_satisfaction, false), null, 'satisfaction')
        ), '') as missing_categories,
        coalesce(per_project.n_vague, 0) as n_vague,
        round(per_project.n_vague / nullif(per_project.n_indicators, 0), 4) as share_vague,
        round(per_project.n_quantitative / nullif(per_project.n_indicators, 0), 4) as share_quantitative,
        coalesce(per_project.n_direction_problems, 0) as n_direction_problems,
        per_project.cost_target_total_yuan,
        case
            when per_project.cost_target_total_yuan is null then 'no total-cost target'
            when projects.budget_yuan is null then 'no budget'
            when per_project.cost_target_total_yuan > projects.budget_yuan then 'exceeds budget'
            when per_project.cost_target_total_yuan = projects.budget_yuan then 'equals budget'
            else 'within budget'
        end as cost_target_vs_budget,
        coalesce(deadlines.n_deadlines_outside_year, 0) as n_deadlines_outside_year,
        per_project.indicator_set_fingerprint,
        coalesce(copies.n_projects_with_set, 1) - 1 as n_other_projects_with_same_set,
        coalesce(copies.n_projects_with_set, 1) > 1 as is_indicator_set_copied
    from projects
    left join per_project
        on projects.project_id = per_project.project_id
    left join deadlines
        on projects.project_id = deadlines.project_id
    left join copies
        on per_project.indicator_set_fingerprint = copies.indicator_set_fingerprint
)

select * from final
