{#
    One row per continued project change (project_changes): the revision indicator_changes builds its rows from
    (macros/incremental_by_document.sql, by block). An md5 of the change's row and of the revisions of the documents
    of its two projects (int_document_revisions, which indicators is built by), so a change's rows are rebuilt
    exactly when either project's document or the change itself changed.
#}
with

changes as (
    select * from {{ ref('project_changes') }}
    where change = 'continued'
),

projects as (
    select project_id, document_id from {{ ref('projects') }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

revised as (
    select
        changes.project_change_id,
        md5(
            cast(changes as varchar)
            || '/' || coalesce(previous_revisions.document_revision, '')
            || '/' || coalesce(current_revisions.document_revision, '')
        ) as change_revision
    from changes
    left join projects as previous_projects
        on changes.previous_project_id = previous_projects.project_id
    left join revisions as previous_revisions
        on previous_projects.document_id = previous_revisions.document_id
    left join projects as current_projects
        on changes.project_id = current_projects.project_id
    left join revisions as current_revisions
        on current_projects.document_id = current_revisions.document_id
)

select * from revised
