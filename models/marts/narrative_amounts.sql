with

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
)

select * from claims
