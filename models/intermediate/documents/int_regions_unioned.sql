with

provinces as (
    select * from {{ ref('region_provinces') }}
),

cities as (
    select * from {{ ref('region_cities') }}
),

areas as (
    select * from {{ ref('region_areas') }}
),

province_rows as (
    select
        province_code || '0000' as region_code,
        province_name as region_name,
        'province' as region_level,
        province_code || '0000' as province_region_code,
        province_name,
        cast(null as varchar) as city_region_code,
        cast(null as varchar) as city_name,
        province_name as full_name
    from provinces
),

city_rows as (
    select
        cities.city_code || '00' as region_code,
        cities.city_name as region_name,
        'city' as region_level,
        cities.province_code || '0000' as province_region_code,
        provinces.province_name,
        cities.city_code || '00' as city_region_code,
        cities.city_name,
        provinces.province_name || cities.city_name as full_name
    from cities
    left join provinces on cities.province_code = provinces.province_code
),

area_rows as (
    select
        areas.area_code as region_code,
        areas.area_name as region_name,
        'county' as region_level,
        areas.province_code || '0000' as province_region_code,
        provinces.province_name,
        areas.city_code || '00' as city_region_code,
        cities.city_name,
        provinces.province_name
            || case when cities.city_name = '市辖区' or provinces.province_name = cities.city_name then '' else coalesce(cities.city_name, '') end
            || areas.area_name as full_name
    from areas
    left join cities on areas.city_code = cities.city_code
    left join provinces on areas.province_code = provinces.province_code
    -- Cities without counties (东莞市 441900) list themselves as an area too: keep the city row only.
    where areas.area_code not in (select city_code || '00' from cities)
),

unioned as (
    select * from province_rows
    union all
    select * from city_rows
    union all
    select * from area_rows
)

select * from unioned
