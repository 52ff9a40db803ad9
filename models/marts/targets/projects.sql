with

projects as (
    select * from {{ ref('int_project_tables_counted') }}
),

documents as (
    select * from {{ ref('int_documents_deduplicated') }}
),

indicators as (
    select * from {{ ref('int_indicators_joined') }}
),

execution_totals as (
    -- The 年度资金总额 line of a self-evaluation's or monitoring table's budget block.
    select
        project_id,
        min(initial_yuan) as initial_budget_yuan,
        min(executed_yuan) as executed_yuan,
        min(forecast_yuan) as forecast_executed_yuan
    from {{ ref('int_budget_execution_converted') }}
    where role = 'total'
    group by project_id
),

named as (
    select * from {{ ref('int_projects_named') }}
),

kinded as (
    select * from {{ ref('int_projects_kinded') }}
),

keyed as (
    select * from {{ ref('int_projects_keyed') }}
),

evaluations_keyed as (
    select * from {{ ref('int_self_evaluations_keyed') }}
),

inside_department as (
    select * from {{ ref('int_department_tasks_matched') }}
),

recognised_cells as (
    select * from {{ ref('int_table_cells_recognised') }}
),

recognition as (
    -- Lowest recognition confidence over every cell of the project's tables (header block and indicators).
    select
        project_id,
        min(confidence) as min_confidence,
        count(*) filter (where is_below_threshold) as n_cells_below_threshold
    from recognised_cells
    where project_id is not null
    group by project_id
),

indicator_counts as (
    select
        project_id,
        count(*) filter (where horizon = 'annual') as n_indicators,
        count(*) filter (where horizon = 'midterm') as n_midterm_indicators
    from indicators
    group by project_id
),

final as (
    select
        projects.project_id,
        coalesce(keyed.project_key, evaluations_keyed.project_key) as project_key,
        keyed.previous_project_id,
        keyed.link_rule,
        keyed.link_score,
        projects.document_id,
        projects.table_seq,
        documents.region_code || ':' || projects.unit_name as unit_id,
        projects.unit_code,
        projects.unit_name,
        coalesce(named.project_name_bare, projects.project_name) as project_name,
        projects.project_name as project_name_printed,
        named.project_name_normalised,
        named.funding_source,
        named.batch,
        named.name_year,
        named.is_named_after_fund,
        kinded.project_kind,
        kinded.project_kind_en,
        kinded.project_kind_rule,
        named.project_code,
        named.is_project_code_from_name,
        projects.title,
        documents.budget_year,
        documents.region_code,
        documents.region_code is not null and documents.budget_year is not null as is_comparable,
        -- What the amount is, so that a sum never mixes tables of different kinds or counts money twice.
        case
            when projects.table_kind = 'department_target' then 'department_total'
            when projects.table_kind = 'transfer_target' then 'transfer_allocation'
            when projects.table_kind = 'project_self_evaluation' then 'evaluated_project'
            when projects.table_kind = 'department_self_evaluation' then 'evaluated_department'
            when projects.table_kind = 'project_monitoring' then 'monitored_project'
            when projects.table_kind = 'department_monitoring' then 'monitored_department'
            else 'project_budget'
        end as amount_grain,
        inside_department.department_project_id as inside_department_table_id,
        inside_department.department_project_id is not null as is_inside_department,
        inside_department.department_task_id as inside_department_task_id,
        projects.amount_unit,
        projects.budget_yuan,
        projects.fiscal_yuan,
        projects.other_yuan,
        named.period_start_year,
        named.period_end_year,
        named.period_years,
        -- A total over a printed period spread evenly over its years (the budget as printed stays in budget_yuan);
        -- a table with its own mid-term column prints the annual amount in budget_yuan already.
        coalesce(named.period_years > 1 and projects.midterm_budget_yuan is null, false) as is_multi_year,
        if(named.period_years > 1 and projects.midterm_budget_yuan is null,
            try_cast(projects.budget_yuan / named.period_years as decimal(38, 2)),
            projects.budget_yuan) as annual_budget_yuan,
        projects.midterm_budget_yuan,
        projects.midterm_fiscal_yuan,
        projects.midterm_other_yuan,
        projects.carryover_yuan,
        projects.budget_printed,
        projects.layout,
        projects.table_kind,
        projects.supervising_department,
        projects.project_period,
        projects.central_fiscal_yuan,
        projects.local_fiscal_yuan,
        projects.goal_achieved,
        projects.total_score_printed,
        projects.project_attribute,
        projects.purpose,
        projects.goal,
        projects.midterm_goal,
        coalesce(indicator_counts.n_indicators, 0) as n_indicators,
        coalesce(indicator_counts.n_midterm_indicators, 0) as n_midterm_indicators,
        case when recognition.project_id is not null then 'ocr' else 'text' end as source,
        recognition.min_confidence,
        coalesce(recognition.n_cells_below_threshold, 0) as n_cells_below_threshold,
        projects.header_repeats,
        projects.first_line,
        projects.last_line,
        projects.first_page,
        projects.last_page,
        projects.first_position,
        -- Self-evaluations: the 年度资金总额 line of the budget block, and 总分 as a number.
        execution_totals.initial_budget_yuan,
        execution_totals.executed_yuan,
        projects.total_score,
        -- Monitoring tables: the months reported on, and the 全年预计执行数 of the 年度资金总额 line.
        projects.reporting_period,
        projects.reported_through_month,
        execution_totals.forecast_executed_yuan
    from projects
    inner join documents
        on projects.document_id = documents.document_id
    left join indicator_counts
        on projects.project_id = indicator_counts.project_id
    left join execution_totals
        on projects.project_id = execution_totals.project_id
    left join named
        on projects.project_id = named.project_id
    left join kinded
        on projects.project_id = kinded.project_id
    left join keyed
        on projects.project_id = keyed.project_id
    left join evaluations_keyed
        on projects.project_id = evaluations_keyed.project_id
    left join inside_department
        on projects.project_id = inside_department.project_id
    left join recognition
        on projects.project_id = recognition.project_id
)

select * from final
