{#
    Each self-evaluation table matched to the target table its project published for the same year: by 项目编码
    where both print one, else by unit and project name (normalised: no whitespace, punctuation or printed code);
    a department-wide self-evaluation to the department-wide target table of the same unit and year. The first
    match by method wins; how many candidates there were is kept.
#}
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
        documents.budget_year
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

candidates as (
    select
        evaluations.project_id,
        targets.project_id as target_project_id,
        case
            when evaluations.project_code is not null and evaluations.project_code = targets.project_code
                then 'project code'
            when evaluations.table_kind = 'department_self_evaluation' then 'unit (department-wide)'
            else 'unit and name'
        end as match_method
    from evaluations
    inner join targets
        on evaluations.budget_year = targets.budget_year
        and (evaluations.table_kind = 'department_self_evaluation') = (targets.table_kind = 'department_target')
        and (
            (evaluations.project_code is not null and evaluations.project_code = targets.project_code)
            or (
                evaluations.region_code is not distinct from targets.region_code
                and evaluations.unit_key = targets.unit_key
                and (evaluations.table_kind = 'department_self_evaluation' or evaluations.name_key = targets.name_key)
            )
        )
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
