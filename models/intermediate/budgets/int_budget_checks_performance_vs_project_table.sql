{#
    Budget check 'performance budget equals 项目支出表': each project line of a 项目支出表 against the 预算数 of the
    performance target table it matches (project_expenditures). Judged in budget_checks.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

expenditures as (
    select * from {{ ref('project_expenditures') }}
),

projects as (
    select * from {{ ref('projects') }}
),

scopes as (
    select * from {{ ref('budget_scopes') }}
),

performance_scope as (
    select funding_scope, organisation_scope from scopes where source = 'performance_table' limit 1
),

performance_vs_project_table as (
    select
        expenditures.document_id,
        'performance budget equals 项目支出表' as check_name,
        coalesce(expenditures.project_name, '(no name)') || coalesce(' (' || expenditures.unit_name || ')', '') as subject,
        'total' as measure,
        project_lines.table_label || ': ' || coalesce(expenditures.project_name, '(no name)') as source_a,
        expenditures.line as line_a,
        project_lines.funding_scope as funding_scope_a,
        project_lines.organisation_scope as organisation_scope_a,
        expenditures.total_yuan as figure_a_yuan,
        project_lines.precision_yuan as precision_a_yuan,
        coalesce(
            '项目支出绩效目标表 ' || projects.table_seq || ': ' || coalesce(projects.project_name, '(no name)')
                || coalesce(' (' || projects.unit_name || ')', ''),
            'no matching performance table'
        ) as source_b,
        projects.first_line as line_b,
        performance_scope.funding_scope as funding_scope_b,
        performance_scope.organisation_scope as organisation_scope_b,
        expenditures.performance_budget_yuan as figure_b_yuan,
        {{ printed_precision_yuan('projects.budget_printed', 'projects.amount_unit') }} as precision_b_yuan,
        project_lines.budget_amount_id as key_a,
        coalesce(expenditures.project_id, 'no matching performance table') as key_b
    from expenditures
    inner join line_amounts as project_lines
        on expenditures.project_expenditure_id = project_lines.budget_line_id
        and project_lines.measure = 'total'
    left join projects
        on expenditures.project_id = projects.project_id
    cross join performance_scope
)

select * from performance_vs_project_table
