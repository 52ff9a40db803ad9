{# 三级指标 names that no concept pattern matches, so the concept seed can grow where it matters. #}
with

indicators as (
    select * from {{ ref('indicators') }}
    where horizon = 'annual' and concept is null
),

final as (
    select
        regexp_replace(coalesce(level3, ''), '\s+', '', 'g') as level3_name,
        'annual' as horizon,
        count(*) as n_indicators,
        count(distinct document_id) as n_documents,
        mode(level2) as usual_level2,
        min(target_raw) as example_target
    from indicators
    group by 1, 2
)

select * from final
