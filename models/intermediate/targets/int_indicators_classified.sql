{#
    Canonical 一级/二级 labels (wrap-damaged and variant labels mapped through a seed; canonical or null, an unknown
    一级 inferred from its 二级's family), English labels from the taxonomy seed, and the flags an analyst filters on:
    vague targets and targets pointing the wrong way.
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

level_aliases as (
    select * from {{ ref('indicator_level_aliases') }}
),

taxonomy as (
    select * from {{ ref('indicator_taxonomy') }}
),

words as (
    select * from {{ ref('indicator_words') }}
),

levels_mapped as (
    -- Canonical labels or null, never the printed text (kept in level1_printed): an unknown 一级 (项目完成, or a
    -- blank one) is inferred from the family of its canonical 二级 (数量/质量/时效/成本 -> 产出, 经济/社会/生态/可持续影响
    -- -> 效益, 满意度 -> 满意度; indicator_taxonomy), with the basis recorded.
    select
        indicators.indicator_id,
        indicators.level1 as level1_filled,
        indicators.level2 as level2_filled,
        coalesce(level1_alias.canonical, family.level1) as level1,
        level2_alias.canonical as level2,
        case
            when level1_alias.canonical is not null then 'printed'
            when family.level1 is not null then 'inferred from 二级'
        end as level1_basis,
        level1_alias.canonical is null as is_level1_unmapped,
        level2_alias.canonical is null as is_level2_unmapped
    from indicators
    left join level_aliases as level1_alias
        on level1_alias.level = 1 and indicators.level1 = level1_alias.alias
    left join level_aliases as level2_alias
        on level2_alias.level = 2 and indicators.level2 = level2_alias.alias
    left join taxonomy as family
        on level2_alias.canonical = family.level2
),

labelled as (
    select
        levels_mapped.*,
        level1_names.level1_en,
        taxonomy.level2_en
    from levels_mapped
    left join taxonomy
        on levels_mapped.level2 = taxonomy.level2
    left join (select distinct level1, level1_en from taxonomy) as level1_names
        on levels_mapped.level1 = level1_names.level1
),

word_hits as (
    select
        indicators.indicator_id,
        bool_or(words.kind = 'vague' and strpos(targets.target_raw, words.word) > 0) as has_vague_word,
        bool_or(words.kind = 'lower_is_better' and strpos(indicators.level3, words.word) > 0) as is_lower_better,
        bool_or(words.kind = 'minimum_standard' and strpos(indicators.level3, words.word) > 0) as is_minimum_standard
    from indicators
    inner join targets
        on indicators.indicator_id = targets.indicator_id
    cross join words
    group by indicators.indicator_id
),

flagged as (
    select
        indicators.indicator_id,
        labelled.level1,
        labelled.level2,
        labelled.level1_en,
        labelled.level2_en,
        labelled.level1_basis,
        labelled.is_level1_unmapped,
        labelled.is_level2_unmapped,
        targets.target_kind,
        targets.comparator,
        targets.target_value,
        targets.unit_printed,
        targets.target_unit,
        targets.target_value_base,
        targets.base_unit,
        targets.deadline_date,
        targets.target_note,
        targets.is_quantitative,
        targets.has_unknown_unit,
        targets.target_kind = 'qualitative' and coalesce(word_hits.has_vague_word, false) as is_vague,
        case
            when labelled.level2 in ('成本指标', '经济成本指标', '社会成本指标', '生态环境成本指标')
                and targets.comparator in ('>=', '>')
                -- a subsidy standard (各级财政人均补助标准 ≥700元) is a floor, rightly a lower bound
                and not coalesce(word_hits.is_minimum_standard, false)
                then 'cost target with a lower bound'
            when (labelled.level1 = '满意度指标' or indicators.level3 like '%满意度%')
                and targets.comparator in ('<=', '<')
                then 'satisfaction target with an upper bound'
            when targets.target_unit = '%' and indicators.level3 like '%率%'
                and targets.comparator in ('<=', '<')
                and not coalesce(word_hits.is_lower_better, false)
                then 'rate target with an upper bound'
        end as direction_problem,
        indicators.document_id,
        indicators.document_revision
    from indicators
    inner join labelled
        on indicators.indicator_id = labelled.indicator_id
    inner join targets
        on indicators.indicator_id = targets.indicator_id
    left join word_hits
        on indicators.indicator_id = word_hits.indicator_id
)

select
    *,
    direction_problem is not null as has_direction_problem
from flagged
