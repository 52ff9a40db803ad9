{#
    The 项目支出表 lines, each matched to its performance table in the same document. Names differ in spacing,
    brackets and small suffixes (…142号 vs …142), so names are compared squashed, whole or as a prefix; where two
    performance tables share a name (银行利息 of two units) the unit decides.
#}
with

lines as (
    select * from {{ ref('budget_lines') }}
    where classification = 'project' and not is_total_line
),

projects as (
    select * from {{ ref('projects') }}
),

squashed as (
    select
        *,
        regexp_replace(translate(name, '（）【】', '()[]'), '\s+', '', 'g') as name_key
    from lines
),

project_keys as (
    select
        project_id,
        document_id,
        unit_name,
        budget_yuan,
        regexp_replace(translate(project_name, '（）【】', '()[]'), '\s+', '', 'g') as name_key
    from projects
),

candidates as (
    select
        squashed.budget_line_id,
        project_keys.project_id,
        project_keys.budget_yuan,
        case
            when squashed.name_key = project_keys.name_key then 'same name'
            else 'name prefix'
        end as match_method,
        row_number() over (
            partition by squashed.budget_line_id
            order by
                squashed.name_key = project_keys.name_key desc,
                coalesce(squashed.unit_name = project_keys.unit_name, false) desc,
                project_keys.project_id
        ) as match_rank
    from squashed
    inner join project_keys
        on squashed.document_id = project_keys.document_id
        and (
            squashed.name_key = project_keys.name_key
            or starts_with(squashed.name_key, project_keys.name_key)
            or starts_with(project_keys.name_key, squashed.name_key)
        )
        and (squashed.unit_name is null or project_keys.unit_name is null or squashed.unit_name = project_keys.unit_name)
),

final as (
    select
        squashed.budget_line_id as project_expenditure_id,
        squashed.document_id,
        squashed.line_seq,
        squashed.project_type,
        squashed.name as project_name,
        squashed.unit_name,
        squashed.total_yuan,
        squashed.fiscal_general_budget_yuan,
        squashed.special_account_yuan,
        squashed.unit_funds_yuan,
        candidates.project_id,
        candidates.match_method,
        candidates.budget_yuan as performance_budget_yuan,
        squashed.total_yuan - candidates.budget_yuan as difference_yuan,
        squashed.line
    from squashed
    left join candidates
        on squashed.budget_line_id = candidates.budget_line_id
        and candidates.match_rank = 1
)

select * from final
