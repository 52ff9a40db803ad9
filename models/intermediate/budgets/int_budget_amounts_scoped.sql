{#
    One row per amount cell with a measure, with its line, its table's name and scope and the precision it is
    printed with: the grain every budget check (int_budget_checks_*) keys its figures by.
#}
{# Not a view like the rest of intermediate: the five budget checks read it, and as a view each would compute the
   counted tables (int_tables_deduplicated) again (budget_checks 40 times slower). Incremental by document
   (macros/incremental_by_document.sql): an amount's line, table and scope are its own document's. #}
{{ config(**by_document_config('int_document_revisions')) }}
with

lines as (
    select * from {{ ref('int_budget_lines_classified') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
    where measure is not null
),

table_scopes as (
    select * from {{ ref('int_budget_tables_scoped') }}
),

line_amounts as (
    -- One row per amount cell with a measure: the grain every check below keys its figures by.
    select
        lines.document_id,
        lines.budget_table_id,
        table_scopes.budget_table_seq,
        lines.budget_line_id,
        lines.budget_line_id || '-c' || {{ key_part('amounts.column_number', 2) }} as budget_amount_id,
        amounts.column_number,
        table_scopes.table_short,
        table_scopes.table_label,
        lines.classification,
        lines.code,
        lines.functional_code,
        lines.name,
        lines.name_bare,
        lines.unit_name,
        lines.is_total_line,
        lines.side,
        lines.line,
        table_scopes.funding_scope,
        table_scopes.organisation_scope,
        amounts.measure,
        amounts.amount_yuan,
        {{ printed_precision_yuan('amounts.value_printed', 'table_scopes.amount_unit') }} as precision_yuan,
        lines.document_revision
    from lines
    inner join amounts
        on lines.budget_line_id = amounts.budget_line_id
    inner join table_scopes
        on lines.budget_table_id = table_scopes.budget_table_id
)

select * from line_amounts
