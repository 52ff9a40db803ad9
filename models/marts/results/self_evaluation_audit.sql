with

results as (
    select * from {{ ref('indicator_results') }}
),

projects as (
    select * from {{ ref('project_results') }}
),

execution as (
    select * from {{ ref('int_budget_execution_converted') }}
),

full_marks_on_missed as (
    select
        'full marks on a missed target' as finding,
        'warning' as severity,
        project_id,
        indicator_id,
        null as budget_execution_id,
        level3 as subject,
        'target ' || coalesce(target_raw, '') || ', actual ' || coalesce(actual_raw, '') || ', score '
            || {{ plain_number('score') }} || ' of ' || {{ plain_number('weight') }} as detail,
        score as figure_printed,
        null::decimal(20, 4) as figure_expected,
        null as target_change
    from results
    where result = 'missed' and has_full_marks
),

actual_copied as (
    -- The actual cell repeats the target cell. A numeric target (a comparator, figure or deadline) copied over is
    -- not a measurement: a warning. A qualitative target (有效减轻, 明显提高) repeated word for word is common and
    -- weaker evidence: its own finding, of lower severity. A bare number reached exactly (100%, 100%) is neither.
    select
        if(target_kind = 'qualitative', 'qualitative target repeated as the actual', 'actual copied from the target')
            as finding,
        if(target_kind = 'qualitative', 'info', 'warning') as severity,
        project_id,
        indicator_id,
        null as budget_execution_id,
        level3 as subject,
        'target and actual both ' || target_raw as detail,
        null::decimal(20, 4) as figure_printed,
        null::decimal(20, 4) as figure_expected,
        null as target_change
    from results
    where {{ squash('actual_raw') }} = {{ squash('target_raw') }}
        and not (target_kind = 'numeric' and comparator = '=')
),

missed_without_reason as (
    select
        'missed without a reason' as finding,
        'warning' as severity,
        project_id,
        indicator_id,
        null as budget_execution_id,
        level3 as subject,
        'target ' || coalesce(target_raw, '') || ', actual ' || coalesce(actual_raw, '') || ', 偏差原因 '
            || coalesce(deviation_reason, '(blank)') as detail,
        try_cast(gap as decimal(38, 4)) as figure_printed,
        null::decimal(20, 4) as figure_expected,
        null as target_change
    from results
    where is_missed_without_reason
),

score_above_weight as (
    select
        'score above its weight' as finding,
        'warning' as severity,
        project_id,
        indicator_id,
        null as budget_execution_id,
        level3 as subject,
        'score ' || {{ plain_number('score') }} || ' of ' || {{ plain_number('weight') }} as detail,
        score as figure_printed,
        weight as figure_expected,
        null as target_change
    from results
    where score > weight
),

rate_inconsistent as (
    select
        'execution rate inconsistent with its amounts' as finding,
        'warning' as severity,
        project_id,
        null as indicator_id,
        budget_execution_id,
        label as subject,
        '执行率 printed ' || rate_printed || ', 全年执行数 ' || coalesce(executed_printed, '(blank)') || ' / 全年预算数 '
            || coalesce(full_year_printed, '(blank)') || ' = ' || coalesce(round(rate_computed_percent, 2)::varchar, '?')
            || '%' as detail,
        rate_percent as figure_printed,
        rate_computed_percent as figure_expected,
        null as target_change
    from execution
    where rate_percent is not null
        and (rate_computed_percent is null or abs(rate_percent - rate_computed_percent) > rate_tolerance)
),

total_score_differs as (
    select
        'total score differs from the sum of scores' as finding,
        'warning' as severity,
        project_id,
        null as indicator_id,
        null as budget_execution_id,
        project_name as subject,
        '总分 ' || total_score_printed || ', indicator scores ' || {{ plain_number('coalesce(indicator_score, 0)') }}
            || ' + budget execution ' || {{ plain_number('coalesce(execution_score, 0)') }} as detail,
        total_score as figure_printed,
        coalesce(indicator_score, 0) + coalesce(execution_score, 0) as figure_expected,
        null as target_change
    from projects
    where total_score is not null
        and (indicator_score is not null or execution_score is not null)
        and total_score <> coalesce(indicator_score, 0) + coalesce(execution_score, 0)
),

target_loosened as (
    -- The target evaluated is easier to meet than the one published before the year (a lower floor, a higher
    -- ceiling, a later deadline), with the verdict both ways.
    select
        'target loosened before evaluation' as finding,
        'warning' as severity,
        project_id,
        indicator_id,
        null as budget_execution_id,
        level3 as subject,
        'published ' || published_target_raw || ', evaluated ' || target_raw || ', actual ' || coalesce(actual_raw, '')
            || ': ' || result || ' as evaluated, ' || coalesce(published_result, 'unknown') || ' as published'
            as detail,
        null::decimal(20, 4) as figure_printed,
        null::decimal(20, 4) as figure_expected,
        target_change
    from results
    where target_change = 'loosened'
),

unioned as (
    select * from full_marks_on_missed
    union all
    select * from actual_copied
    union all
    select * from missed_without_reason
    union all
    select * from score_above_weight
    union all
    select * from rate_inconsistent
    union all
    select * from total_score_differs
    union all
    select * from target_loosened
),

final as (
    select
        md5(unioned.finding || unioned.project_id || coalesce(unioned.indicator_id, '')
            || coalesce(unioned.budget_execution_id, '')) as audit_finding_id,
        unioned.finding,
        unioned.severity,
        unioned.project_id,
        projects.document_id,
        projects.region_code,
        projects.budget_year,
        projects.unit_name,
        projects.project_name,
        unioned.indicator_id,
        unioned.budget_execution_id,
        unioned.subject,
        unioned.detail,
        unioned.figure_printed,
        unioned.figure_expected,
        unioned.target_change
    from unioned
    inner join projects
        on unioned.project_id = projects.project_id
)

select * from final
