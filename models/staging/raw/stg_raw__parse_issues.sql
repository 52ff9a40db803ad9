with

source as (
    select * from {{ source('raw', 'parse_issues') }}
),

renamed as (
    select
        document_id || '-i' || {{ key_part('issue_seq', 4) }} as parse_issue_id,
        document_id,
        issue_seq,
        severity,
        message,
        code,
        subject,
        block_seq,
        case
            when table_seq is not null then document_id || '-p' || {{ key_part('table_seq', 3) }}
        end as project_id,
        line,
        page
    from source
)

select * from renamed
