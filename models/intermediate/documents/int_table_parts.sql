{#
    What each table of a document says, one row per table of a parsed document (a project's target or
    self-evaluation table, a budget table) and per document's 部门整体绩效目标 and narrative: its text and figures
    folded into content_said, and how complete its reading is. Everything here is
    read from the document's own raw rows, so it is built by document (macros/incremental_by_document.sql): a
    changed document's tables are read again, nobody else's. Which copy of a table the marts count is decided
    across documents in int_tables_deduplicated.
#}
{{ config(**by_document_config('stg_raw__documents')) }}

{#- A table's indicator rows, cell by cell (a monitoring table's progress, forecast and likelihood too: one period's
    report is not another's). -#}
{% set indicator_cells -%}
    string_agg(
        concat_ws('|', horizon, coalesce(level3, ''), coalesce(target_raw, ''), coalesce(actual_raw, ''),
            coalesce(score_printed, ''), coalesce(progress_raw, ''), coalesce(forecast_raw, ''),
            coalesce(likelihood, ''), coalesce(deviation_cause, '')),
        '#' order by horizon, row_number
    )
{%- endset %}

with

documents as (
    select document_id, document_revision from {{ ref('stg_raw__documents') }}
),

project_tables as (
    select * from {{ ref('stg_raw__project_tables') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

indicator_rows as (
    select * from {{ ref('stg_raw__indicator_rows') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

execution as (
    select * from {{ ref('stg_raw__budget_execution') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

budget_tables as (
    select * from {{ ref('stg_raw__budget_tables') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

budget_amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

goals as (
    select * from {{ ref('stg_raw__department_goals') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

indicators_said as (
    -- Folded once per table, not per cell: folding removes whitespace and maps full-width signs, never a '|' or a
    -- '#', so the fold of the joined cells is the join of the folded cells (horizon is annual or midterm).
    select
        project_id,
        {{ folded_text(indicator_cells) }} as indicators_said,
        count(*) filter (where level1 is not null) + count(*) filter (where level2 is not null) as n_levels_filled
    from indicator_rows
    group by project_id
),

execution_said as (
    select
        project_id,
        string_agg(
            concat_ws('|', role, coalesce(initial_amount::varchar, ''), coalesce(full_year_amount::varchar, ''),
                coalesce(executed_amount::varchar, ''), coalesce(forecast_amount::varchar, '')),
            '#' order by line_seq
        ) as execution_said
    from execution
    group by project_id
),

project_parts as (
    select
        project_tables.project_id as table_id,
        project_tables.document_id,
        'project_table' as table_type,
        project_tables.table_seq,
        project_tables.table_kind,
        coalesce(project_tables.project_name, project_tables.title) as table_name,
        project_tables.unit_name,
        -- a monitoring table's 1-7月: two periods' reports of one project are two tables, not near-duplicates
        project_tables.reporting_period as table_period,
        concat_ws('#',
            coalesce(project_tables.table_kind, ''),
            {{ folded_text('project_tables.project_name') }},
            coalesce(project_tables.budget_yuan::varchar, ''),
            coalesce(project_tables.fiscal_yuan::varchar, ''),
            coalesce(project_tables.other_yuan::varchar, ''),
            coalesce(project_tables.midterm_budget_yuan::varchar, ''),
            {{ folded_text('project_tables.reporting_period') }},
            coalesce(indicators_said.indicators_said, ''),
            coalesce(execution_said.execution_said, '')
        ) as content_said,
        -- How complete this reading is: header fields and 一级/二级 cells filled.
        (project_tables.unit_name is not null)::int + (project_tables.unit_code is not null)::int
            + (project_tables.project_code is not null)::int + (project_tables.amount_unit is not null)::int
            + (project_tables.supervising_department is not null)::int
            + (project_tables.project_attribute is not null)::int + (project_tables.goal is not null)::int
            + coalesce(indicators_said.n_levels_filled, 0) as completeness
    from project_tables
    left join indicators_said
        on project_tables.project_id = indicators_said.project_id
    left join execution_said
        on project_tables.project_id = execution_said.project_id
),

amounts_said as (
    select
        budget_lines.budget_table_id,
        string_agg(
            concat_ws('|', coalesce(budget_lines.code, ''), coalesce(budget_amounts.column_number::varchar, ''),
                coalesce(budget_amounts.amount::varchar, {{ folded_text('budget_amounts.value_printed') }})),
            '#' order by budget_lines.line_seq, budget_amounts.column_number
        ) as amounts_said,
        count(budget_lines.code) as n_codes
    from budget_lines
    left join budget_amounts
        on budget_lines.budget_line_id = budget_amounts.budget_line_id
    group by budget_lines.budget_table_id
),

budget_parts as (
    select
        budget_tables.budget_table_id as table_id,
        budget_tables.document_id,
        'budget_table' as table_type,
        budget_tables.budget_table_seq as table_seq,
        budget_tables.statement as table_kind,
        budget_tables.title as table_name,
        cast(null as varchar) as unit_name,
        cast(null as varchar) as table_period,
        concat_ws('#',
            coalesce(budget_tables.statement, ''),
            {{ folded_text('budget_tables.title') }},
            coalesce(amounts_said.amounts_said, '')
        ) as content_said,
        (budget_tables.table_number is not null)::int + (budget_tables.department is not null)::int
            + (budget_tables.amount_unit is not null)::int + coalesce(amounts_said.n_codes, 0) as completeness
    from budget_tables
    left join amounts_said
        on budget_tables.budget_table_id = amounts_said.budget_table_id
),

goal_parts as (
    select
        document_id || '-goals' as table_id,
        document_id,
        'department_goals' as table_type,
        0 as table_seq,
        cast(null as varchar) as table_kind,
        '部门整体绩效目标' as table_name,
        cast(null as varchar) as unit_name,
        cast(null as varchar) as table_period,
        string_agg(
            concat_ws('|', goal_seq::varchar, {{ folded_text('title') }}, {{ folded_text('goal') }},
                {{ folded_text('indicator_text') }}),
            '#' order by goal_seq
        ) as content_said,
        0 as completeness
    from goals
    group by document_id
),

narrative_parts as (
    select
        document_id || '-narrative' as table_id,
        document_id,
        'narrative' as table_type,
        0 as table_seq,
        cast(null as varchar) as table_kind,
        'narrative' as table_name,
        cast(null as varchar) as unit_name,
        cast(null as varchar) as table_period,
        string_agg(
            concat_ws('|', {{ folded_text('subject') }}, {{ folded_text('amount_printed') }},
                coalesce(amount_unit, '')),
            '#' order by claim_seq
        ) as content_said,
        0 as completeness
    from claims
    group by document_id
),

parts as (
    select * from project_parts
    union all
    select * from budget_parts
    union all
    select * from goal_parts
    union all
    select * from narrative_parts
),

final as (
    select
        parts.*,
        documents.document_revision
    from parts
    inner join documents
        on parts.document_id = documents.document_id
)

select * from final
