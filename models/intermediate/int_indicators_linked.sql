{#
    Each indicator of a self-evaluation paired with the indicator of the published target table it evaluates
    (int_self_evaluations_linked): same horizon and the same 三级指标 name (normalised); among namesakes the nearest
    row wins, once on each side.
#}
with

links as (
    select * from {{ ref('int_self_evaluations_linked') }}
),

indicators as (
    select * from {{ ref('int_indicators_joined') }}
),

pairs as (
    select
        evaluated.indicator_id,
        published.indicator_id as published_indicator_id,
        published.target_raw as published_target_raw,
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

final as (
    select
        indicator_id,
        published_indicator_id,
        published_target_raw
    from pairs
    where evaluated_rank = 1 and published_rank = 1
)

select * from final
