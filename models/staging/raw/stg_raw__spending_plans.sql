with

source as (
    select * from {{ source('raw', 'spending_plans') }}
),

renamed as (
    select
        document_id || '-p' || {{ key_part('table_seq', 3) }} as project_id,
        document_id,
        table_seq,
        period_seq,
        {{ squash('period') }} as period,
        nullif(trim(share), '') as share_printed,
        try_cast(nullif(regexp_replace(share, '[%％\s]', '', 'g'), '') as decimal(9, 2)) as share_percent,
        line,
        page
    from source
)

select * from renamed
