{#
    Each self-evaluation table matched to the target table its project published for the same year: by 项目编码
    where both print one, else by unit and project name (normalised: no whitespace, punctuation or printed code);
    a department-wide self-evaluation to the department-wide target table of the same unit and year. The first
    match by method wins; how many candidates there were is kept. Each rule is an equi-join on its block (code and
    year; region, unit, year and name), so no self-evaluation is compared with every target table of its year.
#}
{{ config(materialized='table') }}

with

projects as (
    select * from {{ ref('int_project_tables_counted') }}
),

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

named as (
    select project_id, project_code from {{ ref('int_projects_named') }}
),

tables as (
    select
        projects.project_id,
        projects.table_kind,
        -- printed in its own field, or with the name (51092322T000000431595-…)
        named.project_code,
        {{ normalised_name('projects.unit_name') }} as unit_key,
        {{ normalised_name('projects.project_name') }} as name_key,
        documents.region_code,
        documents.budget_year,
        projects.table_kind in ('department_self_evaluation', 'department_target') as is_department_wide,
        -- a department-wide table is matched by unit alone, a project's by unit and name
        if(projects.table_kind in ('department_self_evaluation', 'department_target'), '',
            {{ normalised_name('projects.project_name') }}) as name_block
    from projects
    inner join documents
        on projects.document_id = documents.document_id
    left join named
        on projects.project_id = named.project_id
),

evaluations as (
    select * from tables where table_kind in ('project_self_evaluation', 'department_self_evaluation')
),

targets as (
    select * from tables where table_kind in ('project_target', 'transfer_target', 'department_target')
),

by_code as (
    -- A printed 项目编码 is the project's wherever it is printed: matched across units and regions, blocked by
    -- code, year and grain.
    select
        evaluations.project_id,
        targets.project_id as target_project_id,
        'project code' as match_method
    from evaluations
    inner join targets
        on evaluations.project_code = targets.project_code
        and evaluations.budget_year = targets.budget_year
        and evaluations.is_department_wide = targets.is_department_wide
),

by_unit as (
    -- Blocked by region, normalised unit, year, grain and (for a project) normalised name: only tables of one unit
    -- are ever compared. A pair the code already matched is not matched again.
    select
        evaluations.project_id,
        targets.project_id as target_project_id,
        if(evaluations.is_department_wide, 'unit (department-wide)', 'unit and name') as match_method
    from evaluations
    inner join targets
        on evaluations.region_code is not distinct from targets.region_code
        and evaluations.unit_key = targets.unit_key
        and evaluations.budget_year = targets.budget_year
        and evaluations.is_department_wide = targets.is_department_wide
        and evaluations.name_block = targets.name_block
    where not coalesce(evaluations.project_code = targets.project_code, false)
),

candidates as (
    select * from by_code
    union all
    select * from by_unit
),

ranked as (
    select
        *,
        count(*) over (partition by project_id) as n_candidates,
        row_number() over (
            partition by project_id
            order by case match_method when 'project code' then 1 else 2 end, target_project_id
        ) as match_rank
    from candidates
),

final as (
    select project_id, target_project_id, match_method, n_candidates
    from ranked
    where match_rank = 1
)

select * from final
