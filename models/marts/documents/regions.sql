with

regions as (
    select * from {{ ref('int_regions_unioned') }}
)

select * from regions
