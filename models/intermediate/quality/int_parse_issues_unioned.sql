{# What the parsers reported (raw.parse_issues) and the scanned cells recognised below the threshold (int_ocr_issues). #}
with

issues as (
    select * from {{ ref('stg_raw__parse_issues') }}
),

ocr_issues as (
    select * from {{ ref('int_ocr_issues') }}
),

unioned as (
    select parse_issue_id, document_id, project_id, severity, message, code, subject, block_seq, line, page
    from issues
    union all
    select parse_issue_id, document_id, project_id, severity, message, code, subject, block_seq, line, page
    from ocr_issues
)

select * from unioned
