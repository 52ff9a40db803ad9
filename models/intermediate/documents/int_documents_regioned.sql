{#
    Each document's issuer, budget year and region: what the user stated (documents.csv, ingest options) wins
    over what was read, and the basis of each is recorded. A region is found in the issuer's name; a district name
    shared by several cities (朝阳区, 鼓楼区) is resolved by the city or province the document prints elsewhere, and
    left unresolved, with its candidates, when nothing decides.
#}
{# Incremental by document (macros/incremental_by_document.sql): a document's region depends on its own row and the
   region seeds alone, and matching every issuer against every region name is the costliest per-document step. #}
{{ config(**by_document_config('stg_raw__documents')) }}

with

documents as (
    select * from {{ ref('stg_raw__documents') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

regions as (
    select * from {{ ref('int_regions_unioned') }}
),

stated as (
    select
        * exclude (issuer, issuer_basis, budget_year, budget_year_basis, doc_kind, doc_kind_basis),
        coalesce(stated_issuer, issuer) as issuer,
        issuer as issuer_read,
        case when stated_issuer is not null then 'stated: ' || stated_basis else issuer_basis end as issuer_basis,
        coalesce(stated_doc_kind, doc_kind) as doc_kind,
        case when stated_doc_kind is not null then 'stated: ' || stated_basis else doc_kind_basis end
            as doc_kind_basis,
        coalesce(stated_year, budget_year) as budget_year,
        case when stated_year is not null then 'stated: ' || stated_basis else budget_year_basis end
            as budget_year_basis
    from documents
),

region_names as (
    -- Names as a document may print them: 长春市 also as 长春, 吉林省 also as 吉林.
    select
        *,
        regexp_replace(province_name, '(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$', '')
            as province_short,
        case
            when city_name <> '市辖区'
                then regexp_replace(city_name, '(市|地区|盟|自治州)$', '')
        end as city_short
    from regions
),

candidates as (
    -- Every region whose name the issuer's name contains (e.g. 天津市滨海新区医疗保障局: 天津市 and 滨海新区).
    select
        stated.document_id,
        region_names.region_code,
        region_names.region_level,
        region_names.region_name,
        region_names.full_name,
        case region_names.region_level when 'county' then 3 when 'city' then 2 else 1 end as specificity,
        (
            region_names.region_level = 'province'
            or strpos(stated.issuer, region_names.province_name) > 0
            or (region_names.city_name <> '市辖区' and strpos(stated.issuer, region_names.city_name) > 0)
        ) as has_context,
        (
            region_names.region_level <> 'province'
            and (
                (length(region_names.province_short) >= 2
                    and strpos(coalesce(stated.context_text, ''), region_names.province_short) > 0)
                or (length(region_names.city_short) >= 2
                    and strpos(coalesce(stated.context_text, ''), region_names.city_short) > 0)
            )
        ) as has_document_context,
        count(*) over (partition by stated.document_id, region_names.region_name) as regions_with_name
    from stated
    inner join region_names
        on strpos(stated.issuer, region_names.region_name) > 0
    where region_names.region_name not in ('市辖区', '县')
),

decided as (
    select
        *,
        count(*) filter (where has_document_context) over (partition by document_id, region_name)
            as regions_with_name_in_document
    from candidates
),

plausible as (
    -- A county or city counts when its province or city is named in the issuer, when its name is unique
    -- nationally, or when it is the only region of that name whose city or province the document prints.
    select
        *,
        case
            when has_context then 'issuer name'
            when regions_with_name = 1 and length(region_name) >= 3 then 'issuer name (unique nationally)'
            else 'issuer name, city or province printed in the document'
        end as region_basis
    from decided
    where
        has_context
        or (regions_with_name = 1 and length(region_name) >= 3)
        or (has_document_context and regions_with_name_in_document = 1)
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

ambiguous as (
    -- What an unresolved document's issuer could mean, for the warning.
    select
        document_id,
        string_agg(distinct full_name || ' ' || region_code, ', ' order by full_name || ' ' || region_code)
            as region_candidates
    from decided
    where not has_context and regions_with_name > 1
    group by document_id
),

stated_regions as (
    select
        stated.document_id,
        regions.region_code,
        regions.region_level
    from stated
    inner join regions
        on stated.stated_region_code = regions.region_code
),

regioned as (
    select
        stated.*,
        coalesce(stated_regions.region_code, ranked.region_code) as region_code,
        coalesce(stated_regions.region_level, ranked.region_level) as region_level,
        case
            when stated_regions.region_code is not null then 'stated: ' || stated.stated_basis
            else ranked.region_basis
        end as region_basis,
        case when stated_regions.region_code is null and ranked.region_code is null then ambiguous.region_candidates end
            as region_candidates
    from stated
    left join stated_regions
        on stated.document_id = stated_regions.document_id
    left join ranked
        on stated.document_id = ranked.document_id
        and ranked.match_rank = 1
    left join ambiguous
        on stated.document_id = ambiguous.document_id
)

select * from regioned
