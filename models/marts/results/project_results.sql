with

projects as (
    select * from {{ ref('projects') }}
    where table_kind in ('project_self_evaluation', 'department_self_evaluation')
),

execution as (
    select * from {{ ref('int_budget_execution_converted') }}
),

results as (
    select * from {{ ref('indicator_results') }}
),

links as (
    select * from {{ ref('int_self_evaluations_linked') }}
),

totals as (
    -- The 年度资金总额 line of the budget block.
    select *
    from execution
    where role = 'total'
    qualify row_number() over (partition by project_id order by line_seq) = 1
),

execution_scores as (
    select project_id, sum(score) as execution_score, sum(weight) as execution_weight
    from execution
    group by project_id
),

indicator_counts as (
    select
        project_id,
        count(*) as n_indicators,
        count(*) filter (where result = 'met') as n_met,
        count(*) filter (where result = 'missed') as n_missed,
        count(*) filter (where result = 'unknown') as n_unknown,
        count(*) filter (where is_missed_without_reason) as n_missed_without_reason,
        sum(weight) as indicator_weight,
        sum(score) as indicator_score
    from results
    group by project_id
),

published_counts as (
    -- Self-evaluations linked to a published target table only (the others get nulls): results against the targets
    -- as published (indicators with a published counterpart), and the targets changed before evaluation.
    select
        links.project_id,
        count(*) filter (where results.published_result = 'met') as n_met_published,
        count(*) filter (where results.published_result = 'missed') as n_missed_published,
        count(*) filter (where results.published_result = 'unknown') as n_unknown_published,
        count(*) filter (where results.is_target_changed) as n_targets_changed,
        count(*) filter (where results.target_change = 'tightened') as n_targets_tightened,
        count(*) filter (where results.target_change = 'loosened') as n_targets_loosened,
        count(*) filter (where results.target_change = 'reworded') as n_targets_reworded,
        count(*) filter (where results.target_change = 'incomparable') as n_targets_incomparable
    from links
    left join results
        on links.project_id = results.project_id
    group by links.project_id
),

final as (
    select
        projects.project_id,
        projects.document_id,
        projects.table_kind,
        projects.region_code,
        projects.budget_year,
        projects.unit_id,
        projects.unit_name,
        projects.project_name,
        projects.project_code,
        projects.project_kind,
        projects.project_key,
        projects.amount_grain,
        totals.initial_yuan as initial_budget_yuan,
        coalesce(totals.full_year_yuan, projects.budget_yuan) as budget_yuan,
        totals.executed_yuan,
        -- 执行率 as the template defines it: 全年执行数 / 全年预算数, the budget as adjusted during the year
        totals.rate_computed_percent as execution_rate_percent,
        case when totals.rate_computed_percent is not null then 'adjusted_budget' end as execution_rate_base,
        totals.rate_percent as execution_rate_printed_percent,
        totals.rate_printed as execution_rate_printed,
        -- try_cast: a rate too large for the type (a garbled amount) is null, never a failed build
        try_cast(round(100 * totals.executed_yuan / nullif(totals.initial_yuan, 0), 4) as decimal(38, 4))
            as initial_execution_rate_percent,
        execution_scores.execution_weight,
        execution_scores.execution_score,
        coalesce(indicator_counts.n_indicators, 0) as n_indicators,
        coalesce(indicator_counts.n_met, 0) as n_met,
        coalesce(indicator_counts.n_missed, 0) as n_missed,
        coalesce(indicator_counts.n_unknown, 0) as n_unknown,
        coalesce(indicator_counts.n_missed_without_reason, 0) as n_missed_without_reason,
        round(indicator_counts.n_met / nullif(indicator_counts.n_met + indicator_counts.n_missed, 0), 4)::decimal(6, 4)
            as share_met,
        published_counts.n_met_published,
        published_counts.n_missed_published,
        published_counts.n_unknown_published,
        round(published_counts.n_met_published
            / nullif(published_counts.n_met_published + published_counts.n_missed_published, 0), 4)::decimal(6, 4)
            as share_met_published,
        published_counts.n_targets_changed,
        published_counts.n_targets_tightened,
        published_counts.n_targets_loosened,
        published_counts.n_targets_reworded,
        published_counts.n_targets_incomparable,
        indicator_counts.indicator_weight,
        indicator_counts.indicator_score,
        projects.total_score,
        projects.total_score_printed,
        projects.goal,
        projects.goal_achieved,
        links.target_project_id,
        links.match_method
    from projects
    left join totals
        on projects.project_id = totals.project_id
    left join execution_scores
        on projects.project_id = execution_scores.project_id
    left join indicator_counts
        on projects.project_id = indicator_counts.project_id
    left join links
        on projects.project_id = links.project_id
    left join published_counts
        on projects.project_id = published_counts.project_id
)

select * from final
