{#
    Budget check 'children sum to parent': a 类 equals the sum of its 款, a 款 the sum of its 项, column by column
    (one row per coded line with lower-level codes and amount column). Judged in budget_checks.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

coded_lines as (
    select distinct document_id, budget_table_id, budget_line_id, table_short, table_label, classification, code,
        name, line, funding_scope, organisation_scope
    from line_amounts
    where code is not null and classification in ('functional', 'economic')
),

families as (
    -- Each coded line with the lines one level below it in the same table (210 -> 21011, 21011 -> 2101101).
    select
        parent.budget_line_id as parent_line_id,
        child.budget_line_id as child_line_id,
        child.line as child_line
    from coded_lines as parent
    inner join coded_lines as child
        on parent.budget_table_id = child.budget_table_id
        and starts_with(child.code, parent.code)
        and length(child.code) = length(parent.code) + 2
),

family_sizes as (
    select parent_line_id, count(*) as n_children, min(child_line) as first_child_line
    from families
    group by parent_line_id
),

child_sums as (
    select
        families.parent_line_id,
        child_amounts.column_number,
        min(child_amounts.measure) as measure,
        sum(child_amounts.amount_yuan) as figure_yuan,
        -- a sum of rounded figures is off by up to half the last digit of each
        sum(child_amounts.precision_yuan) as precision_yuan
    from families
    inner join line_amounts as child_amounts
        on families.child_line_id = child_amounts.budget_line_id
    group by families.parent_line_id, child_amounts.column_number
),

parent_figures as (
    -- Per parent line and amount column: the parent's figure and its children's sum (either may be missing).
    select
        coalesce(parent_amounts.budget_line_id, child_sums.parent_line_id) as parent_line_id,
        coalesce(parent_amounts.column_number, child_sums.column_number) as column_number,
        coalesce(parent_amounts.measure, child_sums.measure) as measure,
        parent_amounts.amount_yuan as figure_a_yuan,
        parent_amounts.precision_yuan as precision_a_yuan,
        child_sums.figure_yuan as figure_b_yuan,
        child_sums.precision_yuan as precision_b_yuan
    from (
        select * from line_amounts where budget_line_id in (select parent_line_id from family_sizes)
    ) as parent_amounts
    full outer join child_sums
        on parent_amounts.budget_line_id = child_sums.parent_line_id
        and parent_amounts.column_number = child_sums.column_number
),

children_vs_parent as (
    -- A 类 equals the sum of its 款, a 款 the sum of its 项 (column by column).
    select
        parent.document_id,
        'children sum to parent' as check_name,
        concat_ws(' ', parent.table_short, parent.code, parent.name) as subject,
        parent_figures.measure,
        parent.table_label || ': ' || concat_ws(' ', parent.code, parent.name) as source_a,
        parent.line as line_a,
        parent.funding_scope as funding_scope_a,
        parent.organisation_scope as organisation_scope_a,
        parent_figures.figure_a_yuan,
        parent_figures.precision_a_yuan,
        parent.table_label || ': sum of ' || family_sizes.n_children || ' lower-level codes' as source_b,
        family_sizes.first_child_line as line_b,
        parent.funding_scope as funding_scope_b,
        parent.organisation_scope as organisation_scope_b,
        parent_figures.figure_b_yuan,
        parent_figures.precision_b_yuan,
        parent.budget_line_id || '-c' || {{ key_part('parent_figures.column_number', 2) }} as key_a,
        'lower-level codes' as key_b
    from parent_figures
    inner join coded_lines as parent
        on parent_figures.parent_line_id = parent.budget_line_id
    inner join family_sizes
        on parent_figures.parent_line_id = family_sizes.parent_line_id
)

select * from children_vs_parent
