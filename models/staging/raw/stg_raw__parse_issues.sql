with

source as (
    select * from {{ source('raw', 'parse_issues') }}
),

renamed as (
    select
        document_id || '-i' || lpad(issue_seq::varchar, 4, '0') as parse_issue_id,
        document_id,
        issue_seq,
        severity,
        message,
        code,
        subject,
        block_seq,
        case
            when table_seq is not null then document_id || '-p' || lpad(table_seq::varchar, 3, '0')
        end as project_id,
        line,
        page
    from source
)

select * from renamed
