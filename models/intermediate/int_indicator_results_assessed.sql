{#
    Whether each self-evaluated indicator met its target, read by the target's comparator: both sides numeric
    (compared in base units; a side printed without a unit is read in the other side's unit, and says so), or
    both dates (done by the deadline). Anything else - a qualitative, multi, malformed or missing side, units
    that differ - is 'unknown' with the reason, never guessed. Also the gap, and whether a missed target gives a
    deviation reason (偏差原因).
#}
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

joined as (
    select
        indicators.indicator_id,
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
    inner join targets
        on indicators.indicator_id = targets.indicator_id
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

final as (
    select
        indicator_id,
        case when is_met then 'met' when not is_met then 'missed' else 'unknown' end as result,
        unknown_reason,
        compared_as,
        target_compared,
        actual_compared,
        compared_unit,
        -- Positive: above the target (for >= targets, ahead); negative: below it.
        case when is_met is not null and target_kind = 'numeric' then round(actual_compared - target_compared, 4) end
            as gap,
        case when is_met is not null and target_kind = 'deadline' then actual_date - deadline_date end
            as days_late,
        deviation_reason is not null
            and not regexp_matches(deviation_reason, '^(无|无偏差|不涉及|/|／|-|—+|\.+)$') as has_deviation_reason,
        weight is not null and score is not null and score >= weight as has_full_marks
    from assessed
)

select * from final
