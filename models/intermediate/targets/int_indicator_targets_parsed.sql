{#
    Read the 指标值 (target) cell: what kind of target it is, its comparator, value and unit, and for deadlines
    the last day of the period it names. The raw text stays as printed in target_raw. The rules are the macro
    parse_indicator_values (macros/indicator_values.sql), shared with the actuals of self-evaluations.
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

indicators as (
    select indicator_id, document_id, document_revision, target_raw as value_raw, budget_year
    from {{ ref('int_indicators_joined') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

unit_aliases as (
    select * from {{ ref('unit_aliases') }}
),

{{ parse_indicator_values('indicators') }},

final as (
    select
        parsed.indicator_id,
        parsed.value_raw as target_raw,
        value_kind as target_kind,
        comparator,
        value as target_value,
        unit_printed,
        value_unit as target_unit,
        value_base as target_value_base,
        base_unit,
        deadline_date,
        value_note as target_note,
        is_quantitative,
        has_unknown_unit,
        indicators.document_id,
        indicators.document_revision
    from parsed
    inner join indicators
        on parsed.indicator_id = indicators.indicator_id
)

select * from final
