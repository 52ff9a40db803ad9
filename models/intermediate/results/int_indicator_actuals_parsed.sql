{#
    Read the 实际完成值 (actual) cell of a self-evaluation with the very rules that read targets
    (parse_indicator_values): "96.5%" is numeric 96.5 %, "1.2 万人" is 12,000 人, "2026 年 11 月" a date (the
    month's last day), "已完成" qualitative. An indicator with no actual printed (every target table's rows) is
    'missing'.
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

indicators as (
    select indicator_id, document_id, document_revision, actual_raw as value_raw, budget_year
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
        parsed.value_raw as actual_raw,
        value_kind as actual_kind,
        comparator as actual_comparator,
        value as actual_value,
        unit_printed as actual_unit_printed,
        value_unit as actual_unit,
        value_base as actual_value_base,
        base_unit as actual_base_unit,
        deadline_date as actual_date,
        value_note as actual_note,
        has_unknown_unit as has_unknown_actual_unit,
        indicators.document_id,
        indicators.document_revision
    from parsed
    inner join indicators
        on parsed.indicator_id = indicators.indicator_id
)

select * from final
