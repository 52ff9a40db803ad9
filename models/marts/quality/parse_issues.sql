with

unioned as (
    select * from {{ ref('int_parse_issues_unioned') }}
),

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
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
