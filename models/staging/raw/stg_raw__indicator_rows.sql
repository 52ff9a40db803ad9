{# A weight printed after a 一级/二级 label, in brackets: （50分）, (30%), （20）. #}
{{ config(**by_document_config('stg_raw__documents')) }}
{% set level_weight = '[（(]\\s*(\\d+(?:\\.\\d+)?\\s*(?:分|%|％)?)\\s*[)）]$' %}
with

source as (
    select * from {{ source('raw', 'indicator_rows') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

documents as (
    select document_id, document_revision from {{ ref('stg_raw__documents') }}
),

revised as (
    -- The document's revision on each row, for the incremental rebuild (macros/incremental_by_document.sql).
    select
        source.*,
        documents.document_revision
    from source
    inner join documents
        on source.document_id = documents.document_id
),

renamed as (
    select
        document_id || '-p' || {{ key_part('table_seq', 3) }} as project_id,
        document_id,
        table_seq,
        horizon,
        row_number,
        {{ squash('level1') }} as level1_printed,
        {{ squash('level2') }} as level2_printed,
        {{ clean_text('level3') }} as level3,
        {{ clean_text('description') }} as description,
        nullif(trim(target), '') as target_raw,
        nullif(trim(target_comparator), '') as target_comparator_printed,
        nullif(trim(target_value), '') as target_value_printed,
        nullif(trim(target_unit), '') as target_unit_printed,
        nullif(trim(weight), '') as weight_printed,
        nullif(trim(actual), '') as actual_raw,
        nullif(trim(score), '') as score_printed,
        {{ clean_text('deviation_reason') }} as deviation_reason,
        extra,
        {{ clean_text('basis') }} as basis,
        {{ clean_text('standard') }} as standard,
        line,
        page,
        is_realigned,
        -- Self-evaluations: 分值 and 得分 as numbers.
        {{ printed_number('weight') }} as weight,
        {{ printed_number('score') }} as score,
        -- Monitoring tables: progress by the end of the period, the year-end forecast, the likelihood, the causes.
        nullif(trim(progress), '') as progress_raw,
        nullif(trim(forecast), '') as forecast_raw,
        nullif(trim(likelihood), '') as likelihood,
        nullif(trim(deviation_cause), '') as deviation_cause,
        document_revision
    from revised
),

labels_split as (
    -- A weight printed with the label is split off: 产出指标（50分） -> 产出指标 and 50分, 数量指标(20%) -> 20%.
    select
        *,
        nullif(regexp_replace(level1_printed, '{{ level_weight }}', ''), '') as level1_label,
        nullif(regexp_extract(level1_printed, '{{ level_weight }}', 1), '') as level1_weight_printed,
        nullif(regexp_replace(level2_printed, '{{ level_weight }}', ''), '') as level2_label,
        nullif(regexp_extract(level2_printed, '{{ level_weight }}', 1), '') as level2_weight_printed
    from renamed
),

merged_cells_filled as (
    -- A blank 一级/二级 cell is a merged cell: it means "same as the row above" within the table and horizon (the
    -- label and the weight printed with it).
    select
        * exclude (level1_weight_printed, level2_weight_printed),
        last_value(level1_label ignore nulls) over same_table as level1,
        last_value(level2_label ignore nulls) over same_table as level2,
        (last_value(if(level1_label is null, null, {'weight': level1_weight_printed}) ignore nulls)
            over same_table).weight as level1_weight_printed,
        (last_value(if(level2_label is null, null, {'weight': level2_weight_printed}) ignore nulls)
            over same_table).weight as level2_weight_printed
    from labels_split
    window same_table as (
        partition by project_id, horizon
        order by row_number
        rows between unbounded preceding and current row
    )
),

final as (
    select
        project_id || '-' || horizon || '-' || {{ key_part('row_number', 3) }} as indicator_id,
        *
    from merged_cells_filled
)

select * from final
