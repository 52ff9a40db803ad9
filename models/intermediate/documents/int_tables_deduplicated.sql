{#
    Counted once at the grain where it repeats: one row per table of a parsed document (a project's target or
    self-evaluation table, a budget table) and per document's 部门整体绩效目标 and narrative, with what it says
    (content_fingerprint) and whether it is the copy the marts count.

    The same table printed in several documents (same table_kind or statement, issuer, year, name, amounts and
    indicators; for a monitoring table also its reporting period and progress; a PDF, a DOCX and a text export of
    one disclosure, or a part of one document republished in another) is counted once: of its copies, the most
    complete reading (most fields and 一级/二级 cells filled) is counted, then the copy in the document that holds
    the most tables, the most indicator rows, a text layer over OCR, the fewest warnings, then the first file name
    (identical copies: nothing is lost by the choice). Each document keeps what only it has. A target table and a
    self-evaluation differ in table_kind, so they are never the same table, nor are two copies printing different
    units (a copy whose unit line was lost is a copy of the one unit its namesakes print). Within one document nothing is ever merged: the nth copy of a table in one document
    is matched to the nth in another. Blocked: copies are found only within one content_fingerprint (type, issuer,
    year and what it says) and unit, windows partitioned by them; the lost unit line is matched across units within
    the fingerprint (same issuer and year), never across all tables.
#}
{{ config(materialized='table') }}

with

documents as (
    select * from {{ ref('int_documents_regioned') }}
),

project_tables as (
    select * from {{ ref('stg_raw__project_tables') }}
),

indicator_rows as (
    select * from {{ ref('stg_raw__indicator_rows') }}
),

execution as (
    select * from {{ ref('stg_raw__budget_execution') }}
),

budget_tables as (
    select * from {{ ref('stg_raw__budget_tables') }}
),

budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
),

budget_amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
),

goals as (
    select * from {{ ref('stg_raw__department_goals') }}
),

claims as (
    select * from {{ ref('stg_raw__narrative_amounts') }}
),

indicators_said as (
    select
        project_id,
        string_agg(
            concat_ws('|', horizon, {{ folded_text('level3') }}, {{ folded_text('target_raw') }},
                {{ folded_text('actual_raw') }}, {{ folded_text('score_printed') }},
                -- a monitoring table's progress, forecast and likelihood: one period's report is not another's
                {{ folded_text('progress_raw') }}, {{ folded_text('forecast_raw') }}, {{ folded_text('likelihood') }},
                {{ folded_text('deviation_cause') }}),
            '#' order by horizon, row_number
        ) as indicators_said,
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

document_sizes as (
    select
        documents.document_id,
        count(parts.table_id) as n_parts,
        -- what the whole document says: who published a document whose issuer is unresolved
        md5(coalesce(string_agg(parts.content_said, '#' order by parts.table_type, parts.table_seq), '')) as said
    from documents
    left join parts
        on documents.document_id = parts.document_id
    group by documents.document_id
),

document_ranks as (
    -- The order documents are preferred in when copies of a table are equally complete.
    select
        documents.document_id,
        -- A table's publisher: the issuer, or for an unresolved one the whole of what its document says (tables of
        -- two unresolved documents are copies only where the documents say the same throughout; an empty table of
        -- one department is never taken for another's).
        coalesce(documents.issuer, 'unresolved issuer, document saying ' || document_sizes.said) as publisher,
        documents.budget_year,
        row_number() over (
            order by
                document_sizes.n_parts desc,
                documents.n_indicators desc nulls last,
                coalesce(documents.format, '') like '%+ocr' asc,
                documents.n_warnings asc nulls last,
                documents.file_name asc,
                documents.document_id asc
        ) as document_rank
    from documents
    inner join document_sizes
        on documents.document_id = document_sizes.document_id
    where documents.status not in ('failed', 'copy')
),

fingerprinted as (
    select
        parts.*,
        document_ranks.document_rank,
        md5(concat_ws('#', parts.table_type, document_ranks.publisher,
            coalesce(document_ranks.budget_year::varchar, ''), parts.content_said)) as content_fingerprint,
        -- Same kind of table, issuer, year, name (and reporting period): copies, or near-duplicates where the
        -- figures differ.
        md5(concat_ws('#', parts.table_type, coalesce(parts.table_kind, ''), document_ranks.publisher,
            coalesce(document_ranks.budget_year::varchar, ''), {{ folded_text('parts.table_name') }},
            {{ folded_text('parts.table_period') }})) as name_key
    from parts
    inner join document_ranks
        on parts.document_id = document_ranks.document_id
),

united as (
    -- Copies printing two different units are different units' tables, never one; a copy printing no unit (its unit
    -- line lost) is a copy of the one unit its namesakes print, where they print only one.
    select
        *,
        coalesce(
            {{ normalised_name('unit_name') }},
            if(count(distinct {{ normalised_name('unit_name') }}) over same_content = 1,
                max({{ normalised_name('unit_name') }}) over same_content, null)
        ) as unit_key
    from fingerprinted
    window same_content as (partition by content_fingerprint)
),

numbered as (
    -- The nth copy of a fingerprint and unit within a document (a table printed twice) matches the nth elsewhere.
    select
        *,
        row_number() over (
            partition by document_id, content_fingerprint, unit_key order by table_seq, table_id
        ) as occurrence
    from united
),

chosen as (
    select
        *,
        first_value(table_id) over same_table as counted_table_id,
        count(*) over same_table as n_copies
    from numbered
    window same_table as (
        partition by content_fingerprint, unit_key, occurrence
        order by completeness desc, document_rank asc
        rows between unbounded preceding and unbounded following
    )
),

final as (
    select
        table_id,
        document_id,
        table_type,
        table_seq,
        table_kind,
        table_name,
        content_fingerprint,
        name_key,
        unit_key,
        occurrence,
        completeness,
        document_rank,
        n_copies,
        counted_table_id,
        table_id = counted_table_id as is_counted
    from chosen
)

select * from final
