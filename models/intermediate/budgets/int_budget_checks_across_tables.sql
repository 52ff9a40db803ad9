{#
    Budget check 'same figure across tables': each pair of tables of a document giving a total for the same
    functional 类. Judged in budget_checks.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

class_figures as (
    -- Every figure given for a functional 类: coded tables (210) and the 支出 side of two-sided tables (卫生健康支出).
    select *
    from line_amounts
    where measure = 'total' and length(functional_code) = 3
),

across_tables as (
    select
        first_table.document_id,
        'same figure across tables' as check_name,
        first_table.functional_code || ' ' || coalesce(first_table.name_bare, '') as subject,
        'total' as measure,
        first_table.table_label || ': ' || coalesce(first_table.name, '') as source_a,
        first_table.line as line_a,
        first_table.funding_scope as funding_scope_a,
        first_table.organisation_scope as organisation_scope_a,
        first_table.amount_yuan as figure_a_yuan,
        first_table.precision_yuan as precision_a_yuan,
        other_table.table_label || ': ' || coalesce(other_table.name, '') as source_b,
        other_table.line as line_b,
        other_table.funding_scope as funding_scope_b,
        other_table.organisation_scope as organisation_scope_b,
        other_table.amount_yuan as figure_b_yuan,
        other_table.precision_yuan as precision_b_yuan,
        first_table.budget_amount_id as key_a,
        other_table.budget_amount_id as key_b
    from class_figures as first_table
    inner join class_figures as other_table
        on first_table.document_id = other_table.document_id
        and first_table.functional_code = other_table.functional_code
        -- in the order the tables are printed (numbered or not)
        and other_table.budget_table_seq > first_table.budget_table_seq
)

select * from across_tables
