with

issues as (
    select * from {{ ref('stg_raw__parse_issues') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

final as (
    select
        issues.parse_issue_id,
        issues.document_id,
        documents.file_name,
        issues.project_id,
        issues.severity,
        issues.message,
        issues.code,
        issues.subject,
        issues.block_seq,
        issues.line,
        issues.page
    from issues
    inner join documents
        on issues.document_id = documents.document_id
)

select * from final
