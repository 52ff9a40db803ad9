{#
    Each indicator of a self-evaluation paired with the indicator of the published target table it evaluates
    (int_self_evaluations_linked): same horizon and the same 三级指标 name (normalised); among namesakes the nearest
    row wins, once on each side. With how the target changed between publication and evaluation: same,
    reworded, tightened, loosened or incomparable (macros/target_changes.sql, shared with indicator_changes).
#}
{{ config(materialized='table') }}

with

links as (
    select * from {{ ref('int_self_evaluations_linked') }}
),

indicators as (
    select * from {{ ref('int_indicators_joined') }}
),

targets as (
    select * from {{ ref('int_indicator_targets_parsed') }}
),

pairs as (
    select
        evaluated.indicator_id,
        published.indicator_id as published_indicator_id,
        row_number() over (
            partition by evaluated.indicator_id
            order by abs(evaluated.row_number - published.row_number), published.row_number
        ) as evaluated_rank,
        row_number() over (
            partition by published.indicator_id
            order by abs(evaluated.row_number - published.row_number), evaluated.row_number
        ) as published_rank
    from indicators as evaluated
    inner join links
        on evaluated.project_id = links.project_id
    inner join indicators as published
        on published.project_id = links.target_project_id
        and published.horizon = evaluated.horizon
        and {{ normalised_name('published.level3') }} = {{ normalised_name('evaluated.level3') }}
),

matched as (
    select indicator_id, published_indicator_id
    from pairs
    where evaluated_rank = 1 and published_rank = 1
),

compared as (
    select
        matched.indicator_id,
        matched.published_indicator_id,
        published.target_raw as published_target_raw,
        {{ squash('published.target_raw') }} as published_text,
        published.target_kind as published_kind,
        published.comparator as published_comparator,
        published.target_value_base as published_value,
        published.base_unit as published_unit,
        published.deadline_date as published_deadline,
        {{ squash('evaluated.target_raw') }} as evaluated_text,
        evaluated.target_kind as evaluated_kind,
        evaluated.comparator as evaluated_comparator,
        evaluated.target_value_base as evaluated_value,
        evaluated.base_unit as evaluated_unit,
        evaluated.deadline_date as evaluated_deadline
    from matched
    inner join targets as published
        on matched.published_indicator_id = published.indicator_id
    inner join targets as evaluated
        on matched.indicator_id = evaluated.indicator_id
),

classified as (
    -- How the target evaluated differs from the one published, by direction (macros/target_changes.sql).
    select
        *,
        {{ target_change('published_', 'evaluated_') }} as target_change
    from compared
),

final as (
    select
        indicator_id,
        published_indicator_id,
        published_target_raw,
        target_change <> 'same' as is_target_changed,
        target_change
    from classified
)

select * from final
