with

issues as (
    select * from {{ ref('stg_raw__parse_issues') }}
),

ocr_issues as (
    select * from {{ ref('int_ocr_issues') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

unioned as (
    select parse_issue_id, document_id, project_id, severity, message, code, subject, block_seq, line, page
    from issues
    union all
    select parse_issue_id, document_id, project_id, severity, message, code, subject, block_seq, line, page
    from ocr_issues
),

final as (
    select
        unioned.parse_issue_id,
        unioned.document_id,
        documents.file_name,
        unioned.project_id,
        unioned.severity,
        unioned.message,
        unioned.code,
        unioned.subject,
        unioned.block_seq,
        unioned.line,
        unioned.page
    from unioned
    inner join documents
        on unioned.document_id = documents.document_id
)

select * from final
