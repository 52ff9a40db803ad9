{#
    Whether each self-evaluated indicator met its target, read by the target's comparator: both sides numeric
    (compared in base units; a side printed without a unit is read in the other side's unit, and says so), or
    both dates (done by the deadline). Anything else - a qualitative, multi, malformed or missing side, units
    that differ - is 'unknown' with the reason, never guessed. Also the gap (positive: better than the target,
    whatever the comparator), and whether a missed target gives a deviation reason (偏差原因).
    Each indicator is judged twice where its self-evaluation is linked to the published target table
    (int_indicators_linked): against the target as evaluated (result, gap) and against the target as published
    (published_result, published_gap), the same actual both times.
#}
{{ config(materialized='table') }}

with

indicators as (
    select * from {{ ref('int_indicators_joined') }}
    where table_kind in ('project_self_evaluation', 'department_self_evaluation')
),

targets as (
    select * from {{ ref('int_indicator_targets_parsed') }}
),

actuals as (
    select * from {{ ref('int_indicator_actuals_parsed') }}
),

links as (
    select * from {{ ref('int_indicators_linked') }}
),

judged_targets as (
    -- The target each indicator is judged against: the one its self-evaluation prints, and the published one.
    select indicator_id, 'evaluated' as judged_against, indicator_id as target_indicator_id
    from indicators
    union all
    select links.indicator_id, 'published' as judged_against, links.published_indicator_id as target_indicator_id
    from links
    inner join indicators
        on links.indicator_id = indicators.indicator_id
),

joined as (
    select
        indicators.indicator_id,
        judged_targets.judged_against,
        indicators.deviation_reason,
        indicators.weight,
        indicators.score,
        targets.target_raw,
        targets.target_kind,
        targets.comparator,
        targets.target_value,
        targets.unit_printed as target_unit_printed,
        targets.target_value_base,
        targets.base_unit as target_base_unit,
        targets.deadline_date,
        actuals.actual_raw,
        actuals.actual_kind,
        actuals.actual_value,
        actuals.actual_unit_printed,
        actuals.actual_value_base,
        actuals.actual_base_unit,
        actuals.actual_date
    from indicators
    inner join judged_targets
        on indicators.indicator_id = judged_targets.indicator_id
    inner join targets
        on judged_targets.target_indicator_id = targets.indicator_id
    inner join actuals
        on indicators.indicator_id = actuals.indicator_id
),

compared as (
    -- The two figures compared, in one unit: base units where both are known and agree; printed numbers where the
    -- same unknown unit is printed on both sides; the other side's unit where one side prints none.
    select
        *,
        case
            when target_kind <> 'numeric' or actual_kind <> 'numeric' then null
            when target_base_unit is not distinct from actual_base_unit
                and target_value_base is not null and actual_value_base is not null then 'base units'
            when target_unit_printed = actual_unit_printed then 'same printed unit'
            when actual_unit_printed is null and target_value_base is not null and target_value <> 0
                then 'actual read in the target''s unit'
            when target_unit_printed is null and actual_value_base is not null and actual_value <> 0
                then 'target read in the actual''s unit'
        end as compared_as
    from joined
),

figures as (
    select
        *,
        case compared_as
            when 'base units' then target_value_base
            when 'same printed unit' then target_value
            when 'actual read in the target''s unit' then target_value_base
            when 'target read in the actual''s unit' then target_value * actual_value_base / actual_value
        end as target_compared,
        case compared_as
            when 'base units' then actual_value_base
            when 'same printed unit' then actual_value
            when 'actual read in the target''s unit' then actual_value * target_value_base / target_value
            when 'target read in the actual''s unit' then actual_value_base
        end as actual_compared,
        case compared_as
            when 'same printed unit' then target_unit_printed
            when 'target read in the actual''s unit' then actual_base_unit
            else target_base_unit
        end as compared_unit
    from compared
),

assessed as (
    select
        *,
        case
            when target_kind = 'numeric' and actual_kind = 'numeric' and compared_as is not null then
                case comparator
                    when '>=' then actual_compared >= target_compared
                    when '>' then actual_compared > target_compared
                    when '<=' then actual_compared <= target_compared
                    when '<' then actual_compared < target_compared
                    when '=' then actual_compared = target_compared
                end
            when target_kind = 'deadline' and actual_kind = 'deadline' then actual_date <= deadline_date
        end as is_met,
        case
            when target_kind = 'missing' then 'no target printed'
            when actual_kind = 'missing' then 'no actual printed'
            when target_kind in ('qualitative', 'multi', 'malformed') then 'target is ' || target_kind
            when actual_kind in ('qualitative', 'multi', 'malformed') then 'actual is ' || actual_kind
            when target_kind <> actual_kind then 'target is ' || target_kind || ', actual is ' || actual_kind
            when target_kind = 'numeric' and compared_as is null then 'units differ ('
                || coalesce(target_unit_printed, 'none') || ' vs ' || coalesce(actual_unit_printed, 'none') || ')'
        end as unknown_reason
    from figures
),

verdicts as (
    select
        indicator_id,
        judged_against,
        case when is_met then 'met' when not is_met then 'missed' else 'unknown' end as result,
        unknown_reason,
        compared_as,
        target_compared,
        actual_compared,
        compared_unit,
        -- Positive: better than the target (above a floor, below a ceiling); negative: short of it. An exact
        -- target (=) is never beaten: its gap is minus the distance from it.
        case when is_met is not null and target_kind = 'numeric' then
            round(case
                when comparator in ('>=', '>') then actual_compared - target_compared
                when comparator in ('<=', '<') then target_compared - actual_compared
                else 0 - abs(actual_compared - target_compared)
            end, 4)
        end as gap,
        case when is_met is not null and target_kind = 'deadline' then actual_date - deadline_date end
            as days_late,
        deviation_reason is not null
            and not regexp_matches(deviation_reason, '^(无|无偏差|不涉及|/|／|-|—+|\.+)$') as has_deviation_reason,
        weight is not null and score is not null and score >= weight as has_full_marks
    from assessed
),

final as (
    select
        evaluated.indicator_id,
        evaluated.result,
        evaluated.unknown_reason,
        evaluated.compared_as,
        evaluated.target_compared,
        evaluated.actual_compared,
        evaluated.compared_unit,
        evaluated.gap,
        evaluated.days_late,
        evaluated.has_deviation_reason,
        evaluated.has_full_marks,
        -- Null where no published target was found to judge against.
        published.result as published_result,
        published.unknown_reason as published_unknown_reason,
        published.gap as published_gap,
        published.days_late as published_days_late
    from verdicts as evaluated
    left join verdicts as published
        on evaluated.indicator_id = published.indicator_id
        and published.judged_against = 'published'
    where evaluated.judged_against = 'evaluated'
)

select * from final
