with

evaluations as (
    select * from {{ ref('project_results') }}
),

projects as (
    select * from {{ ref('projects') }}
),

links as (
    select * from {{ ref('int_self_evaluations_linked') }}
),

results as (
    select * from {{ ref('indicator_results') }}
),

published as (
    select * from {{ ref('indicators') }}
),

evaluated_counts as (
    select
        project_id,
        count(*) as n_evaluated_indicators,
        count(published_indicator_id) as n_indicators_matched,
        count(*) filter (where published_indicator_id is null) as n_indicators_added,
        string_agg(
            case when is_target_changed then level3 || ': ' || coalesce(published_target_raw, '(blank)') || ' -> '
                || coalesce(target_raw, '(blank)') || ' (' || target_change || ')' end,
            '; ' order by row_number
        ) as changed_targets
    from results
    group by project_id
),

published_counts as (
    select
        links.project_id,
        count(published.indicator_id) as n_target_indicators,
        count(published.indicator_id) filter (
            where published.indicator_id not in (
                select published_indicator_id from results where published_indicator_id is not null
            )
        ) as n_indicators_dropped
    from links
    inner join published
        on published.project_id = links.target_project_id
    group by links.project_id
),

final as (
    select
        evaluations.project_id,
        evaluations.document_id,
        evaluations.table_kind,
        evaluations.region_code,
        evaluations.budget_year,
        evaluations.unit_name,
        evaluations.project_name,
        evaluations.project_kind,
        evaluations.project_key,
        links.target_project_id,
        links.match_method,
        links.n_candidates,
        targets.document_id as target_document_id,
        targets.project_name as target_project_name,
        -- The budget published (a project's own budget or a department total) against the budget evaluated.
        targets.amount_grain as target_amount_grain,
        targets.budget_yuan as target_budget_yuan,
        evaluations.amount_grain as evaluated_amount_grain,
        evaluations.initial_budget_yuan,
        evaluations.budget_yuan as evaluated_budget_yuan,
        evaluations.budget_yuan - targets.budget_yuan as budget_change_yuan,
        evaluations.executed_yuan,
        published_counts.n_target_indicators,
        coalesce(evaluated_counts.n_evaluated_indicators, 0) as n_evaluated_indicators,
        -- Null where no published target table was found to compare with.
        case when links.target_project_id is not null then coalesce(evaluated_counts.n_indicators_matched, 0) end
            as n_indicators_matched,
        -- targets changed before evaluation, by direction (counted in project_results)
        evaluations.n_targets_changed,
        evaluations.n_targets_tightened,
        evaluations.n_targets_loosened,
        evaluations.n_targets_reworded,
        evaluations.n_targets_incomparable,
        case when links.target_project_id is not null then coalesce(evaluated_counts.n_indicators_added, 0) end
            as n_indicators_added,
        published_counts.n_indicators_dropped,
        evaluated_counts.changed_targets
    from evaluations
    left join links
        on evaluations.project_id = links.project_id
    left join projects as targets
        on links.target_project_id = targets.project_id
    left join evaluated_counts
        on evaluations.project_id = evaluated_counts.project_id
    left join published_counts
        on evaluations.project_id = published_counts.project_id
)

select * from final
