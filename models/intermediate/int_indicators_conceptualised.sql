{# Each indicator row with the recurring concept its 三级指标 name expresses (indicator_concepts seed). #}
with

indicators as (
    select * from {{ ref('int_indicators_joined') }}
),

concepts as (
    select * from {{ ref('indicator_concepts') }}
),

matches as (
    select
        indicators.indicator_id,
        concepts.concept,
        concepts.concept_en,
        concepts.base_unit as concept_base_unit,
        row_number() over (partition by indicators.indicator_id order by concepts.priority) as match_rank
    from indicators
    inner join concepts
        on regexp_matches(regexp_replace(coalesce(indicators.level3, ''), '\s+', '', 'g'), concepts.pattern)
),

final as (
    select
        indicators.indicator_id,
        matches.concept,
        matches.concept_en,
        matches.concept_base_unit
    from indicators
    left join matches
        on indicators.indicator_id = matches.indicator_id
        and matches.match_rank = 1
)

select * from final
