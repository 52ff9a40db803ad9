{#
    Each 年度主要任务 of a department-wide target table matched to the project tables it is: a project's own target
    table (or a transfer's) of the same unit and budget year whose name is the task's name, compared without
    whitespace, punctuation, a printed code, a leading year or level of government and a trailing 项目/专项
    (医保基金监管 = 2025年医保基金监管项目). Such a project's budget is inside the department's total (金额合计), so the
    two are never added. A task no project table names matches nothing; a project table matched by tasks of two
    department tables keeps the first.
#}
{{ config(materialized='table') }}

with

tasks as (
    select * from {{ ref('int_department_tasks_counted') }}
    where not coalesce(is_total, false)
),

tables as (
    select * from {{ ref('int_project_tables_counted') }}
),

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

named as (
    select * from {{ ref('int_projects_named') }}
),

placed as (
    -- Unit and year of every table; a document whose region is unresolved places its tables within itself.
    select
        tables.project_id,
        tables.table_kind,
        coalesce(documents.region_code, 'document ' || documents.document_id) || ':'
            || {{ normalised_name('tables.unit_name') }} as unit_key,
        documents.budget_year
    from tables
    inner join documents
        on tables.document_id = documents.document_id
),

task_names as (
    select
        tasks.department_task_id,
        tasks.project_id as department_project_id,
        tasks.task_seq,
        tasks.amount_yuan as task_amount_yuan,
        placed.unit_key,
        placed.budget_year,
        {{ task_name_key('tasks.task_name') }} as name_key
    from tasks
    inner join placed
        on tasks.project_id = placed.project_id
    where placed.table_kind = 'department_target'
),

project_names as (
    select
        placed.project_id,
        placed.unit_key,
        placed.budget_year,
        {{ task_name_key('named.project_name_normalised') }} as name_key
    from placed
    inner join named
        on placed.project_id = named.project_id
    where named.is_project_table and named.project_name_normalised is not null
),

matched as (
    select
        task_names.department_task_id,
        task_names.department_project_id,
        task_names.task_amount_yuan,
        project_names.project_id
    from task_names
    inner join project_names
        on task_names.unit_key = project_names.unit_key
        and task_names.budget_year = project_names.budget_year
        and task_names.name_key = project_names.name_key
    qualify row_number() over (
        partition by project_names.project_id order by task_names.department_project_id, task_names.task_seq
    ) = 1
),

final as (
    select * from matched
)

select * from final
