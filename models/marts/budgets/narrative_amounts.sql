with

claims as (
    select * from {{ ref('int_narrative_amounts_counted') }}
)

select * from claims
