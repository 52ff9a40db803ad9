{#
    Each indicator row with the recurring concept its 三级指标 name expresses (indicator_concepts seed). A concept
    applies where its pattern matches the name, its exclude_pattern does not, and, where the seed sets a
    base_unit_pattern, the target is a number in a matching base unit: so a rate (%), a deadline or a qualitative
    target can never be a cost. The patterns are constants of the compiled SQL (macros/indicator_concepts.sql), and
    the result a table (incremental by document): matched once, read by its tests and by marts.indicators.
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

indicators as (
    select * from {{ ref('int_indicators_joined') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

targets as (
    select * from {{ ref('int_indicator_targets_parsed') }}
),

concepts as (
    select * from {{ ref('indicator_concepts') }}
),

names as (
    select
        indicators.indicator_id,
        regexp_replace(coalesce(indicators.level3, ''), '\s+', '', 'g') as level3_name,
        targets.target_kind,
        targets.base_unit
    from indicators
    left join targets
        on indicators.indicator_id = targets.indicator_id
),

{% if patterns_are_constant() %}

named as (
    select
        indicator_id,
        {{ indicator_concept_case(ref('indicator_concepts'), 'level3_name', 'target_kind', 'base_unit') }} as concept
    from names
),

matches as (
    select
        named.indicator_id,
        concepts.concept,
        concepts.concept_en,
        concepts.base_unit as concept_base_unit,
        1 as match_rank
    from named
    inner join concepts
        on named.concept = concepts.concept
),

{% else %}

matches as (
    select
        names.indicator_id,
        concepts.concept,
        concepts.concept_en,
        concepts.base_unit as concept_base_unit,
        row_number() over (partition by names.indicator_id order by concepts.priority) as match_rank
    from names
    inner join concepts
        on regexp_matches(names.level3_name, concepts.pattern)
        and (
            coalesce(concepts.exclude_pattern, '') = ''
            or not regexp_matches(names.level3_name, concepts.exclude_pattern)
        )
        and (
            coalesce(concepts.base_unit_pattern, '') = ''
            or (
                names.target_kind = 'numeric'
                and coalesce(regexp_matches(names.base_unit, concepts.base_unit_pattern), false)
            )
        )
),

{% endif %}

final as (
    select
        indicators.indicator_id,
        matches.concept,
        matches.concept_en,
        matches.concept_base_unit,
        indicators.document_id,
        indicators.document_revision
    from indicators
    left join matches
        on indicators.indicator_id = matches.indicator_id
        and matches.match_rank = 1
)

select * from final
