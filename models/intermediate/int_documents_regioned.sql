with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

regions as (
    select * from {{ ref('int_regions_unioned') }}
),

candidates as (
    -- Every region whose name the issuer's name contains (e.g. 天津市滨海新区医疗保障局: 天津市 and 滨海新区).
    select
        documents.document_id,
        regions.region_code,
        regions.region_level,
        regions.region_name,
        case regions.region_level when 'county' then 3 when 'city' then 2 else 1 end as specificity,
        (
            regions.region_level = 'province'
            or strpos(documents.issuer, regions.province_name) > 0
            or (regions.city_name <> '市辖区' and strpos(documents.issuer, regions.city_name) > 0)
        ) as has_context,
        count(*) over (partition by documents.document_id, regions.region_name) as regions_with_name
    from documents
    inner join regions
        on strpos(documents.issuer, regions.region_name) > 0
    where regions.region_name not in ('市辖区', '县')
),

plausible as (
    -- A county or city counts when its province or city is named too, or when its name is unique nationally.
    select *
    from candidates
    where has_context or (regions_with_name = 1 and length(region_name) >= 3)
),

ranked as (
    select
        *,
        row_number() over (
            partition by document_id
            order by specificity desc, length(region_name) desc
        ) as match_rank
    from plausible
),

regioned as (
    select
        documents.*,
        ranked.region_code,
        ranked.region_level
    from documents
    left join ranked
        on documents.document_id = ranked.document_id
        and ranked.match_rank = 1
)

select * from regioned
